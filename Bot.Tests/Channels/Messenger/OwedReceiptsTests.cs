using CommunityBot.Channels.Messenger;
using CommunityBot.Storage;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeGraph;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CommunityBot.Tests.Channels.Messenger;

/// <summary>A member who submitted while Meta failed, and never writes again: the receipt still reaches them, once.</summary>
public sealed class OwedReceiptsTests : MessengerScenario
{
    // A minute into an hour: a kept receipt's copy lives until an hour after the hour it was kept in.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(DateTimeOffset.UtcNow.Date, TimeSpan.Zero).AddHours(DateTimeOffset.UtcNow.Hour + 1).AddMinutes(1));

    [Fact]
    public async Task AReceiptThatCouldNotBeSentReachesAMemberWhoNeverWritesAgain()
    {
        var member = await SubmitWhileMetaFailsAsync("7012000000000001", failures: 1);
        Assert.DoesNotMatch(Scripts.ReceiptCode(), member.AllText);

        await MoveOnUntilAsync(() => Scripts.ReceiptCode().IsMatch(member.AllText));

        var code = Scripts.ReceiptCode().Match(member.AllText).Value;
        Assert.NotNull(await Bot.Reports.FindByReceiptAsync(code));
        Assert.Contains(Texts.Get("ru", "fb.receipt_hint"), member.AllText, StringComparison.Ordinal);
        await MoveOnUntilAsync(async () => await Inbox.CountAsync() == 0);
        member.NewMessages();
        var next = await member.TypeAsync("help");
        Assert.DoesNotMatch(Scripts.ReceiptCode(), string.Join("\n", next.Select(m => m.Text)));
        Assert.Single(Scripts.ReceiptCode().Matches(member.AllText));
    }

    [Fact]
    public async Task AReceiptIsTriedAgainLaterWhileMetaStillFailsAndArrivesOnceMetaIsBack()
    {
        var member = await SubmitWhileMetaFailsAsync("7012000000000002", failures: 3);

        await MoveOnUntilAsync(() => Scripts.ReceiptCode().IsMatch(member.AllText));

        Assert.Single(Scripts.ReceiptCode().Matches(member.AllText));
        Assert.True(Graph.Calls.Count(c => c.Refused) >= 3, "the first tries were refused");
    }

    [Fact]
    public async Task AReceiptMetaRefusesForGoodIsNotTriedAgainAndComesWithTheMembersNextMessage()
    {
        // 551: the person is not available (they blocked the Page, or left Messenger for now).
        var member = await SubmitWhileMetaFailsAsync("7012000000000003", failures: 2, code: 551, status: 400);
        await MoveOnUntilAsync(() => RefusedTo(member) == 2);

        for (var minute = 0; minute < 20; minute++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            await Bot.Services.GetRequiredService<MessengerInbox>().BetweenEventsAsync(_ => Task.FromResult(true), CancellationToken.None);
        }

        Assert.Equal(2, RefusedTo(member));
        Assert.DoesNotMatch(Scripts.ReceiptCode(), member.AllText);
        var next = await member.TypeAsync("help");
        Assert.Matches(Scripts.ReceiptCode(), next[0].Text);
    }

    private int RefusedTo(FakeMessengerMember member) =>
        Graph.Calls.Count(c => c.Refused && c.Body["recipient"]?["id"]?.GetValue<string>() == member.Psid);

    private InboxStore Inbox => Bot.Services.GetRequiredService<InboxStore>();

    private async Task<FakeMessengerMember> SubmitWhileMetaFailsAsync(string psid, int failures, int code = 2, int status = 500)
    {
        // One try per send, so that no wait inside the Graph client needs the test's clock.
        await StartBotAsync(new Dictionary<string, string?> { ["Messenger:TemporaryFailureAttempts"] = "1" }, _time);
        await Graph.WaitForAsync(calls => calls.Any(c => c.Path.EndsWith("/me/messenger_profile", StringComparison.Ordinal)));
        var member = Member(psid);
        foreach (var line in Scripts.WholeReport(Scripts.RussianStory).SkipLast(1))
        {
            await member.TypeAsync(line);
        }
        Graph.FailNext(code, status: status, times: failures);
        await member.TypeAsync("1");
        return member;
    }

    /// <summary>Moves the clock on a minute at a time (the bot's waits are on it) until <paramref name="done"/> holds.</summary>
    private Task MoveOnUntilAsync(Func<bool> done) => MoveOnUntilAsync(() => Task.FromResult(done()));

    /// <inheritdoc cref="MoveOnUntilAsync(Func{bool})"/>
    private async Task MoveOnUntilAsync(Func<Task<bool>> done)
    {
        var limit = OwedReceiptsService.LongestWait * 3;
        for (var moved = TimeSpan.Zero; !await done(); moved += TimeSpan.FromMinutes(1))
        {
            Assert.True(moved < limit, "nothing happened while the clock moved on");
            _time.Advance(TimeSpan.FromMinutes(1));
            try
            {
                // Until the bot sends something, or a moment passes: then the clock moves on again.
                var calls = Graph.Calls.Count;
                await Graph.WaitForAsync(all => all.Count > calls, TimeSpan.FromMilliseconds(200));
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
