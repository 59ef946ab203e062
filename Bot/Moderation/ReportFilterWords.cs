using System.Collections.Immutable;
using System.Globalization;
using CommunityBot.Conversations;
using CommunityBot.Reports;

namespace CommunityBot.Moderation;

internal enum ExportFormat
{
    Csv,
    Json,
}

/// <summary>The words a filter may use that depend on the installation: the flow's categories and the configured
/// communities. Periods and statuses are the same everywhere.</summary>
/// <param name="Phrases">The moderators' own words for statuses and periods; none unless given.</param>
internal sealed record FilterVocabulary(ImmutableArray<string> Categories, ImmutableArray<string> Communities, FilterPhrases? Phrases = null)
{
    public FilterPhrases Words => Phrases ?? FilterPhrases.None;

    /// <param name="communities">Keys of the configured community groups (<c>Telegram:Communities</c>).</param>
    /// <param name="texts">The language files whose words for statuses and periods are read too (people typing in a
    /// chat); none for the operators' command line.</param>
    public static FilterVocabulary Of(FlowBundle flow, IEnumerable<string> communities, TextCatalog? texts = null) =>
        new(flow.Flow.TryGetStep(ReportSteps.Category, out var step)
                ? [.. step.Choices.Concat(step.ChoiceVariants.SelectMany(variant => variant.Choices)).Distinct(StringComparer.Ordinal)]
                : [],
            [.. communities.Where(key => key.Length > 0).Distinct(StringComparer.Ordinal)],
            texts is null ? null : FilterPhrases.Of(texts));
}

/// <summary>Why a word was refused; the moderator is told which word (by its place among those typed) and why.</summary>
internal enum FilterWordProblem
{
    /// <summary>None of the words a filter knows.</summary>
    Unknown,

    /// <summary>A second period, status, category, community or format.</summary>
    Repeated,

    /// <summary>A range that starts after it ends.</summary>
    Reversed,

    /// <summary>Both a status, a category or a community; <c>kind:word</c> says which.</summary>
    Ambiguous,

    /// <summary><c>/export</c> without <c>csv</c> or <c>json</c>; the word is empty.</summary>
    NoFormat,
}

internal abstract record FilterWords
{
    private FilterWords()
    {
    }

    /// <param name="Format">Null unless the words were read for an export.</param>
    public sealed record Parsed(ReportFilter Filter, ExportFormat? Format) : FilterWords;

    /// <param name="Position">Which of the words typed it is, counted from 1; 0 for <see cref="FilterWordProblem.NoFormat"/>,
    /// which is no word. An answer names a word it must not repeat by this.</param>
    public sealed record Refused(string Word, FilterWordProblem Problem, int Position) : FilterWords;
}

/// <summary>
/// Reads what a moderator types after <c>/stats</c> or <c>/export</c>: words in any order, each one a period
/// (<c>7</c>, <c>30d</c>, <c>2026-11</c>, <c>2026-Q3</c>, <c>2026</c>, <c>2026-03-12</c>,
/// <c>2026-01-01..2026-03-31</c>, <c>week</c>, <c>month</c>, <c>quarter</c>, <c>year</c>), a status id, a category id,
/// a community key, or for exports <c>csv</c> or <c>json</c>. <c>status:</c>, <c>category:</c> and
/// <c>community:</c> in front of a word say which it is when it could be more than one. Any word it does not
/// understand is refused with its place among the words: nothing falls back silently to "everything". Pure; never throws.
/// </summary>
internal static class ReportFilterWords
{
    public const string StatusPrefix = "status:";
    public const string CategoryPrefix = "category:";
    public const string CommunityPrefix = "community:";

    // A bare number of up to three digits counts days; four digits are a year.
    private const int MaxBareDays = 999;
    private const int MaxDays = 36_600;
    private const string RangeMark = "..";

    /// <summary>A day as it is written in Russian: <c>05.11.2026</c> or <c>5.11.2026</c>.</summary>
    private const string DottedDay = "d.M.yyyy";

    private static readonly ImmutableArray<ReportStatus> AllStatuses = [.. Enum.GetValues<ReportStatus>()];

    /// <summary>The status ids, in lifecycle order, as exports and filters write them.</summary>
    public static ImmutableArray<string> StatusIds { get; } = [.. AllStatuses.Select(ReportStatusIds.Id)];

