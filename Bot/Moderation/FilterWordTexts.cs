using CommunityBot.Conversations;

namespace CommunityBot.Moderation;

/// <summary>What a person is told about filter words, wherever they type them (<c>/stats</c>, <c>/export</c>, a
/// collective letter): the word that was not understood and why, and the words there are.</summary>
internal static class FilterWordTexts
{
    /// <summary>The most of a word not understood that is repeated back: enough to recognise it.</summary>
    private const int ShownLength = 40;

    public static string Problem(TextCatalog texts, string language, FilterWords.Refused refused) => refused switch
    {
        { Problem: FilterWordProblem.NoFormat } => texts.Get(language, "mod.filter.no_format"),
        { Problem: FilterWordProblem.Repeated, Word: var word } => texts.Get(language, "mod.filter.repeated", ("word", Shown(texts, language, word))),
        { Problem: FilterWordProblem.Reversed, Word: var word } => texts.Get(language, "mod.filter.reversed", ("word", Shown(texts, language, word))),
        { Problem: FilterWordProblem.Ambiguous, Word: var word } => texts.Get(language, "mod.filter.ambiguous", ("word", Shown(texts, language, word))),
        { Word: var word } => texts.Get(language, "mod.filter.unknown", ("word", Shown(texts, language, word))),
    };

    /// <summary>A typed word as it is repeated back: a long paste is cut, so the answer is not pages of it.</summary>
    public static string Shown(string word) => word.Length <= ShownLength ? word : word[..ShownLength] + "…";

    /// <summary>A typed filter word as it is repeated back: cut as <see cref="Shown(string)"/> is, and a receipt code
    /// typed by mistake (for a report's label) is not repeated at all: the answer stays where others read it.</summary>
    public static string Shown(TextCatalog texts, string language, string word) =>
        Privacy.ReceiptCode.Appears(word) ? texts.Get(language, "mask.placeholder.code") : Shown(word);

    /// <summary>The statuses, communities and categories a filter may name.</summary>
    public static string Words(TextCatalog texts, string language, FilterVocabulary vocabulary)
    {
        var none = texts.Get(language, "mod.filter.none");
        var categories = vocabulary.Categories.Select(id => "• " + id + " — " + texts.Get(language, "category." + id));
        return texts.Get(language, "mod.filter.words",
            ("statuses", string.Join(", ", ReportFilterWords.StatusIds)),
            ("communities", vocabulary.Communities.IsEmpty ? none : string.Join(", ", vocabulary.Communities)),
            ("categories", vocabulary.Categories.IsEmpty ? none : string.Join("\n", categories)));
    }
}
