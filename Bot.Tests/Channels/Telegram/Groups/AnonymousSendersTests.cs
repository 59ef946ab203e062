using CommunityBot.Moderation;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityBot.Tests.Channels.Telegram.Groups;

/// <summary>Messages that Telegram shows as written by a group or a channel (an admin who remains anonymous, a post on
/// behalf of a channel, a channel's post forwarded into its discussion group) come from no one the bot can know.</summary>
public sealed class AnonymousSendersTests : TelegramScenario
{
    private const string Incident = "вчера опять не дали метадон в больнице, сказали нет лицензии";

    [Fact]
    public async Task AnAnonymousAdminInTheModeratorsGroupIsAskedToWriteInTheirOwnNameInsteadOfBeingServed()
    {
        await using var bot = await StartBotAsync();
        var moderators = Moderators();
        // Even were Telegram to call the shared anonymous account an admin, it stands for every anonymous admin at once.
        Server.SetMembership(TelegramBotHost.ModeratorsChatId, FakeTelegramServer.GroupAnonymousBot.Id, "administrator");

        await moderators.AnonymousAdminSaysAsync("/queue");
        var answer = await moderators.WaitForReplyAsync();

        Assert.Equal(T("ru", "mod.anonymous"), answer.Text);
        Assert.Single(moderators.BotMessages);
    }

    [Fact]
    public async Task AnAnonymousAdminsReplyToACardKeepsNoNoteAndSaysWhy()
    {
        await using var bot = await StartBotAsync();
        var moderators = Moderators();
        Server.SetMembership(TelegramBotHost.ModeratorsChatId, FakeTelegramServer.GroupAnonymousBot.Id, "administrator");
        var member = await MemberAtCategoryAsync(749001);
        var receipt = await ReportFromCategoryAsync(member, followUp: false, "Три дня не давали метадон в стационаре.");
        var label = Scripts.Label().Match(receipt.Text ?? "").Value;
        var card = await moderators.WaitForReplyAsync(m => m.Text?.StartsWith(label, StringComparison.Ordinal) == true);

        await moderators.AnonymousAdminRepliesAsync(card, "Позвонили в больницу, подтверждают отказ.");
        var answer = await moderators.WaitForReplyAsync(m => m.ReplyToMessageId is not null && m.ReplyToMessageId != card.MessageId);

        Assert.Equal(T("ru", "mod.anonymous"), answer.Text);
        Assert.Empty((await bot.Reports.FindByLabelAsync(label))?.Notes ?? []);
        Assert.DoesNotContain(await bot.Services.GetRequiredService<AuditLog>().LatestAsync(10), a => a.Action == "Note");
    }

    [Fact]
    public async Task AnAnonymousAdminOrAChannelIsNeverNudgedAndLeavesTheNextMembersNudgeDue()
    {
        await using var bot = await StartBotAsync();
        var group = Server.Group(TelegramBotHost.CommunityChatId, "ОЗТ Алматы");
        var bob = Server.PrivateChatWith(userId: 749100, firstName: "Bob", username: null, languageCode: "ru");

        await group.AnonymousAdminSaysAsync(Incident);
        await group.ChannelSaysAsync(-1007000000001, Incident);
        await group.ChannelSaysAsync(-1007000000001, Incident, automaticForward: true);
        await Server.WaitUntilIdleAsync();
        Assert.Empty(group.BotMessages);

        await group.MemberSaysAsync(bob, Incident);
        var nudge = await group.WaitForReplyAsync();

        Assert.Equal(T("ru", "tg.nudge"), nudge.Text);
    }
}
