using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>Moderators who type their commands as people type: a full stop at the end, a label typed with the Russian
/// layout on. What they meant is done, end to end through the fake Bot API.</summary>
public sealed class ModeratorsTypingTests : TelegramScenario
{
    private static string T(string key) => Texts.Get("ru", key);

    private async Task<(FakeGroup Moderators, FakeMember Moderator, string Label, FakeMember Member)> CardAsync(long moderatorId, long memberId, bool followUp = false)
    {
        var moderators = Server.Group(TelegramBotHost.ModeratorsChatId, "Модераторы");
        var moderator = Server.PrivateChatWith(userId: moderatorId, firstName: "Айгуль", username: null, languageCode: "ru");
        Server.SetMembership(TelegramBotHost.ModeratorsChatId, moderator.UserId, "member");
        var member = await MemberAtCategoryAsync(memberId);
        var receipt = await ReportFromCategoryAsync(member, followUp, "Три дня не давали метадон в стационаре, сказали лечиться без него.");
        var label = Scripts.Label().Match(receipt.Text ?? "").Value;
        await moderators.WaitForReplyAsync(m => m.Text?.StartsWith(label, StringComparison.Ordinal) == true);
        return (moderators, moderator, label, member);
    }

    private async Task<IReadOnlyList<BotMessage>> AnswersToAsync(FakeGroup moderators, FakeMember moderator, string command)
    {
        var before = Server.SentMessages(TelegramBotHost.ModeratorsChatId).Count;
        await moderators.MemberSaysAsync(moderator, command);
        // Every command here is answered: idle alone could be seen before a loaded machine's bot has begun the answer.
        await EventuallyAsync(() => Server.SentMessages(TelegramBotHost.ModeratorsChatId).Count > before, "the command was not answered");
        await Server.WaitUntilIdleAsync();
        return [.. Server.SentMessages(TelegramBotHost.ModeratorsChatId).Skip(before)];
    }

    /// <summary>The label as the same keys give it with the Russian layout on: R-7K3Q is typed К-7Л3Й.</summary>
    private static string OnRussianLayout(string label) =>
        string.Concat(label.Select(c => "QWERTYUIOPASDFGHJKLZXCVBNM".IndexOf(c, StringComparison.Ordinal) is >= 0 and var at
            ? "ЙЦУКЕНГШЩЗФЫВАПРОЛДЯЧСМИТЬ"[at] : c));

