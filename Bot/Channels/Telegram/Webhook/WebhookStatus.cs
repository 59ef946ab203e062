namespace CommunityBot.Channels.Telegram.Webhook;

/// <summary>
/// What the service knows of its webhook, for the health check: what Telegram last said of it (<c>getWebhookInfo</c>,
/// asked now and then) and when a delivery was last taken. A quiet community sends nothing for hours, so no delivery
/// lately is not a fault; the webhook is ill when Telegram has not answered lately, when the address Telegram posts to
/// is not ours, or when Telegram's last delivery error is recent and nothing was delivered since. Only times, no ids.
/// </summary>
internal sealed class WebhookStatus(TimeProvider time)
{
    /// <summary>How long Telegram's last delivery error counts, when no delivery succeeded after it.</summary>
    public static readonly TimeSpan ErrorsCountFor = TimeSpan.FromMinutes(10);

    private readonly Lock _gate = new();
    private DateTimeOffset? _checkedAt;
    private bool _ours;
    private DateTimeOffset? _lastError;
    private DateTimeOffset? _lastDelivered;

    /// <summary>Telegram answered <c>getWebhookInfo</c>.</summary>
    /// <param name="ours">The webhook is set, to our address.</param>
    /// <param name="lastError">When Telegram last failed to deliver an update to it, if it ever did.</param>
    public void Checked(bool ours, DateTimeOffset? lastError)
    {
        lock (_gate)
        {
            (_checkedAt, _ours, _lastError) = (time.GetUtcNow(), ours, lastError);
        }
    }

    /// <summary>An update posted by Telegram was handled and answered 200.</summary>
    public void Delivered()
    {
        lock (_gate)
        {
            _lastDelivered = time.GetUtcNow();
        }
    }

    /// <param name="checkEvery">How often <c>getWebhookInfo</c> is asked.</param>
    public Web.ChannelHealth Judge(TimeSpan checkEvery)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var since = now - _checkedAt;
            // Two missed checks in a row before Telegram counts as silent: one may fail on a passing network fault.
            string? problem = (since, _ours, _lastError) switch
            {
                (null, _, _) => "Telegram has not yet answered getWebhookInfo",
                ({ } age, _, _) when age > checkEvery * 3 => "Telegram has not answered getWebhookInfo lately",
                (_, false, _) => "the webhook is not set to this service's address",
                (_, _, { } error) when now - error < ErrorsCountFor && !(_lastDelivered > error) =>
                    "Telegram reports a recent delivery error and nothing was delivered since",
                _ => null,
            };
            return new Web.ChannelHealth(problem is null, "webhook", Web.ChannelHealth.WholeSeconds(since), problem);
        }
    }
}
