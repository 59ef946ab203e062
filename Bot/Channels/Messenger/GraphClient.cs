using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommunityBot.Privacy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommunityBot.Channels.Messenger;

/// <summary>How a send ended.</summary>
internal enum SendOutcome
{
    Sent,
    /// <summary>Meta refused: outside the 24-hour window (10 / 2018278). Not retried.</summary>
    OutsideWindow,
    /// <summary>Meta refused: the person is not available (551). Not retried.</summary>
    Unavailable,
    /// <summary>The Page access token was refused (190): a configuration error, logged once.</summary>
    InvalidToken,
    /// <summary>Meta refused the call as not permitted (10 without the window's subcode: the app lacks a permission,
    /// such as <c>pages_messaging</c>): a configuration error, logged once. Not retried.</summary>
    PermissionDenied,
    /// <summary>Anything else (after rate-limit waits or retries of a temporary failure ran out, or a refusal not
    /// worth retrying).</summary>
    Failed,
}

/// <summary>How a send ended and, when asked for, the id Meta gave the message.</summary>
internal sealed record SendResult(SendOutcome Outcome, string? MessageId = null);

/// <summary>Why the Page writes to a member first (Meta's <c>messaging_type</c>), for messages the member did not just
/// ask for.</summary>
internal enum Push
{
    /// <summary><c>UPDATE</c>: a message of the Page's own, within 24 hours of the member's last message.</summary>
    Update,

    /// <summary><c>MESSAGE_TAG</c> with <c>HUMAN_AGENT</c>: a message a person wrote, up to 7 days after the member's
    /// last message. Only with Meta's approval of the Human Agent feature.</summary>
    HumanAgent,
}

/// <summary>Whom a message goes to: a member by Page-scoped id, or the author of a comment (a private reply).</summary>
internal abstract record Recipient
{
    public sealed record Member(string Psid) : Recipient;

    public sealed record CommentAuthor(string CommentId) : Recipient;
}

