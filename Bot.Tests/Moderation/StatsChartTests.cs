using System.Buffers.Binary;
using CommunityBot.Moderation;
using SkiaSharp;

namespace CommunityBot.Tests.Moderation;

public sealed class StatsChartTests
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static void AssertPngOfChartSize(byte[] png)
    {
        Assert.Equal(PngSignature, png[..8]);
        // The first chunk of every PNG is IHDR: length, type, then width and height as big-endian integers.
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(StatsChart.Width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(StatsChart.Height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
        using var decoded = SKBitmap.Decode(png);
        Assert.NotNull(decoded);
    }

    [Fact]
    public async Task ChartIsAPngOf1200By700()
    {
        using var stores = new StatisticsStores();
        await stores.SubmitAsync(new StatisticsReport("hospital", new DateOnly(2026, 1, 5)));
        await stores.SubmitAsync(new StatisticsReport("police", new DateOnly(2026, 2, 5)));
        await stores.SubmitAsync(new StatisticsReport("police", new DateOnly(2026, 2, 6)));
        var counts = await stores.Statistics.CountAsync(ReportFilter.All, CancellationToken.None);

        var png = stores.Chart.Render(counts, "ru");

        Assert.Equal((1200, 700), (StatsChart.Width, StatsChart.Height));
        AssertPngOfChartSize(png);
    }

    [Fact]
    public async Task ChartOfNoReportsStillRenders()
    {
        using var stores = new StatisticsStores();
        var counts = await stores.Statistics.CountAsync(ReportFilter.All, CancellationToken.None);

        AssertPngOfChartSize(stores.Chart.Render(counts, "en"));
    }

    [Fact]
    public async Task ChartWithSmallCountsLeftOutStillRenders()
    {
        using var stores = new StatisticsStores();
        await stores.SubmitAsync(new StatisticsReport("tb", new DateOnly(2026, 2, 5)));
        var counts = await stores.Statistics.CountAsync(ReportFilter.All, CancellationToken.None);

        AssertPngOfChartSize(stores.Chart.Render(counts, "ru", suppressSmallCounts: true));
    }

    [Fact]
    public async Task ASmallCountLeftOutOfTheChartCannotBeWorkedOutFromTheCategorysTotalInTheText()
    {
        using var stores = new StatisticsStores();
        // Police: 4 in January and 1 in February. The text shows police 5; a chart that showed police's January bar
        // and only left out February's gave that 1 back.
        await SubmitAsync(stores, "police", new DateOnly(2026, 1, 5), 4);
        await SubmitAsync(stores, "police", new DateOnly(2026, 2, 5), 1);
        await SubmitAsync(stores, "hospital", new DateOnly(2026, 1, 6), 3);
        await SubmitAsync(stores, "hospital", new DateOnly(2026, 2, 6), 3);
        var counts = await stores.Statistics.CountAsync(ReportFilter.All, CancellationToken.None);
        var categories = counts.ByCategoryAndMonth.Keys.ToList();
        var months = counts.ByMonth.Keys.ToList();

        var suppressed = StatsChart.Segments(counts, categories, months, suppressSmallCounts: true);
        var full = StatsChart.Segments(counts, categories, months, suppressSmallCounts: false);

        Assert.All(suppressed, segment => Assert.Null(segment.Category));
        Assert.Equal([(0, (int?)null, 7), (1, null, 4)], suppressed);
        Assert.Equal(4, full.Count);
        Assert.Contains(full, segment => segment.Count == 1);
        AssertPngOfChartSize(stores.Chart.Render(counts, "ru", suppressSmallCounts: true));
    }

    [Fact]
    public async Task WithNoSmallCountTheSuppressedChartKeepsItsCategories()
    {
        using var stores = new StatisticsStores();
        await SubmitAsync(stores, "police", new DateOnly(2026, 1, 5), 3);
        await SubmitAsync(stores, "hospital", new DateOnly(2026, 1, 6), 4);
        var counts = await stores.Statistics.CountAsync(ReportFilter.All, CancellationToken.None);

        var segments = StatsChart.Segments(counts, [.. counts.ByCategoryAndMonth.Keys], [.. counts.ByMonth.Keys], suppressSmallCounts: true);

        Assert.Equal([3, 4], segments.Select(segment => segment.Count).Order());
        Assert.All(segments, segment => Assert.NotNull(segment.Category));
    }

    private static async Task SubmitAsync(StatisticsStores stores, string category, DateOnly day, int times)
    {
        for (var i = 0; i < times; i++)
        {
            await stores.SubmitAsync(new StatisticsReport(category, day));
        }
    }

    [Fact]
    public void ChartFontHasGlyphsForEveryRussianCategoryLabel()
    {
        var labels = string.Concat(StatisticsStores.Flow.Flow.Steps.Single(step => step.Id == "category").Choices
            .Select(choice => StatisticsStores.Flow.Texts.Get("ru", "category." + choice)));

        using var typeface = SKTypeface.FromFamilyName(StatsChart.FontFor(labels));

        Assert.True(typeface.ContainsGlyphs(labels), $"{typeface.FamilyName} lacks glyphs for the Russian labels");
    }
}
