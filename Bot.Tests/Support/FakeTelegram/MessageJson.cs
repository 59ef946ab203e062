using System.Buffers;
using System.Collections.Frozen;
using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CommunityBot.Tests.Support.FakeTelegram;

/// <summary>
/// The messages sent on every step of an interview, written by hand with the fields and order Telegram.Bot's
/// serializer gives them, byte for byte: the bot's own message as the answer to sendMessage, the edits and the files
/// gives it, a member's text message and a press on one of the bot's messages as getUpdates gives them. That
/// serializer's reflection-based metadata cost more than the rest of a sendMessage. Only messages of the shapes this
/// fake builds are given here (a message with a sticker or a location would lose them); what the fake seldom sends (a
/// quoted message, files, entities) is still written by the library, inside the hand-written object. One buffer serves
/// every message, so a server uses its own under its gate.
/// </summary>
internal sealed class MessageJson
{
    // The names the library writes for chat types ("private", "supergroup", ...).
    private static readonly FrozenDictionary<ChatType, JsonEncodedText> ChatTypeNames = Enum.GetValues<ChatType>()
        .ToFrozenDictionary(type => type, type => JsonEncodedText.Encode(JsonSerializer.Serialize(type, JsonBotAPI.Options).Trim('"')));

    /// <summary>A message of the bot's as UTF-8 JSON; <paramref name="keyboardJson"/> is its keyboard already written, if known.</summary>
    public byte[] Message(Message message, byte[]? keyboardJson) =>
        Written(writer => WriteMessage(writer, message, keyboardJson));

    /// <summary>An update with a member's text message, as getUpdates gives it.</summary>
    public byte[] TextUpdate(int updateId, Message message) =>
        Written(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("update_id"u8, updateId);
            writer.WritePropertyName("message"u8);
            WriteMessage(writer, message, keyboardJson: null);
            writer.WriteEndObject();
        });

    /// <summary>An update with a press on one of the bot's messages; <paramref name="keyboardJson"/> is that message's
    /// keyboard already written, if known.</summary>
    public byte[] PressUpdate(int updateId, CallbackQuery press, byte[]? keyboardJson) =>
        Written(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("update_id"u8, updateId);
            writer.WriteStartObject("callback_query"u8);
            writer.WriteString("id"u8, press.Id);
            WriteUser(writer, "from"u8, press.From);
            if (press.Message is { } message)
            {
                writer.WritePropertyName("message"u8);
                WriteMessage(writer, message, keyboardJson);
            }

            WriteIfThere(writer, "inline_message_id"u8, press.InlineMessageId);
            WriteIfThere(writer, "chat_instance"u8, press.ChatInstance);
            WriteIfThere(writer, "data"u8, press.Data);
            WriteIfThere(writer, "game_short_name"u8, press.GameShortName);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });

    private readonly ArrayBufferWriter<byte> buffer = new(4096);

    private byte[] Written(Action<Utf8JsonWriter> write)
    {
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteMessage(Utf8JsonWriter writer, Message message, byte[]? keyboardJson)
    {
        writer.WriteStartObject();
        writer.WriteNumber("message_id"u8, message.Id);
        if (message.MessageThreadId is { } thread)
        {
            writer.WriteNumber("message_thread_id"u8, thread);
        }

        if (message.From is { } from)
        {
            WriteUser(writer, "from"u8, from);
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

        WriteIfThere(writer, "text"u8, message.Text);
        Library(writer, "entities"u8, message.Entities);
        Library(writer, "document"u8, message.Document);
        Library(writer, "photo"u8, message.Photo);
        WriteIfThere(writer, "caption"u8, message.Caption);
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

    private static void WriteUser(Utf8JsonWriter writer, ReadOnlySpan<byte> name, User user)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("id"u8, user.Id);
        WriteIfTrue(writer, "is_bot"u8, user.IsBot);
        WriteIfThere(writer, "first_name"u8, user.FirstName);
        WriteIfThere(writer, "last_name"u8, user.LastName);
        WriteIfThere(writer, "username"u8, user.Username);
        WriteIfThere(writer, "language_code"u8, user.LanguageCode);
        WriteIfTrue(writer, "is_premium"u8, user.IsPremium);
        WriteIfTrue(writer, "added_to_attachment_menu"u8, user.AddedToAttachmentMenu);
        WriteIfTrue(writer, "can_join_groups"u8, user.CanJoinGroups);
        WriteIfTrue(writer, "can_read_all_group_messages"u8, user.CanReadAllGroupMessages);
        WriteIfTrue(writer, "supports_guest_queries"u8, user.SupportsGuestQueries);
        WriteIfTrue(writer, "supports_inline_queries"u8, user.SupportsInlineQueries);
        WriteIfTrue(writer, "can_connect_to_business"u8, user.CanConnectToBusiness);
        WriteIfTrue(writer, "has_main_web_app"u8, user.HasMainWebApp);
        WriteIfTrue(writer, "has_topics_enabled"u8, user.HasTopicsEnabled);
        WriteIfTrue(writer, "allows_users_to_create_topics"u8, user.AllowsUsersToCreateTopics);
        WriteIfTrue(writer, "can_manage_bots"u8, user.CanManageBots);
        WriteIfTrue(writer, "supports_join_request_queries"u8, user.SupportsJoinRequestQueries);
        writer.WriteEndObject();
    }

    private static void WriteChat(Utf8JsonWriter writer, Chat chat)
    {
        writer.WriteStartObject("chat"u8);
        writer.WriteNumber("id"u8, chat.Id);
        writer.WriteString("type"u8, ChatTypeNames[chat.Type]);
        WriteIfThere(writer, "title"u8, chat.Title);
        WriteIfThere(writer, "username"u8, chat.Username);
        WriteIfThere(writer, "first_name"u8, chat.FirstName);
        WriteIfThere(writer, "last_name"u8, chat.LastName);
        WriteIfTrue(writer, "is_forum"u8, chat.IsForum);
        WriteIfTrue(writer, "is_direct_messages"u8, chat.IsDirectMessages);
        writer.WriteEndObject();
    }

    // The library leaves out nulls and false (JsonIgnoreCondition.WhenWritingDefault).
    private static void WriteIfThere(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteIfTrue(Utf8JsonWriter writer, ReadOnlySpan<byte> name, bool value)
    {
        if (value)
        {
            writer.WriteBoolean(name, true);
        }
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
