using System.Globalization;
using CommunityBot.Conversations;

namespace CommunityBot.Moderation;

/// <summary>What a person is told about filter words, wherever they type them (<c>/stats</c>, <c>/export</c>, a
/// collective letter): which word was not understood and why, and the words there are. A word that is not understood,
/// or given twice, is named by its place among those typed, never repeated: it may be a phone number, an e-mail address
/// or a receipt code pasted there by mistake, and the answer stays in a chat that several people read.</summary>
internal static class FilterWordTexts
{
    /// <summary>The most of a word not understood that is repeated back: enough to recognise it.</summary>
    private const int ShownLength = 40;

    public static string Problem(TextCatalog texts, string language, FilterWords.Refused refused) => refused switch
    {
        { Problem: FilterWordProblem.NoFormat } => texts.Get(language, "mod.filter.no_format"),
        { Problem: FilterWordProblem.Repeated, Position: var position } => texts.Get(language, "mod.filter.repeated", Place(position)),
        { Problem: FilterWordProblem.Reversed, Word: var word } => texts.Get(language, "mod.filter.reversed", ("word", Shown(texts, language, word))),
        { Problem: FilterWordProblem.Ambiguous, Word: var word } => texts.Get(language, "mod.filter.ambiguous", ("word", Shown(texts, language, word))),
        { Position: var position } => texts.Get(language, "mod.filter.unknown", Place(position)),
    };

    private static (string Name, string Value) Place(int position) => ("position", position.ToString(CultureInfo.InvariantCulture));

    /// <summary>A typed word as it is repeated back: a long paste is cut, so the answer is not pages of it.</summary>
    public static string Shown(string word) => word.Length <= ShownLength ? word : word[..ShownLength] + "…";

    /// <summary>A typed filter word as it is repeated back (only a word the filters read: a period that ends before it
    /// starts, a word with two meanings): cut as <see cref="Shown(string)"/> is, and never a receipt code.</summary>
    public static string Shown(TextCatalog texts, string language, string word) =>
        Privacy.ReceiptCode.Appears(word) ? texts.Get(language, "mask.placeholder.code") : Shown(word);

    /// <summary>The statuses, communities and categories a filter may name.</summary>
    public static string Words(TextCatalog texts, string language, FilterVocabulary vocabulary)
    {
        var none = texts.Get(language, "mod.filter.none");
        var categories = vocabulary.Categories.Select(id => "• " + id + " — " + texts.Get(language, "category." + id));
        return texts.Get(language, "mod.filter.words",
            ("statuses", FilterPhrases.Listed(texts, language)),
            ("communities", vocabulary.Communities.IsEmpty ? none : string.Join(", ", vocabulary.Communities)),
            ("categories", vocabulary.Categories.IsEmpty ? none : string.Join("\n", categories)));
    }
}
