using System.Globalization;
using System.Text.Json;
using Telegram.Bot;

namespace CommunityBot.Tests.Support.FakeTelegram;

/// <summary>Typed reads of a call's parameters; numbers may arrive as JSON numbers or as form text. Reads straight
/// from the parsed request (no tree of nodes), valid while the request is being answered.</summary>
internal sealed class ApiArguments(JsonElement parameters)
{
    public string? String(string name) => Value(name) is { } value ? Text(value) : null;

    public long? Long(string name)
    {
        if (Value(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var direct))
        {
            return direct;
        }

        return long.TryParse(Text(value), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;
    }

    public int? Int(string name)
    {
        if (Value(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var direct))
        {
            return direct;
        }

        return int.TryParse(Text(value), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;
    }

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

    /// <summary>An object parameter: JSON in a JSON body, or JSON text in a form field (as the real API accepts).</summary>
    public T? As<T>(string name)
        where T : class
    {
        if (Value(name) is not { } value)
        {
            return null;
        }

        try
        {
            // A multipart field that was not JSON text stays a string; the real API would parse it the same way.
            return value.ValueKind == JsonValueKind.String
                ? JsonSerializer.Deserialize<T>(value.GetString() ?? "", JsonBotAPI.Options)
                : value.Deserialize<T>(JsonBotAPI.Options);
        }
        catch (JsonException)
        {
            throw BotApiException.BadRequest($"can't parse {name} JSON object");
        }
    }

    /// <summary>An object parameter's JSON as it came (the text of a form field, the object's own text in a JSON body),
    /// to know a value seen before without reading it again; a number or boolean gives its JSON text too.</summary>
    public string? JsonText(string name) => Value(name) is not { } value ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : value.GetRawText();

    /// <summary>Whether an object parameter (<see cref="As{T}"/>) has a property of this name; a parameter that is
    /// not an object is refused as unreadable.</summary>
    public bool HasProperty(string name, string property)
    {
        if (Value(name) is not { } value)
        {
            return false;
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            return value.TryGetProperty(property, out _);
        }

        try
        {
            using var parsed = JsonDocument.Parse(value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText());
            if (parsed.RootElement.ValueKind == JsonValueKind.Object)
            {
                return parsed.RootElement.TryGetProperty(property, out _);
            }
        }
        catch (JsonException)
        {
            // Refused below, as any value that is not an object.
        }

        throw BotApiException.BadRequest($"can't parse {name} JSON object");
    }

    /// <summary>The parameter's value; a JSON null counts as absent, as it did when the API read it.</summary>
    private JsonElement? Value(string name) =>
        parameters.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>Strings as they are, numbers and booleans as their JSON text; objects and arrays are not text.</summary>
    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };
}
