using System.Buffers;
using System.Globalization;
using System.Text.Unicode;
using CommunityBot.Conversations;
using Telegram.Bot.Types.ReplyMarkups;

namespace CommunityBot.Channels.Telegram;

/// <summary>What a pressed button asked for: a choice of the prompt it belonged to, Back or Cancel.</summary>
internal sealed record ButtonPress(string Fingerprint, int? ChoiceIndex, bool Back, bool Cancel)
{
    /// <summary>Callback data is <c>{fingerprint}:{index}</c>, <c>{fingerprint}:b</c> or <c>{fingerprint}:x</c>:
    /// well within Telegram's 64 bytes, and meaningless outside the presser's own conversation.</summary>
    public static ButtonPress? Parse(string? data)
    {
        var colon = data?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (data is null || data.Length > 64 || colon < 1)
        {
            return null;
        }
        var fingerprint = data[..colon];
        var rest = data[(colon + 1)..];
        return rest switch
        {
            "b" => new ButtonPress(fingerprint, null, Back: true, Cancel: false),
            "x" => new ButtonPress(fingerprint, null, Back: false, Cancel: true),
            _ when int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < 100
                => new ButtonPress(fingerprint, index, Back: false, Cancel: false),
            _ => null,
        };
    }

    /// <summary>What the press means for the question open now: only a button of that very question is taken (a
    /// stale or forged one means nothing), so a press can at most touch the presser's own conversation.</summary>
    public static ConversationEvent? Resolve(ButtonPress? press, Prompt question) => press switch
    {
        null => null,
        _ when press.Fingerprint != PromptRenderer.Fingerprint(question) => null,
        { Back: true } => new BackRequested(),
        { Cancel: true } => new CancelRequested(),
        { ChoiceIndex: { } i } when i < question.Choices.Length => new ChoiceMade(question.Choices[i].Id),
        _ => null,
    };
}

/// <summary>Turns engine prompts into Telegram messages: escaped HTML text and an inline keyboard.</summary>
internal static class PromptRenderer
{
    private const int ShortLabel = 14;

    public static string Html(Prompt prompt) => TelegramHtml.Escape(prompt.Text);

    public static InlineKeyboardMarkup? Keyboard(Prompt prompt, TextCatalog texts, string language)
    {
        if (prompt.Kind == PromptKind.Notice)
        {
            return null;
        }
        var fingerprint = Fingerprint(prompt);
        var buttons = prompt.Choices.Select((choice, i) => InlineKeyboardButton.WithCallbackData(
            Label(prompt, choice), $"{fingerprint}:{i.ToString(CultureInfo.InvariantCulture)}")).ToList();
        // Short labels (yes/no, days) sit two to a row; longer ones get a row each so they are not cut off.
        var perRow = prompt.Choices.All(c => c.Label.Length <= ShortLabel) && prompt.Kind != PromptKind.Review ? 2 : 1;
        var rows = buttons.Chunk(perRow).Select(row => row.AsEnumerable()).ToList();
        var navigation = new List<InlineKeyboardButton>();
        if (prompt.CanGoBack)
        {
            navigation.Add(InlineKeyboardButton.WithCallbackData("‹ " + texts.Get(language, "nav.back"), fingerprint + ":b"));
        }
        if (prompt.CanCancel)
        {
            navigation.Add(InlineKeyboardButton.WithCallbackData("✕ " + texts.Get(language, "nav.cancel"), fingerprint + ":x"));
        }
        if (navigation.Count > 0)
        {
            rows.Add(navigation);
        }
        return rows.Count == 0 ? null : new InlineKeyboardMarkup(rows);
    }

    private static string Label(Prompt prompt, PromptChoice choice) =>
        prompt.Kind == PromptKind.MultipleChoice && choice.Id != ChoiceIds.Done
            ? (choice.Selected ? "✅ " : "▫️ ") + choice.Label
            : choice.Selected ? "• " + choice.Label : choice.Label;

    /// <summary>Identifies a question (its text and choice ids, not the ticks) so that a button from an older
    /// message is recognised as stale instead of answering whatever is asked now.</summary>
    public static string Fingerprint(Prompt prompt)
    {
        // FNV-1a over each value's UTF-8 bytes, a byte 0xFF after each: the buttons already in members' chats carry it,
        // so it must not change. Encoded in chunks on the stack, as Encoding.UTF8 would (a lone surrogate as U+FFFD).
        var hash = 2166136261u;
        Span<byte> bytes = stackalloc byte[256];
        void Add(string value, Span<byte> bytes)
        {
            var rest = value.AsSpan();
            OperationStatus status;
            do
            {
                status = Utf8.FromUtf16(rest, bytes, out var read, out var written);
                foreach (var b in bytes[..written])
                {
                    hash = (hash ^ b) * 16777619u;
                }
                rest = rest[read..];
            }
            while (status == OperationStatus.DestinationTooSmall);
            hash = (hash ^ 0xFF) * 16777619u;
        }
        Add(prompt.Kind.ToString(), bytes);
        Add(prompt.Text, bytes);
        foreach (var choice in prompt.Choices)
        {
            Add(choice.Id, bytes);
        }
        return hash.ToString("x8", CultureInfo.InvariantCulture);
    }
}
