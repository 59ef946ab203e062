using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Recognizers.Text;
using Microsoft.Recognizers.Text.DateTime;

namespace CommunityBot.Conversations;

/// <summary>
/// Reads the day a member typed: numeric dates in any language (day first, or ISO), relative words,
/// weekdays and month names in Russian and English, relative words in Kazakh, and English free text through
/// Microsoft.Recognizers.Text. Safe to share between threads.
/// </summary>
internal sealed partial class DateAnswerParser
{
    // "I think it was last Tuesday evening, around seven" fits easily; anything longer is a story, not a
    // date, and the recognizer's regexes are not something to feed unbounded text.
    private const int MaxLength = 200;

    private static readonly DateParse NotADate = new DateParse.Unrecognized();

    /// <summary>A day of the week named alone ("вторник", "во вторник", "жұмада", "on Friday"), for the days of a week
    /// already named: at that question the weekday is that week's, not the most recent one.</summary>
    public static DayOfWeek? Weekday(string text)
    {
        if (text is null || Normalize(text) is not { Length: > 0 } normalized)
        {
            return null;
        }
        var english = WithoutEnglishAsides(normalized);
        var russian = WithoutRussianAsides(normalized);
        var kazakh = WithoutKazakhAsides(KazakhFolded(normalized));
        return (RussianWeekday(russian) ?? EnglishWeekday(english) ?? KazakhWeekday(kazakh))?.Day;
    }

    /// <summary>A weekday named in Russian ("во вторник", "в прошлый вторник"), and whether it is said to be a past one
    /// (so not today's).</summary>
    private static (DayOfWeek Day, bool Past)? RussianWeekday(string text) =>
        DateWords.RussianWeekday().Match(text) is { Success: true } weekday && DateWords.RussianWeekdays.TryGetValue(weekday.Groups[2].Value, out var day)
            ? (day, weekday.Groups[1].Value.StartsWith("прошл", StringComparison.Ordinal)) : null;

    private static (DayOfWeek Day, bool Past)? EnglishWeekday(string text) =>
        DateWords.EnglishWeekday().Match(text) is { Success: true } weekday && DateWords.EnglishWeekdays.TryGetValue(weekday.Groups[2].Value, out var day)
            ? (day, weekday.Groups[1].Value is "last" or "past" or "previous") : null;

    /// <summary>A weekday named in Kazakh, folded, also with the locative ending ("жұмада"; "өткен сенбіде", past).</summary>
    private static (DayOfWeek Day, bool Past)? KazakhWeekday(string text) =>
        DateWords.KazakhWeekday().Match(text) is { Success: true } weekday && WithoutLocative(weekday.Groups[2].Value, DateWords.KazakhWeekdays) is { } day
            ? (day, weekday.Groups[1].Value == "откен") : null;

    public DateParse Parse(string text, string language, DateOnly today)
    {
        if (text is null || Normalize(text) is not { Length: > 0 } normalized)
        {
            return NotADate;
        }

        var lang = LanguageOf(language);
        var cleaned = lang switch
        {
            "ru" => WithoutRussianAsides(normalized),
            "en" => WithoutEnglishAsides(normalized),
            _ => normalized,
        };
        // Russian is the common language of the region and Kazakh the next: their words are understood whatever
        // language the member chose ("вчера" or "кеше" from an English-speaking member is still yesterday). The two
        // share no date word, so the order between them does not matter.
        var russian = lang == "ru" ? cleaned : WithoutRussianAsides(normalized);
        var kazakh = WithoutKazakhAsides(KazakhFolded(normalized));
        return (ParseNumeric(cleaned, today) ?? (russian == cleaned ? null : ParseNumeric(russian, today)) ?? lang switch
        {
            // The recognizer reads the member's own words, time of day included ("last night"); Kazakh words go
            // first, as the recognizer would take the digit of "3 күн бұрын" for something.
            "en" => ParseEnglish(cleaned, today) ?? ParseKazakh(kazakh, today) ?? Recognize(normalized, today) ?? ParseRussian(russian, today),
            _ => ParseRussian(russian, today) ?? ParseKazakh(kazakh, today),
        }) ?? NotADate;
    }

    /// <summary>Drops what adds nothing at day precision: "вечером", the year word in "2026 г.".</summary>
    private static string WithoutRussianAsides(string text) =>
        DateWords.RussianCountAfterUnit().Replace(
            DateWords.RussianYearWord().Replace(DateWords.RussianHedges().Replace(DateWords.RussianTimeOfDay().Replace(text, ""), ""), "$1"),
            "$2 $1");

    /// <summary>Kazakh letters as the Russian ones members type in their place on a Russian keyboard
    /// (<see cref="KazakhLetters"/>: қ as к, ү as у, і as и), and a Latin i for і, so "бүгін", "бугин" and "бугiн" are one
    /// word.</summary>
    private static string KazakhFolded(string text) => KazakhLetters.Folded(text).Replace('i', 'и');

