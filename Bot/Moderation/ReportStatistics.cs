using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using CommunityBot.Conversations;
using CommunityBot.Reports;

namespace CommunityBot.Moderation;

/// <summary>How many reports a filter covers, by what. Withdrawn reports count in <see cref="Total"/> and
/// <see cref="ByStatus"/> only: their members erased what they said, so there is nothing else to count.</summary>
/// <param name="ByCommunity">Reports that came through a community group, by its key.</param>
/// <param name="ByRegion">Reports that came through no group, by the region picked (<see cref="ReportCounts.UnknownRegion"/>
/// when none was).</param>
/// <param name="ByMonth">By the month (yyyy-MM) of the incident's day (<see cref="ReportFacts.Day"/>).</param>
/// <param name="ByCategoryAndMonth">Category → month → count.</param>
internal sealed record ReportCounts(
    int Total,
    ImmutableSortedDictionary<ReportStatus, int> ByStatus,
    ImmutableSortedDictionary<string, int> ByCategory,
    ImmutableSortedDictionary<string, int> ByCommunity,
    ImmutableSortedDictionary<string, int> ByRegion,
    ImmutableSortedDictionary<string, int> ByMonth,
    ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, int>> ByCategoryAndMonth)
{
    public const string UnknownRegion = "";

    public const string UnknownCategory = "";

    public static string Month(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Counts as they may be shown: below <see cref="SmallCountFloor"/> (but not zero) as "&lt;3", so that
    /// nobody outside the moderators' group can single out one or two people.</summary>
    public static string Show(int count, bool suppressSmallCounts) =>
        suppressSmallCounts && count is > 0 and < SmallCountFloor
            ? "<" + SmallCountFloor.ToString(CultureInfo.InvariantCulture)
            : count.ToString(CultureInfo.InvariantCulture);

    public const int SmallCountFloor = 3;
}

/// <summary>Counts reports for <c>/stats</c> and <c>Bot stats</c>, from the running counts of the fields kept in clear
/// (<see cref="ReportTallies"/>: nothing is decrypted, a document per day is read, and only once while it is unchanged),
/// and writes the short text summary.</summary>
internal sealed class ReportStatistics(ReportReader reader, FlowBundle flow)
{
    public async Task<ReportCounts> CountAsync(ReportFilter filter, CancellationToken ct)
    {
        var total = 0;
        var byStatus = new Dictionary<ReportStatus, int>();
        var byCategory = new Dictionary<string, int>(StringComparer.Ordinal);
        var byCommunity = new Dictionary<string, int>(StringComparer.Ordinal);
        var byRegion = new Dictionary<string, int>(StringComparer.Ordinal);
        var byMonth = new Dictionary<string, int>(StringComparer.Ordinal);
        var byCategoryAndMonth = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);

        ct.ThrowIfCancellationRequested();
        foreach (var day in await reader.ReadTalliesAsync(filter))
        {
            // Every tally of a day has its day: the month's name is made once a day, not once a tally.
            var month = day.Length > 0 ? ReportCounts.Month(day[0].Day) : "";
            foreach (var tally in day)
            {
                if (filter.Matches(tally))
                {
                    Count(tally, month);
                }
            }
        }

        void Count(ReportTally tally, string month)
        {
            var n = tally.Count;
            total += n;
            Add(byStatus, tally.Status, n);
            if (tally.Status == ReportStatus.Withdrawn)
            {
                return;
            }
            var category = tally.Category ?? ReportCounts.UnknownCategory;
            Add(byCategory, category, n);
            Add(byMonth, month, n);
            if (tally.Community is { } community)
            {
                Add(byCommunity, community, n);
            }
            else
            {
                Add(byRegion, tally.Region ?? ReportCounts.UnknownRegion, n);
            }
            if (!byCategoryAndMonth.TryGetValue(category, out var months))
            {
                byCategoryAndMonth[category] = months = new Dictionary<string, int>(StringComparer.Ordinal);
            }
            Add(months, month, n);
        }

        return new ReportCounts(
            total,
            byStatus.ToImmutableSortedDictionary(),
            byCategory.ToImmutableSortedDictionary(StringComparer.Ordinal),
            byCommunity.ToImmutableSortedDictionary(StringComparer.Ordinal),
            byRegion.ToImmutableSortedDictionary(StringComparer.Ordinal),
            byMonth.ToImmutableSortedDictionary(StringComparer.Ordinal),
            byCategoryAndMonth.ToImmutableSortedDictionary(
                pair => pair.Key,
                pair => pair.Value.ToImmutableSortedDictionary(StringComparer.Ordinal),
                StringComparer.Ordinal));
    }

    /// <summary>The short text of <c>/stats</c>: the total, then counts by status, category, community or region and
    /// month, largest first (months in order).</summary>
    /// <param name="suppressSmallCounts">For anything that leaves the moderators' group: a total of 1 or 2 becomes
    /// "&lt;3", and a listed count of 1 or 2, or one that would give such a count back, is not shown.</param>
    public string Summarize(ReportCounts counts, string language, bool suppressSmallCounts)
    {
        var labels = new StatisticsLabels(flow, language);
        var text = new StringBuilder();
        text.Append(labels.Heading("stats.total")).Append(": ")
            .Append(ReportCounts.Show(counts.Total, suppressSmallCounts));
        if (counts.Total == 0)
        {
            return text.ToString();
        }

        var hidden = suppressSmallCounts ? labels.Heading("stats.not_shown") : null;
        Section(text, labels.Heading("stats.by_status"),
            counts.ByStatus.Select(pair => (labels.Status(pair.Key), pair.Value)), hidden);
        Section(text, labels.Heading("stats.by_category"),
            counts.ByCategory.Select(pair => (labels.Category(pair.Key), pair.Value)), hidden);
        Section(text, labels.Heading("stats.by_area"),
            counts.ByCommunity.Select(pair => (pair.Key, pair.Value))
                .Concat(counts.ByRegion.Select(pair => (labels.Region(pair.Key), pair.Value))),
            hidden);
        Section(text, labels.Heading("stats.by_month"),
            counts.ByMonth.Select(pair => (pair.Key, pair.Value)), hidden, largestFirst: false);
        if (suppressSmallCounts)
        {
            text.Append("\n\n").Append(labels.Heading("stats.small_counts_listed"));
        }
        return text.ToString();
    }

    /// <param name="hidden">What a hidden count reads as, when small counts are suppressed; null to show every count.
    /// Each list sums to a figure the reader has (the total, or the total less the withdrawn), so hiding the counts of 1
    /// and 2 alone is undone by subtraction: as in letters, <see cref="Letters.Breakdown"/> hides whatever would give
    /// them back, every hidden row reads alike, and hidden rows come after the shown ones, by name, so that their order
    /// tells nothing.</param>
    private static void Section(
        StringBuilder text,
        string heading,
        IEnumerable<(string Label, int Count)> rows,
        string? hidden,
        bool largestFirst = true)
    {
        var listed = rows.ToList();
        var hides = hidden is null ? new bool[listed.Count]
            : Letters.Breakdown.HiddenRows(listed, ReportCounts.SmallCountFloor) ?? [.. listed.Select(_ => true)];
        var shown = listed.Select((row, index) => (row.Label, Count: hides[index] ? (int?)null : row.Count));
        var ordered = largestFirst
            ? shown.OrderBy(row => row.Count is null).ThenByDescending(row => row.Count).ThenBy(row => row.Label, StringComparer.CurrentCulture)
            : shown;
        text.Append("\n\n").Append(heading).Append(':');
        foreach (var (label, count) in ordered)
        {
            text.Append("\n• ").Append(label).Append(" — ").Append(count is { } shownCount ? shownCount.ToString(CultureInfo.InvariantCulture) : hidden);
        }
    }

    private static void Add<TKey>(Dictionary<TKey, int> counts, TKey key, int count)
        where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + count;
}

/// <summary>Labels for statistics in one language: category and status texts from the flow's catalog, region names
/// from its place directory, and headings.</summary>
internal sealed class StatisticsLabels(FlowBundle flow, string language)
{
    public string Heading(string key) => flow.Texts.Get(language, key);

    public string Category(string id) =>
        id == ReportCounts.UnknownCategory ? Heading("stats.unknown") : Choice(ReportSteps.Category, id);

    public string Choice(string stepId, string id)
    {
        var key = stepId + "." + id;
        return flow.Texts.Has(language, key) || flow.Texts.Has(flow.Texts.DefaultLanguage, key) ? flow.Texts.Get(language, key) : id;
    }

    public string Status(ReportStatus status) => flow.Texts.Get(language, ReportStatusIds.TextKey(status));

    public string Region(string id) =>
        id == ReportCounts.UnknownRegion ? Heading("stats.unknown")
        : flow.Places.Regions.FirstOrDefault(region => region.Id == id)?.Name(language, flow.Texts.DefaultLanguage) ?? id;
}
