namespace CommunityBot.Channels.Telegram.Groups;

/// <summary>Letters that look the same in Cyrillic and Latin. A word with letters of both scripts ("мeтадон"
/// with a Latin e, "OЗT") is read in the script its other letters prove: З has no Latin twin, so "OЗT" is
/// Cyrillic; failing proof, the script of most of its letters.</summary>
internal static class LookAlikes
{
    // The Latin i stands for the Kazakh і, which many keyboards lack ("бiр" for "бір").
    private const string Latin = "abcehkmoptxyui";
    private const string Cyrillic = "авсенкмортхуиі";
    private const string CyrillicOnly = "ѕіј";
    private const string LatinForCyrillicOnly = "sij";

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

/// <summary>Kazakh letters read as the Russian letters members type in their place: many write Kazakh on a Russian
/// keyboard ("бермеди" for "бермеді"), so a stem written properly must match both. Run after the look-alikes, which
/// need ә, қ, ң and the rest as proof that a word is Cyrillic. Russian text has none of these letters, so its
/// reading does not change.</summary>
internal static class KazakhLetters
{
    private const string Kazakh = "әғқңөұүһі";
    private const string Russian = "агкноуухи";

    public static void Fold(Span<char> word)
    {
        for (var i = 0; i < word.Length; i++)
        {
            if (Kazakh.IndexOf(word[i], StringComparison.Ordinal) is var at and >= 0)
            {
                word[i] = Russian[at];
            }
        }
    }
}
