using System.Diagnostics;
using CommunityBot.Channels.Telegram;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>The poller reads only the updates it does not have yet, survives answers Telegram does not give today, waits
/// as long as a 429 asks, and does not keep asking while the updates in hand are being handled.</summary>
public sealed class PollingTests : TelegramScenario
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AnUpdateDeliveredAgainWhileInHandIsAnsweredOnceEvenWhenTelegramSendsItTwice()
    {
        await using var bot = await StartBotAsync();
        var (stuck, other, held) = await OneChatHeldAsync(731100);
        Server.EnqueueUpdate(held);
        var served = await Do(other, m => m.SendsAsync("/help"));
        await EventuallyAsync(() => Server.DeliveriesOf(held.Id) > 2, "the update in hand was not delivered again");
        Server.ReleaseSends(stuck.ChatId);
        await stuck.WaitForReplyAsync(timeout: Patience);
        await EventuallyAsync(() => Server.ConfirmedOffsets.Any(o => o > held.Id), "the handled update was never confirmed");
        await Server.WaitUntilIdleAsync();

        Assert.Contains("/report", served.Text);
        Assert.Single(stuck.Replies);
        Assert.Single(other.Replies);
        Assert.Single(Server.Calls("sendMessage"), c => c.ChatId == stuck.ChatId);
    }

    [Fact]
    public async Task UpdatesWrittenWithTheirIdLastAreReadWholeAndEachIsAnsweredOnce()
    {
        Server.WriteUpdateIdLast();
        await using var bot = await StartBotAsync();
        var stuck = Server.PrivateChatWith(userId: 731200, firstName: "S", username: null, languageCode: "en");
        var other = Server.PrivateChatWith(userId: 731201, firstName: "O", username: null, languageCode: "en");
        Server.HoldSends(stuck.ChatId);

        var held = await stuck.SendsAsync("/help");
        await EventuallyAsync(() => Server.Calls("sendMessage").Any(c => c.ChatId == stuck.ChatId), "the bot never tried to answer");
        var served = await Do(other, m => m.SendsAsync("/help"));
        await EventuallyAsync(() => Server.DeliveriesOf(held.Id) > 1, "the update in hand was not delivered again");
        Server.ReleaseSends(stuck.ChatId);
        var answer = await stuck.WaitForReplyAsync(timeout: Patience);
        await Server.WaitUntilIdleAsync();

        Assert.Contains("/report", served.Text);
        Assert.Contains("/report", answer.Text);
        Assert.Single(stuck.Replies);
        Assert.Single(other.Replies);
    }

    [Fact]
    public async Task AnAnswerCutOffHalfwayIsNotTakenForUpdatesAndTheyAreAnsweredWhenTheyComeAgain()
    {
        await using var bot = await StartBotAsync();
        var first = Server.PrivateChatWith(userId: 731300, firstName: "F", username: null, languageCode: "en");
        var second = Server.PrivateChatWith(userId: 731301, firstName: "S", username: null, languageCode: "en");
        Server.SpoilNextPoll();

        var asked = await first.SendsAsync("/help");
        await second.SendsAsync("/help");
        var answer = await first.WaitForReplyAsync(timeout: Patience);
        await second.WaitForReplyAsync(timeout: Patience);
        await Server.WaitUntilIdleAsync();

        Assert.Contains("/report", answer.Text);
        Assert.True(Server.DeliveriesOf(asked.Id) > 1, "the spoiled answer was the only delivery");
        Assert.Single(first.Replies);
        Assert.Single(second.Replies);
    }

    [Fact]
    public async Task APollRefusedWith429WaitsAsLongAsTelegramAsksBeforeAskingAgain()
    {
        const int retryAfter = 3;
        Server.FailNext("getUpdates", 429, $"Too Many Requests: retry after {retryAfter}", retryAfter: retryAfter);
        await using var bot = await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 731400, firstName: "M", username: null, languageCode: "en");

        var reply = await Do(member, m => m.SendsAsync("/help"));

        var polls = Server.Calls("getUpdates");
        var waited = polls[1].ReceivedAt - polls[0].ReceivedAt;
        Console.WriteLine($"after a 429 with retry_after {retryAfter} s the next poll came {waited.TotalSeconds:F2} s later");
        // Without retry_after the first failure is followed by a 1 s pause. The bot's timer and the server's wall clock
        // are different clocks: a wait of exactly the asked time may read a millisecond short here.
        Assert.True(waited >= TimeSpan.FromSeconds(retryAfter) - TimeSpan.FromMilliseconds(100), $"the next poll came after {waited.TotalSeconds:F3} s");
        Assert.Contains("/report", reply.Text);
    }

    [Fact]
    public async Task WhileOneSlowUpdateIsInHandThePollerAsksOnlyNowAndThen()
    {
        await using var bot = await StartBotAsync();
        var (stuck, other, _) = await OneChatHeldAsync(731500);

        var before = Server.Calls("getUpdates").Count;
        var held = Stopwatch.StartNew();
        // Another member is served meanwhile: a new update is still taken while the slow one stays in hand.
        var served = await Do(other, m => m.SendsAsync("/help"));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var polls = Server.Calls("getUpdates").Count - before;
        var elapsed = held.Elapsed;
        Server.ReleaseSends(stuck.ChatId);
        await stuck.WaitForReplyAsync(timeout: Patience);

        Console.WriteLine($"{polls} polls in {elapsed.TotalSeconds:F2} s with one update in hand");
        Assert.Contains("/report", served.Text);
        // At most one poll per pause (the longest the poller waits for something in hand to finish), and a few around
        // the other member's update; asking again at once would make hundreds.
        Assert.True(polls <= (elapsed / TelegramPollingService.ShortestStalledPause) + 4, $"{polls} polls in {elapsed.TotalSeconds:F2} s");
    }

    /// <summary>A chat whose answers the server holds, with its <c>/help</c> in the bot's hands (the bot tried to answer
    /// it), and another chat beside it.</summary>
    private async Task<(FakeMember Stuck, FakeMember Other, global::Telegram.Bot.Types.Update Held)> OneChatHeldAsync(long userId)
    {
        var stuck = Server.PrivateChatWith(userId: userId, firstName: "S", username: null, languageCode: "en");
        var other = Server.PrivateChatWith(userId: userId + 1, firstName: "O", username: null, languageCode: "en");
        Server.HoldSends(stuck.ChatId);
        var held = await stuck.SendsAsync("/help");
        await EventuallyAsync(() => Server.Calls("sendMessage").Any(c => c.ChatId == stuck.ChatId), "the bot never tried to answer");
        return (stuck, other, held);
    }
}
