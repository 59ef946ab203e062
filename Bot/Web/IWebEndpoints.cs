using Microsoft.AspNetCore.Routing;

namespace CommunityBot.Web;

/// <summary>
/// The one seam through which a feature puts endpoints on the service's web server (health, metrics, and later the
/// Telegram and Messenger webhooks): register an implementation with <see cref="WebServiceCollectionExtensions.AddWebEndpoints{T}"/>.
/// Its dependencies come from the bot's own container; the web server is only the door.
/// </summary>
internal interface IWebEndpoints
{
    void Map(IEndpointRouteBuilder endpoints);
}
