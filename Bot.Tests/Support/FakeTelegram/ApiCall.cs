using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace CommunityBot.Tests.Support.FakeTelegram;

/// <summary>
/// One request the bot made, as it arrived (fault-injected and refused calls included). Its parameters are kept as
/// the JSON object they were read into (UTF-8) and turned into a tree only when a test reads them, so recording
/// every call costs one copy of its bytes.
/// </summary>
internal sealed class ApiCall(
    string method,
    long? chatId,
    ReadOnlyMemory<byte> parametersJson,
    ImmutableArray<UploadedFile> files,
    DateTimeOffset receivedAt,
    bool inWebhookAnswer = false)
{
    private readonly Lazy<JsonObject> parameters = new(() => JsonNode.Parse(parametersJson.Span) as JsonObject ?? []);

    public string Method { get; } = method;

    public long? ChatId { get; } = chatId;

    /// <summary>The call's parameters, whichever way they came (JSON body, query string, form fields).</summary>
    public JsonObject Parameters => parameters.Value;

    /// <summary>The same parameters as the JSON object's UTF-8 bytes.</summary>
    public ReadOnlyMemory<byte> ParametersJson { get; } = parametersJson;

    public ImmutableArray<UploadedFile> Files { get; } = files;

    public DateTimeOffset ReceivedAt { get; } = receivedAt;

    /// <summary>Given as the method in the bot's answer to a webhook post rather than as a request of its own.</summary>
    public bool InWebhookAnswer { get; } = inWebhookAnswer;

    public string? String(string name) => Parameters[name] is JsonValue value ? value.ToString() : null;
}

/// <summary>A file the bot uploaded in a multipart request, under the form field it was sent in.</summary>
internal sealed record UploadedFile(string Field, string FileName, ImmutableArray<byte> Bytes);

/// <summary>What a Bot API method answers when it refuses a call; the handler throws it, the server renders it.</summary>
internal sealed class BotApiException(int errorCode, string description, int? retryAfter = null, long? migrateToChatId = null)
    : Exception(description)
{
    public int ErrorCode { get; } = errorCode;

    public int? RetryAfter { get; } = retryAfter;

    public long? MigrateToChatId { get; } = migrateToChatId;

    public static BotApiException BadRequest(string detail) => new(400, "Bad Request: " + detail);
}
