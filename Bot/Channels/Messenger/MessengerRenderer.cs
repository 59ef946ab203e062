using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using CommunityBot.Channels.Telegram;
using CommunityBot.Conversations;

namespace CommunityBot.Channels.Messenger;

/// <summary>A quick reply or a template button: what the member sees, and what comes back when they press it.</summary>
internal sealed record Choice(string Title, string Payload);

/// <summary>One message to send: text, and either quick replies under it or (a button template) buttons in it.</summary>
internal sealed record OutgoingMessage(string Text, ImmutableArray<Choice> QuickReplies, ImmutableArray<Choice> Buttons)
{
    public static OutgoingMessage Plain(string text) => new(text, [], []);
}

/// <summary>
/// Turns engine prompts into Messenger messages within Meta's limits: quick replies (at most 13, titles at most 20
/// characters; longer labels become a numbered list in the text with numbers as quick replies), the review screen as
/// a button template when it has at most 3 buttons (else numbered actions), and texts cut at 2,000 characters. The
/// payloads are those of the Telegram buttons (<see cref="ButtonPress"/>): a press answers only the question it was
/// shown with.
/// </summary>
internal static class MessengerRenderer
{
    public const int MaxText = 2000;
    public const int MaxQuickReplies = 13;
    public const int MaxTitle = 20;
    public const int MaxButtons = 3;
    public const int MaxTemplateText = 640;

    public static ImmutableArray<OutgoingMessage> Render(IntakeReply reply, TextCatalog texts)
    {
        if (reply.Prompts.IsEmpty)
        {
            return [];
        }
        var last = reply.Prompts[^1];
        var text = new StringBuilder();
        foreach (var prompt in reply.Prompts)
        {
            if (text.Length > 0)
            {
                text.Append("\n\n");
            }
            text.Append(prompt.Text);
        }
        return Render(text.ToString(), last, texts, reply.Language);
    }

    /// <param name="text">The whole text, the question's included (notices above it).</param>
    public static ImmutableArray<OutgoingMessage> Render(string text, Prompt question, TextCatalog texts, string language)
    {
        if (question.Kind == PromptKind.Notice)
        {
            return Cut(text, [], []);
        }
        var fingerprint = PromptRenderer.Fingerprint(question);
        var choices = question.Choices.Select((choice, i) => new Choice(Label(question, choice), Payload(fingerprint, i))).ToList();
        var navigation = new List<Choice>();
        if (question.CanGoBack)
        {
            navigation.Add(new Choice(Title("‹ " + texts.Get(language, "nav.back")), fingerprint + ":b"));
        }
        if (question.CanCancel)
        {
            navigation.Add(new Choice(Title("✕ " + texts.Get(language, "nav.cancel")), fingerprint + ":x"));
        }
        var fits = choices.All(c => c.Title.Length <= MaxTitle);
        if (question.Kind == PromptKind.Review && fits && choices.Count + navigation.Count <= MaxButtons && text.Length <= MaxTemplateText)
        {
            return Cut(text, [], [.. choices, .. navigation]);
        }
        if (fits && choices.Count + navigation.Count <= MaxQuickReplies)
        {
            return Cut(text, [.. choices, .. navigation], []);
        }
        // Too many or too long for quick replies: the choices are listed by number, and the numbers (as many as fit
        // beside Back and Cancel) are the quick replies. Any number can also be typed.
        var listed = new StringBuilder(text).Append('\n');
        for (var i = 0; i < choices.Count; i++)
        {
            listed.Append('\n').Append(Number(i)).Append(". ").Append(choices[i].Title);
        }
        var numbers = choices.Take(MaxQuickReplies - navigation.Count).Select((c, i) => c with { Title = Number(i) });
        return Cut(listed.ToString(), [.. numbers, .. navigation], []);
    }

    private static string Number(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);

    private static string Payload(string fingerprint, int index) => fingerprint + ":" + index.ToString(CultureInfo.InvariantCulture);

    private static string Label(Prompt prompt, PromptChoice choice) =>
        prompt.Kind == PromptKind.MultipleChoice && choice.Id != ChoiceIds.Done
            ? (choice.Selected ? "✅ " : "▫️ ") + choice.Label
            : choice.Label;

    /// <summary>Navigation titles come from the texts; a translation too long for a quick reply is shortened.</summary>
    private static string Title(string title) => title.Length <= MaxTitle ? title : title[..(MaxTitle - 1)] + "…";

    /// <summary>Cuts the text into messages of at most <see cref="MaxText"/> characters; the choices go with the last.</summary>
    private static ImmutableArray<OutgoingMessage> Cut(string text, ImmutableArray<Choice> quickReplies, ImmutableArray<Choice> buttons)
    {
        var parts = PlainTextSplitter.Split(text, MaxText);
        return [.. parts.Select((part, i) => i == parts.Count - 1 ? new OutgoingMessage(part, quickReplies, buttons) : OutgoingMessage.Plain(part))];
    }
}

/// <summary>Cuts plain text at the most natural place before a limit: a paragraph break, else a line break, else a
/// space; never inside a surrogate pair.</summary>
internal static class PlainTextSplitter
{
    public static IReadOnlyList<string> Split(string text, int limit)
    {
        var parts = new List<string>();
        var rest = text;
        while (rest.Length > limit)
        {
            var window = rest[..limit];
            var cut = Best(window);
            if (cut <= 0)
            {
                cut = char.IsHighSurrogate(rest[limit - 1]) ? limit - 1 : limit;
            }
            parts.Add(rest[..cut].TrimEnd());
            rest = rest[cut..].TrimStart();
        }
        if (rest.Length > 0 || parts.Count == 0)
        {
            parts.Add(rest);
        }
        return parts;
    }

    private static int Best(string window)
    {
        // A break in the second half of the window only: a cut near the start would make many tiny messages.
        var floor = window.Length / 2;
        foreach (var separator in new[] { "\n\n", "\n", " " })
        {
            var at = window.LastIndexOf(separator, StringComparison.Ordinal);
            if (at >= floor)
            {
                return at + separator.Length;
            }
        }
        return -1;
    }
}
