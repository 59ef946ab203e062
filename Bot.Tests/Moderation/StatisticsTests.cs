using System.Collections.Immutable;
using CommunityBot.Moderation;
using CommunityBot.Reports;

namespace CommunityBot.Tests.Moderation;

public sealed class StatisticsTests
{
    private static readonly DateOnly January = new(2026, 1, 14);
    private static readonly DateOnly February = new(2026, 2, 3);
    private static readonly DateOnly March = new(2026, 3, 9);

    private static async Task<StatisticsStores> SixReportsAsync(int pageSize = ReportReader.PageSize)
    {
        var stores = new StatisticsStores(pageSize);
        for (var i = 0; i < 3; i++)
        {
            await stores.SubmitAsync(new StatisticsReport("hospital", January, Community: "almaty"), new DateOnly(2026, 3, 12));
        }
        await stores.SubmitAsync(new StatisticsReport("police", February, Community: null, Region: "abai", City: "semey"), new DateOnly(2026, 3, 12));
        await stores.SubmitAsync(new StatisticsReport("tb", March, Community: "astana"), new DateOnly(2026, 3, 12));
        var withdrawn = await stores.SubmitAsync(new StatisticsReport("tb", March, Community: "astana"), new DateOnly(2026, 3, 12));
        await stores.Stores.Reports.WithdrawAsync(withdrawn.ReceiptCode);
        return stores;
    }

    [Fact]
    public async Task CountsMatchTheStoredReports()
    {
        using var stores = await SixReportsAsync();

        var counts = await stores.Statistics.CountAsync(ReportFilter.All, CancellationToken.None);

        Assert.Equal(6, counts.Total);
        Assert.Equal([(ReportStatus.New, 5), (ReportStatus.Withdrawn, 1)], counts.ByStatus.Select(p => (p.Key, p.Value)));
        Assert.Equal([("hospital", 3), ("police", 1), ("tb", 1)], counts.ByCategory.Select(p => (p.Key, p.Value)));
        Assert.Equal([("almaty", 3), ("astana", 1)], counts.ByCommunity.Select(p => (p.Key, p.Value)));
        Assert.Equal([("abai", 1)], counts.ByRegion.Select(p => (p.Key, p.Value)));
        Assert.Equal([("2026-01", 3), ("2026-02", 1), ("2026-03", 1)], counts.ByMonth.Select(p => (p.Key, p.Value)));
        Assert.Equal(
            ["hospital/2026-01=3", "police/2026-02=1", "tb/2026-03=1"],
            counts.ByCategoryAndMonth.SelectMany(c => c.Value.Select(m => $"{c.Key}/{m.Key}={m.Value}")));
    }

    [Fact]
    public async Task CountsAreTheSameWhenTheReportsSpanManyPages()
    {
        using var paged = await SixReportsAsync(pageSize: 2);
        using var whole = await SixReportsAsync();

        var inPages = await paged.Statistics.CountAsync(ReportFilter.All, CancellationToken.None);
        var atOnce = await whole.Statistics.CountAsync(ReportFilter.All, CancellationToken.None);

        Assert.Equal(6, inPages.Total);
        Assert.Equal(atOnce.ByCategory, inPages.ByCategory);
        Assert.Equal(atOnce.ByMonth, inPages.ByMonth);
        Assert.Equal(atOnce.ByStatus, inPages.ByStatus);
    }

    [Fact]
    public async Task EveryReportIsReadOnceAcrossPageBoundaries()
    {
        using var stores = new StatisticsStores(pageSize: 4);
        var submitted = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            submitted.Add((await stores.SubmitAsync(new StatisticsReport(When: January))).Label);
        }

        var read = new List<string>();
        await foreach (var report in stores.Reader.ReadAsync(ReportFilter.All, CancellationToken.None))
        {
            read.Add(report.Label);
        }

