using CommunityBot.Storage;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;
using Microsoft.Extensions.DependencyInjection;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>The bot against Bot API emulators whose update queue behaves otherwise than Telegram's: one that ignores the
/// offset and gives every update again at each poll, and one that restarts and numbers its updates from the start again
/// (as Telegram itself may after a week without updates). Each member's message is answered once, as new.</summary>
public sealed class EmulatedUpdateQueueTests : TelegramScenario
{
    [Fact]
    public async Task AServerThatIgnoresTheOffsetHasEachUpdateAnsweredOnceAndIsNotAskedAgainAtOnce()
    {
        Server.IgnoresOffset();
        await StartBotAsync();
        var member = await MemberAtCategoryAsync(746001);
        var affected = await Do(member, m => m.PressesAsync(T("ru", "category.hospital")));
        Assert.Contains(T("ru", "affected.prompt"), affected.Text);

        var replies = member.Replies.Count;
        var polls = Server.Calls("getUpdates").Count;
        await Task.Delay(TimeSpan.FromSeconds(1));

        // The same four updates come back at every poll: none is answered again (the open question shown again and
        // again), and the server, which answers at once, is not asked thousands of times a second.
        Assert.Equal(replies, member.Replies.Count);
        Assert.InRange(Server.Calls("getUpdates").Count - polls, 1, 1 + (int)(TimeSpan.FromSeconds(1) / CommunityBot.Channels.Telegram.TelegramPollingService.EmptyAnswerPause));
        var when = await Do(member, m => m.PressesAsync(T("ru", "affected.me")));
        Assert.Contains(T("ru", "when.prompt"), when.Text);
    }

    [Fact]
    public async Task AfterTheEmulatorRestartsWithUpdateIdsUsedBeforeTheMembersNextAnswersAreTakenAsNew()
    {
        await StartBotAsync();
        var member = await MemberAtCategoryAsync(746002);
        await Do(member, m => m.PressesAsync(T("ru", "category.hospital")));

        // Its next updates get the ids of /report, the consent and the category, which this bot has handled.
        Server.RestartsForgettingEverything();
        var when = await Do(member, m => m.PressesAsync(T("ru", "affected.me")));
        var region = await Do(member, m => m.PressesAsync(T("ru", "date.yesterday")));

        Assert.Contains(T("ru", "when.prompt"), when.Text);
        Assert.Contains(T("ru", "region.prompt"), region.Text);
    }

    [Fact]
    public async Task AfterTheEmulatorAndTheBotBothRestartTheNewUpdatesWithOldIdsAreTakenAsNew()
    {
        FakeMember member;
        await using (await StartBotAsync())
        {
            member = await MemberAtCategoryAsync(746003);
            await Do(member, m => m.PressesAsync(T("ru", "category.hospital")));
            await Server.WaitUntilIdleAsync();
        }

        Server.RestartsForgettingEverything();
        await using var bot = await StartBotAsync();
        var when = await Do(member, m => m.PressesAsync(T("ru", "affected.me")));

        Assert.Contains(T("ru", "when.prompt"), when.Text);
    }

    [Fact]
    public async Task AfterAnEmulatorThatGivesOnlyFromTheOffsetRestartsTheMembersNextAnswersStillReachTheBot()
    {
        Server.GivesOnlyFromOffset();
        await StartBotAsync();
        var member = await MemberAtCategoryAsync(746004);
        await Do(member, m => m.PressesAsync(T("ru", "category.hospital")));

        // The new updates' ids are all below the offset the bot confirmed last.
        Server.RestartsForgettingEverything();
        var when = await Do(member, m => m.PressesAsync(T("ru", "affected.me")));

        Assert.Contains(T("ru", "when.prompt"), when.Text);
    }

    [Fact]
    public async Task AnUpdateMarkedHandledUnderItsIdAloneAsBeforeStampsIsStillRecognisedWhenItComesAgain()
    {
        await using var bot = await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 746005, firstName: "M", username: null, languageCode: "ru");
        var markers = bot.Services.GetRequiredService<UpdateMarkers>();
        // Handled by the version before this one, which marked an update by its id alone, just before it was upgraded.
        const int handled = 300_001;
        await markers.MarkAsync(await markers.ForAsync("telegram", handled));
        Server.EnqueueUpdate(new Update
        {
            Id = handled,
            Message = new Message
            {
                Id = 1, Date = DateTime.UtcNow, Text = "/help", Chat = new Chat { Id = member.ChatId, Type = ChatType.Private },
                From = member.User, Entities = [new MessageEntity { Type = MessageEntityType.BotCommand, Offset = 0, Length = 5 }],
            },
        });

        var help = await Do(member, m => m.SendsAsync("/help"));
        await Server.WaitUntilIdleAsync();

        Assert.StartsWith(T("ru", "help.text")[..20], help.Text);
        Assert.Single(member.Replies, r => r.Text?.StartsWith(T("ru", "help.text")[..20], StringComparison.Ordinal) == true);
    }
}
