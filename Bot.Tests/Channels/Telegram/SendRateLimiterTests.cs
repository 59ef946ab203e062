using CommunityBot.Channels.Telegram;
using Microsoft.Extensions.Time.Testing;

namespace CommunityBot.Tests.Channels.Telegram;

public sealed class SendRateLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));

    /// <summary>Starts every send at once, then moves the clock until all have left; returns when each left.</summary>
    private async Task<List<(long Chat, DateTimeOffset At)>> SendAllAsync(SendRateLimiter limiter, IEnumerable<(long Chat, bool Group)> sends, TimeSpan step)
    {
        var left = new List<(long, DateTimeOffset)>();
        var tasks = sends.Select(async s =>
        {
            using var sending = await limiter.WaitTurnAsync(s.Chat, s.Group, CancellationToken.None);
            lock (left)
            {
                left.Add((s.Chat, sending.Started));
            }
        }).ToList();
        await AdvanceUntilDoneAsync(tasks, step);
        return left;
    }

    // The clock moves only after a real pause, so that the sends woken by the last step have asked for their next
    // turn before it moves on (on a loaded machine a burst of steps would leave them behind, waiting for a time that
    // never comes). Bounded in real time: a send that never leaves fails the test instead of hanging it.
    private async Task AdvanceUntilDoneAsync(List<Task> tasks, TimeSpan step)
    {
        var patience = System.Diagnostics.Stopwatch.StartNew();
        while (tasks.Any(t => !t.IsCompleted) && patience.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(1);
            _time.Advance(step);
        }
        Assert.True(tasks.All(t => t.IsCompleted), $"{tasks.Count(t => !t.IsCompleted)} sends still wait for their turn");
        await Task.WhenAll(tasks);
    }

    private static int MostInAnyWindow(IEnumerable<DateTimeOffset> times, TimeSpan window)
    {
        var sorted = times.Order().ToList();
        var most = 0;
        for (int start = 0, end = 0; end < sorted.Count; end++)
        {
            while (sorted[end] - sorted[start] >= window)
            {
                start++;
            }
            most = Math.Max(most, end - start + 1);
        }
        return most;
    }

    [Fact]
    public async Task ABurstToOneGroupKeepsToTwentyAMinuteAndOneASecond()
    {
        var limiter = new SendRateLimiter(_time, new SendRates());

        var left = await SendAllAsync(limiter, Enumerable.Repeat((-100L, true), 60), TimeSpan.FromMilliseconds(100));

        Assert.Equal(60, left.Count);
        Assert.True(MostInAnyWindow(left.Select(l => l.At), TimeSpan.FromMinutes(1)) <= 20);
        Assert.True(MostInAnyWindow(left.Select(l => l.At), TimeSpan.FromSeconds(1)) <= 1);
    }

    [Fact]
    public async Task ManyChatsTogetherKeepToTheGlobalLimitAndUseMostOfIt()
    {
        var limiter = new SendRateLimiter(_time, new SendRates());
        var sends = Enumerable.Range(1, 300).Select(i => ((long)(i % 150) + 1, false));

        var left = await SendAllAsync(limiter, sends, TimeSpan.FromMilliseconds(5));

        var times = left.Select(l => l.At).Order().ToList();
        Assert.True(MostInAnyWindow(times, TimeSpan.FromSeconds(1)) <= 30);
        foreach (var chat in left.GroupBy(l => l.Chat))
        {
            Assert.True(MostInAnyWindow(chat.Select(c => c.At), TimeSpan.FromSeconds(3)) <= 3);
        }
        var rate = (times.Count - 1) / (times[^1] - times[0]).TotalSeconds;
        Assert.True(rate >= 0.95 * 30 / 1.04, $"only {rate:F1} messages a second");
    }

    [Fact]
    public async Task ARaisedGlobalRateIsKeptOverThousandsOfSendsAndUsedNearlyWhole()
    {
        // Hundreds of sends within one window: the old ones are forgotten in batches, never counted against the limit.
        var limiter = new SendRateLimiter(_time, new SendRates(GlobalPerSecond: 400));
        var sends = Enumerable.Range(1, 1600).Select(i => ((long)(i % 800) + 1, false));

        var left = await SendAllAsync(limiter, sends, TimeSpan.FromMilliseconds(2));

        var times = left.Select(l => l.At).Order().ToList();
        Assert.Equal(1600, times.Count);
        Assert.True(MostInAnyWindow(times, TimeSpan.FromSeconds(1)) <= 400);
        foreach (var chat in left.GroupBy(l => l.Chat))
        {
            Assert.True(MostInAnyWindow(chat.Select(c => c.At), TimeSpan.FromSeconds(3)) <= 3);
        }
        var rate = (times.Count - 1) / (times[^1] - times[0]).TotalSeconds;
        Assert.True(rate >= 0.9 * 400 / 1.04, $"only {rate:F1} messages a second");
    }

    [Fact]
    public async Task AMembersChatGetsAShortBurstAtOnceAndThenOneASecond()
    {
        // The answered question's edit and the next question (or a reply and its receipt) go out together; a member's
        // chat sent to without pause still gets no more than three within any three seconds.
        var limiter = new SendRateLimiter(_time, new SendRates());
        var start = _time.GetUtcNow();

        var left = await SendAllAsync(limiter, Enumerable.Repeat((42L, false), 12), TimeSpan.FromMilliseconds(50));

        var times = left.Select(l => l.At).Order().ToList();
        Assert.Equal([start, start, start], times.Take(3));
        Assert.True(times[3] - start >= TimeSpan.FromSeconds(3), $"the fourth left after {(times[3] - start).TotalSeconds:F2} s");
        Assert.True(MostInAnyWindow(times, TimeSpan.FromSeconds(3)) <= 3);
        Assert.True(times[^1] - start >= TimeSpan.FromSeconds(9), "twelve sends took less than nine seconds");
    }

    [Fact]
    public async Task AGroupGetsNoBurst()
    {
        var limiter = new SendRateLimiter(_time, new SendRates());
        var start = _time.GetUtcNow();

        var left = await SendAllAsync(limiter, Enumerable.Repeat((-100L, true), 3), TimeSpan.FromMilliseconds(50));

        var times = left.Select(l => l.At).Order().ToList();
        Assert.Equal(start, times[0]);
        Assert.True(times[1] - start >= TimeSpan.FromSeconds(1));
        Assert.True(times[2] - times[1] >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task SendsToOneChatLeaveInTheOrderTheyAsked()
    {
        var limiter = new SendRateLimiter(_time, new SendRates());
        var order = new List<int>();
        var tasks = Enumerable.Range(0, 5).Select(async i =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(i), _time);
            using var sending = await limiter.WaitTurnAsync(42, false, CancellationToken.None);
            lock (order)
            {
                order.Add(i);
            }
        }).ToList();
        // Millisecond by millisecond while they ask in turn, then in larger steps while they leave one a second.
        for (var i = 0; i < 10; i++)
        {
            await Task.Delay(1);
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }
        await AdvanceUntilDoneAsync(tasks, TimeSpan.FromMilliseconds(100));

        Assert.Equal([0, 1, 2, 3, 4], order);
    }

    [Fact]
    public async Task AChatsNextSendWaitsUntilTheOneBeforeItHasReturnedEvenWithinItsBurst()
    {
        var limiter = new SendRateLimiter(_time, new SendRates());

        var first = await limiter.WaitTurnAsync(42, false, CancellationToken.None);
        var second = limiter.WaitTurnAsync(42, false, CancellationToken.None).AsTask();
        var otherChat = limiter.WaitTurnAsync(43, false, CancellationToken.None).AsTask();
        await otherChat.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(50);

        // Both fit the member's burst, but the second could overtake the first on its way to Telegram.
        Assert.False(second.IsCompleted);
        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
        (await otherChat).Dispose();
    }

    [Fact]
    public async Task APauseHoldsThatChatButNotOthers()
    {
        var limiter = new SendRateLimiter(_time, new SendRates());
        limiter.Pause(7, TimeSpan.FromSeconds(5));

        var paused = limiter.WaitTurnAsync(7, false, CancellationToken.None).AsTask();
        (await limiter.WaitTurnAsync(8, false, CancellationToken.None)).Dispose();
        _time.Advance(TimeSpan.FromSeconds(4));
        await Task.Yield();
        Assert.False(paused.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(1.1));
        await paused.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task APauseForEveryoneHoldsAllChats()
    {
        var limiter = new SendRateLimiter(_time, new SendRates());
        limiter.Pause(null, TimeSpan.FromSeconds(3));

        var waiting = limiter.WaitTurnAsync(9, false, CancellationToken.None).AsTask();
        await Task.Yield();
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(3.1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ACancelledWaiterLetsTheNextOneGo()
    {
        var limiter = new SendRateLimiter(_time, new SendRates());
        // The chat's burst used up, so that the next ones wait.
        for (var i = 0; i < 3; i++)
        {
            (await limiter.WaitTurnAsync(5, false, CancellationToken.None)).Dispose();
        }
        using var cancel = new CancellationTokenSource();
        var cancelled = limiter.WaitTurnAsync(5, false, cancel.Token).AsTask();
        var next = limiter.WaitTurnAsync(5, false, CancellationToken.None).AsTask();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        _time.Advance(TimeSpan.FromSeconds(3.1));
        await next.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