    /// <summary>The words after <c>/stats</c>: a filter only.</summary>
    public static FilterWords ParseFilter(string words, DateOnly today, FilterVocabulary vocabulary) =>
        Parse(words, today, vocabulary, export: false);

    /// <summary>The words after <c>/export</c>: a filter and exactly one of <c>csv</c> or <c>json</c>.</summary>
    public static FilterWords ParseExport(string words, DateOnly today, FilterVocabulary vocabulary) =>
        Parse(words, today, vocabulary, export: true);

    /// <summary>A status named by its id or by the moderators' own words for it ("новые", "на рассмотрении").</summary>
    public static ReportStatus? Status(string word, FilterPhrases phrases) => Status(phrases.Canonical(word) ?? word);

    public static ReportStatus? Status(string word)
    {
        // The ids are Latin: "nеw" with a Cyrillic е, typed on a Russian keyboard, looks like "new" and is read as it;
        // "in review" and "in-review" are the id written as it reads.
        var id = LookAlikes.AsLatin(Unstopped(word.Trim()).ToLowerInvariant()).Replace(' ', '_').Replace('-', '_');
        var index = StatusIds.IndexOf(id);
        return index < 0 ? null : AllStatuses[index];
    }

    /// <summary>A word without the full stop, comma or "!" a sentence puts after it ("/export csv.", "/queue new."): no
    /// filter word ends with one. Two dots stay, as an open range ends ("2026-03..").</summary>
    private static string Unstopped(string word) =>
        word.EndsWith(RangeMark, StringComparison.Ordinal) ? word : word.TrimEnd('.', ',', ';', '!', '?');

    /// <summary>The category id as the flow spells it, or null.</summary>
    public static string? Category(string word, FilterVocabulary vocabulary) => Known(word.Trim(), vocabulary.Categories);

    /// <summary>The community key as configured, or null.</summary>
    public static string? Community(string word, FilterVocabulary vocabulary) => Known(word.Trim(), vocabulary.Communities);

    /// <summary>The words that read back as <paramref name="filter"/>: the period in its shortest form, then status,
    /// category and community (with their prefix only where a bare word would be ambiguous). Empty for everything.</summary>
    public static string Describe(ReportFilter filter, FilterVocabulary vocabulary)
    {
        var words = new List<string>(4);
        if (filter.From is not null || filter.To is not null)
        {
            words.Add(DescribePeriod(filter.From, filter.To));
        }
        if (filter.Status is { } status)
        {
            words.Add(ReportStatusIds.Id(status));
        }
        if (filter.Category is { } category)
        {
            words.Add(NeedsPrefix(category, vocabulary) ? CategoryPrefix + category : category);
        }
        if (filter.Community is { } community)
        {
            words.Add(NeedsPrefix(community, vocabulary) ? CommunityPrefix + community : community);
        }
        return string.Join(' ', words);
    }

    public static string DescribePeriod(DateOnly? from, DateOnly? to) => (from, to) switch
    {
        ({ } first, { } last) when first == last => Day(first),
        ({ } first, { } last) when first.Month == 1 && first.Day == 1 && last == new DateOnly(first.Year, 12, 31) =>
            first.Year.ToString("D4", CultureInfo.InvariantCulture),
        ({ } first, { } last) when first.Day == 1 && (first.Month - 1) % 3 == 0 && last == EndOfMonth(first.Year, first.Month + 2) =>
            string.Create(CultureInfo.InvariantCulture, $"{first.Year:D4}-Q{((first.Month - 1) / 3) + 1}"),
        ({ } first, { } last) when first.Day == 1 && last == EndOfMonth(first.Year, first.Month) =>
            first.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        ({ } first, { } last) => Day(first) + RangeMark + Day(last),
        ({ } first, null) => Day(first) + RangeMark,
        (null, { } last) => RangeMark + Day(last),
        _ => "",
    };

