using System.Buffers;

namespace CommunityBot.Conversations;

/// <summary>Kazakh letters read as the Russian letters members type in their place: many write Kazakh on a Russian
/// keyboard ("бермеди" for "бермеді", "жок" for "жоқ", "еки" for "екі"), so a word written properly and the same word
/// typed so are one. Run after the look-alikes, which need ә, қ, ң and the rest as proof that a word is Cyrillic.
/// Russian text has none of these letters, so its reading does not change.</summary>
internal static class KazakhLetters
{
    private const string Kazakh = "әғқңөұүһі";
    private const string Russian = "агкноуухи";

    private static readonly SearchValues<char> KazakhOnly = SearchValues.Create(Kazakh);

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

    /// <summary><paramref name="text"/> (lower case) with its Kazakh letters folded (<see cref="Fold(Span{char})"/>).</summary>
    public static string Folded(string text)
    {
        if (!text.AsSpan().ContainsAny(KazakhOnly))
        {
            return text;
        }
        var buffer = text.ToCharArray();
        Fold(buffer);
        return new string(buffer);
    }
}
