using System.Text.RegularExpressions;

namespace CommunityBot.Privacy;

/// <summary>
/// Bank card numbers and personal ID numbers in a member's text. A card number comes up in reports of extortion
/// ("переведите на карту…") and names its holder to the bank; an ID number names a person outright.
/// </summary>
internal static partial class IdentifyingNumbers
{
    private const int RegexTimeoutMs = 250;

    public static IEnumerable<SensitiveFinding> Find(string text)
    {
        var found = new List<SensitiveFinding>();
        Collect(found, text, CardLike(), SensitiveKind.Card, number => PassesLuhn(number) && !IsYears(number));
        for (var i = 0; i < found.Count; i++)
        {
            found[i] = WithGroupsAfter(text, found[i]);
        }
        Collect(found, text, IinLike(), SensitiveKind.IdNumber, IsIinShape);
        return found;
    }

    // A card read from a run of groups that goes on ("12.03.2026 1792 5672 2602 5664" read first as 2026 1792 5672 2602,
    // which may pass the check by chance) takes in the groups after it: hiding a group too many costs nothing, leaving
    // one of the card's own visible would show part of it.
    private static SensitiveFinding WithGroupsAfter(string text, SensitiveFinding card)
    {
        var end = card.Start + card.Length;
        while (GroupAfter().Match(text, end) is { Success: true } next && next.Index == end)
        {
            end += next.Length;
        }
        return end == card.Start + card.Length ? card : card with { Length = end - card.Start, Text = text[card.Start..end] };
    }

    [GeneratedRegex(@"\G[ \u00A0-]\d{1,6}(?!\p{N})", RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex GroupAfter();

    // A candidate that fails its check may have swallowed the start of a real one ("2026 4400 4301 2345 6789" reads
    // first as 2026 4400 4301 2345): the search goes on from the next character, not from the candidate's end.
    private static void Collect(List<SensitiveFinding> found, string text, Regex shape, SensitiveKind kind, Func<string, bool> check)
    {
        for (var match = shape.Match(text); match.Success; match = shape.Match(text, check(match.Value) ? match.Index + match.Length : match.Index + 1))
        {
            if (check(match.Value))
            {
                found.Add(new SensitiveFinding(kind, match.Index, match.Length, match.Value));
            }
        }
    }

    // The check digit every card number carries: one random run of digits in ten passes it, so a card must also have
    // the length and grouping of one.
    internal static bool PassesLuhn(string number)
    {
        var sum = 0;
        var doubled = false;
        for (var i = number.Length - 1; i >= 0; i--)
        {
            if (!char.IsAsciiDigit(number[i]))
            {
                continue;
            }
            var digit = number[i] - '0';
            if (doubled)
            {
                digit = digit * 2 > 9 ? (digit * 2) - 9 : digit * 2;
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    // Years in a row ("в 2019 2020 2021 2022 годах") pass the check one time in ten. No card number begins with a
    // year of 19xx or 20xx (Mir begins 2200–2204, Mastercard 2221–2720).
    private static bool IsYears(string number) =>
        number.Split(' ', '\u00A0', '-') is { Length: > 1 } groups && groups.All(g => g.Length == 4 && g[..2] is "19" or "20");

    // A Kazakh IIN (and the BIN of a company, which has the same shape): a birth date as YYMMDD, then a digit for the
    // century and sex (0 for a company). A phone number written in full without its plus (996 555…, 380 67…) does
    // not begin with a date.
    private static bool IsIinShape(string number)
    {
        var month = ((number[2] - '0') * 10) + (number[3] - '0');
        var day = ((number[4] - '0') * 10) + (number[5] - '0');
        return month is >= 1 and <= 12 && day is >= 1 and <= 31 && number[6] is >= '0' and <= '6';
    }

    // 13 to 19 digits in one run, or as printed on cards: 4-4-4-4(-1..3), 4-6-4 or 4-6-5, with spaces or hyphens.
    [GeneratedRegex(
        @"(?<![\p{N}+])(?:\d{13,19}|\d{4}(?<sep>[ \u00A0-])\d{4}\k<sep>\d{4}\k<sep>\d{4}(?:\k<sep>\d{1,3})?|\d{4}(?<sep2>[ \u00A0-])\d{6}\k<sep2>\d{4,5})(?!\p{N})",
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex CardLike();

    [GeneratedRegex(@"(?<![\p{N}+]|\d[.,:/-])\d{12}(?![\p{N}]|[.,:/-]\d)", RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex IinLike();
}