    private static FilterWords Parse(string words, DateOnly today, FilterVocabulary vocabulary, bool export)
    {
        DateOnly? from = null;
        DateOnly? to = null;
        var periodSeen = false;
        ReportStatus? status = null;
        string? category = null;
        string? community = null;
        ExportFormat? format = null;

        foreach (var (typed, position) in vocabulary.Words.Words(words))
        {
            if (Unstopped(typed) is not { Length: > 0 } word)
            {
                // A comma or a full stop typed apart ("csv , 2026") is no word.
                continue;
            }
            // Every filter word other than a community's key is Latin: a look-alike letter from a Russian keyboard
            // ("сsv", "yеar") is read as the Latin letter it looks like.
            var lower = LookAlikes.AsLatin(word.ToLowerInvariant());
            if (export && lower is "csv" or "json")
            {
                if (format is not null)
                {
                    return new FilterWords.Refused(typed, FilterWordProblem.Repeated, position);
                }
                format = lower == "csv" ? ExportFormat.Csv : ExportFormat.Json;
                continue;
            }
            if (ReadPeriod(lower, today) is { } period)
            {
                if (period.Reversed)
                {
                    return new FilterWords.Refused(typed, FilterWordProblem.Reversed, position);
                }
                if (periodSeen)
                {
                    return new FilterWords.Refused(typed, FilterWordProblem.Repeated, position);
                }
                (periodSeen, from, to) = (true, period.From, period.To);
                continue;
            }

            var (asStatus, asCategory, asCommunity) = Meanings(word, lower, vocabulary);
            var meanings = (asStatus is null ? 0 : 1) + (asCategory is null ? 0 : 1) + (asCommunity is null ? 0 : 1);
            if (meanings == 0)
            {
                return new FilterWords.Refused(typed, FilterWordProblem.Unknown, position);
            }
            if (meanings > 1)
            {
                return new FilterWords.Refused(typed, FilterWordProblem.Ambiguous, position);
            }
            if ((asStatus is not null && status is not null) || (asCategory is not null && category is not null)
                || (asCommunity is not null && community is not null))
            {
                return new FilterWords.Refused(typed, FilterWordProblem.Repeated, position);
            }
            status ??= asStatus;
            category ??= asCategory;
            community ??= asCommunity;
        }

        if (export && format is null)
        {
            return new FilterWords.Refused("", FilterWordProblem.NoFormat, 0);
        }
        return new FilterWords.Parsed(new ReportFilter(from, to, status, category, community), format);
    }

    private static (ReportStatus? Status, string? Category, string? Community) Meanings(string word, string lower, FilterVocabulary vocabulary)
    {
        if (lower.StartsWith(StatusPrefix, StringComparison.Ordinal))
        {
            return (Status(word[StatusPrefix.Length..]), null, null);
        }
        if (lower.StartsWith(CategoryPrefix, StringComparison.Ordinal))
        {
            return (null, Known(word[CategoryPrefix.Length..], vocabulary.Categories), null);
        }
        if (lower.StartsWith(CommunityPrefix, StringComparison.Ordinal))
        {
            return (null, null, Known(word[CommunityPrefix.Length..], vocabulary.Communities));
        }
        return (Status(word), Known(word, vocabulary.Categories), Known(word, vocabulary.Communities));
    }

    /// <summary>Whether the bare word would read back as something else: another kind too, a period, or a format.</summary>
    private static bool NeedsPrefix(string word, FilterVocabulary vocabulary)
    {
        var lower = word.ToLowerInvariant();
        var kinds = (Status(word) is null ? 0 : 1) + (Known(word, vocabulary.Categories) is null ? 0 : 1)
            + (Known(word, vocabulary.Communities) is null ? 0 : 1);
        return kinds > 1 || lower is "csv" or "json" || ReadPeriod(lower, DateOnly.MinValue) is not null;
    }

    // The spelling that was configured wins; a moderator's capitals do not matter otherwise, nor Cyrillic letters that
    // look like the Latin ones of the word ("hоspital" with a Cyrillic о).
    private static string? Known(string word, ImmutableArray<string> known) =>
        word.Length == 0 ? null
        : known.FirstOrDefault(k => string.Equals(k, word, StringComparison.Ordinal))
            ?? known.FirstOrDefault(k => string.Equals(k, word, StringComparison.OrdinalIgnoreCase))
            ?? known.FirstOrDefault(k => string.Equals(k, LookAlikes.AsLatin(word.ToLowerInvariant()), StringComparison.OrdinalIgnoreCase));

    private sealed record ReadPeriodResult(DateOnly? From, DateOnly? To, bool Reversed);

