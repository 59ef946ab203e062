using System.Text;
using CommunityBot.Conversations;

namespace CommunityBot.Channels.Console;

/// <summary>How a prompt reads at a terminal: its text in the terminal's wording, its choices numbered, and a hint of
/// what to type.</summary>
internal static class TerminalPrompts
{
    /// <summary>Typed instead of an answer, it cancels what is asked (as the hint says).</summary>
    public const string Cancel = "/cancel";

    public static string Format(TextCatalog texts, Prompt prompt, string language)
    {
        var text = new StringBuilder();
        text.AppendLine().AppendLine(TerminalWording.Of(texts, language, prompt.Text));
        for (var i = 0; i < prompt.Choices.Length; i++)
        {
            var choice = prompt.Choices[i];
            var tick = prompt.Kind == PromptKind.MultipleChoice && choice.Id != ChoiceIds.Done
                ? (choice.Selected ? "[x] " : "[ ] ")
                : "";
            text.Append("  ").Append(i + 1).Append(". ").Append(tick).AppendLine(choice.Label);
        }
        var hint = prompt.Kind switch
        {
            PromptKind.Notice => null,
            PromptKind.MultipleChoice => "chat.hint.multi",
            PromptKind.Text when !prompt.Choices.IsEmpty => "chat.hint.text_or_choice",
            PromptKind.Text => "chat.hint.text",
            _ => "chat.hint.choice",
        };
        if (hint is not null)
        {
            var navigation = new List<string>();
            if (prompt.CanGoBack)
            {
                navigation.Add("/back — " + texts.Get(language, "nav.back"));
            }
            if (prompt.CanCancel)
            {
                navigation.Add(Cancel + " — " + texts.Get(language, "nav.cancel"));
            }
            text.Append('(').Append(texts.Get(language, hint));
            if (navigation.Count > 0)
            {
                text.Append("; ").Append(string.Join(", ", navigation));
            }
            text.AppendLine(")").Append("> ");
        }
        return text.ToString();
    }
}
