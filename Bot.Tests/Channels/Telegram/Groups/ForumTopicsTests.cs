using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;

namespace CommunityBot.Tests.Channels.Telegram.Groups;

/// <summary>In a group with topics (a forum), the bot answers in the topic it was spoken to in, never in General, where
/// the person who wrote may not look.</summary>
public sealed class ForumTopicsTests : TelegramScenario
{
    private const int Topic = 42;

    [Theory]
    [InlineData("вчера опять не дали метадон в больнице, сказали нет лицензии", "tg.nudge")]
    [InlineData("мой код 7K3Q-XM2P-4HNA-9TWE", "tg.code_in_group")]
    [InlineData("/report", "tg.group_report")]
    public async Task WhatAMemberWritesInATopicIsAnsweredInThatTopic(string text, string answerKey)
    {
        await using var bot = await StartBotAsync();
        var (group, bob) = CommunityForum();

        await group.MemberSaysInTopicAsync(bob, Topic, text);
        var answer = await group.WaitForReplyAsync();

        Assert.Equal(T("ru", answerKey), answer.Text);
        Assert.Equal(Topic, answer.Topic);
    }

    [Fact]
    public async Task ANudgeToAMessageInGeneralStaysInGeneral()
    {
        await using var bot = await StartBotAsync();
        var (group, bob) = CommunityForum();

        await group.MemberSaysAsync(bob, "вчера опять не дали метадон в больнице, сказали нет лицензии");
        var nudge = await group.WaitForReplyAsync();

        Assert.Equal(T("ru", "tg.nudge"), nudge.Text);
        Assert.Null(nudge.Topic);
    }

    /// <summary>The community as a group with topics, and a member in it.</summary>
    private (FakeGroup Group, FakeMember Member) CommunityForum() =>
        (Server.ForumGroup(TelegramBotHost.CommunityChatId, "ОЗТ Алматы"),
            Server.PrivateChatWith(userId: 748100, firstName: "Bob", username: null, languageCode: "ru"));

    [Fact]
    public async Task AModeratorsCommandTypedInATopicIsAnsweredInThatTopic()
    {
        await using var bot = await StartBotAsync();
        var moderators = Server.ForumGroup(TelegramBotHost.ModeratorsChatId, "Модераторы");
        var aigul = Moderator(748200);

        await moderators.MemberSaysInTopicAsync(aigul, Topic, "/queue");
        var queue = await moderators.WaitForReplyAsync();
        await moderators.MemberSaysInTopicAsync(aigul, Topic, "/help");
        var help = await moderators.WaitForReplyAsync();

        Assert.Equal(T("ru", "mod.queue.empty"), queue.Text);
        Assert.Equal(Topic, queue.Topic);
        Assert.Equal(T("ru", "mod.help"), help.Text);
        Assert.Equal(Topic, help.Topic);
    }

    [Fact]
    public async Task StatsAndExportsAskedForInATopicArriveInThatTopic()
    {
        await using var bot = await StartBotAsync();
        var moderators = Server.ForumGroup(TelegramBotHost.ModeratorsChatId, "Модераторы");
        var aigul = Moderator(748201);

        await moderators.MemberSaysInTopicAsync(aigul, Topic, "/stats");
        await moderators.WaitForReplyAsync(m => m.File is not null);
        await moderators.MemberSaysInTopicAsync(aigul, Topic, "/export csv");
        await moderators.WaitForReplyAsync(m => m.Text?.EndsWith(T("ru", "mod.export.empty"), StringComparison.Ordinal) == true);

        var answers = Server.SentMessages(TelegramBotHost.ModeratorsChatId);
        Assert.Equal(3, answers.Count);
        Assert.All(answers, answer => Assert.Equal(Topic, answer.Topic));
    }

    [Fact]
    public async Task ALetterStartedInATopicIsWrittenInThatTopic()
    {
        await using var bot = await StartBotAsync();
        var moderators = Server.ForumGroup(TelegramBotHost.ModeratorsChatId, "Модераторы");
        var aigul = Moderator(748202);

        await moderators.MemberSaysInTopicAsync(aigul, Topic, "/letter");
        var pick = await moderators.WaitForReplyAsync(m => m.Text == T("ru", "letters.tg.pick"));
        await moderators.MemberPressesAsync(aigul, pick.ButtonTexts[0]);
        var question = await moderators.WaitForReplyAsync();
        await moderators.MemberRepliesAsync(aigul, question, "/cancel");
        var cancelled = await moderators.WaitForReplyAsync(m => m.Text == T("ru", "letters.tg.cancelled"));

        Assert.Equal(Topic, pick.Topic);
        Assert.Equal(Topic, question.Topic);
        Assert.Equal(Topic, cancelled.Topic);
    }

    [Fact]
    public async Task TheSecondPartOfALongNoteTheAppCutIsKeptWhenWrittenInATopic()
    {
        await using var bot = await StartBotAsync();
        var moderators = Server.ForumGroup(TelegramBotHost.ModeratorsChatId, "Модераторы");
        var aigul = Moderator(748203);
        var member = await MemberAtCategoryAsync(748204);
        var receipt = await ReportFromCategoryAsync(member, followUp: false, "Три дня не давали метадон в стационаре.");
        var label = Scripts.Label().Match(receipt.Text ?? "").Value;
        await moderators.WaitForReplyAsync(m => m.Text?.StartsWith(label, StringComparison.Ordinal) == true);
        await moderators.MemberSaysInTopicAsync(aigul, Topic, "/show " + label);
        var copy = await moderators.WaitForReplyAsync(m => m.Text?.StartsWith(label, StringComparison.Ordinal) == true);
        var first = string.Concat(Enumerable.Repeat("Позвонили в больницу, там подтверждают отказ и ссылаются на приказ. ", 70))[..4096];

        var sent = await moderators.MemberRepliesThenSaysInTopicAsync(aigul, copy, first, Topic, "Конец заметки: завтра идём к главврачу.");
        var told = await moderators.WaitForReplyAsync(m => m.ReplyToMessageId == sent.Message?.Id + 1);

        var notes = (await bot.Reports.FindByLabelAsync(label))?.Notes ?? [];
        Assert.Equal(2, notes.Length);
        Assert.Equal("Конец заметки: завтра идём к главврачу.", notes[^1].Text);
        Assert.Equal(Topic, copy.Topic);
        Assert.Equal(Topic, told.Topic);
    }
}
