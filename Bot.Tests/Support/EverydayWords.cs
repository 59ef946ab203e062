using CommunityBot.Conversations;

namespace CommunityBot.Tests.Support;

/// <summary>The choices of a question each everyday word (<c>.typed</c>) of its choices names: a word two choices of
/// one question shared by accident would make both unreachable by it.</summary>
internal static class EverydayWords
{
    /// <summary>Every everyday word of <paramref name="prompt"/>'s choices with the ids of the choices it names, for
    /// the words that name other than exactly one.</summary>
    public static List<string> NamingOtherThanOne(Prompt prompt)
    {
        var texts = ShippedFlow.Load().Texts;
        return [.. prompt.Choices
            .SelectMany(choice => texts.TypedFor(texts.Folded(choice.Label)))
            .Distinct()
            .Select(word => (Word: word, Named: prompt.Choices.Where(other => texts.NamedByTypedWords(texts.Folded(other.Label), word)).Select(other => other.Id).ToList()))
            .Where(found => found.Named.Count != 1)
            .Select(found => $"\"{found.Word}\" names {string.Join(", ", found.Named)}")];
    }
}
