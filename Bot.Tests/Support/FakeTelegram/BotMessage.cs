using Telegram.Bot.Types.ReplyMarkups;

namespace CommunityBot.Tests.Support.FakeTelegram;

/// <summary>A message the bot sent, as the chat shows it now (after edits).</summary>
internal sealed record BotMessage(
    int MessageId,
    long ChatId,
    string? Text,
    string? SentText,
    string? ParseMode,
    InlineKeyboardMarkup? Keyboard,
    UploadedFile? File,
    DateTimeOffset Date,
    bool Edited,
    bool Deleted,
    int? ReplyToMessageId = null,
    int? Topic = null)
{
    public IReadOnlyList<InlineKeyboardButton> Buttons =>
        Keyboard is null ? [] : [.. Keyboard.InlineKeyboard.SelectMany(row => row)];

    public IReadOnlyList<string> ButtonTexts => [.. Buttons.Select(b => b.Text)];

    public override string ToString() =>
        $"#{MessageId} \"{Text}\"" + (Buttons.Count == 0 ? "" : $" [{string.Join(" | ", ButtonTexts)}]");
}
