namespace CommunityBot.Channels.Telegram.Groups;

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
