using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Recognizers.Text;
using Microsoft.Recognizers.Text.Sequence;

namespace CommunityBot.Privacy;

/// <summary>
/// Finds phone numbers, e-mail addresses, URLs, @mentions, card and ID numbers in a member's free text so the member can
/// choose to mask them before a report is stored. Build one per process: the recognizer models are slow
/// to build, and once built they hold only compiled regular expressions, so <see cref="Scan"/> may be
/// called from many threads at once.
/// </summary>
internal sealed partial class SensitiveDataScanner
{
    private const int MinPhoneDigits = 7;
    private const int MaxPhoneDigits = 15; // E.164
    private const int MaxPhoneGroups = 7; // +7 (701) 123 45 67 has five

    // RFC 5321 limits; a window this wide around each '@' holds any real address.
    private const int MaxLocalPart = 64;
    private const int MaxDomain = 255;

    private const int RegexTimeoutMs = 250;

    // Numbers followed by these are doses, weights or money, never phone numbers.
    private static readonly FrozenSet<string> UnitWords = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "мг", "mg", "мкг", "мл", "ml", "г", "гр", "кг", "kg", "таб", "табл", "таблеток", "шт",
        "тенге", "тг", "тнг", "руб", "рублей", "рубля", "р", "сом", "сомов", "сомони", "сум", "лари",
        "грн", "гривен", "гривень", "лей", "лв", "евро", "долл", "доллар", "долларов", "дол",
        "kzt", "kgs", "rub", "uah", "gel", "uzs", "tjs", "usd", "eur", "tenge", "som", "lari");

    private const string UnitSymbols = "₸₽$€₴₾%";

    private readonly IModel phones;
    private readonly IModel emails;
    private readonly IModel urls;
    private readonly IModel mentions;

    public SensitiveDataScanner()
    {
        // The sequence models are language-neutral patterns; English is the culture that has all four. Only these four
        // are built: without lazy initialisation the recognizer also builds its IP address, hashtag and GUID models.
        var recognizer = new SequenceRecognizer(Culture.English, lazyInitialization: true);
        phones = recognizer.GetPhoneNumberModel();
        emails = recognizer.GetEmailModel();
        urls = recognizer.GetURLModel();
        mentions = recognizer.GetMentionModel();

        // Parts of the models initialise on first use, and that initialisation is not safe to race.
        _ = Scan("+7 701 123 45 67 name@example.kz https://t.me/name @name");
    }

    public ImmutableArray<SensitiveFinding> Scan(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        // The library finds no link glued to a character it does not know («t.me/name», —t.me/name, an emoji
        // or a direction mark before it). No contact detail contains such characters, so they become spaces;
        // one space for one character keeps every offset valid. Every kind of space is a plain one too: a phone
        // number pasted from a contact card may have thin or narrow no-break spaces between its groups.
        var plain = string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = char.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator ? ' '
                    : char.IsAscii(c) || char.IsLetterOrDigit(c) || char.IsWhiteSpace(c) ? c : ' ';
            }
        });

        var found = new List<SensitiveFinding>();
        Collect(found, plain, FindPhones);
        Collect(found, plain, FindEmails);
        Collect(found, plain, FindUrls);
        Collect(found, plain, FindMentions);
        Collect(found, plain, FindCodes);
        Collect(found, plain, IdentifyingNumbers.Find);
        Collect(found, plain, DisguisedEmails.Find);
        return Redaction.Merge(text, found.Select(f => Finding(f.Kind, text, f.Start, f.Length)));
    }

    // A scanner that throws would lose the member's answer; a source that fails only loses its own findings.
    private static void Collect(List<SensitiveFinding> found, string text, Func<string, IEnumerable<SensitiveFinding>> source)
    {
        try
        {
            found.AddRange(source(text));
        }
        catch (Exception)
        {
            // Nothing to report with: the text itself must never reach a log.
        }
    }

    private IEnumerable<SensitiveFinding> FindPhones(string text)
    {
        var recognised = FromModel(phones, text, SensitiveKind.Phone, IsConfidentPhone);

        // The library knows North American and West European layouts; members type CIS and Caucasus ones.
        var typed = PhoneLike().Matches(text).SelectMany(m => RegionalPhones(text, m));

        return recognised.Where(f => IsPlausiblePhone(text, f)).Concat(typed).ToList();
    }

    private static bool IsPlausiblePhone(string text, SensitiveFinding finding)
    {
        var candidate = finding.Text;
        var digits = candidate.Count(char.IsAsciiDigit);
        if (digits is < MinPhoneDigits or > MaxPhoneDigits)
        {
            return false;
        }

        if (YearRange().IsMatch(candidate) || IsDate(candidate) || IsRoundNumbersOrYears(candidate))
        {
            return false;
        }

        // Part of a date, a time or a decimal: 12.03.2026 80 80 80 is not a phone number. One with its country code or
        // trunk prefix is whole, and the joint only lists it ("87011234567,87021234567", "8-701-…/8-702-…").
        var start = finding.Start;
        var end = finding.Start + finding.Length;
        if (!IsWhole(candidate, digits)
            && ((start >= 2 && IsNumberJoint(text[start - 1]) && char.IsAsciiDigit(text[start - 2]))
                || (end + 1 < text.Length && IsNumberJoint(text[end]) && char.IsAsciiDigit(text[end + 1]))))
        {
            return false;
        }

        if (ThousandsAmount().IsMatch(candidate) && candidate.EndsWith("000", StringComparison.Ordinal))
        {
            return false;
        }

        return !IsFollowedByUnit(text, finding.Start + finding.Length);
    }

    // Doses, ages or sums in a row ("снижали 120 110 100 90 80", "лет 30 40 50 60") and years ("2024 2025 2026"). A phone
    // number's groups are seldom all round, and one written with its area code or trunk prefix begins with a group that
    // is not (8 701…, +7…). Only spaces between them: 555-10-20 is written as a phone number is.
    private static bool IsRoundNumbersOrYears(string candidate)
    {
        var groups = candidate.Split(' ');
        return groups.Length > 1
            && (groups.All(g => g.Length is >= 1 and <= 3 && g.All(char.IsAsciiDigit) && g[0] != '0' && (g[^1] - '0') % 5 == 0)
                || groups.All(g => g.Length == 4 && g.All(char.IsAsciiDigit) && g[..2] is "19" or "20"));
    }

    private static bool IsNumberJoint(char c) => c is '.' or ',' or ':' or '/';

    private static bool IsWhole(string candidate, int digits) =>
        candidate.StartsWith('+') || (digits is 10 or 11 && TrunkPhoneShape().IsMatch(candidate));

    private static bool IsDate(string candidate)
    {
        var match = DateShape().Match(candidate);
        if (!match.Success)
        {
            return false;
        }

        var parts = match.Groups["part"].Captures.Select(c => int.Parse(c.Value, CultureInfo.InvariantCulture)).ToArray();
        static bool Day(int n) => n is >= 1 and <= 31;
        static bool Month(int n) => n is >= 1 and <= 12;
        return match.Groups["part"].Captures[0].Length == 4
            ? Month(parts[1]) && Day(parts[2])
            : (Day(parts[0]) && Month(parts[1])) || (Month(parts[0]) && Day(parts[1]));
    }

    private static bool IsFollowedByUnit(string text, int end)
    {
        var i = end;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        if (i < text.Length && UnitSymbols.Contains(text[i], StringComparison.Ordinal))
        {
            return true;
        }

        var wordEnd = i;
        while (wordEnd < text.Length && char.IsLetter(text[wordEnd]))
        {
            wordEnd++;
        }

        return wordEnd > i && UnitWords.Contains(text[i..wordEnd]);
    }

    private IEnumerable<SensitiveFinding> FindEmails(string text)
    {
        // The library's e-mail pattern is quadratic on long runs of text without an '@' (seconds for 10,000
        // letters), so it only ever sees the word around each '@', cut to the longest legal address.
        var found = new List<SensitiveFinding>();
        var coveredUntil = 0;
        for (var at = text.IndexOf('@', StringComparison.Ordinal); at >= 0; at = text.IndexOf('@', at + 1))
        {
            if (at < coveredUntil)
            {
                continue;
            }

            var start = at;
            while (start > 0 && at - start < MaxLocalPart && !char.IsWhiteSpace(text[start - 1]))
            {
                start--;
            }

            var end = at + 1;
            while (end < text.Length && end - at <= MaxDomain && !char.IsWhiteSpace(text[end]))
            {
                end++;
            }

            var window = text[start..end];
            foreach (var finding in FromModel(emails, window, SensitiveKind.Email).Concat(NonLatinEmails(window)))
            {
                found.Add(Finding(SensitiveKind.Email, text, start + finding.Start, finding.Length));
                coveredUntil = Math.Max(coveredUntil, start + finding.Start + finding.Length);
            }

            // Later '@'s in this window were seen already, found or not.
            coveredUntil = Math.Max(coveredUntil, end);
        }

        return found;
    }

    private IEnumerable<SensitiveFinding> FindUrls(string text)
    {
        var recognised = FromModel(urls, text, SensitiveKind.Url).Select(f => ExtendUrl(text, TrimUrl(text, f)));
        var cyrillicDomains = CyrillicDomain().Matches(text)
            .Select(m => ExtendUrl(text, Finding(SensitiveKind.Url, text, m.Index, m.Length)));
        return recognised.Concat(cyrillicDomains).ToList();
    }

    // The library stops a URL at the first non-Latin character, so /путь/к/странице would stay in the text.
    private static SensitiveFinding ExtendUrl(string text, SensitiveFinding finding)
    {
        var end = finding.Start + finding.Length;
        if (end >= text.Length || !IsUrlContinuation(text[end]))
        {
            return finding;
        }

        while (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        while (end > finding.Start + finding.Length && IsClosingPunctuation(text[end - 1]))
        {
            end--;
        }

        return Finding(finding.Kind, text, finding.Start, end - finding.Start);
    }

    private static bool IsUrlContinuation(char c) => char.IsLetterOrDigit(c) || "/?#=&%-_~+".Contains(c, StringComparison.Ordinal);

    private static SensitiveFinding TrimUrl(string text, SensitiveFinding finding)
    {
        var length = finding.Length;
        while (length > 1 && IsClosingPunctuation(text[finding.Start + length - 1]))
        {
            length--;
        }

        return length == finding.Length ? finding : Finding(finding.Kind, text, finding.Start, length);
    }

    private static bool IsClosingPunctuation(char c) => ".,;:!?)]}»\"'…".Contains(c, StringComparison.Ordinal);

    // The phone model reads any few groups of digits as a phone number with a low score ("80 120 140",
    // "100-120-140", "2019-2024"). Its confident readings stay; a doubtful one stays only if it has a
    // shape members use, or is one bare run of digits (an id number is as telling as a phone number).
    private static bool IsConfidentPhone(ModelResult result)
    {
        var text = result.Text ?? "";
        if (text.StartsWith('+') || text.All(char.IsAsciiDigit))
        {
            return true;
        }

        var score = result.Resolution?.TryGetValue("score", out var value) == true
            && double.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : 0;
        return score >= 0.9 || IsRegionalPhone(text);
    }

    private static List<SensitiveFinding> FromModel(IModel model, string text, SensitiveKind kind, Func<ModelResult, bool>? accept = null)
    {
        var found = new List<SensitiveFinding>();
        foreach (var result in model.Parse(text))
        {
            if (accept is not null && !accept(result))
            {
                continue;
            }

            var length = result.End - result.Start + 1;

            // The model reports offsets into its own lower-cased copy; take the member's own characters.
            if (result.Start >= 0 && length > 0 && result.Start <= text.Length - length)
            {
                found.Add(Finding(kind, text, result.Start, length));
            }
        }

        return found;
    }

    private static SensitiveFinding Finding(SensitiveKind kind, string text, int start, int length) =>
        new(kind, start, length, text.Substring(start, length));

    // A receipt code as the receipt shows it, or typed in lower case, without dashes or with spaces. Four words of
    // four letters are common in prose ("when they were here"), so groups split by spaces are taken only with a digit
    // in them; about one code in a hundred has none, and it is still found dashed as the receipt shows it, or run
    // together, which no prose is.
    private static IEnumerable<SensitiveFinding> FindCodes(string text) =>
        CodeLike().Matches(text)
            .Where(m => (m.Groups["sep"].Value is "-" or "" || m.Value.Any(char.IsAsciiDigit)) && ReceiptCode.Normalize(m.Value) is not null)
            .Select(m => Finding(SensitiveKind.Code, text, m.Index, m.Length))
            .ToList();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])[\p{L}\p{N}]{4}(?<sep>[- \u00A0]?)[\p{L}\p{N}]{4}\k<sep>[\p{L}\p{N}]{4}\k<sep>[\p{L}\p{N}]{4}(?![\p{L}\p{N}])",
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex CodeLike();

    // Digits with single spaces, hyphens, dots or brackets between them: +7 (701) 123-45-67, 8-701-1234567, 8.701.123.45.67.
    // A run may be longer than a phone number; RegionalPhones picks the phone numbers out of it, and IsPlausiblePhone
    // leaves the dates, times and decimals. Members glue a number to the word before it ("тел87011234567"), so only
    // a digit, a plus or an underscore (a username's) before it makes it part of something else.
    // Each separator form is distinct so a failing match cannot backtrack through many equal readings.
    [GeneratedRegex(
        @"(?<![\p{N}_+])(?:\+[ \u00A0]?)?\(?\d(?:(?:[ \u00A0]?[-–(][ \u00A0]?|\)(?:[ \u00A0]?-[ \u00A0]?|[ \u00A0])?|[ \u00A0]|\.)?\d){6,}(?!\p{N})",
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex PhoneLike();

    // Groups split at spaces only: "(701) 123-45-67" is three groups, "8-701-1234567" one.
    [GeneratedRegex(@"[^ \u00A0]+", RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex SpaceSeparatedGroup();

    // 8 (701) 123-45-67, 8-701-1234567, 0555 123 456, 067 123 4567, 8.701.123.45.67.
    [GeneratedRegex(@"^(?:8[ \u00A0.-]?\(?\d{3,4}\)?|0\(?\d{2,4}\)?)(?:[ \u00A0.-]?\d{2,4}){1,4}$", RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex TrunkPhoneShape();

    // A local number, with or without an area code: 555-12-34, (701) 123 45 67, (701)1234567, 701.123.45.67.
    [GeneratedRegex(@"^(?:\(?\d{3,5}\)?[ \u00A0.-]*)?\d{2,3}[ \u00A0.-]?\d{2}[ \u00A0.-]?\d{2}$", RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex LocalPhoneShape();

    [GeneratedRegex(@"^(?:19|20)\d\d[ \u00A0]?[-–—][ \u00A0]?(?:19|20)\d\d$", RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex YearRange();

    [GeneratedRegex(@"^\d{1,3}(?:[ \u00A0,.]\d{3})+$", RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex ThousandsAmount();

    [GeneratedRegex(@"^(?:(?<part>\d{1,2})[-./ ](?<part>\d{1,2})[-./ ](?<part>\d{2}|\d{4})|(?<part>\d{4})[-./ ](?<part>\d{1,2})[-./ ](?<part>\d{1,2}))$", RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex DateShape();

    private const string CyrillicTopLevel = "рф|рус|қаз|укр|бел|срб|мкд|мон|москва|онлайн|сайт";

    // Domains under Cyrillic top-level domains (сайт.рф), which the library does not know.
    [GeneratedRegex(
        @"(?<![\p{L}\p{N}@.\-])(?:https?://)?(?:[\p{L}\p{N}](?:[\p{L}\p{N}\-]{0,61}[\p{L}\p{N}])?\.)+(?:" + CyrillicTopLevel + @")(?![\p{L}\p{N}])",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, RegexTimeoutMs)]
    private static partial Regex CyrillicDomain();
}
