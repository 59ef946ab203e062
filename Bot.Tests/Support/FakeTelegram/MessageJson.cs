using System.Buffers;
using System.Collections.Frozen;
using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CommunityBot.Tests.Support.FakeTelegram;

/// <summary>
/// The bot's own message as the answer to sendMessage, the edits and the files gives it: written by hand with the
/// fields and order Telegram.Bot's serializer gives the messages this fake builds, byte for byte. That serializer's
/// reflection-based metadata cost more than the rest of a sendMessage; what the fake seldom sends (a quoted message,
/// files, entities) is still written by it, inside the hand-written object.
/// </summary>
internal sealed class MessageJson(User botUser)
{
    // The names the library writes for chat types ("private", "supergroup", ...).
    private static readonly FrozenDictionary<ChatType, JsonEncodedText> ChatTypeNames = Enum.GetValues<ChatType>()
        .ToFrozenDictionary(type => type, type => JsonEncodedText.Encode(JsonSerializer.Serialize(type, JsonBotAPI.Options).Trim('"')));

    // The bot is the sender of every message this writes; it is written once.
    private readonly byte[] botUserJson = JsonSerializer.SerializeToUtf8Bytes(botUser, JsonBotAPI.Options);

    /// <summary>The message as UTF-8 JSON; <paramref name="keyboardJson"/> is its keyboard already written, if known.</summary>
    public byte[] Write(Message message, byte[]? keyboardJson)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, message, keyboardJson);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private void Write(Utf8JsonWriter writer, Message message, byte[]? keyboardJson)
    {
        writer.WriteStartObject();
        writer.WriteNumber("message_id"u8, message.Id);
        if (message.MessageThreadId is { } thread)
        {
            writer.WriteNumber("message_thread_id"u8, thread);
        }

        if (message.From is { } from)
        {
            writer.WritePropertyName("from"u8);
            if (ReferenceEquals(from, botUser))
            {
                writer.WriteRawValue(botUserJson, skipInputValidation: true);
            }
            else
            {
                JsonSerializer.Serialize(writer, from, JsonBotAPI.Options);
            }
        }

        writer.WriteNumber("date"u8, UnixTime(message.Date));
        WriteChat(writer, message.Chat);
        if (message.IsTopicMessage)
        {
            writer.WriteBoolean("is_topic_message"u8, true);
        }

        Library(writer, "reply_to_message"u8, message.ReplyToMessage);
        if (message.EditDate is { } edited)
        {
            writer.WriteNumber("edit_date"u8, UnixTime(edited));
        }

        if (message.Text is { } text)
        {
            writer.WriteString("text"u8, text);
        }

        Library(writer, "entities"u8, message.Entities);
        Library(writer, "document"u8, message.Document);
        Library(writer, "photo"u8, message.Photo);
        if (message.Caption is { } caption)
        {
            writer.WriteString("caption"u8, caption);
        }

        Library(writer, "caption_entities"u8, message.CaptionEntities);
        if (message.ReplyMarkup is { } keyboard)
        {
            writer.WritePropertyName("reply_markup"u8);
            if (keyboardJson is not null)
            {
                writer.WriteRawValue(keyboardJson, skipInputValidation: true);
            }
            else
            {
                JsonSerializer.Serialize(writer, keyboard, JsonBotAPI.Options);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteChat(Utf8JsonWriter writer, Chat chat)
    {
        writer.WriteStartObject("chat"u8);
        writer.WriteNumber("id"u8, chat.Id);
        writer.WriteString("type"u8, ChatTypeNames[chat.Type]);
        if (chat.Title is { } title)
        {
            writer.WriteString("title"u8, title);
        }

        if (chat.Username is { } username)
        {
            writer.WriteString("username"u8, username);
        }

        if (chat.FirstName is { } firstName)
        {
            writer.WriteString("first_name"u8, firstName);
        }

        if (chat.LastName is { } lastName)
        {
            writer.WriteString("last_name"u8, lastName);
        }

        if (chat.IsForum)
        {
            writer.WriteBoolean("is_forum"u8, true);
        }

        if (chat.IsDirectMessages)
        {
            writer.WriteBoolean("is_direct_messages"u8, true);
        }

        writer.WriteEndObject();
    }

    /// <summary>A field the fake seldom sends, written by the library's serializer when it is there.</summary>
    private static void Library<T>(Utf8JsonWriter writer, ReadOnlySpan<byte> name, T? value)
        where T : class
    {
        if (value is not null)
        {
            writer.WritePropertyName(name);
            JsonSerializer.Serialize(writer, value, JsonBotAPI.Options);
        }
    }

    /// <summary>Seconds since 1970 as Telegram gives dates; the fake's dates are UTC.</summary>
    private static long UnixTime(DateTime date) =>
        new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Utc)).ToUnixTimeSeconds();
}
