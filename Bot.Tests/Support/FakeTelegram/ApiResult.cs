using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CommunityBot.Tests.Support.FakeTelegram;

/// <summary>
/// What a method answers in "result": a JSON tree (the methods called now and then) or JSON already written as
/// UTF-8 (the ones called for every update: getUpdates, sendMessage, the edits, answerCallbackQuery), which goes
/// into the answer as it is.
/// </summary>
internal sealed class ApiResult
{
    private readonly JsonNode? node;
    private readonly byte[]? utf8;
    private readonly string? lacking;

    private ApiResult(JsonNode? node, byte[]? utf8, string? lacking = null)
    {
        this.node = node;
        this.utf8 = utf8;
        this.lacking = lacking;
    }

    /// <summary>What an emulator of the Bot API answers for a method it does not have: HTTP 500 and only a message, no
    /// "ok" and no "error_code" (the form of a widely used one).</summary>
    public static ApiResult Lacking(string method) => new(null, null, method);

    public static ApiResult True { get; } = new(null, "true"u8.ToArray());

    public static ApiResult FromUtf8(byte[] json) => new(null, json);

    public static ApiResult FromJsonNode(JsonNode? json) => new(json, null);

    public static implicit operator ApiResult(JsonNode? json) => FromJsonNode(json);

    /// <summary>{"ok":true,"result":…} written once into one buffer and sent with its length.</summary>
    public async Task WriteResponseAsync(HttpContext context)
    {
        if (utf8 is not null)
        {
            await WriteUtf8ResponseAsync(context, utf8);
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (lacking is not null)
            {
                writer.WriteString("message", $"API method '{lacking}' is not supported.");
            }
            else
            {
                writer.WriteBoolean("ok", true);
                writer.WritePropertyName("result");
                WriteTo(writer);
            }
            writer.WriteEndObject();
        }

        context.Response.StatusCode = lacking is null ? 200 : 500;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }

    /// <summary>JSON already written goes straight into the response's own buffer between the envelope's two halves
    /// (the same bytes the writer above gives), without a buffer of its own per answer.</summary>
    private static async Task WriteUtf8ResponseAsync(HttpContext context, byte[] result)
    {
        ReadOnlySpan<byte> head = """{"ok":true,"result":"""u8;
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = head.Length + result.Length + 1;
        var body = context.Response.BodyWriter;
        var span = body.GetSpan(head.Length + result.Length + 1);
        head.CopyTo(span);
        result.CopyTo(span[head.Length..]);
        span[head.Length + result.Length] = (byte)'}';
        body.Advance(head.Length + result.Length + 1);
        await body.FlushAsync(context.RequestAborted);
    }

    private void WriteTo(Utf8JsonWriter writer)
    {
        if (node is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            node.WriteTo(writer);
        }
    }
}
