using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Recognizers.Text;
using Microsoft.Recognizers.Text.DateTime;

namespace CommunityBot.Conversations;

/// <summary>What a member's typed date turned out to be. Range rules (future, floor) are the caller's.</summary>
internal abstract record DateParse
{
    private DateParse()
    {
    }

    public sealed record Parsed(DateOnly Date) : DateParse;

    public sealed record Unrecognized : DateParse;
}

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

    // Enough to reach back from any day to the most recent 29 February (1896 → 1904 is the widest gap).
    private const int LeapSearchYears = 8;

    private static readonly DateParse NotADate = new DateParse.Unrecognized();

    private static readonly TimeOnly Noon = new(12, 0);

    // Building the English model takes a good part of a second; a Russian-only deployment never pays it,
    // and the first English answer pays it once for everyone.
    private readonly Lazy<DateTimeModel> _english = new(
        () => new DateTimeRecognizer(Culture.English, DateTimeOptions.None, lazyInitialization: false)
            .GetDateTimeModel(),
        LazyThreadSafetyMode.ExecutionAndPublication);

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
        return (ParseNumeric(cleaned, today) ?? lang switch
        {
            // The recognizer reads the member's own words, time of day included ("last night"); Kazakh words go
            // first, as the recognizer would take the digit of "3 күн бұрын" for something.
            "en" => ParseEnglish(cleaned, today) ?? ParseKazakh(kazakh, today) ?? Recognize(normalized, today) ?? ParseRussian(russian, today),
            _ => ParseRussian(russian, today) ?? ParseKazakh(kazakh, today),
        }) ?? NotADate;
    }

    /// <summary>Drops what adds nothing at day precision: "вечером", the year word in "2026 г.".</summary>
    private static string WithoutRussianAsides(string text) =>
        RussianYearWord().Replace(RussianTimeOfDay().Replace(text, ""), "$1");

    /// <summary>Kazakh letters as the Russian ones members type in their place on a Russian keyboard (қ as к, ү as
    /// у, і as и), and a Latin i for і, so "бүгін", "бугин" and "бугiн" are one word.</summary>
    private static string KazakhFolded(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = source[i] switch
                {
                    'ә' => 'а',
                    'ғ' => 'г',
                    'қ' => 'к',
                    'ң' => 'н',
                    'ө' => 'о',
                    'ұ' or 'ү' => 'у',
                    'һ' => 'х',
                    'і' or 'i' => 'и',
                    var c => c,
                };
            }
        });

    /// <summary>Drops the time of day ("кеше кешке", yesterday evening), which adds nothing at day precision.</summary>
    private static string WithoutKazakhAsides(string text) => KazakhTimeOfDay().Replace(text, "");

    private static string WithoutEnglishAsides(string text)
    {
        text = EnglishTimeOfDay().Replace(text, "");
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
        if (IsoDate().Match(text) is { Success: true } iso)
        {
            return Exact(Number(iso.Groups[1]), Number(iso.Groups[2]), Number(iso.Groups[3]));
        }

        if (DayFirstDate().Match(text) is not { Success: true } match)
        {
            return null;
        }

        var day = Number(match.Groups[1]);
        var month = Number(match.Groups[2]);
        var year = match.Groups[3];
        return year.Success switch
        {
            false => MostRecent(month, day, today),
            true when year.Length == 2 => Exact(TwoDigitYear(Number(year), today), month, day),
            true => Exact(Number(year), month, day),
        };
    }

    private static DateParse? ParseRussian(string text, DateOnly today)
    {
        switch (text)
        {
            case "сегодня":
                return DaysAgo(today, 0);
            case "вчера":
                return DaysAgo(today, 1);
            case "позавчера":
                return DaysAgo(today, 2);
        }

        if (RussianAgo().Match(text) is { Success: true } ago)
        {
            return Count(ago.Groups[1], RussianNumbers) is { } count
                ? DaysAgo(today, ago.Groups[2].Value.StartsWith("нед", StringComparison.Ordinal) ? count * 7 : count)
                : null;
        }

        if (RussianWeekday().Match(text) is { Success: true } weekday
            && RussianWeekdays.TryGetValue(weekday.Groups[2].Value, out var dayOfWeek))
        {
            var strictlyBefore = weekday.Groups[1].Value.StartsWith("прошл", StringComparison.Ordinal);
            return LastWeekday(today, dayOfWeek, strictlyBefore);
        }

        if (RussianDayMonth().Match(text) is { Success: true } dayMonth
            && RussianMonths.TryGetValue(dayMonth.Groups[2].Value, out var month))
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
                return DaysAgo(today, 0);
            case "кеше":
                return DaysAgo(today, 1);
            // Written as one word or two, and "алдыңгүні" often without the ғ.
            case "алдынгуни" or "алдынгы куни" or "алдынгы кун":
                return DaysAgo(today, 2);
        }

        if (KazakhAgo().Match(text) is { Success: true } ago)
        {
            return Count(ago.Groups[1], KazakhNumbers) is { } count
                ? DaysAgo(today, ago.Groups[2].Value.StartsWith("апта", StringComparison.Ordinal) ? count * 7 : count)
                : null;
        }

        if (KazakhWeekday().Match(text) is { Success: true } weekday
            && WithoutLocative(weekday.Groups[2].Value, KazakhWeekdays) is { } dayOfWeek)
        {
            return LastWeekday(today, dayOfWeek, strictlyBefore: weekday.Groups[1].Value == "откен");
        }

        if (KazakhDayMonth().Match(text) is { Success: true } dayMonth
            && WithoutLocative(dayMonth.Groups[2].Value, KazakhMonths) is { } month)
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
                return DaysAgo(today, 0);
            case "yesterday":
                return DaysAgo(today, 1);
            case "the day before yesterday" or "day before yesterday":
                return DaysAgo(today, 2);
        }

        if (EnglishAgo().Match(text) is { Success: true } ago)
        {
            return Count(ago.Groups[1], EnglishNumbers) is { } count
                ? DaysAgo(today, ago.Groups[2].Value.StartsWith('w') ? count * 7 : count)
                : null;
        }

        // Handled here rather than by the recognizer, which reads "last Tuesday" as the Tuesday of last
        // week; members mean the most recent one, and the Russian reading must agree.
        if (EnglishWeekday().Match(text) is { Success: true } weekday
            && EnglishWeekdays.TryGetValue(weekday.Groups[2].Value, out var dayOfWeek))
        {
            var strictlyBefore = weekday.Groups[1].Value is "last" or "past" or "previous";
            return LastWeekday(today, dayOfWeek, strictlyBefore);
        }

        if (EnglishDayMonth().Match(text) is { Success: true } dayMonth
            && EnglishMonths.TryGetValue(dayMonth.Groups[2].Value, out var month))
        {
            return WithOptionalYear(dayMonth.Groups[3], month, Number(dayMonth.Groups[1]), today);
        }

        if (EnglishMonthDay().Match(text) is { Success: true } monthDay
            && EnglishMonths.TryGetValue(monthDay.Groups[1].Value, out month))
        {
            return WithOptionalYear(monthDay.Groups[3], month, Number(monthDay.Groups[2]), today);
        }

        return null;
    }

    private DateParse.Parsed? Recognize(string text, DateOnly today)
    {
        List<ModelResult> results;
        try
        {
            results = _english.Value.Parse(text, today.ToDateTime(Noon));
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }

        foreach (var result in results)
        {
            if (DateOf(result, today) is { } date)
            {
                return new DateParse.Parsed(date);
            }
        }

        return null;
    }

    /// <summary>The day a recognizer result names, if it names exactly one: of several candidates (past and
    /// future readings of "Tuesday") the latest not after today; ranges longer than a day name none.</summary>
    private static DateOnly? DateOf(ModelResult result, DateOnly today)
    {
        if (result.Resolution is null
            || !result.Resolution.TryGetValue("values", out var values)
            || values is not IEnumerable<IReadOnlyDictionary<string, string>> candidates)
        {
            return null;
        }

        DateOnly? best = null;
        foreach (var candidate in candidates)
        {
            if (CandidateDay(candidate) is not { } day)
            {
                continue;
            }

            best = best switch
            {
                null => day,
                { } current when current > today => day < current ? day : current,
                { } current => day <= today && day > current ? day : current,
            };
        }

        return best;
    }

    private static DateOnly? CandidateDay(IReadOnlyDictionary<string, string> candidate)
    {
        string? Get(string key) => candidate.TryGetValue(key, out var value) ? value : null;

        switch (Get("type"))
        {
            case "date" or "datetime":
                return RecognizerDateTime(Get("value")) is { } value ? DateOnly.FromDateTime(value) : null;
            case "daterange" or "datetimerange":
                if (RecognizerDateTime(Get("start")) is not { } start
                    || RecognizerDateTime(Get("end")) is not { } end
                    || end < start
                    || end - start > TimeSpan.FromDays(1))
                {
                    return null;
                }

                return DateOnly.FromDateTime(start);
            default:
                return null;
        }
    }

    private static DateTime? RecognizerDateTime(string? text) =>
        DateTime.TryParseExact(
            text,
            ["yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss"],
            CultureInfo.InvariantCulture,
            DateTimeStyles.None,
            out var value)
            ? value
            : null;

    private static int Number(Group group) => int.Parse(group.ValueSpan, CultureInfo.InvariantCulture);

    private static long? Count(Group group, FrozenDictionary<string, int> words) =>
        !group.Success ? 1
        : group.Value[0] is >= '0' and <= '9' ? long.Parse(group.ValueSpan, CultureInfo.InvariantCulture)
        : words.TryGetValue(group.Value, out var word) ? word
        : null;

    private static DateParse Exact(int year, int month, int day) =>
        IsValid(year, month, day) ? new DateParse.Parsed(new DateOnly(year, month, day)) : NotADate;

    private static DateParse WithOptionalYear(Group year, int month, int day, DateOnly today) =>
        year.Success ? Exact(Number(year), month, day) : MostRecent(month, day, today);

    /// <summary>A day and month without a year: the most recent such day not after today.</summary>
    private static DateParse MostRecent(int month, int day, DateOnly today)
    {
        for (var year = today.Year; year > 0 && year >= today.Year - LeapSearchYears; year--)
        {
            if (IsValid(year, month, day) && new DateOnly(year, month, day) is var date && date <= today)
            {
                return new DateParse.Parsed(date);
            }
        }

        return NotADate;
    }

    /// <summary>"26" is the most recent year ending in 26 not after this year, like a missing year.</summary>
    private static int TwoDigitYear(int twoDigits, DateOnly today)
    {
        var year = (today.Year / 100 * 100) + twoDigits;
        return year > today.Year ? year - 100 : year;
    }

    private static bool IsValid(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    private static DateParse DaysAgo(DateOnly today, long days) =>
        days >= 0 && days <= today.DayNumber
            ? new DateParse.Parsed(DateOnly.FromDayNumber(today.DayNumber - (int)days))
            : NotADate;

    private static DateParse LastWeekday(DateOnly today, DayOfWeek dayOfWeek, bool strictlyBefore)
    {
        var back = ((int)today.DayOfWeek - (int)dayOfWeek + 7) % 7;
        return DaysAgo(today, back == 0 && strictlyBefore ? 7 : back);
    }

    private static readonly FrozenDictionary<string, int> RussianNumbers = new Dictionary<string, int>
    {
        ["один"] = 1, ["одна"] = 1, ["одну"] = 1, ["одни"] = 1, ["два"] = 2, ["две"] = 2, ["три"] = 3,
        ["четыре"] = 4, ["пять"] = 5, ["шесть"] = 6, ["семь"] = 7, ["восемь"] = 8, ["девять"] = 9,
        ["десять"] = 10,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Folded like the text they are looked up with (үш as уш, тоғыз as тогыз).
    private static readonly FrozenDictionary<string, int> KazakhNumbers = new Dictionary<string, int>
    {
        ["бир"] = 1, ["еки"] = 2, ["уш"] = 3, ["торт"] = 4, ["бес"] = 5, ["алты"] = 6, ["жети"] = 7,
        ["сегиз"] = 8, ["тогыз"] = 9, ["он"] = 10,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Folded: дүйсенбі as дуйсенби, сәрсенбі as сарсенби, жұма as жума.
    private static readonly FrozenDictionary<string, DayOfWeek> KazakhWeekdays = new Dictionary<string, DayOfWeek>
    {
        ["дуйсенби"] = DayOfWeek.Monday, ["сейсенби"] = DayOfWeek.Tuesday, ["сарсенби"] = DayOfWeek.Wednesday,
        ["бейсенби"] = DayOfWeek.Thursday, ["жума"] = DayOfWeek.Friday, ["сенби"] = DayOfWeek.Saturday,
        ["жексенби"] = DayOfWeek.Sunday,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Folded: қаңтар as кантар, сәуір as сауир, желтоқсан as желтоксан.
    private static readonly FrozenDictionary<string, int> KazakhMonths = new Dictionary<string, int>
    {
        ["кантар"] = 1, ["акпан"] = 2, ["наурыз"] = 3, ["сауир"] = 4, ["мамыр"] = 5, ["маусым"] = 6,
        ["шилде"] = 7, ["тамыз"] = 8, ["кыркуйек"] = 9, ["казан"] = 10, ["караша"] = 11, ["желтоксан"] = 12,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, int> EnglishNumbers = new Dictionary<string, int>
    {
        ["a"] = 1, ["an"] = 1, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5,
        ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, DayOfWeek> RussianWeekdays = new Dictionary<string, DayOfWeek>
    {
        ["понедельник"] = DayOfWeek.Monday, ["пн"] = DayOfWeek.Monday,
        ["вторник"] = DayOfWeek.Tuesday, ["вт"] = DayOfWeek.Tuesday,
        ["среда"] = DayOfWeek.Wednesday, ["среду"] = DayOfWeek.Wednesday, ["ср"] = DayOfWeek.Wednesday,
        ["четверг"] = DayOfWeek.Thursday, ["чт"] = DayOfWeek.Thursday,
        ["пятница"] = DayOfWeek.Friday, ["пятницу"] = DayOfWeek.Friday, ["пт"] = DayOfWeek.Friday,
        ["суббота"] = DayOfWeek.Saturday, ["субботу"] = DayOfWeek.Saturday, ["сб"] = DayOfWeek.Saturday,
        ["воскресенье"] = DayOfWeek.Sunday, ["воскресение"] = DayOfWeek.Sunday, ["вс"] = DayOfWeek.Sunday,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, DayOfWeek> EnglishWeekdays = new Dictionary<string, DayOfWeek>
    {
        ["monday"] = DayOfWeek.Monday, ["mon"] = DayOfWeek.Monday,
        ["tuesday"] = DayOfWeek.Tuesday, ["tue"] = DayOfWeek.Tuesday, ["tues"] = DayOfWeek.Tuesday,
        ["wednesday"] = DayOfWeek.Wednesday, ["wed"] = DayOfWeek.Wednesday,
        ["thursday"] = DayOfWeek.Thursday, ["thu"] = DayOfWeek.Thursday, ["thur"] = DayOfWeek.Thursday,
        ["thurs"] = DayOfWeek.Thursday,
        ["friday"] = DayOfWeek.Friday, ["fri"] = DayOfWeek.Friday,
        ["saturday"] = DayOfWeek.Saturday, ["sat"] = DayOfWeek.Saturday,
        ["sunday"] = DayOfWeek.Sunday, ["sun"] = DayOfWeek.Sunday,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Genitive is correct ("12 марта"); the nominative and short forms are what people type in a hurry.
    private static readonly FrozenDictionary<string, int> RussianMonths = new Dictionary<string, int>
    {
        ["января"] = 1, ["январь"] = 1, ["янв"] = 1,
        ["февраля"] = 2, ["февраль"] = 2, ["фев"] = 2, ["февр"] = 2,
        ["марта"] = 3, ["март"] = 3, ["мар"] = 3,
        ["апреля"] = 4, ["апрель"] = 4, ["апр"] = 4,
        ["мая"] = 5, ["май"] = 5,
        ["июня"] = 6, ["июнь"] = 6, ["июн"] = 6,
        ["июля"] = 7, ["июль"] = 7, ["июл"] = 7,
        ["августа"] = 8, ["август"] = 8, ["авг"] = 8,
        ["сентября"] = 9, ["сентябрь"] = 9, ["сен"] = 9, ["сент"] = 9,
        ["октября"] = 10, ["октябрь"] = 10, ["окт"] = 10,
        ["ноября"] = 11, ["ноябрь"] = 11, ["ноя"] = 11, ["нояб"] = 11,
        ["декабря"] = 12, ["декабрь"] = 12, ["дек"] = 12,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, int> EnglishMonths = new Dictionary<string, int>
    {
        ["january"] = 1, ["jan"] = 1, ["february"] = 2, ["feb"] = 2, ["march"] = 3, ["mar"] = 3,
        ["april"] = 4, ["apr"] = 4, ["may"] = 5, ["june"] = 6, ["jun"] = 6, ["july"] = 7, ["jul"] = 7,
        ["august"] = 8, ["aug"] = 8, ["september"] = 9, ["sep"] = 9, ["sept"] = 9, ["october"] = 10,
        ["oct"] = 10, ["november"] = 11, ["nov"] = 11, ["december"] = 12, ["dec"] = 12,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    [GeneratedRegex("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex("^([0-9]{1,2}) ?[./-] ?([0-9]{1,2})(?: ?[./-] ?([0-9]{4}|[0-9]{2}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex DayFirstDate();

    // "вчера вечером", "вечером в пятницу".
    [GeneratedRegex("^(?:рано |поздно )?(?:утром|днем|вечером|ночью) | (?:рано |поздно )?(?:утром|днем|вечером|ночью)$", RegexOptions.CultureInvariant)]
    private static partial Regex RussianTimeOfDay();

    // "12 марта 2026 г.", "12.03.2026 года".
    [GeneratedRegex("([0-9]) ?(?:г|год|года)$", RegexOptions.CultureInvariant)]
    private static partial Regex RussianYearWord();

    [GeneratedRegex("^(?:([0-9]{1,9}|[а-я]+) )?(день|дня|дней|дн|сутки|суток|неделю|недели|недель|нед) назад$", RegexOptions.CultureInvariant)]
    private static partial Regex RussianAgo();

    [GeneratedRegex("^(?:во? )?(?:(прошлый|прошлую|прошлое|этот|эту|это) )?([а-я]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex RussianWeekday();

    [GeneratedRegex("^([0-9]{1,2})(?:-?го)? ([а-я]+)(?: ([0-9]{4}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex RussianDayMonth();

    // "3 күн бұрын", "бір апта бұрын", "апта бұрын", folded; "шамамен 3 күндей бұрын" is "about 3 days ago".
    [GeneratedRegex("^(?:шамамен )?(?:([0-9]{1,9}|[а-я]+) )?(кун|куни|кундей|апта|аптадай) бурын$", RegexOptions.CultureInvariant)]
    private static partial Regex KazakhAgo();

    // "жұмада", "өткен сенбіде", "сейсенбі күні", folded.
    [GeneratedRegex("^(?:(откен|осы) )?([а-я]+)(?: куни)?$", RegexOptions.CultureInvariant)]
    private static partial Regex KazakhWeekday();

    // "12 наурыз", "12 наурызда", "12 наурыз 2026 ж.", folded.
    [GeneratedRegex("^([0-9]{1,2})(?:-?(?:ши|сы|си|шы))? ([а-я]+)(?: ([0-9]{4})(?: ?(?:ж|жыл|жылы))?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex KazakhDayMonth();

    // "кеше кешке", "таңертең бүгін", folded: morning, daytime, noon, evening, night.
    [GeneratedRegex("^(?:танертен|кундиз|тусте|кешке|тунде) | (?:танертен|кундиз|тусте|кешке|тунде)$", RegexOptions.CultureInvariant)]
    private static partial Regex KazakhTimeOfDay();

    [GeneratedRegex(" (?:early |late )?(?:in the |at )?(?:morning|afternoon|evening|night)$", RegexOptions.CultureInvariant)]
    private static partial Regex EnglishTimeOfDay();

    [GeneratedRegex("^(?:([0-9]{1,9}|[a-z]+) )?(day|days|week|weeks) ago$", RegexOptions.CultureInvariant)]
    private static partial Regex EnglishAgo();

    [GeneratedRegex("^(?:(last|past|previous|this) )?([a-z]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex EnglishWeekday();

    [GeneratedRegex("^(?:the )?([0-9]{1,2})(?:st|nd|rd|th)?(?: of)? ([a-z]+)(?:,? ([0-9]{4}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex EnglishDayMonth();

    [GeneratedRegex("^([a-z]+) (?:the )?([0-9]{1,2})(?:st|nd|rd|th)?(?:,? ([0-9]{4}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex EnglishMonthDay();
}
