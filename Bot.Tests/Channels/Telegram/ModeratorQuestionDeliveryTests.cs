using System.Globalization;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>A moderator's question that cannot reach the member: the moderator is told plainly why, nothing is tried
/// again by itself, and nothing in the log names the member's chat.</summary>
public sealed class ModeratorQuestionDeliveryTests : TelegramScenario
{
    private static string T(string key) => Texts.Get("ru", key);

    private Task<TelegramBotHost> StartLoggedBotAsync(CollectingLoggerProvider log) =>
        StartBotAsync(services: services => services.AddSingleton<ILoggerProvider>(log));

    [Fact]
    public async Task AQuestionToAMemberWhoBlockedTheBotTellsTheModeratorTheyCannotBeReachedAndIsNotTriedAgain()
    {
        using var log = new CollectingLoggerProvider();
        await using var bot = await StartLoggedBotAsync(log);
        var (moderators, moderator, member, label) = await CardAsync(732100, 732001);
        member.BlocksBot();
        var before = QuestionsSentTo(member);

        var said = await AskAsync(moderators, moderator, label, "В каком отделении это было?");
        await Server.WaitUntilIdleAsync();

        Assert.Equal(T("mod.ask.not_sent").Replace("{label}", label, StringComparison.Ordinal), said.Text);
        Assert.Equal(before + 1, QuestionsSentTo(member));
        Assert.DoesNotContain(log.Messages, line => line.Contains(member.ChatId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    [Fact]
    public async Task AQuestionTelegramCouldNotTakeForNowTellsTheModeratorToAskAgainLaterNotThatTheMemberIsGone()
    {
        using var log = new CollectingLoggerProvider();
        await using var bot = await StartLoggedBotAsync(log);
        var (moderators, moderator, member, label) = await CardAsync(732200, 732002);

        // Every try the sender makes at the question is answered 502.
        var said = await AskAsync(moderators, moderator, label, "В каком отделении это было?",
            beforeReply: () => Server.FailNext("sendMessage", 502, "Bad Gateway", times: 5));

        Assert.Equal(T("mod.ask.not_sent_now").Replace("{label}", label, StringComparison.Ordinal), said.Text);
        Assert.DoesNotContain(log.Messages, line => line.Contains(member.ChatId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    private int QuestionsSentTo(FakeMember member) => Server.Calls("sendMessage").Count(c => c.ChatId == member.ChatId);

    /// <summary>A member who agreed to be asked has reported; the card is up in the moderators' group, with a moderator.</summary>
    private async Task<(FakeGroup Moderators, FakeMember Moderator, FakeMember Member, string Label)> CardAsync(long moderatorId, long memberId)
    {
        var moderators = Server.Group(TelegramBotHost.ModeratorsChatId, "Модераторы");
        var moderator = Server.PrivateChatWith(userId: moderatorId, firstName: "Айгуль", username: null, languageCode: "ru");
        Server.SetMembership(TelegramBotHost.ModeratorsChatId, moderator.UserId, "member");
        var member = await MemberAtCategoryAsync(memberId);
        var receipt = await ReportFromCategoryAsync(member, followUp: true, "Три дня не давали метадон в стационаре, сказали лечиться без него.");
        var label = Scripts.Label().Match(receipt.Text ?? "").Value;
        await moderators.WaitForReplyAsync(m => m.Text?.Contains(label, StringComparison.Ordinal) == true);
        return (moderators, moderator, member, label);
    }

    /// <summary>The moderator presses "Need information" and replies to the bot's prompt with a question.</summary>
    private static async Task<BotMessage> AskAsync(FakeGroup moderators, FakeMember moderator, string label, string question, Action? beforeReply = null)
    {
        await moderators.MemberPressesAsync(moderator, T("mod.ask"));
        var prompt = await moderators.WaitForReplyAsync(m => m.Text?.StartsWith("❓ " + label, StringComparison.Ordinal) == true);
        beforeReply?.Invoke();
        await moderators.MemberRepliesAsync(moderator, prompt, question);
        return await moderators.WaitForReplyAsync(m => m.Text?.Contains(label, StringComparison.Ordinal) == true && m.ReplyToMessageId is not null);
    }
}
