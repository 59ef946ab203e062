using System.Text;

namespace CommunityBot.Conversations;

/// <summary>A text as the member meant it when the keyboard said something else: typed with the English layout on while
/// meaning the Russian one ("lf" for "да", "yfpfl" for "назад") and the reverse ("нуы" for "yes"), or Russian written in
/// Latin letters on a phone without a Cyrillic keyboard, spelt as people spell it, not after one standard ("bolnica",
/// "bolnitsa", "ya sama", "ne znayu"), and Kazakh so written ("joq", "iä", "keşe"). Only readings: what they may mean is
/// decided by <see cref="TypedChoice.Reread"/>.</summary>
internal static class KeyboardLayouts
{
    // The same keys on the two layouts, unshifted then shifted (the number row's shifted signs differ too).
    private const string EnglishKeys = "qwertyuiop[]asdfghjkl;'zxcvbnm,./`QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>?~@#$^&";
    private const string RussianKeys = "йцукенгшщзхъфывапролджэячсмитьбю.ёЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ,Ё\"№;:?";

    /// <summary><paramref name="text"/> as the same keys give it on the Russian layout, when it has Latin letters and no
    /// Cyrillic ones; otherwise null.</summary>
    public static string? OnRussianLayout(string text) =>
        text.Any(IsLatin) && !text.Any(IsCyrillic) ? Swapped(text, EnglishKeys, RussianKeys) : null;

    /// <summary><paramref name="text"/> as the same keys give it on the English layout, when it has Russian letters only
    /// (a Kazakh letter sits on another key of the Kazakh layout); otherwise null.</summary>
    public static string? OnEnglishLayout(string text) =>
        text.Any(IsCyrillic) && !text.Any(IsLatin) && text.Where(IsCyrillic).All(c => RussianKeys.Contains(c, StringComparison.Ordinal))
            ? Swapped(text, RussianKeys, EnglishKeys) : null;

    private static string Swapped(string text, string from, string to) =>
        string.Concat(text.Select(c => from.IndexOf(c, StringComparison.Ordinal) is >= 0 and var at ? to[at] : c));

    private static bool IsLatin(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' || KazakhLatin.Contains(char.ToLowerInvariant(c), StringComparison.Ordinal);

    /// <summary>The letters Kazakh in Latin letters adds (the 2021 alphabet: "iä", "keşe", "bügın", "Qarağandy").</summary>
    private const string KazakhLatin = "äöüūğñşçı";

    private static bool IsCyrillic(char c) => c is >= '\u0400' and <= '\u04FF';

    /// <summary>The folded (lower-case) <paramref name="folded"/> written in Latin letters, read as Russian: each word in
    /// Cyrillic, and where its spelling leaves a letter open (a soft sign left out, "ы" or "й" or "и", "щ" as "sh") the word
    /// of <paramref name="vocabulary"/> it can only be. Null unless the text is Latin letters, spaces, hyphens and
    /// apostrophes.</summary>
    public static string? FromLatinLetters(string folded, IReadOnlySet<string> vocabulary)
    {
        if (!folded.Any(IsLatin) || !folded.All(c => IsLatin(c) || c is ' ' or '-' or '\'' or '’' or '`'))
        {
            return null;
        }
        // A sound two words of the vocabulary share names neither: the word stays as read.
        var bySound = vocabulary.GroupBy(Sound).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single(), StringComparer.Ordinal);
        return string.Join(' ', folded.Split(' ').Select(word =>
        {
            var readings = Readings(word).ToList();
            return readings.FirstOrDefault(vocabulary.Contains)
                ?? readings.Select(reading => bySound.GetValueOrDefault(Sound(reading))).FirstOrDefault(known => known is not null)
                ?? readings[0];
        }));
    }

    /// <summary>A Latin word read as Russian, then as Kazakh, where "j" is "ж" ("joq" for "жоқ", "jiber" for "жібер").</summary>
    private static IEnumerable<string> Readings(string word)
    {
        yield return Cyrillic(word);
        if (word.Contains('j', StringComparison.Ordinal))
        {
            yield return Cyrillic(word.Replace("j", "zh", StringComparison.Ordinal));
        }
    }

