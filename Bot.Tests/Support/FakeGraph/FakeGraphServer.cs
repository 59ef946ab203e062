using System.Buffers;
using System.Collections.Immutable;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityBot.Tests.Support.FakeGraph;

/// <summary>A call the bot made to the Graph API. Its body is kept as the bytes that came and read into a tree only
/// when a test asks, so recording every call costs one copy.</summary>
internal sealed class GraphCall(string path, ReadOnlyMemory<byte> body, string? authorization, bool refused, string? messageId = null)
{
    private readonly Lazy<JsonObject> parsed = new(() => JsonNode.Parse(body.Span) as JsonObject ?? []);

    public string Path { get; } = path;

    public JsonObject Body => parsed.Value;

    /// <summary>The body as the bytes that came.</summary>
    public ReadOnlyMemory<byte> BodyJson { get; } = body;

    public string? Authorization { get; } = authorization;

    /// <summary>The fake answered it with an error: nobody saw the message.</summary>
    public bool Refused { get; } = refused;

    /// <summary>The id the fake gave a message it accepted.</summary>
    public string? MessageId { get; } = messageId;
}

/// <summary>A message the bot sent through the Send API, as the member would see it.</summary>
internal sealed record SentMessage(string? To, string? ToComment, string Text, ImmutableArray<(string Title, string Payload)> QuickReplies,
    ImmutableArray<(string Title, string Payload)> Buttons, string MessagingType, string? Tag, string? MessageId = null);

/// <summary>
/// The Graph API on 127.0.0.1 for end-to-end tests: the bot's real HTTP client talks to it, it answers like Meta
/// (errors included, on demand), records every Send API and Messenger Profile API call, and refuses paths it does not
/// know so a test notices the bot used something nobody checked.
/// </summary>
internal sealed class FakeGraphServer : IAsyncDisposable
{
    public const string PageId = "100000000000001";
    public const string Version = "v21.0";
    public const string AppSecret = "0123456789abcdef0123456789abcdef";
    public const string VerifyToken = "verify-token-for-end-to-end";
    public const string PageAccessToken = "EAAFakePageAccessTokenForEndToEndTests0123456789abcdef";

