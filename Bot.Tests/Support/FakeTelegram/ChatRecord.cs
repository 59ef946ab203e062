using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CommunityBot.Tests.Support.FakeTelegram;

/// <summary>What the server knows of one chat: its messages (members' and the bot's) and whether the bot may write.</summary>
internal sealed class ChatRecord(Chat chat)
{
    public Chat Chat { get; } = chat;

    public List<ChatMessage> Messages { get; } = [];

    public int LastMessageId { get; set; }

    /// <summary>A private chat opens for the bot only once the member wrote to it.</summary>
    public bool Started { get; set; }

    public bool BlockedBot { get; set; }

    public bool BotLeft { get; set; }

    public long? MigratedTo { get; set; }

    public bool IsPrivate => Chat.Type == ChatType.Private;

    public ChatMessage? Find(int messageId) => Messages.Find(m => m.Message.Id == messageId && !m.Deleted);
}

/// <summary>A message in a chat, with what the bot sent before Telegram parsed it.</summary>
internal sealed class ChatMessage(Message message, bool fromBot)
{
    public Message Message { get; } = message;

    public bool FromBot { get; } = fromBot;

    public string? SentText { get; init; }

    public string? ParseMode { get; init; }

    public UploadedFile? File { get; init; }

    public bool Deleted { get; set; }

    public BotMessage Snapshot() => new(
        Message.Id,
        Message.Chat.Id,
        Message.Text ?? Message.Caption,
        SentText,
        ParseMode,
        Message.ReplyMarkup,
        File,
        new DateTimeOffset(DateTime.SpecifyKind(Message.Date, DateTimeKind.Utc)),
        Message.EditDate is not null,
        Deleted,
        Message.ReplyToMessage?.Id);
}

/// <summary>An update waiting in the getUpdates queue, frozen as JSON when it was enqueued.</summary>
internal sealed class FeedEntry(int updateId, string type, System.Text.Json.Nodes.JsonNode json)
{
    public int UpdateId { get; } = updateId;

    public string Type { get; } = type;

    public System.Text.Json.Nodes.JsonNode Json { get; } = json;

    public bool Delivered { get; set; }
}
