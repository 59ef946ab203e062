using CommunityBot.Moderation;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>The commands moderators type in their group get an answer that fits what they typed.</summary>
public sealed class ModeratorCommandsTests : TelegramScenario
{
    private static string T(string key) => Texts.Get("ru", key);

    private async Task<(FakeGroup Moderators, FakeMember Moderator, string Label)> CardAsync(long moderatorId, long memberId)
    {
        var moderators = Server.Group(TelegramBotHost.ModeratorsChatId, "Модераторы");
        var moderator = Server.PrivateChatWith(userId: moderatorId, firstName: "Айгуль", username: null, languageCode: "ru");
        Server.SetMembership(TelegramBotHost.ModeratorsChatId, moderator.UserId, "member");
        var member = await MemberAtCategoryAsync(memberId);
        var receipt = await ReportFromCategoryAsync(member, followUp: false, "Три дня не давали метадон в стационаре, сказали лечиться без него.");
        var label = Scripts.Label().Match(receipt.Text ?? "").Value;
        await moderators.WaitForReplyAsync(m => m.Text?.StartsWith(label, StringComparison.Ordinal) == true);
        return (moderators, moderator, label);
    }

    private async Task<IReadOnlyList<BotMessage>> AnswersToAsync(FakeGroup moderators, FakeMember moderator, string command)
    {
        var before = Server.SentMessages(TelegramBotHost.ModeratorsChatId).Count;
        await moderators.MemberSaysAsync(moderator, command);
        await Server.WaitUntilIdleAsync();
        return [.. Server.SentMessages(TelegramBotHost.ModeratorsChatId).Skip(before)];
    }

    [Fact]
    public async Task ShowWithSeveralLabelsOrNoneAsksForOneInsteadOfSayingThereIsNoSuchReport()
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, label) = await CardAsync(746100, 746001);

        var several = await AnswersToAsync(moderators, aigul, $"/show {label} R-ZZZZ");
        var none = await AnswersToAsync(moderators, aigul, "/show");
        var unknown = await AnswersToAsync(moderators, aigul, "/show R-ZZZZ");

        Assert.Equal(T("mod.show.usage"), Assert.Single(several).Text);
        Assert.Equal(T("mod.show.usage"), Assert.Single(none).Text);
        Assert.Equal(T("mod.show.none"), Assert.Single(unknown).Text);
    }

    [Fact]
    public async Task ACommandForAnotherBotInTheModeratorsGroupIsLeftToThatBot()
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, label) = await CardAsync(746200, 746002);

        var queueForOther = await AnswersToAsync(moderators, aigul, "/queue@other_bot");
        var startForOther = await AnswersToAsync(moderators, aigul, "/start@other_bot");
        var queueForUs = await AnswersToAsync(moderators, aigul, "/queue@" + Server.BotUser.Username);

        Assert.Empty(queueForOther);
        Assert.Empty(startForOther);
        Assert.Contains(label, Assert.Single(queueForUs).Text);
    }

    [Theory]
    [InlineData("/queue")]
    [InlineData("/stats")]
    public async Task AVeryLongWordAfterACommandIsAnsweredInOneMessageThatDoesNotRepeatIt(string command)
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, _) = await CardAsync(746300, 746003);

        var answers = await AnswersToAsync(moderators, aigul, command + " " + new string('ж', 5000));

        var answer = Assert.Single(answers);
        Assert.Contains(ReportFilterWords.StatusIds[1], answer.Text);
        Assert.DoesNotContain("жж", answer.Text, StringComparison.Ordinal);
    }
}