    private readonly Lock _gate = new();
    private readonly List<GraphCall> _calls = [];
    private readonly List<string> _unknown = [];
    private readonly Queue<(int Status, int Code, int Subcode)> _failures = new();
    private readonly HeldSends<string> _held = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel did not report the address it listens on.");
        BaseUrl = addresses.Addresses.First().TrimEnd('/') + "/";
    }

    public async ValueTask DisposeAsync()
    {
        _held.ReleaseAll();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    public IReadOnlyList<GraphCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public IReadOnlyList<string> UnknownCalls
    {
        get
        {
            lock (_gate)
            {
                return [.. _unknown];
            }
        }
    }

    /// <summary>Every Send API message that was accepted, in the order the bot sent them.</summary>
    public IReadOnlyList<SentMessage> Sent => [.. Calls.Where(c => c.Path.EndsWith("/messages", StringComparison.Ordinal) && !c.Refused).Select(Read)];

    public IReadOnlyList<SentMessage> SentTo(string psid) => [.. Sent.Where(m => m.To == psid)];

    /// <summary>The next <paramref name="times"/> Send API calls are refused with Meta's error shape.</summary>
    public void FailNext(int code, int subcode = 0, int times = 1, int status = 400)
    {
        lock (_gate)
        {
            for (var i = 0; i < times; i++)
            {
                _failures.Enqueue((status, code, subcode));
            }
        }
    }

    /// <summary>Send API calls to this member are recorded but not answered until <see cref="ReleaseSends"/>: the bot's
    /// handling of the event that sends them is held up, as by a slow network.</summary>
    public void HoldSends(string psid) => _held.Hold(psid);

    public void ReleaseSends(string psid) => _held.Release(psid);

    /// <summary>Waits until <paramref name="done"/> holds of the calls recorded.</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<GraphCall>, bool> done, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (done([.. _calls]))
                {
                    return;
                }
                changed = _changed.Task;
            }
            await changed.WaitAsync(cancel.Token);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var known = context.Request.Method == "POST"
            && (path == $"/{Version}/{PageId}/messages" || path == $"/{Version}/me/messenger_profile");
        if (!known)
        {
            lock (_gate)
            {
                _unknown.Add(context.Request.Method + " " + path);
            }
            context.Response.StatusCode = 404;
            await context.Response.WriteAsJsonAsync(Error(803, 0));
            return;
        }
        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        var recipient = RecipientOf(body);
        var authorization = context.Request.Headers.Authorization.ToString();
        (int Status, int Code, int Subcode)? failure = authorization == "Bearer " + PageAccessToken ? null : (400, 190, 0);
        var messageId = "m_" + Guid.NewGuid().ToString("N");
        Task? hold = null;
        lock (_gate)
        {
            if (recipient is not null)
            {
                hold = _held.Of(recipient);
            }
            if (failure is null && _failures.Count > 0 && path.EndsWith("/messages", StringComparison.Ordinal))
            {
                failure = _failures.Dequeue();
            }
            _calls.Add(new GraphCall(path, body, authorization, failure is not null, failure is null ? messageId : null));
            var changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.TrySetResult();
        }
        if (hold is not null)
        {
            try
            {
                await hold.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The bot went away (killed) while its call was held.
                return;
            }
        }
        if (failure is { } refused)
        {
            context.Response.StatusCode = refused.Status;
            await context.Response.WriteAsJsonAsync(Error(refused.Code, refused.Subcode));
            return;
        }
        var answer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(answer))
        {
            writer.WriteStartObject();
            if (path.EndsWith("/messages", StringComparison.Ordinal))
            {
                writer.WriteString("recipient_id", recipient);
                writer.WriteString("message_id", messageId);
            }
            else
            {
                writer.WriteString("result", "success");
            }

            writer.WriteEndObject();
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = answer.WrittenCount;
        await context.Response.Body.WriteAsync(answer.WrittenMemory, context.RequestAborted);
    }

    /// <summary>The whole body in one array, copied once out of Kestrel's buffers.</summary>
    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await request.BodyReader.ReadAsync(cancellationToken);
            if (read.IsCompleted || read.IsCanceled)
            {
                var bytes = read.Buffer.ToArray();
                request.BodyReader.AdvanceTo(read.Buffer.End);
                return bytes;
            }

            request.BodyReader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    /// <summary>recipient.id of a Send API body; a body that is not JSON fails the request, as before.</summary>
    private static string? RecipientOf(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("recipient", out var recipient)
            && recipient.ValueKind == JsonValueKind.Object
            && recipient.TryGetProperty("id", out var id)
                ? id.GetString()
                : null;
    }

    private static JsonObject Error(int code, int subcode) => new()
    {
        ["error"] = new JsonObject
        {
            ["message"] = "(#" + code + ") refused by the fake Graph API",
            ["type"] = "OAuthException",
            ["code"] = code,
            ["error_subcode"] = subcode,
            ["fbtrace_id"] = "AfakeTrace",
        },
    };

    private static SentMessage Read(GraphCall call)
    {
        var message = call.Body["message"] as JsonObject ?? [];
        var template = message["attachment"]?["payload"] as JsonObject;
        static ImmutableArray<(string, string)> Choices(JsonNode? array) =>
            array is JsonArray items
                ? [.. items.OfType<JsonObject>().Select(i => (i["title"]?.GetValue<string>() ?? "", i["payload"]?.GetValue<string>() ?? ""))]
                : [];
        return new SentMessage(
            call.Body["recipient"]?["id"]?.GetValue<string>(),
            call.Body["recipient"]?["comment_id"]?.GetValue<string>(),
            message["text"]?.GetValue<string>() ?? template?["text"]?.GetValue<string>() ?? "",
            Choices(message["quick_replies"]),
            Choices(template?["buttons"]),
            call.Body["messaging_type"]?.GetValue<string>() ?? "",
            call.Body["tag"]?.GetValue<string>(),
            call.MessageId);
    }
}
