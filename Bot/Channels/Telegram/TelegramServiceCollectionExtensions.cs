using CommunityBot.Channels.Telegram.Groups;
using CommunityBot.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace CommunityBot.Channels.Telegram;

internal static class TelegramServiceCollectionExtensions
{
    /// <summary>The Telegram channel: the polling service, the router, private and group chats, sending within limits.</summary>
    public static IServiceCollection AddTelegram(this IServiceCollection services)
    {
        services.AddOptions<TelegramOptions>()
            .BindConfiguration(TelegramOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>();

        services.AddSingleton<ITelegramBotClient>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
            // A plain HttpClient: the factory's handlers would log request URLs, and those contain the token.
            var handler = new SocketsHttpHandler
            {
                // The Bot API neither redirects nor sets cookies; skipping both saves work on every call.
                AllowAutoRedirect = false,
                UseCookies = false,
                // Connections are reused across calls but renewed now and then, so a changed address is picked up.
                PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            };
            var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(100) };
            var clientOptions = new TelegramBotClientOptions(BotToken.Read(o), o.ApiBaseUrl?.ToString().TrimEnd('/'))
            {
                // 429s are waited out by TelegramSender, which also slows the limiter down.
                RetryCount = 0,
            };
            return new TelegramBotClient(clientOptions, http);
        });
        services.AddSingleton(sp =>
        {
            var rates = sp.GetRequiredService<IOptions<TelegramOptions>>().Value.Rates;
            return new SendRateLimiter(sp.GetRequiredService<TimeProvider>(), new SendRates(rates.PerChatPerSecond, rates.PerGroupPerMinute, rates.GlobalPerSecond));
        });
        services.AddSingleton(sp =>
        {
            var nudges = sp.GetRequiredService<IOptions<TelegramOptions>>().Value.Nudges;
            return IncidentPhrases.Load(IntakeOptions.Resolve(nudges.PhrasesDirectory));
        });
        services.AddSingleton(sp =>
        {
            var nudges = sp.GetRequiredService<IOptions<TelegramOptions>>().Value.Nudges;
            return new NudgePolicy(sp.GetRequiredService<TimeProvider>(),
                new NudgeSettings { Threshold = nudges.Threshold, GroupCooldown = nudges.GroupCooldown, MemberCooldown = nudges.MemberCooldown, DryRun = nudges.DryRun });
        });
        services.AddSingleton<BotIdentity>();
        services.AddSingleton<Communities>();
        services.AddSingleton<MemberLanguages>();
        services.AddSingleton<MembershipCheck>();
        services.AddSingleton<TelegramSender>();
        services.AddSingleton<PrivateChat>();
        services.AddSingleton<GroupChat>();
        services.AddOptions<Moderation.ModerationOptions>()
            .BindConfiguration(Moderation.ModerationOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => new Moderation.CardBatches(
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<Moderation.ModerationOptions>>().Value));
        services.AddSingleton<Moderation.ModeratorAccess>();
        services.AddSingleton<Moderation.ReportCard>();
        services.AddSingleton<Moderation.ModeratorsBoard>();
        services.AddSingleton<Moderation.FollowUpRelay>();
        services.AddSingleton<Moderation.ModerationChat>();
        services.AddSingleton<Letters.LetterSessions>();
        services.AddSingleton<Letters.LetterChat>();
        services.AddHostedService<Moderation.ModerationCardsService>();
        services.AddSingleton<UpdateRouter>();
        services.AddSingleton<UpdatesInHand>();
        services.AddSingleton<SlowDownNotice>();
        services.AddSingleton<TelegramStart>();
        services.AddHostedService<TelegramPollingService>();
        return services;
    }
}
