using System.Globalization;
using System.Text.RegularExpressions;

namespace CommunityBot.Reports.Retention;

/// <summary>How long ended reports keep their content, as an operator writes it: <c>90d</c>, <c>6m</c>, <c>2y</c>.</summary>
internal sealed partial record RetentionPeriod(int Count, RetentionUnit Unit)
{
    public const string Format = "a number and d, m or y (90d, 6m, 2y)";

    public static RetentionPeriod? Parse(string? text)
    {
        var match = text is null ? null : Pattern().Match(text.Trim());
        if (match is not { Success: true } || !int.TryParse(match.Groups["count"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
        {
            return null;
        }
        return new RetentionPeriod(count, char.ToLowerInvariant(match.Groups["unit"].Value[0]) switch
        {
            'd' => RetentionUnit.Days,
            'm' => RetentionUnit.Months,
            _ => RetentionUnit.Years,
        });
    }

    /// <summary>The first day that is not older than the period, counted back from <paramref name="today"/>.</summary>
    public DateOnly Cutoff(DateOnly today) => Unit switch
    {
        RetentionUnit.Days => today.AddDays(-Count),
        RetentionUnit.Months => today.AddMonths(-Count),
        _ => today.AddYears(-Count),
    };

    public override string ToString() => Count.ToString(CultureInfo.InvariantCulture) + Unit switch
    {
        RetentionUnit.Days => "d",
        RetentionUnit.Months => "m",
        _ => "y",
    };

    [GeneratedRegex("^(?<count>[0-9]{1,5})(?<unit>[dmyDMY])$")]
    private static partial Regex Pattern();
}

internal enum RetentionUnit
{
    Days,
    Months,
    Years,
}
