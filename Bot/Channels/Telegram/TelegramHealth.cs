using CommunityBot.Channels.Telegram.Webhook;
using CommunityBot.Operations;
using CommunityBot.Web;
using Microsoft.Extensions.Options;

namespace CommunityBot.Channels.Telegram;

/// <summary>Telegram's part of the health check, by how updates come: polls coming back lately, or the webhook set
/// and delivering (<see cref="WebhookStatus"/>).</summary>
internal sealed class TelegramHealth(ServiceVitals vitals, WebhookStatus webhook, IOptions<TelegramOptions> options) : IChannelHealth
{
    /// <summary>A poll waits up to 30 s for updates and a failed one is tried again within a minute: longer than this
    /// without one coming back means polling has stopped.</summary>
    public static readonly TimeSpan PollingStaleAfter = TimeSpan.FromMinutes(2);

    public string Channel => "telegram";

    public ChannelHealth Check()
    {
        var settings = options.Value.Webhook;
        if (settings.Enabled)
        {
            return webhook.Judge(settings.InfoCheckInterval);
        }
        var sinceLastPoll = vitals.SinceLastPoll;
        var problem = sinceLastPoll switch
        {
            null => "no poll of Telegram has come back yet",
            { } age when age >= PollingStaleAfter => "no poll of Telegram has come back lately",
            _ => null,
        };
        return new ChannelHealth(problem is null, "polling", ChannelHealth.WholeSeconds(sinceLastPoll), problem);
    }
}
