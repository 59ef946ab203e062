using System.Collections.Immutable;
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
    bool Deleted)
{
    public ImmutableArray<InlineKeyboardButton> Buttons =>
        Keyboard is null ? [] : [.. Keyboard.InlineKeyboard.SelectMany(row => row)];

    public ImmutableArray<string> ButtonTexts => [.. Buttons.Select(b => b.Text)];

    public override string ToString() =>
        $"#{MessageId} \"{Text}\"" + (Buttons.IsEmpty ? "" : $" [{string.Join(" | ", ButtonTexts)}]");
}
