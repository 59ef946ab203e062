using CommunityBot.Web;

namespace CommunityBot.Channels.Messenger;

/// <summary>
/// Messenger's part of the health check. Meta reaching the webhook is the reverse proxy's business (and Meta's own
/// dashboard shows it); what the service can tell is whether Meta takes its calls: the channel is ill once a Graph call
/// was refused for the Page access token (code 190) or for a permission the app lacks (code 10) and none was taken
/// since. Only times, no ids.
/// </summary>
internal sealed class MessengerHealth(TimeProvider time) : IChannelHealth
{
    private const string TokenProblem = "Meta refused the Page access token (code 190)";
    private const string PermissionProblem = "Meta refused a call as not permitted (code 10): the app lacks a permission for the Page, such as pages_messaging";

    private readonly Lock _gate = new();
    private DateTimeOffset? _lastTaken;
    private DateTimeOffset? _tokenRefused;
    private DateTimeOffset? _permissionDenied;

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

    /// <summary>Meta refused a call as not permitted (10 without the 24-hour window's subcode).</summary>
    public void PermissionDenied()
    {
        lock (_gate)
        {
            _permissionDenied = time.GetUtcNow();
        }
    }

    public ChannelHealth Check()
    {
        lock (_gate)
        {
            string[] problems =
            [
                .. Since(_tokenRefused) ? [TokenProblem] : Array.Empty<string>(),
                .. Since(_permissionDenied) ? [PermissionProblem] : Array.Empty<string>(),
            ];
            return new ChannelHealth(problems.Length == 0, "webhook", ChannelHealth.WholeSeconds(time.GetUtcNow() - _lastTaken),
                problems.Length == 0 ? null : string.Join("; ", problems));
        }
    }

    /// <summary>Whether a refusal happened and no call was taken after it.</summary>
    private bool Since(DateTimeOffset? refused) => refused is { } at && !(_lastTaken > at);
}