    [Fact]
    public async Task ALabelTypedWithTheRussianLayoutOnShowsAndFindsThatReport()
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, label, _) = await CardAsync(747100, 747001);
        var typed = OnRussianLayout(label);

        var shown = await AnswersToAsync(moderators, aigul, "/show " + typed);
        var found = await AnswersToAsync(moderators, aigul, "/find " + typed);

        Assert.StartsWith(label, Assert.Single(shown).Text, StringComparison.Ordinal);
        Assert.StartsWith("• " + label, Assert.Single(found).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/queue new.")]
    [InlineData("/queue new!")]
    [InlineData("/queue nеw.")]
    public async Task AStatusWithAFullStopAfterItListsThatStatus(string command)
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, label, _) = await CardAsync(747300, 747003);

        var answer = Assert.Single(await AnswersToAsync(moderators, aigul, command));

        Assert.Contains(label, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStatusWrittenAsItReadsWithASpaceListsThatStatus()
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, label, _) = await CardAsync(747400, 747004);
        await moderators.MemberPressesAsync(aigul, T("mod.take"));
        await Server.WaitUntilIdleAsync();

        var answer = Assert.Single(await AnswersToAsync(moderators, aigul, "/queue in review"));

        Assert.Contains(label, answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(T("mod.queue.unknown").Split('{')[0], answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/export csv.")]
    [InlineData("/export csv, 2026.")]
    [InlineData("/export 2026 , csv")]
    public async Task AnExportWithAFullStopOrCommasAfterItsWordsIsSent(string command)
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, _, _) = await CardAsync(747500, 747005);

        await moderators.MemberSaysAsync(aigul, command);

        await EventuallyAsync(() => Server.Calls("sendDocument").Count > 0, "no export was sent");
        Assert.DoesNotContain(moderators.BotMessages, m => m.Text?.Contains("№ 1", StringComparison.Ordinal) == true
            || m.Text?.Contains("№ 2", StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData("?")]
    [InlineData("...")]
    [InlineData("👍")]
    public async Task AReplyToTheQuestionPromptWithNoWordsIsNotSentToTheMemberAndTheModeratorIsToldWhy(string typed)
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, label, member) = await CardAsync(747600, 747006, followUp: true);
        var before = member.Replies.Count;
        await moderators.MemberPressesAsync(aigul, T("mod.ask"));
        var ask = await moderators.WaitForReplyAsync(m => m.Text?.StartsWith("❓ " + label, StringComparison.Ordinal) == true);

        await moderators.MemberRepliesAsync(aigul, ask, typed);
        var answer = await moderators.WaitForReplyAsync(m => m.ReplyToMessageId is not null);
        await moderators.MemberRepliesAsync(aigul, ask, "В какой больнице это было?");
        await moderators.WaitForReplyAsync(m => m.ReplyToMessageId is not null && m.MessageId > answer.MessageId);
        await Server.WaitUntilIdleAsync();

        Assert.Equal(Texts.Get("ru", "mod.ask.empty", ("label", label)), answer.Text);
        // The prompt still takes the question written in words, and only that one reaches the member.
        var relayed = Assert.Single(member.Replies.Skip(before));
        Assert.Contains("В какой больнице это было?", relayed.Text, StringComparison.Ordinal);
        Assert.Single((await bot.Reports.FindByLabelAsync(label))?.Notes ?? []);
    }

    [Theory]
    [InlineData("/show")]
    [InlineData("/show@community_test_bot")]
    public async Task ShowWithoutALabelInReplyToACardShowsThatCard(string typed)
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, label, _) = await CardAsync(747700, 747007);
        var card = moderators.BotMessages[^1];

        await moderators.MemberRepliesAsync(aigul, card, typed);
        var answer = await moderators.WaitForReplyAsync(m => m.MessageId > card.MessageId);
        await Server.WaitUntilIdleAsync();

        Assert.StartsWith(label, answer.Text, StringComparison.Ordinal);
        Assert.Empty((await bot.Reports.FindByLabelAsync(label))?.Notes ?? []);
    }

    [Theory]
    [InlineData("/queue на рассмотрении")]
    [InlineData("/queue в работе")]
    public async Task AStatusInRussianWordsListsThatStatus(string command)
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, label, _) = await CardAsync(747800, 747008);
        await moderators.MemberPressesAsync(aigul, T("mod.take"));
        await Server.WaitUntilIdleAsync();

        var answer = Assert.Single(await AnswersToAsync(moderators, aigul, command));

        Assert.Contains(label, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExportInRussianWordsIsSentWithTheFilterItRead()
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, _, _) = await CardAsync(747900, 747009);

        await moderators.MemberSaysAsync(aigul, "/export csv новые за последние 30 дней");
        await EventuallyAsync(() => Server.Calls("sendDocument").Count > 0, "no export was sent");
        await moderators.MemberSaysAsync(aigul, "/export csv new 30d");
        await EventuallyAsync(() => Server.Calls("sendDocument").Count > 1, "no second export was sent");

        var captions = Server.Calls("sendDocument").Select(call => call.String("caption")).ToList();
        Assert.Equal(captions[1], captions[0]);
        Assert.EndsWith(" new", captions[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStatusNotUnderstoodIsAnsweredWithTheStatusesAsTheCardsNameThem()
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, _, _) = await CardAsync(748000, 747010);

        var answer = Assert.Single(await AnswersToAsync(moderators, aigul, "/queue вчерашние"));

        Assert.Contains(T("mod.status.in_review") + " (in_review)", answer.Text, StringComparison.Ordinal);
    }
}