    /// <summary>The Latin words of <paramref name="text"/> read as Russian, or with <paramref name="asKazakh"/> as Kazakh
    /// (where "j" is "ж"), and everything else (digits, signs) as it is: a date written in Latin letters ("vchera", "3 dnya
    /// nazad", "keşe", "otken jumada"). Null unless the text has Latin letters and no Cyrillic ones.</summary>
    public static string? LatinWordsAsCyrillic(string text, bool asKazakh = false)
    {
        if (asKazakh)
        {
            return text.Contains('j', StringComparison.OrdinalIgnoreCase)
                ? LatinWordsAsCyrillic(text.Replace("j", "zh", StringComparison.OrdinalIgnoreCase))
                : null;
        }
        if (!text.Any(IsLatin) || text.Any(IsCyrillic))
        {
            return null;
        }
        var built = new StringBuilder(text.Length);
        var at = 0;
        while (at < text.Length)
        {
            var end = at;
            while (end < text.Length && (IsLatin(text[end]) || end > at && text[end] is '\'' or '’' or '`'))
            {
                end++;
            }
            if (end > at)
            {
                built.Append(Cyrillic(text[at..end].ToLowerInvariant()));
                at = end;
            }
            else
            {
                built.Append(text[at++]);
            }
        }
        return built.ToString();
    }

    private const string Vowels = "aeiouyäöüūı";

    // Longest first: "shch" before "sh" before "s".
    private static readonly (string Latin, string Cyrillic)[] Letters =
    [
        ("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("tz", "ц"), ("ch", "ч"), ("sh", "ш"),
        ("ya", "я"), ("ja", "я"), ("yu", "ю"), ("ju", "ю"), ("yo", "ё"), ("jo", "ё"), ("je", "е"),
        ("'", "ь"), ("’", "ь"), ("`", "ь"),
        ("a", "а"), ("b", "б"), ("c", "ц"), ("d", "д"), ("e", "е"), ("f", "ф"), ("g", "г"), ("h", "х"), ("i", "и"), ("j", "й"),
        ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("q", "к"), ("r", "р"), ("s", "с"), ("t", "т"),
        ("u", "у"), ("v", "в"), ("w", "в"), ("x", "х"), ("z", "з"),
        // Kazakh in Latin letters, each as the Russian letter typed for its Kazakh one (ä for ә, typed а).
        ("ş", "ш"), ("ç", "ч"), ("ä", "а"), ("ö", "о"), ("ü", "у"), ("ū", "у"), ("ğ", "г"), ("ñ", "н"), ("ı", "и"),
    ];

    private static string Cyrillic(string word)
    {
        var built = new StringBuilder(word.Length);
        var at = 0;
        while (at < word.Length)
        {
            var afterConsonant = at > 0 && IsLatin(word[at - 1]) && !Vowels.Contains(word[at - 1], StringComparison.Ordinal);
            if (word[at] == 'y' && (at + 1 == word.Length || word[at + 1] != 'a' && word[at + 1] != 'u' && word[at + 1] != 'o'))
            {
                // "ty", "novye": ы after a consonant; "moy", "yest": й, or е before an e.
                var isE = at + 1 < word.Length && word[at + 1] == 'e';
                built.Append(afterConsonant ? (isE ? "ые" : "ы") : (isE ? "е" : "й"));
                at += isE ? 2 : 1;
                continue;
            }
            var read = 1;
            built.Append(word[at]);
            foreach (var (latin, cyrillic) in Letters)
            {
                if (word.AsSpan(at).StartsWith(latin, StringComparison.Ordinal))
                {
                    built.Length--;
                    built.Append(cyrillic);
                    read = latin.Length;
                    break;
                }
            }
            at += read;
        }
        return built.ToString();
    }

    /// <summary>A Cyrillic word as Latin letters cannot tell it from others: without its soft and hard signs, with "ы",
    /// "й" and "и" one letter, "э", "ё" and "е" one, "щ" as "ш", "я" and "ю" as "иа" and "иу", Kazakh letters as their
    /// Russian neighbours, and a doubled letter once.</summary>
    private static string Sound(string word)
    {
        var sound = new StringBuilder(word.Length + 2);
        foreach (var c in word)
        {
            var said = c switch
            {
                'ь' or 'ъ' => "",
                'ы' or 'й' or 'і' => "и",
                'э' or 'ё' => "е",
                'щ' => "ш",
                'я' => "иа",
                'ю' => "иу",
                'ә' => "а",
                'ң' => "н",
                'ғ' => "г",
                'ү' or 'ұ' => "у",
                'қ' => "к",
                'ө' => "о",
                'һ' => "х",
                _ => c.ToString(),
            };
            foreach (var letter in said)
            {
                if (sound.Length == 0 || sound[^1] != letter)
                {
                    sound.Append(letter);
                }
            }
        }
        return sound.ToString();
    }
}
