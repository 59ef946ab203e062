using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Channels.Telegram.Groups;

/// <summary>A member who answers the bot's message in a community group with their story may believe the bot took it:
/// it did not, and it says so, once, without repeating their words or offering the link again.</summary>
public sealed class RepliesToTheBotInGroupsTests : TelegramScenario
{
    private const string Incident = "вчера опять не дали метадон в больнице, сказали нет лицензии";
    private const string Story = "да, вчера в больнице не дали метадон";

    [Fact]
    public async Task AStoryToldInReplyToTheNudgeIsAnsweredOnceThatNothingWrittenInTheGroupIsKept()
    {
        await using var bot = await StartBotAsync();
        var group = Server.Group(TelegramBotHost.CommunityChatId, "ОЗТ Алматы");
        var bob = Server.PrivateChatWith(userId: 749300, firstName: "Bob", username: null, languageCode: "ru");
        await group.MemberSaysAsync(bob, Incident);
        var nudge = await group.WaitForReplyAsync();

        await group.MemberRepliesAsync(bob, nudge, Story);
        var answer = await group.WaitForReplyAsync();
        await group.MemberRepliesAsync(bob, nudge, "и сегодня тоже не дали, что делать?");
        await group.MemberSaysAsync(bob, Incident);
        await Server.WaitUntilIdleAsync();

        Assert.Equal(T("ru", "tg.group_reply_not_kept"), answer.Text);
        Assert.Empty(answer.Buttons);
        Assert.Equal([nudge.MessageId, answer.MessageId], group.BotMessages.Select(m => m.MessageId));
        Assert.DoesNotContain(group.BotMessages, m => m.Text?.Contains("больнице", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task AReplyToTheBotIsNotTakenForANewIncidentToNudgeAbout()
    {
        await using var bot = await StartBotAsync(new Dictionary<string, string?> { ["Telegram:Nudges:GroupCooldown"] = "00:00:00" });
        var group = Server.Group(TelegramBotHost.CommunityChatId, "ОЗТ Алматы");
        var bob = Server.PrivateChatWith(userId: 749301, firstName: "Bob", username: null, languageCode: "ru");
        var dana = Server.PrivateChatWith(userId: 749302, firstName: "Dana", username: null, languageCode: "ru");
        await group.MemberSaysAsync(bob, Incident);
        var nudge = await group.WaitForReplyAsync();

        await group.MemberRepliesAsync(dana, nudge, Incident);
        var answer = await group.WaitForReplyAsync();
        await group.MemberSaysAsync(dana, Incident);
        await Server.WaitUntilIdleAsync();

        Assert.Equal(T("ru", "tg.group_reply_not_kept"), answer.Text);
        Assert.Equal(2, group.BotMessages.Count);
    }
}
