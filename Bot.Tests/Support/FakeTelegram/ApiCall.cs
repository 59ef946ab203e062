using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace CommunityBot.Tests.Support.FakeTelegram;

/// <summary>One request the bot made, as it arrived (fault-injected and refused calls included).</summary>
internal sealed record ApiCall(
    string Method,
    long? ChatId,
    JsonObject Parameters,
    ImmutableArray<UploadedFile> Files,
    DateTimeOffset ReceivedAt)
{
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
