using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CommunityBot.Tests.Support.FakeTelegram;

/// <summary>
/// Reads a Bot API request into one shape whatever way it came: a JSON body, a query string, an urlencoded form,
/// or a multipart form (where objects such as reply_markup travel as JSON text in a field, as the real API accepts).
/// A JSON body alone (how the bot calls) is kept as the bytes that came, read once; the other ways are written into
/// one JSON object.
/// </summary>
internal static class ApiRequestReader
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    public static async Task<ApiRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            var parameters = FromQuery(request);
            var form = await request.ReadFormAsync(cancellationToken);
            foreach (var (key, value) in form)
            {
                parameters[key] = FieldValue(value.ToString());
            }

            var files = ImmutableArray.CreateBuilder<UploadedFile>();
            foreach (var file in form.Files)
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, cancellationToken);
                files.Add(new UploadedFile(file.Name, file.FileName, [.. buffer.ToArray()]));
            }

            return ApiRequest.Parse(JsonSerializer.SerializeToUtf8Bytes(parameters), files.ToImmutable());
        }

        var body = await ReadBodyAsync(request, cancellationToken);
        var blank = body.AsSpan().IndexOfAnyExcept(" \t\r\n"u8) < 0;
        if (request.QueryString.HasValue)
        {
            var parameters = FromQuery(request);
            if (!blank)
            {
                foreach (var (key, value) in ParseObject(body))
                {
                    parameters[key] = value?.DeepClone();
                }
            }

            return ApiRequest.Parse(JsonSerializer.SerializeToUtf8Bytes(parameters), []);
        }

        return blank ? ApiRequest.Parse(EmptyObject, []) : ApiRequest.ParseObject(body);
    }

    private static JsonObject FromQuery(HttpRequest request)
    {
        var parameters = new JsonObject();
        foreach (var (key, value) in request.Query)
        {
            parameters[key] = FieldValue(value.ToString());
        }

        return parameters;
    }

    private static JsonObject ParseObject(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject ?? throw BotApiException.BadRequest("request body must be a JSON object");
        }
        catch (JsonException)
        {
            throw BotApiException.BadRequest("request body must be a JSON object");
        }
    }

    /// <summary>The whole body in one array, copied once out of Kestrel's buffers.</summary>
    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            if (read.IsCompleted || read.IsCanceled)
            {
                var bytes = read.Buffer.ToArray();
                reader.AdvanceTo(read.Buffer.End);
                return bytes;
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    private static JsonNode? FieldValue(string text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                return JsonValue.Create(text);
            }
        }

        return JsonValue.Create(text);
    }
}

/// <summary>A request's parameters as one JSON object (its bytes, kept for the record of calls, and the parsed
/// document the method reads them from) and the files uploaded with it.</summary>
internal sealed class ApiRequest : IDisposable
{
    private readonly JsonDocument document;

    private ApiRequest(ReadOnlyMemory<byte> json, JsonDocument document, ImmutableArray<UploadedFile> files)
    {
        Json = json;
        this.document = document;
        Arguments = new ApiArguments(document.RootElement);
        Files = files;
    }

    public ReadOnlyMemory<byte> Json { get; }

    public ApiArguments Arguments { get; }

    public ImmutableArray<UploadedFile> Files { get; }

    public static ApiRequest Parse(ReadOnlyMemory<byte> json, ImmutableArray<UploadedFile> files) => new(json, JsonDocument.Parse(json), files);

    /// <summary>A body that must be a JSON object; anything else is refused as the real API refuses it.</summary>
    public static ApiRequest ParseObject(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw BotApiException.BadRequest("request body must be a JSON object");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw BotApiException.BadRequest("request body must be a JSON object");
        }

        return new ApiRequest(body, document, []);
    }

    public void Dispose() => document.Dispose();
}
