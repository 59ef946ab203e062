using CommunityBot.Web;

namespace CommunityBot.Channels.Messenger;

/// <summary>
/// Messenger's part of the health check. Meta reaching the webhook is the reverse proxy's business (and Meta's own
/// dashboard shows it); what the service can tell is whether Meta takes its Page access token: the channel is ill once a
/// Graph call was refused with code 190 and none was taken since. Only times, no ids.
/// </summary>
internal sealed class MessengerHealth(TimeProvider time) : IChannelHealth
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _lastTaken;
    private DateTimeOffset? _tokenRefused;

    public string Channel => "messenger";

    /// <summary>Meta took a call of the Graph API.</summary>
    public void Taken()
    {
        lock (_gate)
        {
            _lastTaken = time.GetUtcNow();
        }
    }

    /// <summary>Meta refused the Page access token (190).</summary>
    public void TokenRefused()
    {
        lock (_gate)
        {
            _tokenRefused = time.GetUtcNow();
        }
    }

    public ChannelHealth Check()
    {
        lock (_gate)
        {
            var refused = _tokenRefused is { } at && !(_lastTaken > at);
            return new ChannelHealth(!refused, "webhook", ChannelHealth.WholeSeconds(time.GetUtcNow() - _lastTaken),
                refused ? "Meta refused the Page access token (code 190)" : null);
        }
    }
}
