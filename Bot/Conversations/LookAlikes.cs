namespace CommunityBot.Conversations;

/// <summary>Letters that look the same in Cyrillic and Latin. A word with letters of both scripts ("мeтадон"
/// with a Latin e, "OЗT") is read in the script its other letters prove: З has no Latin twin, so "OЗT" is
/// Cyrillic; failing proof, the script of most of its letters.</summary>
internal static class LookAlikes
{
    // The Latin i stands for the Kazakh і, which many keyboards lack ("бiр" for "бір").
    private const string Latin = "abcehkmoptxyui";
    private const string Cyrillic = "авсенкмортхуиі";
    private const string CyrillicOnly = "ѕіјһ";
    private const string LatinForCyrillicOnly = "sijh";

    public static void Fix(Span<char> word)
    {
        int cyrillic = 0, latin = 0, provenCyrillic = 0, provenLatin = 0, digits = 0, lookAlikeDigits = 0;
        foreach (var c in word)
        {
            if (c is >= '\u0400' and <= '\u04FF')
            {
                cyrillic++;
                provenCyrillic += Cyrillic.Contains(c, StringComparison.Ordinal) || CyrillicOnly.Contains(c, StringComparison.Ordinal) ? 0 : 1;
            }
            else if (c is >= 'a' and <= 'z')
            {
                latin++;
                provenLatin += Latin.Contains(c, StringComparison.Ordinal) ? 0 : 1;
            }
            else if (char.IsDigit(c))
            {
                digits++;
                lookAlikeDigits += c is '0' or '3' ? 1 : 0;
            }
        }
        // Digits count as letters only when they could be nothing else: "о3т", not "80мг" or "30мг".
        var digitsAreLetters = digits > 0 && digits == lookAlikeDigits && cyrillic + latin > digits;
        var mixed = cyrillic > 0 && latin > 0;
        if (!mixed && !digitsAreLetters)
        {
            return;
        }
        var readAsCyrillic = (provenCyrillic > 0) == (provenLatin > 0) ? cyrillic >= latin : provenCyrillic > 0;
        for (var i = 0; i < word.Length; i++)
        {
            word[i] = readAsCyrillic ? ToCyrillic(word[i], digitsAreLetters) : ToLatin(word[i], digitsAreLetters);
        }
    }

    /// <summary>Each word of a lower-case <paramref name="text"/> read in its one script (<see cref="Fix"/>).</summary>
    public static string FixWords(string text)
    {
        var buffer = text.ToCharArray();
        var start = 0;
        for (var i = 0; i <= buffer.Length; i++)
        {
            if (i < buffer.Length && char.IsLetterOrDigit(buffer[i]))
            {
                continue;
            }
            if (i > start)
            {
                Fix(buffer.AsSpan(start, i - start));
            }
            start = i + 1;
        }
        return new string(buffer);
    }

    /// <summary>The lower-case <paramref name="text"/> with each word written wholly in letters that have a twin in the
    /// other script rewritten in that script, <paramref name="toCyrillic"/> or to Latin: "het" ("HET" typed with the
    /// Latin keyboard on) reads "нет", "ok" reads "ок". Null when no word changes. Read only when the text as it stands
    /// names nothing: "me" is English before it is anything else.</summary>
    public static string? Twinned(string text, bool toCyrillic)
    {
        var (from, to) = toCyrillic ? (Latin, Cyrillic) : (Cyrillic, Latin);
        var buffer = text.ToCharArray();
        var changed = false;
        var start = 0;
        for (var i = 0; i <= buffer.Length; i++)
        {
            if (i < buffer.Length && char.IsLetter(buffer[i]))
            {
                continue;
            }
            var word = buffer.AsSpan(start, i - start);
            if (!word.IsEmpty && !word.ContainsAnyExcept(from))
            {
                foreach (ref var c in word)
                {
                    c = to[from.IndexOf(c, StringComparison.Ordinal)];
                }
                changed = true;
            }
            start = i + 1;
        }
        return changed ? new string(buffer) : null;
    }

    /// <summary>Every letter of <paramref name="text"/> that has a Latin twin written in Latin, whatever the other
    /// letters are: a command's name begun on a Russian keyboard ("сancel").</summary>
    public static string AsLatin(string text) => string.Concat(text.Select(c => ToLatin(c, digitsAreLetters: false)));

    private static char ToCyrillic(char c, bool digitsAreLetters) =>
        Latin.IndexOf(c, StringComparison.Ordinal) is var at and >= 0 ? Cyrillic[at]
        : digitsAreLetters && c == '0' ? 'о'
        : digitsAreLetters && c == '3' ? 'з'
        : c;

    private static char ToLatin(char c, bool digitsAreLetters) =>
        Cyrillic.IndexOf(c, StringComparison.Ordinal) is var at and >= 0 ? Latin[at]
        : CyrillicOnly.IndexOf(c, StringComparison.Ordinal) is var other and >= 0 ? LatinForCyrillicOnly[other]
        : digitsAreLetters && c == '0' ? 'o'
        : c;
}
