using CommunityBot.Channels.Telegram;
using CommunityBot.Channels.Telegram.Groups;
using CommunityBot.Conversations;
using CommunityBot.Storage;
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
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MessengerOptions>, MessengerOptionsValidator>());
        services.TryAddSingleton(sp => MessengerSecrets.Read(sp.GetRequiredService<IOptions<MessengerOptions>>().Value));
        services.TryAddSingleton<MessengerHealth>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelHealth, MessengerHealth>(sp => sp.GetRequiredService<MessengerHealth>()));
        services.TryAddSingleton(sp =>
        {
            // A plain HttpClient: the factory's handlers would log request URLs, and Meta's answers are not for the log. Meta
            // answers a send within a second or two; a call that takes 10 seconds is tried again (GraphClient).
            var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
            return ActivatorUtilities.CreateInstance<GraphClient>(sp, new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) });
        });
        // Shared with the Telegram channel when both run.
        services.TryAddSingleton<MemberLanguages>();
        services.TryAddSingleton(_ => IncidentPhrases.Load(IntakeOptions.Resolve(new NudgeOptions().PhrasesDirectory)));
        services.TryAddSingleton<RecentReceipts>();
        services.TryAddSingleton<MessengerChat>();
        // The moderators' questions to members who reported here, and their answers.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<CommunityBot.Moderation.IFollowUpSender, MessengerFollowUpSender>());
        services.TryAddSingleton<AwaitedAnswers>();
        services.TryAddSingleton<MessengerAnswers>();
        services.TryAddSingleton<CommentListener>();
        services.TryAddSingleton<MessengerRouter>();
        services.TryAddSingleton<InboxStore>();
        services.TryAddSingleton<MessengerInbox>();
        services.AddHostedService(sp => sp.GetRequiredService<MessengerInbox>());
        // Receipts that did not get through, tried again while their copies are kept.
        services.AddHostedService<OwedReceiptsService>();
        services.TryAddSingleton<MessengerWebhook>();
        services.AddWebEndpoints<MessengerEndpoints>();
        services.AddHostedService<MessengerProfileService>();
        return services;
    }
}
