using System.Collections.Immutable;

namespace CommunityBot.Conversations;

/// <summary>A short sentence of the member's own at a question with choices, holding a choice's everyday words.</summary>
internal static partial class TypedChoice
{
    /// <summary>A longer text is a story, kept for the story's question, not read for a choice's words.</summary>
    private const int ShortSentenceMaxWords = 8;

    /// <summary>Whether a short sentence of the member's own ("в больнице не дали метадон", "менты забрали у кабинета",
    /// "ауруханада метадон бермеді") holds everyday words of the choice labelled <paramref name="label"/>
    /// (<c>category.police.typed</c>): one of its phrases as typed, word for word, or a one-word phrase in another case
    /// ("в тубдиспансере" for "тубдиспансер"). Only the choices' <c>.typed</c> words count, chosen for this; a label's
    /// own words ("ОЗТ", "дозу") are in too many answers to say which.</summary>
    private static bool NamedInSentence(string label, string folded, TextCatalog texts)
    {
        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 2 or > ShortSentenceMaxWords)
        {
            return false;
        }
        var padded = $" {folded} ";
        return texts.TypedFor(label).Any(phrase => phrase.Contains(' ', StringComparison.Ordinal)
            ? padded.Contains($" {phrase} ", StringComparison.Ordinal)
            : words.Any(word => word == phrase || (phrase.Length >= StemMinLength && word.Length >= StemMinLength && SameStem(phrase, word))));
    }

    /// <summary>The one choice a short sentence names by its everyday words (<see cref="NamedInSentence"/>); none when it
    /// names several, which are asked about. A list ("ломка и что-то ещё") is read part by part where several answers
    /// are asked (<see cref="MatchList"/>), so where one part names nothing, nothing is ticked.</summary>
    public static string? InSentence(Prompt prompt, string text, TextCatalog texts)
    {
        if (prompt.Kind == PromptKind.MultipleChoice && ListSeparators().IsMatch(text))
        {
            return null;
        }
        var folded = Fold(text);
        if (HoldsADoubt(folded, texts))
        {
            return null;
        }
        var labels = prompt.Choices.Select(c => (c.Id, Label: texts.Folded(c.Label))).ToList();
        return Spellings(folded).Select(spelling => OneOf(labels, label => NamedInSentence(label, spelling, texts))).FirstOrDefault(id => id is not null);
    }

    /// <summary>Whether a sentence says the member does not know ("сам не знаю, менты наверное"), whatever else it holds:
    /// read as typed, before its words are tried in the other script, where "не" is no longer a word.</summary>
    private static bool HoldsADoubt(string folded, TextCatalog texts) =>
        texts.TypedUnsure.Any(unsure => $" {folded} ".Contains($" {unsure} ", StringComparison.Ordinal));

    /// <summary>What a text typed where several answers may be given names: one choice by <see cref="Match"/> (its own
    /// words, not a sentence's), else every part of a list (<see cref="MatchList"/>), else the one choice a short
    /// sentence names (<see cref="InSentence"/>); null when none of these reads it.</summary>
    public static ImmutableArray<string>? MatchSeveral(Prompt prompt, string text, TextCatalog texts, bool numberWords = true) =>
        Match(prompt, text, texts, byBeginning: true, numberWords: numberWords, sentences: false) is { } one ? [one]
        : MatchList(prompt, text, texts)
        ?? (InSentence(prompt, text, texts) is { } said ? [said] : null);
}
