using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>A moderator's note or question over Telegram's 4,096 characters comes as parts (only the first a reply): the
/// next part is taken with it, and the moderator is told so; nothing else the moderator writes in the group is, and
/// above all nothing else reaches the member.</summary>
public sealed class ModeratorCutPartsTests : TelegramScenario
{
    private const string Story = "Три дня не давали метадон в стационаре, сказали лечиться без него.";

    private const string Question = "Расскажите, пожалуйста, подробнее, кто именно отказал и что при этом сказал. ";

    private const string Remark = "Коллеги, это тот же человек, что звонил вчера? ";

    private static string T(string key) => Texts.Get("ru", key);

    private static string Repeated(string sentence, int length) =>
        string.Concat(Enumerable.Repeat(sentence, length / sentence.Length + 1))[..length].Trim();

    /// <summary>A report whose member agreed to questions, its card in the moderators' group, and the moderator's
    /// "what is your question?" prompt about it.</summary>
    private async Task<(FakeMember Member, FakeMember Moderator, string Label, BotMessage Prompt)> AskPromptAsync(long memberId, long moderatorId)
    {
        var moderators = Moderators();
        var moderator = Moderator(moderatorId);
        var member = await MemberAtCategoryAsync(memberId);
        var receipt = await ReportFromCategoryAsync(member, followUp: true, Story);
        var label = Scripts.Label().Match(receipt.Text ?? "").Value;
        await moderators.WaitForReplyAsync(m => m.Text?.Contains(label, StringComparison.Ordinal) == true);
        await moderators.MemberPressesAsync(moderator, T("mod.ask"));
        var prompt = await moderators.WaitForReplyAsync(m => m.Text?.StartsWith("❓ " + label, StringComparison.Ordinal) == true);
        return (member, moderator, label, prompt);
    }

    [Theory]
    [InlineData(4096, 28)]
    // Telegram Desktop cuts at the last paragraph after the first half of the limit: here a 1,700-character paragraph.
    [InlineData(2600, 1700)]
    public async Task TheNextPartOfALongQuestionTheAppCutReachesTheMemberAndTheModeratorIsToldItWasTakenAsTheRest(int firstLength, int nextLength)
    {
        await using var bot = await StartBotAsync();
        var moderators = Moderators();
        var (member, aigul, label, prompt) = await AskPromptAsync(752001, 752100);
        var next = "И последнее: " + Repeated("вы писали жалобу главврачу? ", nextLength);

        var first = await moderators.MemberRepliesThenSaysAsync(aigul, prompt, Repeated(Question, firstLength), next);
        var told = await moderators.WaitForReplyAsync(m => m.ReplyToMessageId == first.Message?.Id + 1);

        await member.WaitForReplyAsync(m => m.Text?.Contains("И последнее: вы писали", StringComparison.Ordinal) == true);
        var questions = (await bot.Reports.FindByLabelAsync(label))?.Notes ?? [];
        Assert.Equal(2, questions.Length);
        Assert.All(questions, note => Assert.True(note.Question));
        Assert.Equal(next, questions[^1].Text);
        Assert.Equal(T("mod.cut.question") + "\n" + Texts.Get("ru", "mod.ask.sent", ("label", label)), told.Text);
    }

    [Theory]
    // A remark sent at once with a long question (queued while offline, say) that with it is under the limit: no app cut.
    [InlineData(3800, 60, 0)]
    // A text of 2,000 characters is cut by no app (none cuts in the first half of the limit), whatever follows it.
    [InlineData(2000, 2200, 0)]
    // The parts of a cut text are dated together; eight seconds later it is another message.
    [InlineData(4096, 500, 8)]
    public async Task AMessageThatCannotBeTheRestOfALongQuestionNeverReachesTheMember(int firstLength, int nextLength, int secondsLater)
    {
        await using var bot = await StartBotAsync();
        var (member, aigul, label, prompt) = await AskPromptAsync(752002, 752200);

        await Moderators().MemberRepliesThenSaysAsync(aigul, prompt, Repeated(Question, firstLength), Repeated(Remark, nextLength), TimeSpan.FromSeconds(secondsLater));
        await member.WaitForReplyAsync(m => m.Text?.Contains(Question[..40], StringComparison.Ordinal) == true);
        await Server.WaitUntilIdleAsync();

        Assert.DoesNotContain(member.Replies, m => m.Text?.Contains("тот же человек", StringComparison.Ordinal) == true);
        Assert.Single((await bot.Reports.FindByLabelAsync(label))?.Notes ?? []);
    }

