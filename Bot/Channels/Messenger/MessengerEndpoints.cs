using CommunityBot.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CommunityBot.Channels.Messenger;

/// <summary>The webhook on the service's web server: a thin mapping of HTTP onto <see cref="MessengerWebhook"/>. The
/// body arrives within the web server's size limit and is read whole, as bytes, because the signature is over them.</summary>
internal sealed class MessengerEndpoints(MessengerWebhook webhook) : IWebEndpoints
{
    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(MessengerWebhook.Path, (HttpRequest request) =>
        {
            var answer = webhook.Verify(request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString(), StringComparer.Ordinal));
            return answer.Status == StatusCodes.Status200OK ? Results.Text(answer.Body, "text/plain") : Results.StatusCode(answer.Status);
        });
        endpoints.MapPost(MessengerWebhook.Path, async (HttpRequest request, CancellationToken cancellationToken) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, cancellationToken);
            var signature = request.Headers[WebhookSignature.Header].ToString();
            var status = await webhook.HandleAsync(body.GetBuffer().AsMemory(0, (int)body.Length), signature, cancellationToken);
            return Results.StatusCode(status);
        });
    }
}
