using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Telegram.Bot;

namespace CommunityBot.Tests.Support.FakeTelegram;

/// <summary>Typed reads of a call's parameters; numbers may arrive as JSON numbers or as form text.</summary>
internal sealed class ApiArguments(JsonObject parameters)
{
    public JsonObject Json { get; } = parameters;

    public string? String(string name) => Json[name] switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value => value.ToJsonString(),
        _ => null,
    };

    public long? Long(string name) =>
        long.TryParse(String(name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;

    public int? Int(string name) =>
        int.TryParse(String(name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;

    public bool Bool(string name) => String(name) is "true" or "True" or "1";

    public long ChatId()
    {
        var text = String("chat_id");
        if (string.IsNullOrEmpty(text))
        {
            throw BotApiException.BadRequest("chat_id is empty");
        }

        return Long("chat_id") ?? throw BotApiException.BadRequest("chat not found");
    }

    public int MessageId(string name = "message_id") =>
        Int(name) ?? throw BotApiException.BadRequest($"{name} is empty");

    public T? As<T>(string name)
        where T : class
    {
        var node = Json[name];
        if (node is null)
        {
            return null;
        }

        try
        {
            // A multipart field that was not JSON text stays a string; the real API would parse it the same way.
            return node is JsonValue value && value.TryGetValue<string>(out var text)
                ? JsonSerializer.Deserialize<T>(text, JsonBotAPI.Options)
                : node.Deserialize<T>(JsonBotAPI.Options);
        }
        catch (JsonException)
        {
            throw BotApiException.BadRequest($"can't parse {name} JSON object");
        }
    }
}
