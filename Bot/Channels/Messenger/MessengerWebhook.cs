using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CommunityBot.Privacy;
using Microsoft.Extensions.Options;

namespace CommunityBot.Channels.Messenger;

/// <summary>An HTTP answer, for the web host to write.</summary>
internal sealed record WebhookAnswer(int Status, string Body = "");

/// <summary>
/// Meta's webhook, apart from HTTP (the web host maps requests to it): the <c>GET</c> verification handshake, and
/// deliveries whose signature is checked over the raw body before anything in it is read. A signed delivery is
/// answered 200 once its events are stored in the inbox, and they are handled after, each once.
/// </summary>
internal sealed class MessengerWebhook(MessengerSecrets secrets, MessengerInbox inbox, IOptions<MessengerOptions> options, ActivityCounts counts)
{
    public const string Path = "/messenger/webhook";

    private const int MaxChallenge = 256;

    /// <summary>The verification handshake: <c>hub.mode=subscribe</c>, the verify token, and the challenge echoed.</summary>
    public WebhookAnswer Verify(IReadOnlyDictionary<string, string?> query)
    {
        var mode = query.GetValueOrDefault("hub.mode");
        var token = query.GetValueOrDefault("hub.verify_token") ?? "";
        var challenge = query.GetValueOrDefault("hub.challenge") ?? "";
        var tokenMatches = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(secrets.VerifyToken));
        // The challenge is echoed as it came: only a plain token is, so the endpoint never reflects markup.
        var plain = challenge.Length is > 0 and <= MaxChallenge && challenge.All(char.IsAsciiLetterOrDigit);
        return mode == "subscribe" && tokenMatches && plain ? new WebhookAnswer(200, challenge) : new WebhookAnswer(403);
    }

    /// <returns>200 when the delivery's events are stored in the inbox; 403 unsigned or wrongly signed (nothing is read or
    /// changed); 400 not a delivery; 503 when the inbox is full or the service stops (Meta delivers again later).</returns>
    public async Task<int> HandleAsync(ReadOnlyMemory<byte> rawBody, string? signature, CancellationToken cancellationToken)
    {
        if (!WebhookSignature.IsValid(rawBody.Span, signature, secrets.AppSecret))
        {
            counts.Add(Activity.WebhookPostsRefused);
            return 403;
        }
        IReadOnlyList<MessengerEvent> events;
        try
        {
            events = MessengerEventReader.Read(rawBody.Span, options.Value.PageId);
        }
        catch (JsonException)
        {
            return 400;
        }
        switch (await inbox.AcceptAsync(events, cancellationToken))
        {
            case Acceptance.Taken:
                return 200;
            case Acceptance.Full:
                counts.Add(Activity.WebhookPostsRefused, "inbox full");
                return 503;
            default:
                return 503;
        }
    }
}