    /// <summary>Drops the time of day ("кеше кешке", yesterday evening), which adds nothing at day precision.</summary>
    private static string WithoutKazakhAsides(string text) => DateWords.KazakhTimeOfDay().Replace(text, "");

    private static string WithoutEnglishAsides(string text)
    {
        text = DateWords.EnglishHedges().Replace(DateWords.EnglishTimeOfDay().Replace(text, ""), "");
        return text.StartsWith("on ", StringComparison.Ordinal) ? text[3..] : text;
    }

    private static string LanguageOf(string? language) =>
        language is null ? "" : language.Split('-', '_')[0].Trim().ToLowerInvariant();

    /// <summary>Lower case, one space between words, no invisible marks, ASCII digits and hyphens,
    /// no punctuation around the answer. Null when the text is too long to be a date.</summary>
    private static string? Normalize(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxLength + 1));
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (builder.Length > MaxLength)
            {
                return null;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Format or UnicodeCategory.Control)
            {
                // Direction marks, zero-width joiners and stray control bytes pasted from other apps.
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c switch
            {
                _ when category == UnicodeCategory.DecimalDigitNumber => (char)('0' + (int)char.GetNumericValue(c)),
                >= '\u2010' and <= '\u2015' or '\u2212' => '-',
                'ё' or 'Ё' => 'е',
                _ => char.ToLowerInvariant(c),
            });
        }

        return builder.ToString().Trim(' ', '.', ',', '!', '?', ';', ':', '…', '(', ')', '"', '\'', '«', '»');
    }

    private static DateParse? ParseNumeric(string text, DateOnly today)
    {
        if (DateWords.IsoDate().Match(text) is { Success: true } iso)
        {
            return CalendarDays.Exact(Number(iso.Groups[1]), Number(iso.Groups[2]), Number(iso.Groups[3]));
        }

        if (DateWords.DayFirstDate().Match(text) is not { Success: true } match)
        {
            return null;
        }

        var day = Number(match.Groups[1]);
        var month = Number(match.Groups[2]);
        var year = match.Groups[3];
        return year.Success switch
        {
            false => CalendarDays.MostRecent(month, day, today),
            true when year.Length == 2 => CalendarDays.Exact(CalendarDays.TwoDigitYear(Number(year), today), month, day),
            true => CalendarDays.Exact(Number(year), month, day),
        };
    }

    private static DateParse? ParseRussian(string text, DateOnly today)
    {
        switch (text)
        {
            case "сегодня":
                return CalendarDays.DaysAgo(today, 0);
            case "вчера":
                return CalendarDays.DaysAgo(today, 1);
            case "позавчера":
                return CalendarDays.DaysAgo(today, 2);
            case "полгода назад" or "пол года назад" or "полгода тому назад" or "пол года тому назад":
                return CalendarDays.MonthsAgo(today, 6);
        }

        if (DateWords.RussianAgo().Match(text) is { Success: true } ago)
        {
            var unit = ago.Groups[2].Value switch
            {
                var word when word.StartsWith("нед", StringComparison.Ordinal) => AgoUnit.Week,
                var word when word.StartsWith("мес", StringComparison.Ordinal) => AgoUnit.Month,
                "год" or "года" or "лет" => AgoUnit.Year,
                _ => AgoUnit.Day,
            };
            return Count(ago.Groups[1], DateWords.RussianNumbers) is { } count ? CalendarDays.Ago(today, count, unit) : null;
        }

        if (DateWords.RussianDayOfMonth().Match(text) is { Success: true } dayOfMonth)
        {
            return CalendarDays.MostRecentDayOfMonth(Number(dayOfMonth.Groups[1]), today);
        }

        if (DateWords.RussianLastWeek().Match(text) is { Success: true } lastWeek)
        {
            return CalendarDays.WeeksBack(today, lastWeek.Groups[1].Value == "позапрошл" ? 2 : 1);
        }

        if (RussianWeekday(text) is { } weekday)
        {
            return CalendarDays.LastWeekday(today, weekday.Day, strictlyBefore: weekday.Past);
        }

        if (DateWords.RussianDayMonth().Match(text) is { Success: true } dayMonth
            && DateWords.RussianMonths.TryGetValue(dayMonth.Groups[2].Value, out var month))
        {
            return WithOptionalYear(dayMonth.Groups[3], month, Number(dayMonth.Groups[1]), today);
        }

        return null;
    }

    /// <summary>Kazakh relative words, read from text folded by <see cref="KazakhFolded"/>.</summary>
    private static DateParse? ParseKazakh(string text, DateOnly today)
    {
        switch (text)
        {
            case "бугин":
                return CalendarDays.DaysAgo(today, 0);
            case "кеше":
                return CalendarDays.DaysAgo(today, 1);
            // Written as one word or two, and "алдыңгүні" often without the ғ.
            case "алдынгуни" or "алдынгы куни" or "алдынгы кун":
                return CalendarDays.DaysAgo(today, 2);
        }

        if (DateWords.KazakhAgo().Match(text) is { Success: true } ago)
        {
            var unit = ago.Groups[2].Value switch
            {
                var word when word.StartsWith("апта", StringComparison.Ordinal) => AgoUnit.Week,
                var word when word.StartsWith("ай", StringComparison.Ordinal) => AgoUnit.Month,
                var word when word.StartsWith("жыл", StringComparison.Ordinal) => AgoUnit.Year,
                _ => AgoUnit.Day,
            };
            return Count(ago.Groups[1], DateWords.KazakhNumbers) is { } count ? CalendarDays.Ago(today, count, unit) : null;
        }

        if (DateWords.KazakhLastWeek().IsMatch(text))
        {
            return CalendarDays.WeeksBack(today, 1);
        }

        if (KazakhWeekday(text) is { } weekday)
        {
            return CalendarDays.LastWeekday(today, weekday.Day, strictlyBefore: weekday.Past);
        }

        if (DateWords.KazakhDayMonth().Match(text) is { Success: true } dayMonth
            && WithoutLocative(dayMonth.Groups[2].Value, DateWords.KazakhMonths) is { } month)
        {
            return WithOptionalYear(dayMonth.Groups[3], month, Number(dayMonth.Groups[1]), today);
        }

        return null;
    }

    /// <summary>The value of <paramref name="word"/>, also with the locative ending members add ("жұмада", on
    /// Friday; "наурызда", in March).</summary>
    private static T? WithoutLocative<T>(string word, FrozenDictionary<string, T> words) where T : struct =>
        words.TryGetValue(word, out var value) ? value
        : word.Length > 2 && word[^2..] is "да" or "де" or "та" or "те" && words.TryGetValue(word[..^2], out value) ? value
        : null;

    private static DateParse? ParseEnglish(string text, DateOnly today)
    {
        switch (text)
        {
            case "today":
                return CalendarDays.DaysAgo(today, 0);
            case "yesterday":
                return CalendarDays.DaysAgo(today, 1);
            case "the day before yesterday" or "day before yesterday":
                return CalendarDays.DaysAgo(today, 2);
        }

        if (DateWords.EnglishAgo().Match(text) is { Success: true } ago)
        {
            return Count(ago.Groups[1], DateWords.EnglishNumbers) is { } count
                ? CalendarDays.Ago(today, count, ago.Groups[2].Value.StartsWith('w') ? AgoUnit.Week : AgoUnit.Day)
                : null;
        }

        if (DateWords.EnglishDayOfMonth().Match(text) is { Success: true } dayOfMonth)
        {
            return CalendarDays.MostRecentDayOfMonth(Number(dayOfMonth.Groups[1]), today);
        }

        // The recognizer reads a week as a range of days, which names no day.
        if (DateWords.EnglishLastWeek().Match(text) is { Success: true } lastWeek)
        {
            return CalendarDays.WeeksBack(today, lastWeek.Groups[1].Success ? 2 : 1);
        }

        // Handled here rather than by the recognizer, which reads "last Tuesday" as the Tuesday of last
        // week; members mean the most recent one, and the Russian reading must agree.
        if (EnglishWeekday(text) is { } weekday)
        {
            return CalendarDays.LastWeekday(today, weekday.Day, strictlyBefore: weekday.Past);
        }

        if (DateWords.EnglishDayMonth().Match(text) is { Success: true } dayMonth
            && DateWords.EnglishMonths.TryGetValue(dayMonth.Groups[2].Value, out var month))
        {
            return WithOptionalYear(dayMonth.Groups[3], month, Number(dayMonth.Groups[1]), today);
        }

        if (DateWords.EnglishMonthDay().Match(text) is { Success: true } monthDay
            && DateWords.EnglishMonths.TryGetValue(monthDay.Groups[1].Value, out month))
        {
            return WithOptionalYear(monthDay.Groups[3], month, Number(monthDay.Groups[2]), today);
        }

        return null;
    }

    private static int Number(Group group) => int.Parse(group.ValueSpan, CultureInfo.InvariantCulture);

    private static long? Count(Group group, FrozenDictionary<string, int> words) =>
        !group.Success ? 1
        : group.Value[0] is >= '0' and <= '9' ? long.Parse(group.ValueSpan, CultureInfo.InvariantCulture)
        : words.TryGetValue(group.Value, out var word) ? word
        : null;

    private static DateParse WithOptionalYear(Group year, int month, int day, DateOnly today) =>
        year.Success ? CalendarDays.Exact(Number(year), month, day) : CalendarDays.MostRecent(month, day, today);
}
