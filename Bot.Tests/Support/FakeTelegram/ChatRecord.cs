using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CommunityBot.Tests.Support.FakeTelegram;

/// <summary>What the server knows of one chat: its messages (members' and the bot's) and whether the bot may write.</summary>
internal sealed class ChatRecord(Chat chat)
{
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Chat Chat { get; } = chat;

    public List<ChatMessage> Messages { get; } = [];

    public int LastMessageId { get; set; }

    /// <summary>A private chat opens for the bot only once the member wrote to it.</summary>
    public bool Started { get; set; }

    public bool BlockedBot { get; set; }

    public bool BotLeft { get; set; }

    public long? MigratedTo { get; set; }

    public bool IsPrivate => Chat.Type == ChatType.Private;

    public ChatMessage? Find(int messageId)
    {
        // Messages are kept in id order: a member's answer is usually about one of the last few.
        for (var i = Messages.Count - 1; i >= 0; i--)
        {
            var message = Messages[i];
            if (message.Message.Id == messageId)
            {
                return message.Deleted ? null : message;
            }
        }

        return null;
    }

    /// <summary>The bot's messages here newer than <paramref name="messageId"/>, oldest first, reading only those.</summary>
    public List<BotMessage> BotMessagesAfter(int messageId)
    {
        var first = Messages.Count;
        while (first > 0 && Messages[first - 1].Message.Id > messageId)
        {
            first--;
        }

        var newer = new List<BotMessage>();
        for (var i = first; i < Messages.Count; i++)
        {
            if (Messages[i] is { FromBot: true, Deleted: false } message)
            {
                newer.Add(message.Snapshot());
            }
        }

        return newer;
    }

    /// <summary>Completes at the next change of the bot's messages here (sent, edited or deleted); read under the
    /// server's gate. Only those waiting on this chat wake, so a reply in one chat costs nothing in the others.</summary>
    public Task NextChange => changed.Task;

    /// <summary>Wakes those waiting on <see cref="NextChange"/>; called under the server's gate.</summary>
    public void Changed()
    {
        var previous = changed;
        changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.TrySetResult();
    }
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
        Message.ReplyToMessage?.Id,
        Message.IsTopicMessage ? Message.MessageThreadId : null);
}

/// <summary>An update waiting in the getUpdates queue, frozen as JSON (UTF-8) when it was enqueued.</summary>
internal sealed class FeedEntry(int updateId, string type, byte[] utf8)
{
    public int UpdateId { get; } = updateId;

    public string Type { get; } = type;

    /// <summary>The update as it goes out, written once; getUpdates copies these bytes into its answer.</summary>
    public byte[] Utf8 { get; } = utf8;

    /// <summary>The update as a fresh JSON tree (a new one each time, so a caller may change it freely).</summary>
    public System.Text.Json.Nodes.JsonNode Json => System.Text.Json.Nodes.JsonNode.Parse(Utf8) ?? new System.Text.Json.Nodes.JsonObject();

    /// <summary>The updates' frozen JSON joined into one array, as getUpdates answers.</summary>
    public static byte[] JsonArrayOf(List<FeedEntry> batch)
    {
        var array = new byte[2 + batch.Sum(e => e.Utf8.Length) + Math.Max(0, batch.Count - 1)];
        var at = 0;
        array[at++] = (byte)'[';
        foreach (var entry in batch)
        {
            if (at > 1)
            {
                array[at++] = (byte)',';
            }

            entry.Utf8.CopyTo(array, at);
            at += entry.Utf8.Length;
        }

        array[at] = (byte)']';
        return array;
    }

    public bool Delivered { get; set; }
}
