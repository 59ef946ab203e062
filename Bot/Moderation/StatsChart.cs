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
        var bars = new List<Bar>();
        for (var m = 0; m < months.Length; m++)
        {
            double stacked = 0;
            for (var c = 0; c < categories.Length; c++)
            {
                var count = counts.ByCategoryAndMonth[categories[c]].GetValueOrDefault(months[m]);
                if (count == 0 || (suppressSmallCounts && count < ReportCounts.SmallCountFloor))
                {
                    continue;
                }
                bars.Add(new Bar
                {
                    Position = m,
                    ValueBase = stacked,
                    Value = stacked + count,
                    FillColor = Colour(palette, c),
                    LineWidth = 0,
                });
                stacked += count;
            }
        }
        if (bars.Count > 0)
        {
            plot.Add.Bars(bars);
        }
        for (var c = 0; c < categories.Length; c++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = categoryLabels[c], FillColor = Colour(palette, c) });
        }

        var title = months.Length == 0 ? labels.Heading("stats.chart_empty") : labels.Heading("stats.chart_title");
        plot.Title(suppressSmallCounts ? title + "\n" + labels.Heading("stats.small_counts") : title, size: 20);
        if (months.Length > 0)
        {
            plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, months.Length).Select(m => (double)m)], months);
            plot.Axes.Bottom.TickLabelStyle.Rotation = months.Length > 12 ? 45 : 0;
            plot.Axes.Bottom.TickLabelStyle.Alignment = months.Length > 12 ? Alignment.MiddleLeft : Alignment.UpperCenter;
            plot.ShowLegend(Edge.Right);
        }
        // Counts are whole reports: no tick between them, and bars stand on the axis.
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.Margins(bottom: 0);

        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
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
