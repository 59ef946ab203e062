using CommunityBot.Conversations;

namespace CommunityBot.Moderation;

/// <summary>What a person is told about filter words, wherever they type them (<c>/stats</c>, <c>/export</c>, a
/// collective letter): the word that was not understood and why, and the words there are.</summary>
internal static class FilterWordTexts
{
    public static string Problem(TextCatalog texts, string language, FilterWords.Refused refused) => refused switch
    {
        { Problem: FilterWordProblem.NoFormat } => texts.Get(language, "mod.filter.no_format"),
        { Problem: FilterWordProblem.Repeated, Word: var word } => texts.Get(language, "mod.filter.repeated", ("word", word)),
        { Problem: FilterWordProblem.Reversed, Word: var word } => texts.Get(language, "mod.filter.reversed", ("word", word)),
        { Problem: FilterWordProblem.Ambiguous, Word: var word } => texts.Get(language, "mod.filter.ambiguous", ("word", word)),
        { Word: var word } => texts.Get(language, "mod.filter.unknown", ("word", word)),
    };

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