/// <summary>
/// The one client of the Graph API: the Send API (<c>POST /{page-id}/messages</c>) and the Messenger Profile API.
/// Meta's errors are handled here: rate limits (codes 4, 32, 613) are waited out with a doubling backoff; a temporary
/// failure (HTTP 5xx, codes 1 and 2, the network, a timeout) is tried again a few times, shortly, since every member's
/// events wait behind it; outside the window (10 / 2018278) and "person not available" (551) are not retried, only
/// counted; an invalid token (190) and a permission the app lacks (10 without that subcode, Meta's "does not have
/// permission for this action") are logged once as configuration errors; any other refusal is tried once. The token goes in a header, so no URL holds it; no id, text or Meta's error
/// message (which may quote them) is ever logged.
/// </summary>
internal sealed partial class GraphClient(HttpClient http, IOptions<MessengerOptions> options, MessengerSecrets secrets, TimeProvider time,
    ActivityCounts counts, MessengerHealth health, ILogger<GraphClient> log)
{
    /// <summary>No retry of a temporary failure starts after this long: the inbox handles one event at a time, and a
    /// send that could not get through is owed to the member instead (a receipt is tried again later, and goes with their
    /// next message).</summary>
    private static readonly TimeSpan TemporaryRetryWindow = TimeSpan.FromSeconds(15);

    private readonly MessengerOptions _options = options.Value;
    private int _tokenReported;
    private int _permissionReported;

    /// <summary>A message in answer to the member (<c>messaging_type: RESPONSE</c>): within the 24-hour window, or a
    /// private reply to a comment.</summary>
    public Task<SendOutcome> SendAsync(Recipient to, OutgoingMessage message, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["recipient"] = to switch
            {
                Recipient.Member m => new JsonObject { ["id"] = m.Psid },
                Recipient.CommentAuthor c => new JsonObject { ["comment_id"] = c.CommentId },
                _ => throw new ArgumentOutOfRangeException(nameof(to)),
            },
            ["messaging_type"] = "RESPONSE",
            ["message"] = Message(message),
        };
        return OutcomeAsync(PostAsync($"{_options.PageId}/messages", body, wantId: false, cancellationToken));
    }

    /// <summary>A message the member did not just ask for (a moderator's question), with the id Meta gave it so that a
    /// reply to it can be recognised. Outside the window Meta refuses it (<see cref="SendOutcome.OutsideWindow"/>).</summary>
    public Task<SendResult> PushAsync(Recipient.Member to, OutgoingMessage message, Push push, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["recipient"] = new JsonObject { ["id"] = to.Psid },
            ["messaging_type"] = push == Push.HumanAgent ? "MESSAGE_TAG" : "UPDATE",
            ["message"] = Message(message),
        };
        if (push == Push.HumanAgent)
        {
            body["tag"] = "HUMAN_AGENT";
        }
        return PostAsync($"{_options.PageId}/messages", body, wantId: true, cancellationToken);
    }

    private static async Task<SendOutcome> OutcomeAsync(Task<SendResult> sending) => (await sending).Outcome;

    /// <summary>Sets the Page's "Get Started" button, greeting or persistent menu (<c>/me/messenger_profile</c>).</summary>
    public Task<SendOutcome> SetProfileAsync(JsonObject profile, CancellationToken cancellationToken) =>
        OutcomeAsync(PostAsync("me/messenger_profile", profile, wantId: false, cancellationToken));

    private static JsonObject Message(OutgoingMessage message)
    {
        if (!message.Buttons.IsEmpty)
        {
            return new JsonObject
            {
                ["attachment"] = new JsonObject
                {
                    ["type"] = "template",
                    ["payload"] = new JsonObject
                    {
                        ["template_type"] = "button",
                        ["text"] = message.Text,
                        ["buttons"] = new JsonArray([.. message.Buttons.Select(b => (JsonNode)new JsonObject
                        {
                            ["type"] = "postback", ["title"] = b.Title, ["payload"] = b.Payload,
                        })]),
                    },
                },
            };
        }
        var json = new JsonObject { ["text"] = message.Text };
        if (!message.QuickReplies.IsEmpty)
        {
            json["quick_replies"] = new JsonArray([.. message.QuickReplies.Select(q => (JsonNode)new JsonObject
            {
                ["content_type"] = "text", ["title"] = q.Title, ["payload"] = q.Payload,
            })]);
        }
        return json;
    }

    private async Task<SendResult> PostAsync(string path, JsonObject body, bool wantId, CancellationToken cancellationToken)
    {
        var uri = new Uri(_options.GraphApiBaseUrl, $"{_options.GraphApiVersion}/{path}");
        var payload = Encoding.UTF8.GetBytes(body.ToJsonString());
        var wait = _options.RateLimitBackoff;
        var temporaryWait = _options.TemporaryFailureBackoff;
        var temporaryTries = 0;
        var started = time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            GraphError? error;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(payload) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secrets.PageAccessToken);
                using var response = await http.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    health.Taken();
                    return new SendResult(SendOutcome.Sent, wantId ? MessageId(await response.Content.ReadAsByteArrayAsync(cancellationToken)) : null);
                }
                error = GraphError.Read(await response.Content.ReadAsByteArrayAsync(cancellationToken), (int)response.StatusCode);
            }
            catch (HttpRequestException ex)
            {
                LogUnreachable(log, ex.HttpRequestError);
                error = new GraphError(0, 0, 0);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                LogTimedOut(log);
                error = new GraphError(0, 0, 0);
            }
            switch (error)
            {
                case { Code: 4 or 32 or 613 } when attempt < _options.SendAttempts:
                    counts.Add(Activity.MessengerRefusals, "rate limit");
                    await Task.Delay(wait, time, cancellationToken);
                    wait *= 2;
                    continue;
                case { Subcode: 2018278 }:
                    counts.Add(Activity.MessengerRefusals, "outside window");
                    return new SendResult(SendOutcome.OutsideWindow);
                case { Code: 10 }:
                    // Without the window's subcode, code 10 is Meta's "permission denied": the app or the Page lacks a
                    // permission, which no wait and no member can change.
                    health.PermissionDenied();
                    counts.Add(Activity.MessengerRefusals, "permission denied");
                    if (Interlocked.Exchange(ref _permissionReported, 1) == 0)
                    {
                        LogPermissionDenied(log, error.Subcode);
                    }
                    return new SendResult(SendOutcome.PermissionDenied);
                case { Code: 551 }:
                    counts.Add(Activity.MessengerRefusals, "not available");
                    return new SendResult(SendOutcome.Unavailable);
                case { Code: 190 }:
                    health.TokenRefused();
                    counts.Add(Activity.MessengerRefusals, "invalid token");
                    if (Interlocked.Exchange(ref _tokenReported, 1) == 0)
                    {
                        LogInvalidToken(log);
                    }
                    return new SendResult(SendOutcome.InvalidToken);
                case { Code: 1 or 2 } or { Status: 0 or >= 500 } when temporaryTries + 1 < _options.TemporaryFailureAttempts
                    && time.GetElapsedTime(started) < TemporaryRetryWindow:
                    temporaryTries++;
                    counts.Add(Activity.MessengerRefusals, "temporary");
                    await Task.Delay(temporaryWait, time, cancellationToken);
                    temporaryWait *= 2;
                    continue;
                default:
                    counts.Add(Activity.MessengerRefusals, "other");
                    LogRefused(log, error.Status, error.Code);
                    return new SendResult(SendOutcome.Failed);
            }
        }
    }

    /// <summary>The <c>message_id</c> of Meta's answer to a send, when it has one.</summary>
    private static string? MessageId(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("message_id", out var id)
                && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The parts of Meta's error that decide what to do; its message is not kept (it may quote an id).</summary>
    private sealed record GraphError(int Status, int Code, int Subcode)
    {
        public static GraphError Read(byte[] body, int status)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error)
                    && error.ValueKind == JsonValueKind.Object)
                {
                    return new GraphError(status, Int(error, "code"), Int(error, "error_subcode"));
                }
            }
            catch (JsonException)
            {
                // Not Meta's error shape (a proxy's page): only the status is known.
            }
            return new GraphError(status, 0, 0);
        }

        private static int Int(JsonElement error, string name) =>
            error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : 0;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Meta refused the Page access token (code 190): set a valid Messenger:PageAccessToken and restart. Sends to Messenger fail until then.")]
    private static partial void LogInvalidToken(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Meta refused a call as not permitted (code 10, subcode {Subcode}): check that the app has the pages_messaging permission for the Page and that the Page access token was issued with it. Sends to Messenger fail until then.")]
    private static partial void LogPermissionDenied(ILogger logger, int subcode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Graph API refused a call (HTTP {Status}, code {Code})")]
    private static partial void LogRefused(ILogger logger, int status, int code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Graph API could not be reached ({Error})")]
    private static partial void LogUnreachable(ILogger logger, HttpRequestError error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Graph API call timed out")]
    private static partial void LogTimedOut(ILogger logger);
}
