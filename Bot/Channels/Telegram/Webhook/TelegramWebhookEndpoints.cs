using CommunityBot.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace CommunityBot.Channels.Telegram.Webhook;

/// <summary>The Telegram webhook on the service's web server, in webhook mode only: a thin mapping of HTTP onto
/// <see cref="TelegramWebhook"/>, on the path of <c>Telegram:Webhook:Url</c>. The body is read only after the
/// secret-token header was found right.</summary>
internal sealed class TelegramWebhookEndpoints(IOptions<TelegramOptions> options, TelegramWebhook webhook) : IWebEndpoints
{
    public void Map(IEndpointRouteBuilder endpoints)
    {
        var settings = options.Value.Webhook;
        if (!settings.Enabled)
        {
            return;
        }
        endpoints.MapPost(settings.Path, async (HttpRequest request, CancellationToken cancellationToken) =>
        {
            var answer = await webhook.ReceiveAsync(request.Headers[TelegramWebhook.SecretHeader].ToString(), request.Body, cancellationToken);
            // A 200 may carry a method for Telegram to run (the answer to a press).
            return answer.Method is { } method ? Results.Bytes(method, "application/json") : Results.StatusCode(answer.Status);
        });
    }
}
