using System.Collections.Immutable;

namespace CommunityBot.Conversations;

/// <summary>Reads a typed answer to a question with choices, as members type them when there are no buttons (the
/// terminal) or when they prefer typing: the choice's number as listed, its label, or yes/no in words.</summary>
internal static class TypedChoice
{
    /// <summary>The id of the choice <paramref name="text"/> names, or null when it names none (or several); yes and no
    /// are also understood in the words of <paramref name="texts"/>' languages.</summary>
    public static string? Match(Prompt prompt, string text, TextCatalog texts)
    {
        if (prompt.Choices.IsEmpty || text.Length == 0)
        {
            return null;
        }
        if (ChoiceNumberParser.TryParseOne(text, prompt.Choices.Length, out var index))
        {
            return prompt.Choices[index - 1].Id;
        }
        var folded = Fold(text);
        var byLabel = prompt.Choices.Where(c => Fold(c.Label) == folded).ToList();
        if (byLabel.Count == 1)
        {
            return byLabel[0].Id;
        }
        var ids = prompt.Choices.Select(c => c.Id).ToHashSet();
        if (ids.Contains(ChoiceIds.Yes) && texts.TypedYes.Contains(folded))
        {
            return ChoiceIds.Yes;
        }
        return ids.Contains(ChoiceIds.No) && texts.TypedNo.Contains(folded) ? ChoiceIds.No : null;
    }

    /// <summary>The id of the one candidate that has <paramref name="text"/> among its names (in any language), or null
    /// when none or several have.</summary>
    public static string? MatchName(IEnumerable<(string Id, IEnumerable<string> Names)> candidates, string text)
    {
        var folded = Fold(text);
        var named = candidates.Where(c => c.Names.Any(name => Fold(name) == folded)).Select(c => c.Id).Distinct().Take(2).ToList();
        return named.Count == 1 ? named[0] : null;
    }

    internal static string Fold(string text) =>
        new string([.. text.Trim().TrimEnd('.', '!', ')').Where(c => !char.IsControl(c))]).ToLowerInvariant().Replace('ё', 'е');
}
