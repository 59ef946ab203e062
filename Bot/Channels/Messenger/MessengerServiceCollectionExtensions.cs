using CommunityBot.Channels.Telegram;
using CommunityBot.Channels.Telegram.Groups;
using CommunityBot.Conversations;
using CommunityBot.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CommunityBot.Channels.Messenger;

internal static class MessengerServiceCollectionExtensions
{
    /// <summary>The Messenger channel: the webhook (for the web host to map), the events' handling, the Send API client,
    /// comment listening and the Page's profile.</summary>
    public static IServiceCollection AddMessenger(this IServiceCollection services)
    {
        services.AddOptions<MessengerOptions>()
            .BindConfiguration(MessengerOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MessengerOptions>, MessengerOptionsValidator>();
        services.AddSingleton(sp => MessengerSecrets.Read(sp.GetRequiredService<IOptions<MessengerOptions>>().Value));
        services.AddSingleton(sp =>
        {
            // A plain HttpClient: the factory's handlers would log request URLs, and Meta's answers are not for the log.
            var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
            return ActivatorUtilities.CreateInstance<GraphClient>(sp, new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) });
        });
        // Shared with the Telegram channel when both run.
        services.TryAddSingleton<MemberLanguages>();
        services.TryAddSingleton(_ => IncidentPhrases.Load(IntakeOptions.Resolve(new NudgeOptions().PhrasesDirectory)));
        services.AddSingleton<MessengerChat>();
        services.AddSingleton<CommentListener>();
        services.AddSingleton<MessengerRouter>();
        services.AddSingleton<MessengerInbox>();
        services.AddHostedService(sp => sp.GetRequiredService<MessengerInbox>());
        services.AddSingleton<MessengerWebhook>();
        services.AddWebEndpoints<MessengerEndpoints>();
        services.AddHostedService<MessengerProfileService>();
        return services;
    }
}
