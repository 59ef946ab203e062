using CommunityBot.Conversations;
using ScottPlot;
using SkiaSharp;

namespace CommunityBot.Moderation;

/// <summary>The PNG of <c>/stats</c>: incidents by month, one stacked bar per month, one colour per category.</summary>
internal sealed class StatsChart(FlowBundle flow)
{
    public const int Width = 1200;
    public const int Height = 700;

    // Installed with the usual fontconfig packages on Debian and Ubuntu, and covers Cyrillic; nothing is embedded.
    private const string PreferredFont = "DejaVu Sans";

    /// <param name="suppressSmallCounts">For a chart that leaves the moderators' group: a bar segment of 1 or 2 reports
    /// would show its count by its height, so such segments are left out and the chart says so.</param>
    public byte[] Render(ReportCounts counts, string language, bool suppressSmallCounts = false)
    {
        var labels = new StatisticsLabels(flow, language);
        var months = counts.ByMonth.Keys.ToArray();
        var categories = counts.ByCategoryAndMonth.Keys
            .OrderByDescending(category => counts.ByCategory.GetValueOrDefault(category))
            .ThenBy(category => category, StringComparer.Ordinal)
            .ToArray();
        var categoryLabels = categories.Select(labels.Category).ToArray();

        using var plot = new Plot();
        var font = FontFor(string.Concat(categoryLabels) + labels.Heading("stats.chart_title"));
        plot.Font.Set(font);
        plot.Legend.FontName = font;
        plot.Legend.FontSize = 15;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 14;
        plot.Axes.Left.TickLabelStyle.FontSize = 14;

        var palette = new ScottPlot.Palettes.Category20();
        var segments = Segments(counts, categories, months, suppressSmallCounts);
        var stacked = new double[months.Length];
        var bars = new List<Bar>();
        foreach (var (month, category, count) in segments)
        {
            bars.Add(new Bar
            {
                Position = month,
                ValueBase = stacked[month],
                Value = stacked[month] + count,
                FillColor = category is { } c ? Colour(palette, c) : Colors.Gray,
                LineWidth = 0,
            });
            stacked[month] += count;
        }
        if (bars.Count > 0)
        {
            plot.Add.Bars(bars);
        }
        // Without categories (some of their counts were small) the legend would name colours the chart does not use.
        var byCategory = segments.Any(segment => segment.Category is not null);
        for (var c = 0; byCategory && c < categories.Length; c++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = categoryLabels[c], FillColor = Colour(palette, c) });
        }

        var title = months.Length == 0 ? labels.Heading("stats.chart_empty") : labels.Heading("stats.chart_title");
        plot.Title(suppressSmallCounts ? title + "\n" + labels.Heading("stats.chart_small_counts") : title, size: 20);
        if (months.Length > 0)
        {
            plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, months.Length).Select(m => (double)m)], months);
            plot.Axes.Bottom.TickLabelStyle.Rotation = months.Length > 12 ? 45 : 0;
            plot.Axes.Bottom.TickLabelStyle.Alignment = months.Length > 12 ? Alignment.MiddleLeft : Alignment.UpperCenter;
            if (byCategory)
            {
                plot.ShowLegend(Edge.Right);
            }
        }
        // Counts are whole reports: no tick between them, and bars stand on the axis.
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.Margins(bottom: 0);

        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>The bars' parts: (month, category index, count) in stacking order. Suppressed, a count of 1 or 2 would
    /// show by its height, and hiding it alone is undone by subtraction from the totals the text gives (a category's,
    /// a month's); so when any count of the table is small, each month is one bar of its total (no category), shown
    /// only where the text's list of months shows it (<see cref="Letters.Breakdown.HiddenRows"/>).</summary>
    internal static List<(int Month, int? Category, int Count)> Segments(
        ReportCounts counts, IReadOnlyList<string> categories, IReadOnlyList<string> months, bool suppressSmallCounts)
    {
        int Cell(int category, int month) => counts.ByCategoryAndMonth[categories[category]].GetValueOrDefault(months[month]);
        var segments = new List<(int Month, int? Category, int Count)>();
        var anySmall = Enumerable.Range(0, categories.Count).Any(c => Enumerable.Range(0, months.Count)
            .Any(m => Cell(c, m) is > 0 and < ReportCounts.SmallCountFloor));
        if (!suppressSmallCounts || !anySmall)
        {
            for (var m = 0; m < months.Count; m++)
            {
                for (var c = 0; c < categories.Count; c++)
                {
                    if (Cell(c, m) is > 0 and var count)
                    {
                        segments.Add((m, c, count));
                    }
                }
            }
            return segments;
        }
        var totals = months.Select(month => (Name: month, Count: counts.ByMonth.GetValueOrDefault(month))).ToList();
        var hidden = Letters.Breakdown.HiddenRows(totals, ReportCounts.SmallCountFloor);
        for (var m = 0; hidden is not null && m < months.Count; m++)
        {
            if (!hidden[m] && totals[m].Count > 0)
            {
                segments.Add((m, null, totals[m].Count));
            }
        }
        return segments;
    }

    // Category20 pairs each colour with a lighter shade of it; taking the strong ones first keeps neighbours apart.
    private static Color Colour(ScottPlot.Palettes.Category20 palette, int index) =>
        palette.GetColor((index * 2 % 20) + (index * 2 / 20 % 2));

    /// <summary>The font the chart draws with: <see cref="PreferredFont"/> when installed, else one that has glyphs for
    /// <paramref name="text"/>.</summary>
    internal static string FontFor(string text) =>
        SKFontManager.Default.FontFamilies.Contains(PreferredFont, StringComparer.OrdinalIgnoreCase)
            ? PreferredFont
            : Fonts.Detect(text);
}
