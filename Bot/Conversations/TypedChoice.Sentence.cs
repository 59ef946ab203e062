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
        var words = Words().Split(Fold(text)).Where(word => word.Length > 0).ToList();
        if (words.Count < 2 || words.Count > SentenceMaxWords || !StartsWithYesOrNo(text, texts)
            || words.Skip(1).Any(word => Spellings(word).Any(spelling => IsYesOrNo(spelling, texts)))
            || MatchFirstWord(prompt, text, texts) is not { } id)
        {
            return null;
        }
        var at = 0;
        while (at < text.Length && !char.IsLetterOrDigit(text[at]))
        {
            at++;
        }
        while (at < text.Length && (char.IsLetterOrDigit(text[at]) || text[at] == '-'))
        {
            at++;
        }
        return (id, text[at..].TrimStart(' ', ',', '.', '!', ':', ';', '—', '–', '-').Trim());
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
        var words = folded.Split(' ').Select(word => word.Trim(':', ';', '«', '»', '"', '(', ')')).Where(word => word.Length > 0).ToList();
        var said = words.SkipWhile(Prepositions.Contains).ToList();
        if (said.Count == 0 || said.Count > ByWordsMaxWords || said.Count == words.Count && said.Count == 1 || !said.All(word => word.All(char.IsLetter)))
        {
            // One word with no preposition is read by the stem rule before this one.
            return null;
        }
        return label => Words(label) is var labelWords && said.All(word => labelWords.Contains(word) || labelWords.Any(other => SameStem(other, word)));
    }

    [GeneratedRegex(@"[^\p{L}\p{Nd}-]+")]
    private static partial Regex Words();
}
