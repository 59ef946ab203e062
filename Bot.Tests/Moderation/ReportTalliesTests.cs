using CommunityBot.Moderation;
using CommunityBot.Reports;

namespace CommunityBot.Tests.Moderation;

public sealed class ReportTalliesTests
{
    private static readonly DateOnly January = new(2026, 1, 14);
    private static readonly DateOnly March = new(2026, 3, 9);
    private const string Moderator = "M-3F9A";

    [Fact]
    public async Task RunningCountsAddUpToTheFactsThroughSubmissionsStatusChangesAndWithdrawals()
    {
        using var stores = new StatisticsStores();
        // Two reports before the counts exist (a database from before them), the rest after.
        var early = await stores.SubmitAsync(new StatisticsReport("hospital", January, Community: "almaty"), new DateOnly(2026, 3, 12));
        await stores.SubmitAsync(new StatisticsReport("police", January, Community: null, Region: "abai", City: "semey"), new DateOnly(2026, 3, 12));
        await stores.Statistics.CountAsync(ReportFilter.All, CancellationToken.None);
        var later = await stores.SubmitAsync(new StatisticsReport("tb", March, Community: "astana"), new DateOnly(2026, 3, 12));
        var withdrawn = await stores.SubmitAsync(new StatisticsReport("tb", March, Community: "astana"), new DateOnly(2026, 3, 12));
        await stores.SubmitAsync(new StatisticsReport("hospital", March, Community: "almaty"), new DateOnly(2026, 3, 13));

        await stores.Stores.StatusChanges.DecideAsync(early.Id, new StatusDecision.Move(ReportStatus.InReview), Moderator);
        await stores.Stores.StatusChanges.DecideAsync(later.Id, new StatusDecision.Reject(RejectReasons.All.First()), Moderator);
        await stores.Stores.Reports.WithdrawAsync(withdrawn.ReceiptCode);
        await stores.Stores.Reports.AddInformationAsync(early.ReceiptCode, "They came back on Friday");

        await AssertCountsAreTheFactsAsync(stores, ReportFilter.All);
        await AssertCountsAreTheFactsAsync(stores, new ReportFilter(March, March, null, "tb", null));
        await AssertCountsAreTheFactsAsync(stores, new ReportFilter(null, null, ReportStatus.New, null, "almaty"));
        var all = await stores.Statistics.CountAsync(ReportFilter.All, CancellationToken.None);
        Assert.Equal(5, all.Total);
        Assert.Equal([(ReportStatus.New, 2), (ReportStatus.InReview, 1), (ReportStatus.Rejected, 1), (ReportStatus.Withdrawn, 1)],
            all.ByStatus.Select(pair => (pair.Key, pair.Value)));
    }

    [Fact]
    public async Task CountsBuiltAgainFromTheFactsEqualTheCountsKeptAlongTheWay()
    {
        using var stores = new StatisticsStores();
        await stores.Statistics.CountAsync(ReportFilter.All, CancellationToken.None);
        for (var i = 0; i < 12; i++)
        {
            var report = await stores.SubmitAsync(new StatisticsReport(i % 3 == 0 ? "police" : "hospital", January.AddDays(i % 4),
                Community: i % 2 == 0 ? "almaty" : null), new DateOnly(2026, 3, 12));
            if (i % 5 == 0)
            {
                await stores.Stores.StatusChanges.DecideAsync(report.Id, new StatusDecision.Move(ReportStatus.InReview), Moderator);
            }
        }
        var kept = await stores.Statistics.CountAsync(ReportFilter.All, CancellationToken.None);

        await stores.Stores.Database.RunAsync(db =>
        {
            db.DropCollection(ReportTallies.Collection);
            db.GetCollection("migrations").Delete("report_tallies/1");
        });
        Assert.Equal(12, await ReportTallies.BuildAsync(stores.Stores.Database));
        var rebuilt = await stores.Statistics.CountAsync(ReportFilter.All, CancellationToken.None);

        Assert.Equal(kept.Total, rebuilt.Total);
        Assert.Equal(kept.ByStatus, rebuilt.ByStatus);
        Assert.Equal(kept.ByCategory, rebuilt.ByCategory);
        Assert.Equal(kept.ByCommunity, rebuilt.ByCommunity);
        Assert.Equal(kept.ByRegion, rebuilt.ByRegion);
        Assert.Equal(kept.ByMonth, rebuilt.ByMonth);
        await AssertCountsAreTheFactsAsync(stores, ReportFilter.All);
    }

    [Fact]
    public async Task CountsReadAgainShowWhatChangedSinceOnADayAlreadyReadAndForgetADayThatEmptied()
    {
        using var stores = new StatisticsStores();
        var kept = await stores.SubmitAsync(new StatisticsReport("hospital", January, Community: "almaty"), new DateOnly(2026, 3, 12));
        var leaving = await stores.SubmitAsync(new StatisticsReport("police", March, Community: "almaty"), new DateOnly(2026, 3, 12));
        var before = await stores.Statistics.CountAsync(ReportFilter.All, CancellationToken.None);

        await stores.Stores.StatusChanges.DecideAsync(kept.Id, new StatusDecision.Move(ReportStatus.InReview), Moderator);
        // A withdrawn report keeps no incident day: its count leaves March.
        await stores.Stores.Reports.WithdrawAsync(leaving.ReceiptCode);
        var after = await stores.Statistics.CountAsync(ReportFilter.All, CancellationToken.None);

        Assert.Equal([("2026-01", 1), ("2026-03", 1)], before.ByMonth.Select(pair => (pair.Key, pair.Value)));
        Assert.Equal([("2026-01", 1)], after.ByMonth.Select(pair => (pair.Key, pair.Value)));
        Assert.Equal([(ReportStatus.InReview, 1), (ReportStatus.Withdrawn, 1)], after.ByStatus.Select(pair => (pair.Key, pair.Value)));
        await AssertCountsAreTheFactsAsync(stores, ReportFilter.All);
        await AssertCountsAreTheFactsAsync(stores, new ReportFilter(March, March, null, null, null));
    }

    // The facts, counted one by one, as statistics did before they kept running counts.
    private static async Task AssertCountsAreTheFactsAsync(StatisticsStores stores, ReportFilter filter)
    {
        var facts = new List<ReportFacts>();
        await foreach (var one in stores.Reader.ReadFactsAsync(filter, CancellationToken.None))
        {
            facts.Add(one);
        }
        var counts = await stores.Statistics.CountAsync(filter, CancellationToken.None);
        var present = facts.Where(f => f.Status != ReportStatus.Withdrawn).ToList();

        Assert.Equal(facts.Count, counts.Total);
        Assert.Equal(facts.GroupBy(f => f.Status).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())), counts.ByStatus.Select(p => (p.Key, p.Value)));
        Assert.Equal(present.GroupBy(f => f.Category ?? "").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())),
            counts.ByCategory.Select(p => (p.Key, p.Value)));
        Assert.Equal(present.Where(f => f.Community is not null).GroupBy(f => f.Community ?? "").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count())), counts.ByCommunity.Select(p => (p.Key, p.Value)));
        Assert.Equal(present.GroupBy(f => ReportCounts.Month(f.Day)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())),
            counts.ByMonth.Select(p => (p.Key, p.Value)));
    }
}
