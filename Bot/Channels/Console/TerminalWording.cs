using System.Text.RegularExpressions;
using CommunityBot.Conversations;

namespace CommunityBot.Channels.Console;

/// <summary>
/// The terminal has no buttons: a text that tells the member to tap or press one is shown in its terminal wording, the
/// text of the same key with <see cref="Suffix"/> (<c>review.hint_terminal</c>), which says what to type instead. The
/// engine's prompts are the same for every channel, so the terminal swaps the words when it prints them, as Messenger
/// does with its consent text; a text with placeholders is found with whatever filled them, which fill its twin.
/// </summary>
internal static partial class TerminalWording
{
    public const string Suffix = "_terminal";

    /// <summary>The texts that speak of buttons (or, the consent, of a Telegram account the terminal does not have; or, the
    /// follow-up question, of a chat the bot could write to), which every language file words for the terminal as well.</summary>
    public static readonly IReadOnlyList<string> Keys =
    [
        "city.prompt", "facility.prompt", "consequences.prompt", "reported_where.prompt", "review.hint", "error.multi.empty",
        "text.current", "chat.story_kept", "limits.reports", "review.story_added", "review.story_added_masked",
        "place.date_typed", "consent.prompt", "chat.stop_hint", "followup_consent.prompt", "text.appended", "text.appended_masked",
    ];

    public static string Of(TextCatalog texts, string language, string text)
    {
        foreach (var key in Keys)
        {
            if (!texts.Has(language, key) || !texts.Has(language, key + Suffix))
            {
                continue;
            }
            var shown = texts.Get(language, key);
            var typed = texts.Get(language, key + Suffix);
            text = Placeholder().IsMatch(shown)
                ? Pattern(shown).Replace(text, match => Filled(typed, match))
                : text.Replace(shown, typed, StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>The text as a pattern: its words as they stand, each placeholder whatever filled it.</summary>
    private static Regex Pattern(string template)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pattern = Placeholder().Replace(Regex.Escape(template).Replace(@"\{", "{", StringComparison.Ordinal),
            m => seen.Add(m.Groups[1].Value) ? $"(?<{m.Groups[1].Value}>.*?)" : $@"\k<{m.Groups[1].Value}>");
        // Each placeholder is followed by words of the text, so a match ends where they do: no runaway search in a long story.
        return new Regex(pattern, RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }

    private static string Filled(string template, Match match) =>
        Placeholder().Replace(template, m => match.Groups[m.Groups[1].Value] is { Success: true } value ? value.Value : m.Value);

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}
