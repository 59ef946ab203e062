namespace CommunityBot.Letters;

/// <summary>
/// Which rows of one breakdown a letter may show (by category, by facility, by month: each sums to the letter's total).
/// </summary>
/// <remarks>
/// <para>Hiding small counts alone is undone by subtraction: with a total of 4, "Almaty 3" and "Astana fewer than 3",
/// Astana is exactly 1. So, as statistical offices do (secondary suppression), once the counts of 1 and 2 are hidden,
/// one more row is hidden while the hidden rows of the breakdown are:</para>
/// <list type="bullet">
/// <item>exactly one (the total minus the shown rows gives it);</item>
/// <item>together fewer than the floor (two hidden rows summing to 2 are 1 each);</item>
/// <item>together no more than their number (every listed row holds at least one report, so three hidden rows summing to
/// 3 are 1 each).</item>
/// </list>
/// <para>The extra row is the smallest shown one (among equal counts, the name that sorts last), so the least is
/// withheld; it holds at least the floor, so one is always enough. Afterwards at least two rows are hidden and their sum
/// is at least the floor and more than their number: each hidden row could hold at least two different counts.</para>
/// <para>Every hidden row reads alike ("not shown"): a row hidden only to protect another is not "fewer than 3", and
/// telling the two kinds apart would undo the protection (a "fewer than 3" and a "not shown" summing to 4 are 1 and 3).
/// Where nothing can be hidden to make it safe, the breakdown is left out of the letter: a total below the floor spread
/// over two or more rows (each is then 1), or a total spread one report per row.</para>
/// <para>This protects against arithmetic on the printed figures, the way statistical offices' secondary suppression
/// does. It does not defeat someone who knows this rule and replays it over every possible set of counts: that an extra
/// row had to be hidden tells that the small ones are very small, and can narrow a hidden row further.</para>
/// </remarks>
internal static class Breakdown
{
    /// <summary>For each row (in the order given), whether the letter hides its count; null when the breakdown must
    /// be left out of the letter altogether.</summary>
    /// <param name="rows">The rows' names (for a deterministic choice among equal counts) and counts (each at least 1).</param>
    /// <param name="floor">The smallest count a letter may show (<see cref="Moderation.ReportCounts.SmallCountFloor"/>).</param>
    public static bool[]? HiddenRows(IReadOnlyList<(string Name, int Count)> rows, int floor)
    {
        var hidden = rows.Select(row => row.Count > 0 && row.Count < floor).ToArray();
        if (rows.Sum(row => row.Count) < floor)
        {
            // The letter shows such a total as "fewer than 3": one row is no more than that; two or more are 1 each.
            return rows.Count(row => row.Count > 0) <= 1 ? hidden : null;
        }
        while (!CannotBeDerived(rows, hidden, floor))
        {
            var smallestShown = Enumerable.Range(0, rows.Count)
                .Where(index => !hidden[index] && rows[index].Count > 0)
                .OrderBy(index => rows[index].Count)
                .ThenByDescending(index => rows[index].Name, StringComparer.Ordinal)
                .Select(index => (int?)index)
                .FirstOrDefault();
            if (smallestShown is not { } next)
            {
                return null;
            }
            hidden[next] = true;
        }
        return hidden;
    }

    private static bool CannotBeDerived(IReadOnlyList<(string Name, int Count)> rows, bool[] hidden, int floor)
    {
        var number = hidden.Count(isHidden => isHidden);
        var sum = rows.Where((_, index) => hidden[index]).Sum(row => row.Count);
        return number == 0 || (number >= 2 && sum >= floor && sum > number);
    }
}
