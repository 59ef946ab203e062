using System.Text.Json;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CommunityBot.Channels.Telegram;

/// <summary>
/// What can still be made of an update written otherwise than Telegram writes it (a Bot API emulator, a newer Bot API):
/// a chat type the library does not know, or a field it cannot read at all. A member who wrote to the bot or pressed its
/// button is answered as for the same words typed or the same press, rather than told goodbye as if they were a group,
/// or left without an answer.
/// </summary>
internal static class OddlyWrittenUpdates
{
    /// <summary>A chat whose type the library does not know (it reads such a type as none) but whose id is a person's is a
    /// private chat: Telegram gives people positive ids, groups and channels negative ones. The update is changed in
    /// place, so that every handler after this sees the same chat.</summary>
    public static Update Mend(Update update)
    {
        foreach (var chat in (ReadOnlySpan<Chat?>)[update.Message?.Chat, update.EditedMessage?.Chat, update.CallbackQuery?.Message?.Chat,
            update.MyChatMember?.Chat, update.ChatMember?.Chat])
        {
            if (chat is { Id: > 0, Type: not (ChatType.Private or ChatType.Group or ChatType.Supergroup or ChatType.Channel) })
            {
                chat.Type = ChatType.Private;
            }
        }
        foreach (var message in (ReadOnlySpan<Message?>)[update.Message, update.EditedMessage])
        {
            if (message is { From: null, Chat: { Type: ChatType.Private, Id: > 0 } chat })
            {
                // Telegram always says who wrote a message in a private chat, and it is the chat's person (the bot's own
                // messages never come as updates); an emulator may leave it out, and the member is still to be answered.
                message.From = new User { Id = chat.Id, IsBot = false, FirstName = chat.FirstName ?? "" };
            }
        }
        return update;
    }

    /// <summary>A member's text or press in their private chat with the bot, from an update the library could not build:
    /// only the message's id, its sender (who must be the chat's person, not a bot; one left out is taken to be), the
    /// chat's id and the text (or the
    /// press's id and data) are read, and nothing else (a reply, a forward, formatting, the pressed message's text), so
    /// that a field the library cannot read cannot be what is answered. Null when the update is anything else.</summary>
    public static Update? Salvage(ReadOnlySpan<byte> json, int updateId)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            if (root.TryGetProperty("message", out var message))
            {
                return PrivateText(message) is { } text ? new Update { Id = updateId, Message = text } : null;
            }
            if (root.TryGetProperty("edited_message", out var edited))
            {
                return PrivateText(edited) is { } text ? new Update { Id = updateId, EditedMessage = text } : null;
            }
            if (root.TryGetProperty("callback_query", out var press))
            {
                return PrivatePress(press) is { } query ? new Update { Id = updateId, CallbackQuery = query } : null;
            }
        }
        catch (JsonException)
        {
        }
        return null;
    }

    private static Message? PrivateText(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object
            || !message.TryGetProperty("message_id", out var id) || id.ValueKind != JsonValueKind.Number || !id.TryGetInt32(out var messageId)
            || !message.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String || text.GetString() is not { Length: > 0 } said
            || !message.TryGetProperty("chat", out var chat) || chat.ValueKind != JsonValueKind.Object
            || Number(chat, "id") is not ({ } chatId and > 0)
            || (message.TryGetProperty("from", out var from) && (from.ValueKind != JsonValueKind.Object || Number(from, "id") != chatId || IsBot(from)))
            || String(chat, "type") is "group" or "supergroup" or "channel")
        {
            return null;
        }
        return new Message
        {
            Id = messageId,
            Chat = new Chat { Id = chatId, Type = ChatType.Private },
            // Without a sender (as an emulator may write it), the chat's person, as in every private chat.
            From = from.ValueKind == JsonValueKind.Object ? Person(from, chatId) : new User { Id = chatId, IsBot = false, FirstName = "" },
            Text = said,
        };
    }

    private static CallbackQuery? PrivatePress(JsonElement press)
    {
        if (press.ValueKind != JsonValueKind.Object
            || String(press, "id") is not { Length: > 0 } id || String(press, "data") is not { } data
            || !press.TryGetProperty("from", out var from) || from.ValueKind != JsonValueKind.Object
            || !press.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object
            || !message.TryGetProperty("chat", out var chat) || chat.ValueKind != JsonValueKind.Object
            || Number(chat, "id") is not ({ } chatId and > 0) || Number(from, "id") != chatId || IsBot(from)
            || String(chat, "type") is "group" or "supergroup" or "channel")
        {
            return null;
        }
        // A message without a readable id is one whose id an emulator left out: 0, as the library reads that.
        var messageId = Number(message, "message_id") is { } number and <= int.MaxValue ? (int)number : 0;
        return new CallbackQuery
        {
            Id = id,
            From = Person(from, chatId),
            ChatInstance = String(press, "chat_instance") ?? "",
            Data = data,
            Message = new Message { Id = messageId, Chat = new Chat { Id = chatId, Type = ChatType.Private } },
        };
    }

    private static User Person(JsonElement from, long id) =>
        new() { Id = id, IsBot = false, FirstName = String(from, "first_name") ?? "", LanguageCode = String(from, "language_code") };

    private static bool IsBot(JsonElement from) => from.TryGetProperty("is_bot", out var isBot) && isBot.ValueKind != JsonValueKind.False;

    private static long? Number(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;

    private static string? String(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
