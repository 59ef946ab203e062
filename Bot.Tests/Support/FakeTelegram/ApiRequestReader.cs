using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CommunityBot.Tests.Support.FakeTelegram;

/// <summary>
/// Reads a Bot API request into one shape whatever way it came: a JSON body, a query string, an urlencoded form,
/// or a multipart form (where objects such as reply_markup travel as JSON text in a field, as the real API accepts).
/// </summary>
internal static class ApiRequestReader
{
    public static async Task<(JsonObject Parameters, ImmutableArray<UploadedFile> Files)> ReadAsync(
        HttpRequest request, CancellationToken cancellationToken)
    {
        var parameters = new JsonObject();
        foreach (var (key, value) in request.Query)
        {
            parameters[key] = FieldValue(value.ToString());
        }

        if (request.HasFormContentType)
        {
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

            return (parameters, files.ToImmutable());
        }

        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        if (!string.IsNullOrWhiteSpace(body))
        {
            JsonObject? json;
            try
            {
                json = JsonNode.Parse(body) as JsonObject;
            }
            catch (JsonException)
            {
                json = null;
            }

            if (json is null)
            {
                throw BotApiException.BadRequest("request body must be a JSON object");
            }

            foreach (var (key, value) in json.ToArray())
            {
                json.Remove(key);
                parameters[key] = value;
            }
        }

        return (parameters, []);
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
