using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Requests.Abstractions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace CommunityBot.Channels.Telegram;

/// <summary>
/// <c>sendMessage</c> and <c>editMessageText</c> as this bot sends them (HTML, no link previews), the calls made for
/// nearly every update. The body is written once, straight to JSON bytes, and goes with its length; the library's own
/// requests are serialised property by property on every attempt and sent in chunks. Telegram answers with the whole
/// message, the keyboard included, and nothing here reads more of it than its id: so the answer is read as
/// <see cref="MessageId"/> (the type of <c>copyMessage</c>'s answer, known to the library's serializer and its
/// source-generated context), which skips the rest instead of building a <see cref="Message"/> from it.
/// </summary>
internal sealed class TextRequest : IRequest<MessageId>
{
    public const string Send = "sendMessage";
    public const string Edit = "editMessageText";

    /// <summary>Text goes as UTF-8 rather than as \u escapes (a Cyrillic letter is 2 bytes instead of 6); quotes, backslashes
    /// and control characters are still escaped, so the body is valid JSON whatever a member typed.</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly long chatId;
    private readonly int? messageId;
    private readonly string html;
    private readonly InlineKeyboardMarkup? keyboard;
    private readonly int? replyTo;
    private readonly int? topic;
    private ReadOnlyMemory<byte>? body;

    private TextRequest(string method, long chatId, int? messageId, string html, InlineKeyboardMarkup? keyboard, int? replyTo, int? topic = null)
    {
        MethodName = method;
        this.chatId = chatId;
        this.messageId = messageId;
        this.html = html;
        this.keyboard = keyboard;
        this.replyTo = replyTo;
        this.topic = topic;
    }

    public HttpMethod HttpMethod => HttpMethod.Post;

    public string MethodName { get; }

    public long ChatId => chatId;

    /// <summary>As an answer to a webhook post the body names its method; this bot answers posts without one.</summary>
    public bool IsWebhookResponse
    {
        get;
        set
        {
            field = value;
            body = null;
        }
    }

    /// <summary>A new message; <paramref name="replyTo"/> is quoted when it still exists and ignored when it does not.</summary>
    /// <param name="topic">The forum topic to post in (<see cref="ForumTopic.Of"/>); null for General or a group without topics.</param>
    public static TextRequest NewMessage(long chatId, string html, InlineKeyboardMarkup? keyboard, int? replyTo, int? topic = null) =>
        new(Send, chatId, messageId: null, html, keyboard, replyTo, topic);

    /// <summary>A message of the bot's, given new text and buttons (none when <paramref name="keyboard"/> is null).</summary>
    public static TextRequest EditedMessage(long chatId, int messageId, string html, InlineKeyboardMarkup? keyboard) =>
        new(Edit, chatId, messageId, html, keyboard, replyTo: null);

    /// <summary>Called for every attempt; the bytes are written at the first.</summary>
    public HttpContent ToHttpContent()
    {
        body ??= Write();
        var content = new ReadOnlyMemoryContent(body.Value);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json", "utf-8");
        return content;
    }

    internal ReadOnlyMemory<byte> Write()
    {
        // Written in this thread's scratch buffer and copied out at its length: the body is kept for a second attempt,
        // and a buffer of its own would be the writer's 4 KB or more for a message of a few hundred bytes.
        var buffer = scratch ??= new ArrayBufferWriter<byte>(ScratchSize);
        var json = writer ??= new Utf8JsonWriter(buffer, WriterOptions);
        json.Reset(buffer);
        try
        {
            json.WriteStartObject();
            if (IsWebhookResponse)
            {
                json.WriteString("method"u8, MethodName);
            }
            json.WriteNumber("chat_id"u8, chatId);
            if (topic is { } thread)
            {
                json.WriteNumber("message_thread_id"u8, thread);
            }
            if (messageId is { } edited)
            {
                json.WriteNumber("message_id"u8, edited);
            }
            json.WriteString("text"u8, html);
            // Spelled as the library spells ParseMode.Html (Telegram takes any case).
            json.WriteString("parse_mode"u8, "Html"u8);
            json.WriteStartObject("link_preview_options"u8);
            json.WriteBoolean("is_disabled"u8, true);
            json.WriteEndObject();
            if (replyTo is { } quoted)
            {
                json.WriteStartObject("reply_parameters"u8);
                json.WriteNumber("message_id"u8, quoted);
                json.WriteBoolean("allow_sending_without_reply"u8, true);
                json.WriteEndObject();
            }
            if (keyboard is not null)
            {
                json.WritePropertyName("reply_markup"u8);
                // With the library's own options, so the keyboard goes out exactly as its requests send it. Through the
                // serializer, not a contract taken from the options once: the options have no resolver until their first use.
                JsonSerializer.Serialize(json, keyboard, JsonBotAPI.Options);
            }
            json.WriteEndObject();
            json.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            json.Reset();
            // The texts may hold a member's answers (the review): not left behind in the scratch buffer.
            buffer.Clear();
            if (buffer.Capacity > LargestScratch)
            {
                // One long text (a letter, a split story) does not keep its buffer on this thread.
                scratch = null;
                writer = null;
            }
        }
    }

    private const int ScratchSize = 16 * 1024;
    private const int LargestScratch = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? scratch;

    [ThreadStatic]
    private static Utf8JsonWriter? writer;
}
