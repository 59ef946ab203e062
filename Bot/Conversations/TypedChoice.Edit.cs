namespace CommunityBot.Conversations;

/// <summary>The review screen's edit buttons, named in the words members type for changing something.</summary>
internal static partial class TypedChoice
{
    /// <summary>At the review screen, "исправить рассказ" or "change date of it" in the words members use for changing
    /// something: the verb is left out and what follows is read against the edit buttons alone ("рассказ" names
    /// "Изменить: Ваш рассказ"). The verb may come last, as Kazakh puts it ("әңгімені өзгерту", "рассказ исправить"), and
    /// each word of what is changed may be in another case than the button's ("әңгімені" for "Сіздің әңгімеңіз", "орын
    /// атауын" for "Орын атауы"). What is changed may also be said in everyday words of its question's label
    /// (<c>when.label.typed</c>: "изменить дату").</summary>
    private static string? ByEdit(Prompt prompt, List<(string Id, string Label)> labels, string folded, TextCatalog texts)
    {
        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var rest = words.Length < 2 ? null
            : texts.TypedEdit.Contains(words[0]) ? string.Join(' ', words[1..])
            : texts.TypedEdit.Contains(words[^1]) ? string.Join(' ', words[..^1])
            : null;
        var edits = labels.Where(c => c.Id.StartsWith(ChoiceIds.EditPrefix, StringComparison.Ordinal)).ToList();
        if (rest is null || edits.Count == 0)
        {
            return null;
        }
        var typed = Words(rest);
        return ByWords(edits, rest)
            ?? OneOf(edits, label => Words(label) is var named && typed.All(word => named.Any(other => other == word || SameStem(other, word))))
            ?? OneOf(edits, label => texts.EditWordsFor(label).Contains(rest));
    }
}
