using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace CommunityBot.Privacy;

/// <summary>
/// The code a member gets once, on submitting, to come back to a report. Sixteen characters from an
/// alphabet without 0/O and 1/I, so that it survives being copied by hand: 80 bits, not guessable.
/// Only its keyed hash (<see cref="PseudonymPurpose.Receipts"/>) is stored.
/// </summary>
internal static partial class ReceiptCode
{
    public const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    public const int Length = 16;

    /// <summary>A new code in normalized form (no dashes).</summary>
    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>XXXX-XXXX-XXXX-XXXX, for showing.</summary>
    public static string Format(string normalized)
    {
        if (normalized.Length != Length)
        {
            throw new ArgumentException($"A receipt code has {Length} characters.", nameof(normalized));
        }

        return string.Join('-', normalized.Chunk(4).Select(group => new string(group)));
    }

    /// <summary>What the member typed, as the stored form: null when it cannot be a code at all.
    /// Spaces and dashes are dropped, case ignored, Cyrillic letters that look Latin read as Latin.</summary>
    public static string? Normalize(string typed) => NormalizeTo(typed, Length);

    /// <summary>Same folding as codes use, for anything else typed from the alphabet (report labels).</summary>
    internal static string? NormalizeTo(string typed, int length)
    {
        Span<char> buffer = stackalloc char[length];
        var count = 0;
        foreach (var c in typed)
        {
            if (char.IsWhiteSpace(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.DashPunctuation)
            {
                continue;
            }

            var folded = Fold(c);
            if (count == length || !Alphabet.Contains(folded, StringComparison.Ordinal))
            {
                return null;
            }

            buffer[count++] = folded;
        }

        return count == length ? new string(buffer) : null;
    }

    /// <summary>Whether <paramref name="text"/> holds something shaped like a receipt code, in any of the forms
    /// <see cref="Normalize"/> accepts: four groups of four from the alphabet (Cyrillic look-alikes and lower case
    /// too), joined by dashes, by spaces or by nothing. Ordinary words ("that test went well") and the tokens of links
    /// (<c>t.me/+AbCd...</c>) are not taken for a code: unless its groups are joined by dashes, as the code is shown, a
    /// candidate must hold a digit or be written in capitals, and one that is part of a link is left alone.</summary>
    public static bool Appears(string text)
    {
        foreach (Match candidate in Shaped().Matches(text))
        {
            if (Codelike(candidate.Value))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Whether a whole message is a receipt code sent alone, in the form <see cref="Appears"/> looks for
    /// (groups of four, joined or not, quotes and a full stop around it allowed). Sixteen letters of the alphabet in any
    /// other grouping ("Pharmacy at market") are words, not a code.</summary>
    public static bool IsAlone(string text)
    {
        var unwrapped = Unwrap(text.Trim());
        var shaped = Shaped().Match(unwrapped);
        return shaped.Success && shaped.Index == 0 && shaped.Length == unwrapped.Length && Codelike(unwrapped);
    }

    /// <summary>Splits what follows a command ("7K3Q XM2P 4HNA 9TWE some text", "«7K3Q-XM2P-4HNA-9TWE».") into the code,
    /// in the first one to four words, and the text after it; quotes and punctuation around the code are not part of
    /// it. The code is null when the first words make none.</summary>
    public static (string? Code, string Text) Split(string argument)
    {
        var words = argument.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (var take = 1; take <= Math.Min(Groups, words.Length); take++)
        {
            if (Normalize(string.Concat(words.Take(take).Select(Unwrap))) is not { } code)
            {
                continue;
            }
            var rest = argument.TrimStart();
            for (var i = 0; i < take; i++)
            {
                rest = rest[(rest.IndexOf(words[i], StringComparison.Ordinal) + words[i].Length)..];
            }
            return (code, rest.Trim());
        }
        return (null, "");
    }

    private const int Groups = 4;

    // Unless its groups are joined by dashes, as the code is shown, a candidate must hold a digit or be written in
    // capitals: "what were they sent" is four words of four letters from the alphabet.
    private static bool Codelike(string value)
    {
        var dashed = !value.Any(char.IsWhiteSpace) && value.Any(c => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.DashPunctuation);
        return Normalize(value) is not null && (dashed || value.Any(char.IsAsciiDigit) || !value.Any(char.IsLower));
    }

    /// <summary>"«7K3Q-XM2P»." as "7K3Q-XM2P": quotes, brackets and punctuation around a word, not the dashes inside.</summary>
    private static string Unwrap(string word) => word.Trim().Trim(Wrapping);

    private static readonly char[] Wrapping = ['"', '\'', '«', '»', '“', '”', '„', '‘', '’', '(', ')', '[', ']', '<', '>', '.', ',', ':', ';', '!', '?', '*', '`'];

    // The alphabet and the Cyrillic letters that fold into it (О folds to O, which is not in it), either case; not
    // inside a longer word or number, nor a link's path or query.
    [GeneratedRegex(@"(?<![\p{L}\p{N}/+=_@#.\p{Pd}])[2-9A-HJ-NP-ZАВЕКМНРСТУХ]{4}(?:[\s\p{Pd}]{0,3}[2-9A-HJ-NP-ZАВЕКМНРСТУХ]{4}){3}(?![\p{L}\p{N}/=_@\p{Pd}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Shaped();

    // Phones with a Russian keyboard type Cyrillic letters that look Latin; read them as meant.
    // Cyrillic О (and Latin O) is not in the alphabet and so is refused rather than guessed as 0.
    private static char Fold(char c) => char.ToUpperInvariant(c) switch
    {
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'У' => 'Y',
        'Х' => 'X',
        var upper => upper,
    };
}
