using CommunityBot.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace CommunityBot.Channels.Messenger;

/// <summary>The webhook on the service's web server: a thin mapping of HTTP onto <see cref="MessengerWebhook"/>. The
/// body arrives within the web server's size limit and is read whole, as bytes, because the signature is over them.
/// A body over the limit is answered 413 with one warning: Meta sends it again and again, and each would otherwise log
/// an error with its stack trace.</summary>
internal sealed partial class MessengerEndpoints(MessengerWebhook webhook, ILogger<MessengerEndpoints> log) : IWebEndpoints
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
            try
            {
                await request.Body.CopyToAsync(body, cancellationToken);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                LogTooLarge(log);
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }
            var signature = request.Headers[WebhookSignature.Header].ToString();
            var status = await webhook.HandleAsync(body.GetBuffer().AsMemory(0, (int)body.Length), signature, cancellationToken);
            return Results.StatusCode(status);
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Messenger delivery over Web:MaxRequestBodyBytes was refused with 413; Meta sends it again until the limit is raised")]
    private static partial void LogTooLarge(ILogger logger);
}
