using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace CommunityBot.Conversations;

/// <summary>
/// Reads the numbers members type at a numbered choice (the console, or a member who types rather than
/// taps): one number like <c>3</c>, <c>3.</c> or <c>3)</c>, or several like <c>1, 3 5</c>, <c>1;3</c>,
/// <c>2-4</c>, <c>1 и 3</c>, <c>1 and 3</c>, or one number repeated (<c>3 3</c>). Numbers are 1-based, may be written
/// "№2" or "#2", and in the full-width digits of some phone keyboards ("２").
/// </summary>
internal static partial class ChoiceNumberParser
{
    // No question offers more choices than this; it also keeps "1-2000000000" from filling memory.
    private const int MaxSelected = 1000;

    // More digits than any list could need, and few enough that int never overflows.
    private const int MaxDigits = 6;

    // Longer than any honest list of numbers; spares splitting a pasted novel.
    private const int MaxLength = 1000;

    // "and" between numbers, as members write a list ("1 и 3") in the languages the bot speaks; "және" is often typed
    // "жане" on a Russian keyboard.
    private static readonly FrozenSet<string> Conjunctions = FrozenSet.ToFrozenSet(["и", "and", "және", "жане"], StringComparer.OrdinalIgnoreCase);

    public static bool TryParseOne(string text, int count, out int index)
    {
        index = 0;
        if (text is null)
        {
            return false;
        }

        var token = text.AsSpan().Trim();
        if (token.StartsWith('(') && token.EndsWith(')'))
        {
            token = token[1..^1].Trim();
        }
        else if (token.EndsWith('.') || token.EndsWith(')'))
        {
            token = token[..^1].TrimEnd();
        }
        token = WithoutNumberSign(token);

        if (!TryNumber(token, out var number) || number < 1 || number > count)
        {
            return false;
        }

        index = number;
        return true;
    }

    /// <summary>One number typed more than once ("3 3", "3, 3", "3 3 3"): a double tap, or a keyboard that repeated the
    /// key. It is that one number. Only bare numbers count: "3. 3." or "1-1" may be a date.</summary>
    public static bool TryParseRepeated(string text, int count, out int index)
    {
        index = 0;
        if (text is null || text.Length > MaxLength)
        {
            return false;
        }

        var parts = text.Split([',', ';', ' ', '\t', '\u00a0'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !TryNumber(parts[0], out var number) || number < 1 || number > count)
        {
            return false;
        }
        foreach (var part in parts.AsSpan(1))
        {
            if (!TryNumber(part, out var again) || again != number)
            {
                return false;
            }
        }

        index = number;
        return true;
    }

    public static bool TryParseMany(string text, int count, out ImmutableArray<int> indices)
    {
        indices = [];
        if (text is null || count < 1 || text.Length > MaxLength)
        {
            return false;
        }

        var selected = new SortedSet<int>();
        foreach (var part in SpacedDash().Replace(text, "-").Split([',', ';', ' ', '\t', '\n', '\r', '\u00a0', '+', '&'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (Conjunctions.Contains(part))
            {
                continue;
            }
            if (!TryAddPart(part, count, selected))
            {
                return false;
            }
        }

        if (selected.Count == 0)
        {
            return false;
        }

        indices = [.. selected];
        return true;
    }

    /// <summary>One number or one range, like "3", "3)" or "2-4".</summary>
    private static bool TryAddPart(ReadOnlySpan<char> part, int count, SortedSet<int> selected)
    {
        if (part.EndsWith('.') || part.EndsWith(')'))
        {
            part = part[..^1];
        }
        part = WithoutNumberSign(part);

        var dash = part.IndexOf('-');
        if (dash < 0)
        {
            return TryNumber(part, out var number) && Add(number, number, count, selected);
        }

        return TryNumber(part[..dash], out var first)
            && TryNumber(part[(dash + 1)..], out var last)
            && Add(first, last, count, selected);
    }

    private static bool Add(int first, int last, int count, SortedSet<int> selected)
    {
        if (first < 1 || last > count || first > last || last - first >= MaxSelected)
        {
            return false;
        }

        for (var i = first; i <= last; i++)
        {
            selected.Add(i);
            if (selected.Count > MaxSelected)
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryNumber(ReadOnlySpan<char> text, out int number)
    {
        number = 0;
        text = WithoutKeycaps(text);
        if (text.IsEmpty || text.Length > MaxDigits)
        {
            return false;
        }

        foreach (var c in text)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= FullWidthZero and <= FullWidthNine => c - FullWidthZero,
                _ => -1,
            };
            if (digit < 0)
            {
                number = 0;
                return false;
            }
            number = (number * 10) + digit;
        }

        return true;
    }

    /// <summary>The emoji digits of phone keyboards ("1️⃣": a digit, an emoji sign, a keycap) are those digits; the
    /// signs count towards no length. Only after a digit: a keycap alone is no number.</summary>
    private static ReadOnlySpan<char> WithoutKeycaps(ReadOnlySpan<char> text)
    {
        if (text.IndexOf(Keycap) <= 0)
        {
            return text;
        }
        var digits = new char[text.Length];
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is EmojiSign or Keycap && i > 0 && text[i - 1] is >= '0' and <= '9' or EmojiSign)
            {
                continue;
            }
            digits[length++] = text[i];
        }
        return digits.AsSpan(0, length);
    }

    private const char EmojiSign = '\uFE0F';
    private const char Keycap = '\u20E3';

    private const char FullWidthZero = '\uFF10';
    private const char FullWidthNine = '\uFF19';

    /// <summary>"№2" and "#2" are the number 2.</summary>
    private static ReadOnlySpan<char> WithoutNumberSign(ReadOnlySpan<char> token) =>
        token.Length > 1 && token[0] is '№' or '#' or '\uFF03' ? token[1..].TrimStart() : token;

    // "2 - 4" and "2–4" (typographic dashes come from phone keyboards) both become "2-4".
    [GeneratedRegex(@"\s*[-\u2010-\u2015\u2212]\s*", RegexOptions.CultureInvariant)]
    private static partial Regex SpacedDash();
}
