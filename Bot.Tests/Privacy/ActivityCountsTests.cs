using CommunityBot.Privacy;
using CommunityBot.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CommunityBot.Tests.Privacy;

public sealed class ActivityCountsTests
{
    [Fact]
    public void CountsAreDescribedInWordsAndStartAgainFromZeroOnceTaken()
    {
        var counts = new ActivityCounts();
        counts.Add(Activity.ReportsSubmitted);
        counts.Add(Activity.DraftsStarted);
        counts.Add(Activity.DraftsStarted);
        counts.Add(Activity.ModeratorActions, "Verify");

        var taken = counts.Take();

        Assert.Equal("drafts started 2, reports submitted 1, moderator actions (Verify) 1", ActivityCounts.Describe(taken));
        Assert.Empty(counts.Take());
    }

    [Theory]
    [InlineData("2026-12-02T22:41:40Z", 8 * 60 + 20)]
    [InlineData("2026-12-02T22:50:00Z", 10 * 60)]
    [InlineData("2026-12-02T22:59:59Z", 1)]
    public void TheCountsAreWrittenOnTheClocksTenMinuteMarks(string now, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), ActivityCountsService.UntilNextMark(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task TheServiceWritesOneLineOfCountsPerPeriodAndNothingForAQuietPeriodNorAtItsStop()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-02T22:41:40Z", System.Globalization.CultureInfo.InvariantCulture));
        var counts = new ActivityCounts();
        var log = new CollectingLogger<ActivityCountsService>();
        using var service = new ActivityCountsService(counts, time, log);
        await service.StartAsync(CancellationToken.None);

        counts.Add(Activity.ReportsSubmitted);
        await MarksPassUntilAsync(time, () => log.Messages.Count == 1);
        Assert.Contains("reports submitted 1", log.Messages[0], StringComparison.Ordinal);

        // Quiet periods write nothing; the next busy one writes only its own counts.
        time.Advance(TimeSpan.FromMinutes(30));
        counts.Add(Activity.AdditionsStored);
        await MarksPassUntilAsync(time, () => log.Messages.Count == 2);
        Assert.DoesNotContain("reports", log.Messages[1], StringComparison.Ordinal);
        Assert.Contains("additions stored 1", log.Messages[1], StringComparison.Ordinal);

        // A line at the stop would carry the stop's time, finer than the marks.
        counts.Add(Activity.ReportsWithdrawn);
        await service.StopAsync(CancellationToken.None);
        Assert.Equal(2, log.Messages.Count);
    }

    /// <summary>Moves the clock from mark to mark until the service has written what the test waits for.</summary>
    private static async Task MarksPassUntilAsync(FakeTimeProvider time, Func<bool> done)
    {
        for (var i = 0; i < 500 && !done(); i++)
        {
            time.Advance(ActivityCountsService.UntilNextMark(time.GetUtcNow()));
            await Task.Delay(10);
        }
        Assert.True(done());
    }
}