    [Fact]
    public async Task ARemarkWrittenAfterTheBotAnsweredALongQuestionIsTheGroupsOwnAndNeverReachesTheMember()
    {
        await using var bot = await StartBotAsync();
        var moderators = Moderators();
        var (member, aigul, label, prompt) = await AskPromptAsync(752003, 752300);

        await moderators.MemberRepliesAsync(aigul, prompt, Repeated(Question, 4096));
        await moderators.WaitForReplyAsync(m => m.ReplyToMessageId is not null);
        await moderators.MemberSaysAsync(aigul, Remark.Trim());
        await member.WaitForReplyAsync(m => m.Text?.Contains(Question[..40], StringComparison.Ordinal) == true);
        await Server.WaitUntilIdleAsync();

        Assert.DoesNotContain(member.Replies, m => m.Text?.Contains("тот же человек", StringComparison.Ordinal) == true);
        Assert.Single((await bot.Reports.FindByLabelAsync(label))?.Notes ?? []);
    }

    [Fact]
    public async Task TheNextPartOfALongNoteTheAppCutIsKeptWithTheSameReportAndTheModeratorIsToldItWasTakenAsTheRest()
    {
        await using var bot = await StartBotAsync();
        var moderators = Moderators();
        var aigul = Moderator(752400);
        var (_, label, card) = await CardAsync(752004);
        var first = Repeated("Позвонили в больницу, там подтверждают отказ и ссылаются на приказ. ", 4096);

        var sent = await moderators.MemberRepliesThenSaysAsync(aigul, card, first, "Конец заметки: завтра идём к главврачу.");
        var told = await moderators.WaitForReplyAsync(m => m.ReplyToMessageId == sent.Message?.Id + 1);

        var notes = (await bot.Reports.FindByLabelAsync(label))?.Notes ?? [];
        Assert.Equal(2, notes.Length);
        Assert.Equal("Конец заметки: завтра идём к главврачу.", notes[^1].Text);
        Assert.Equal(T("mod.cut.note") + "\n" + Texts.Get("ru", "mod.note.added", ("label", label)), told.Text);
    }

    [Fact]
    public async Task ARemarkWrittenAfterTheBotAnsweredALongNoteIsNotKeptWithTheReport()
    {
        await using var bot = await StartBotAsync();
        var moderators = Moderators();
        var aigul = Moderator(752500);
        var (_, label, card) = await CardAsync(752005);

        await moderators.MemberRepliesAsync(aigul, card, Repeated("Позвонили в больницу, там подтверждают отказ и ссылаются на приказ. ", 4096));
        var kept = await moderators.WaitForReplyAsync(m => m.ReplyToMessageId is not null && m.ReplyToMessageId != card.MessageId);
        await moderators.MemberSaysAsync(aigul, Remark.Trim());
        await Server.WaitUntilIdleAsync();

        Assert.Single((await bot.Reports.FindByLabelAsync(label))?.Notes ?? []);
        Assert.DoesNotContain(moderators.BotMessages, m => m.MessageId > kept.MessageId && m.ReplyToMessageId is not null);
    }

    private async Task<(FakeMember Member, string Label, BotMessage Card)> CardAsync(long memberId)
    {
        var member = await MemberAtCategoryAsync(memberId);
        var receipt = await ReportFromCategoryAsync(member, followUp: false, Story);
        var label = Scripts.Label().Match(receipt.Text ?? "").Value;
        var card = await Moderators().WaitForReplyAsync(m => m.Text?.StartsWith(label, StringComparison.Ordinal) == true);
        return (member, label, card);
    }
}
