namespace CommunityBot.Conversations;

/// <summary>What a member's typed date turned out to be. Range rules (future, floor) are the caller's.</summary>
internal abstract record DateParse
{
    private DateParse()
    {
    }

    public sealed record Parsed(DateOnly Date) : DateParse;

    /// <summary>A week named rather than a day ("на прошлой неделе", "last week"): the member is asked which of its
    /// days it was, as after the "this week" button.</summary>
    public sealed record Week(DateOnly Monday) : DateParse;

    public sealed record Unrecognized : DateParse;
}

/// <summary>What "ago" counts in.</summary>
internal enum AgoUnit { Day, Week, Month, Year }

/// <summary>The day arithmetic of typed dates: valid days, days ago, the most recent weekday or day of a month.</summary>
internal static class CalendarDays
{
    // Enough to reach back from any day to the most recent 29 February (1896 → 1904 is the widest gap).
    private const int LeapSearchYears = 8;

    private static readonly DateParse Unrecognized = new DateParse.Unrecognized();

    internal static DateParse Exact(int year, int month, int day) =>
        IsValid(year, month, day) ? new DateParse.Parsed(new DateOnly(year, month, day)) : Unrecognized;

    /// <summary>A day and month without a year: the most recent such day not after today.</summary>
    internal static DateParse MostRecent(int month, int day, DateOnly today)
    {
        for (var year = today.Year; year > 0 && year >= today.Year - LeapSearchYears; year--)
        {
            if (IsValid(year, month, day) && new DateOnly(year, month, day) is var date && date <= today)
            {
                return new DateParse.Parsed(date);
            }
        }

        return Unrecognized;
    }

    /// <summary>A day of the month without the month ("10 числа"): the most recent such day not after today, this month's
    /// or an earlier month's (the 31st of the most recent month that has one).</summary>
    internal static DateParse MostRecentDayOfMonth(int day, DateOnly today)
    {
        for (var back = 0; back <= 12; back++)
        {
            var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-back);
            if (day >= 1 && day <= DateTime.DaysInMonth(month.Year, month.Month) && new DateOnly(month.Year, month.Month, day) is var date && date <= today)
            {
                return new DateParse.Parsed(date);
            }
        }

        return Unrecognized;
    }

    /// <summary>"26" is the most recent year ending in 26 not after this year, like a missing year.</summary>
    internal static int TwoDigitYear(int twoDigits, DateOnly today)
    {
        var year = (today.Year / 100 * 100) + twoDigits;
        return year > today.Year ? year - 100 : year;
    }

    internal static bool IsValid(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    internal static DateParse DaysAgo(DateOnly today, long days) =>
        days >= 0 && days <= today.DayNumber
            ? new DateParse.Parsed(DateOnly.FromDayNumber(today.DayNumber - (int)days))
            : Unrecognized;

    /// <summary>"<paramref name="count"/> days (weeks, months, years) ago", in any language's words.</summary>
    internal static DateParse Ago(DateOnly today, long count, AgoUnit unit) => unit switch
    {
        AgoUnit.Week => DaysAgo(today, count * 7),
        AgoUnit.Month => MonthsAgo(today, count),
        AgoUnit.Year => MonthsAgo(today, count * 12),
        _ => DaysAgo(today, count),
    };

    /// <summary>The same day <paramref name="months"/> months back (the month's last day when it is shorter).</summary>
    internal static DateParse MonthsAgo(DateOnly today, long months) =>
        months >= 0 && months <= (today.Year - 1) * 12L + today.Month - 1
            ? new DateParse.Parsed(today.AddMonths(-(int)months))
            : Unrecognized;

    /// <summary>The calendar week <paramref name="weeks"/> before this one, weeks beginning on Monday as in the region.</summary>
    internal static DateParse WeeksBack(DateOnly today, int weeks)
    {
        var monday = today.DayNumber - ((int)today.DayOfWeek + 6) % 7 - 7 * weeks;
        return monday >= 0 ? new DateParse.Week(DateOnly.FromDayNumber(monday)) : Unrecognized;
    }

    internal static DateParse LastWeekday(DateOnly today, DayOfWeek dayOfWeek, bool strictlyBefore)
    {
        var back = ((int)today.DayOfWeek - (int)dayOfWeek + 7) % 7;
        return DaysAgo(today, back == 0 && strictlyBefore ? 7 : back);
    }
}
