using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace CommunityBot.Conversations;

/// <summary>Answers typed as sentences: several choices in a list, and a yes or no with words after it.</summary>
internal static partial class TypedChoice
{
    /// <summary>Several choices typed as a list of labels, numbers or telling words ("ломка, здоровье", "1 и
    /// здоровье", "missed doses and overdose"): the ids of all of them, or null unless every part names one choice. A
    /// label with a comma in it ("Пропуск доз, ломка") is read whole first, by <see cref="Match"/>.</summary>
    public static ImmutableArray<string>? MatchList(Prompt prompt, string text, TextCatalog texts)
    {
        // "және" (and) is often typed "жане".
        var parts = ListSeparators().Split(KazakhLetters.Folded(text.ToLowerInvariant())).Select(part => part.Trim()).Where(part => part.Length > 0).ToList();
        if (parts.Count < 2 || parts.Count > prompt.Choices.Length)
        {
            return null;
        }
        var ids = new List<string>();
        foreach (var part in parts)
        {
            if (Match(prompt, part, texts, byBeginning: true) is not { } id)
            {
                return null;
            }
            ids.Add(id);
        }
        return [.. ids.Distinct()];
    }

    [GeneratedRegex(@"[,;\n]+|\s+(?:и|and|жане|а также)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex ListSeparators();

    /// <summary>Words a yes or no said in a sentence may take ("нет, никуда не жаловались"); a longer text is more than an
    /// answer to a yes or no.</summary>
    private const int SentenceMaxWords = 6;

    /// <summary>A yes or no said with a few words after it ("Да, в прокуратуру", "нет, не надо"), at a question a yes or
    /// a no answers: that choice, and the words after it. Null for a single word (read by <see cref="Match"/>), a longer
    /// text, and when another yes or no follows ("да нет", said for no; "нет, да"): a sentence is never read as the
    /// opposite of what it says.</summary>
    public static (string Id, string After)? YesOrNoFirst(Prompt prompt, string text, TextCatalog texts)
    {
        if (ShortSentence(text) is not { Count: >= 2 } words || !StartsWithYesOrNo(text, texts)
            || words.Skip(1).Any(word => SaysYesOrNo(word, texts))
            || MatchFirstWord(prompt, text, texts) is not { } id)
        {
            return null;
        }
        return (id, AfterWords(text, 1));
    }

    /// <summary>An answer to one yes/no question in its own words, alone or with a few words after it ("жаловалась",
    /// "не жаловались", "жаловалась главврачу" at "Have you complained?"): yes or no, and the words after it. Null as
    /// for <see cref="YesOrNoFirst"/> when the text is long or another yes or no follows.</summary>
    public static (bool Yes, string After)? OwnYesOrNoFirst(string text, ImmutableHashSet<string> yes, ImmutableHashSet<string> no, TextCatalog texts)
    {
        if (ShortSentence(text) is not { } words)
        {
            return null;
        }
        for (var said = Math.Min(words.Count, 3); said >= 1; said--)
        {
            var first = string.Join(' ', words.Take(said));
            if ((yes.Contains(first) || no.Contains(first))
                && !words.Skip(said).Any(word => yes.Contains(word) || no.Contains(word) || SaysYesOrNo(word, texts)))
            {
                return (yes.Contains(first), AfterWords(text, said));
            }
        }
        return null;
    }

    /// <summary>The folded words of a text short enough to be an answer said in a sentence; null for a longer one.</summary>
    private static List<string>? ShortSentence(string text) =>
        NonWords().Split(Fold(text)).Where(word => word.Length > 0).ToList() is { Count: > 0 and <= SentenceMaxWords } words ? words : null;

    /// <summary>Whether a word says yes or no in any of the bot's languages, as typed in any of its spellings.</summary>
    private static bool SaysYesOrNo(string word, TextCatalog texts) => Spellings(word).Any(spelling => IsYesOrNo(spelling, texts));

    /// <summary>What follows the first <paramref name="count"/> words of <paramref name="text"/>, without the commas and
    /// dashes between.</summary>
    private static string AfterWords(string text, int count)
    {
        var at = 0;
        for (var word = 0; word < count; word++)
        {
            while (at < text.Length && !char.IsLetterOrDigit(text[at]))
            {
                at++;
            }
            while (at < text.Length && (char.IsLetterOrDigit(text[at]) || text[at] == '-'))
            {
                at++;
            }
        }
        return text[at..].TrimStart(' ', ',', '.', '!', ':', ';', '—', '–', '-').Trim();
    }

    /// <summary>Where a place is said to be, before its name ("в поликлинике", "at the OST site"), with English articles:
    /// no word of a label.</summary>
    private static readonly HashSet<string> Prepositions = new(["в", "во", "на", "у", "при", "около", "возле", "in", "at", "near", "the", "a"], StringComparer.Ordinal);

    /// <summary>A few words, after a preposition or none, each a word of the label or that word in another case ("в
    /// поликлинике" for "Поликлиника", "в кабинете озт" for "Кабинет ОЗТ", "в больничке" for "Больница"): as one word
    /// in another case is read, but for the two or three words people answer "where?" with. Null for a longer text or a
    /// lone preposition.</summary>
    private static Func<string, bool>? InOtherCases(string folded)
    {
        var words = WordsInOrder(folded).ToList();
        var said = words.SkipWhile(Prepositions.Contains).ToList();
        if (said.Count == 0 || said.Count > ByWordsMaxWords || said.Count == words.Count && said.Count == 1 || !said.All(word => word.All(char.IsLetter)))
        {
            // One word with no preposition is read by the stem rule before this one.
            return null;
        }
        return label => Words(label) is var labelWords && said.All(word => labelWords.Contains(word) || labelWords.Any(other => SameStem(other, word)));
    }

    [GeneratedRegex(@"[^\p{L}\p{Nd}-]+")]
    private static partial Regex NonWords();
}