        Assert.Equal(submitted.Order(StringComparer.Ordinal), read.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AReportWithoutAnIncidentDateCountsInTheMonthItWasSubmitted()
    {
        using var stores = new StatisticsStores();
        await stores.SubmitAsync(new StatisticsReport(When: null), new DateOnly(2026, 4, 2));

        var counts = await stores.Statistics.CountAsync(ReportFilter.All, CancellationToken.None);

        Assert.Equal([("2026-04", 1)], counts.ByMonth.Select(p => (p.Key, p.Value)));
    }

    [Fact]
    public async Task FiltersNarrowTheCountsByPeriodStatusCategoryAndCommunity()
    {
        using var stores = await SixReportsAsync();

        async Task<int> Total(ReportFilter filter) => (await stores.Statistics.CountAsync(filter, CancellationToken.None)).Total;

        Assert.Equal(4, await Total(ReportFilter.All with { From = January, To = February }));
        Assert.Equal(2, await Total(ReportFilter.All with { From = March }));
        Assert.Equal(1, await Total(ReportFilter.All with { Status = ReportStatus.Withdrawn }));
        Assert.Equal(3, await Total(ReportFilter.All with { Category = "hospital" }));
        Assert.Equal(2, await Total(ReportFilter.All with { Community = "astana" }));
        Assert.Equal(0, await Total(ReportFilter.All with { Category = "hospital", Community = "astana" }));
    }

    [Fact]
    public async Task SummaryNamesCategoriesStatusesAndRegionsInTheLanguageAsked()
    {
        using var stores = await SixReportsAsync();
        var counts = await stores.Statistics.CountAsync(ReportFilter.All, CancellationToken.None);

        var russian = stores.Statistics.Summarize(counts, "ru", suppressSmallCounts: false);
        var english = stores.Statistics.Summarize(counts, "en", suppressSmallCounts: false);

        Assert.Contains("Не дали ОЗТ в больнице — 3", russian, StringComparison.Ordinal);
        Assert.Contains("Область Абай — 1", russian, StringComparison.Ordinal);
        Assert.Contains("2026-01 — 3", russian, StringComparison.Ordinal);
        Assert.Contains("No OST in hospital — 3", english, StringComparison.Ordinal);
        Assert.Contains("received, waiting to be checked — 5", english, StringComparison.Ordinal);
        Assert.Contains("almaty — 3", english, StringComparison.Ordinal);
        Assert.StartsWith("Reports: 6", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SmallCountsAndTheCountsThatWouldGiveThemBackAreNotShownWhenAsked()
    {
        using var stores = await SixReportsAsync();
        var counts = await stores.Statistics.CountAsync(ReportFilter.All, CancellationToken.None);

        var suppressed = stores.Statistics.Summarize(counts, "en", suppressSmallCounts: true);
        var inGroup = stores.Statistics.Summarize(counts, "en", suppressSmallCounts: false);

        Assert.StartsWith("Reports: 6", suppressed, StringComparison.Ordinal);
        Assert.Contains("Police at the OST site, detention — not shown", suppressed, StringComparison.Ordinal);
        // 3 in hospital out of 5 with a category would leave exactly 2 for the other two categories: 1 each.
        Assert.Contains("No OST in hospital — not shown", suppressed, StringComparison.Ordinal);
        Assert.DoesNotContain("— 1", suppressed, StringComparison.Ordinal);
        Assert.DoesNotContain("— 2", suppressed, StringComparison.Ordinal);
        Assert.DoesNotContain("— 3", suppressed, StringComparison.Ordinal);
        Assert.Contains("Police at the OST site, detention — 1", inGroup, StringComparison.Ordinal);
        Assert.DoesNotContain("not shown", inGroup, StringComparison.Ordinal);
    }

    [Fact]
    public void ACountOfOneIsNotGivenBackByTheTotalLessTheCountsShown()
    {
        using var stores = new StatisticsStores();
        var counts = Counts(total: 4, byCategory: [("hospital", 3), ("police", 1)], byMonth: [("2026-01", 3), ("2026-02", 1)]);

        var summary = stores.Statistics.Summarize(counts, "en", suppressSmallCounts: true);

        Assert.Contains("No OST in hospital — not shown", summary, StringComparison.Ordinal);
        Assert.Contains("Police at the OST site, detention — not shown", summary, StringComparison.Ordinal);
        Assert.Contains("2026-01 — not shown", summary, StringComparison.Ordinal);
        Assert.Contains("2026-02 — not shown", summary, StringComparison.Ordinal);
        Assert.Contains("received, waiting to be checked — 4", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void HiddenCountsComeAfterTheShownOnesByNameSoTheirOrderTellsNothing()
    {
        using var stores = new StatisticsStores();
        var counts = Counts(total: 9, byCategory: [("hospital", 6), ("police", 2), ("tb", 1)], byMonth: [("2026-01", 9)]);

        var summary = stores.Statistics.Summarize(counts, "en", suppressSmallCounts: true);

        var hospital = summary.IndexOf("No OST in hospital — 6", StringComparison.Ordinal);
        var tb = summary.IndexOf("No OST during TB treatment — not shown", StringComparison.Ordinal);
        var police = summary.IndexOf("Police at the OST site, detention — not shown", StringComparison.Ordinal);
        // Largest first would have put police (2) before TB (1).
        Assert.True(hospital >= 0 && tb > hospital && police > tb, summary);
    }

    private static ReportCounts Counts(int total, (string Id, int Count)[] byCategory, (string Month, int Count)[] byMonth) =>
        new(total,
            ImmutableSortedDictionary.CreateRange([new KeyValuePair<ReportStatus, int>(ReportStatus.New, total)]),
            byCategory.ToImmutableSortedDictionary(row => row.Id, row => row.Count, StringComparer.Ordinal),
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, int>("almaty", total)]),
            ImmutableSortedDictionary.Create<string, int>(StringComparer.Ordinal),
            byMonth.ToImmutableSortedDictionary(row => row.Month, row => row.Count, StringComparer.Ordinal),
            ImmutableSortedDictionary.Create<string, ImmutableSortedDictionary<string, int>>(StringComparer.Ordinal));

    [Theory]
    [InlineData(0, "0")]
    [InlineData(1, "<3")]
    [InlineData(2, "<3")]
    [InlineData(3, "3")]
    [InlineData(40, "40")]
    public void ASmallCountIsHiddenButNoneAndThreeAreShown(int count, string shown) =>
        Assert.Equal(shown, ReportCounts.Show(count, suppressSmallCounts: true));

    [Fact]
    public async Task SummaryOfNoReportsSaysSo()
    {
        using var stores = new StatisticsStores();

        var counts = await stores.Statistics.CountAsync(ReportFilter.All, CancellationToken.None);

        Assert.Equal("Reports: 0", stores.Statistics.Summarize(counts, "en", suppressSmallCounts: true));
    }
}