    private static ReadPeriodResult? ReadPeriod(string word, DateOnly today)
    {
        var range = word.IndexOf(RangeMark, StringComparison.Ordinal);
        if (range >= 0)
        {
            var left = word[..range];
            var right = word[(range + RangeMark.Length)..];
            if (left.Length == 0 && right.Length == 0)
            {
                return null;
            }
            var first = left.Length == 0 ? null : Calendar(left);
            var last = right.Length == 0 ? null : Calendar(right);
            if ((left.Length > 0 && first is null) || (right.Length > 0 && last is null))
            {
                return null;
            }
            var from = first?.From;
            var to = last?.To;
            return new ReadPeriodResult(from, to, from is { } f && to is { } t && f > t);
        }

        if (LastDays(word, today) is { } days)
        {
            return new ReadPeriodResult(days.From, days.To, false);
        }
        if (Current(word, today) is { } current)
        {
            return new ReadPeriodResult(current.From, current.To, false);
        }
        return Calendar(word) is { } calendar ? new ReadPeriodResult(calendar.From, calendar.To, false) : null;
    }

    /// <summary><c>7</c> or <c>30d</c>: the last N days, today included.</summary>
    private static (DateOnly From, DateOnly To)? LastDays(string word, DateOnly today)
    {
        var bare = !word.EndsWith('d');
        var digits = bare ? word : word[..^1];
        if (!AllDigits(digits) || digits.Length > 5 || (bare && digits.Length > 3))
        {
            return null;
        }
        var days = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        if (days < 1 || days > (bare ? MaxBareDays : MaxDays))
        {
            return null;
        }
        return (DateOnly.FromDayNumber(Math.Max(0, today.DayNumber - (days - 1))), today);
    }

    /// <summary><c>week</c>, <c>month</c>, <c>quarter</c>, <c>year</c>: the one today falls in, as a whole.</summary>
    private static (DateOnly From, DateOnly To)? Current(string word, DateOnly today)
    {
        switch (word)
        {
            case "week":
                // Weeks start on Monday where the moderators live.
                var monday = today.DayNumber - (((int)today.DayOfWeek + 6) % 7);
                return (DateOnly.FromDayNumber(Math.Max(0, monday)), DateOnly.FromDayNumber(Math.Min(DateOnly.MaxValue.DayNumber, monday + 6)));
            case "month":
                return (new DateOnly(today.Year, today.Month, 1), EndOfMonth(today.Year, today.Month));
            case "quarter":
                var firstMonth = ((today.Month - 1) / 3 * 3) + 1;
                return (new DateOnly(today.Year, firstMonth, 1), EndOfMonth(today.Year, firstMonth + 2));
            case "year":
                return (new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31));
            default:
                return null;
        }
    }

    /// <summary>A year (<c>2026</c>), a quarter (<c>2026-q3</c>), a month (<c>2026-11</c>, <c>11.2026</c>) or a day
    /// (<c>2026-11-05</c>, <c>05.11.2026</c>, the way dates are written in Russian).</summary>
    private static (DateOnly From, DateOnly To)? Calendar(string word)
    {
        if (word.Contains('.', StringComparison.Ordinal))
        {
            return DateOnly.TryParseExact(word, DottedDay, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dotted)
                ? (dotted, dotted)
                : DateOnly.TryParseExact("1." + word, DottedDay, CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
                    ? (month, EndOfMonth(month.Year, month.Month))
                    : null;
        }
        if (word.Length < 4 || !AllDigits(word[..4]))
        {
            return null;
        }
        var year = int.Parse(word.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture);
        if (year < 1)
        {
            return null;
        }
        var rest = word[4..];
        if (rest.Length == 0)
        {
            return (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        }
        if (rest.Length == 3 && rest[0] == '-' && rest[1] == 'q' && rest[2] is >= '1' and <= '4')
        {
            var firstMonth = ((rest[2] - '1') * 3) + 1;
            return (new DateOnly(year, firstMonth, 1), EndOfMonth(year, firstMonth + 2));
        }
        if (rest.Length == 3 && rest[0] == '-' && AllDigits(rest[1..]))
        {
            var month = int.Parse(rest.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture);
            return month is >= 1 and <= 12 ? (new DateOnly(year, month, 1), EndOfMonth(year, month)) : null;
        }
        return rest.Length == 6 && DateOnly.TryParseExact(word, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? (day, day)
            : null;
    }

    private static bool AllDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

    private static DateOnly EndOfMonth(int year, int month) => new(year, month, DateTime.DaysInMonth(year, month));

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
