using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Telegram.Bot;
using Telegram.Bot.Requests.Abstractions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CommunityBot.Channels.Telegram;

/// <summary>
/// <c>getUpdates</c> for the poller. The offset never passes an update still in hand (so that one taken when the
/// process dies comes again), so every poll brings back the updates being handled beside the new ones: with fifty
/// members answering at once, about six old ones for each new one. The answer is therefore read as
/// <see cref="PolledUpdates"/>, which reads each update's id and builds an <see cref="Update"/> only for those the
/// poller does not have yet.
/// </summary>
internal sealed class PollRequest(int offset, int limit, int timeout, IEnumerable<UpdateType> allowedUpdates) : IRequest<PolledUpdates>
{
    /// <summary>The update types are written by the library's own contract, so they are named as its requests name them.</summary>
    private static readonly JsonTypeInfo<IEnumerable<UpdateType>> TypesContract =
        (JsonTypeInfo<IEnumerable<UpdateType>>)JsonBotAPI.Options.GetTypeInfo(typeof(IEnumerable<UpdateType>));

    public HttpMethod HttpMethod => HttpMethod.Post;

    public string MethodName => "getUpdates";

    /// <summary>getUpdates cannot be a webhook's answer; the flag is kept only because every request has it.</summary>
    public bool IsWebhookResponse { get; set; }

    public HttpContent ToHttpContent()
    {
        var content = new ByteArrayContent(Write());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json", "utf-8");
        return content;
    }

    internal byte[] Write()
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("offset"u8, offset);
            json.WriteNumber("limit"u8, limit);
            json.WriteNumber("timeout"u8, timeout);
            json.WritePropertyName("allowed_updates"u8);
            JsonSerializer.Serialize(json, allowedUpdates, TypesContract);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>A poll's answer, kept as JSON: the ids are read at once, an update itself only when asked for.</summary>
[JsonConverter(typeof(PolledUpdatesConverter))]
internal sealed class PolledUpdates(JsonDocument json)
{
    private static readonly JsonTypeInfo<Update> UpdateContract = (JsonTypeInfo<Update>)JsonBotAPI.Options.GetTypeInfo(typeof(Update));

    public int Count => json.RootElement.GetArrayLength();

    /// <summary>The updates of the answer, in order, built only when <paramref name="isNew"/> says the poller does not
    /// have them yet.</summary>
    /// <exception cref="JsonException">An update could not be read (as when the library cannot read an answer).</exception>
    public List<Update> New(Func<int, bool> isNew)
    {
        List<Update> updates = [];
        foreach (var element in json.RootElement.EnumerateArray())
        {
            if (isNew(element.GetProperty("update_id"u8).GetInt32()))
            {
                updates.Add(element.Deserialize(UpdateContract) ?? throw new JsonException("An update was null."));
            }
        }
        return updates;
    }
}

internal sealed class PolledUpdatesConverter : JsonConverter<PolledUpdates>
{
    public override PolledUpdates Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.StartArray
            ? new PolledUpdates(JsonDocument.ParseValue(ref reader))
            : throw new JsonException("getUpdates answered with something other than a list.");

    public override void Write(Utf8JsonWriter writer, PolledUpdates value, JsonSerializerOptions options) =>
        throw new NotSupportedException("A poll's answer is only ever read.");
}
