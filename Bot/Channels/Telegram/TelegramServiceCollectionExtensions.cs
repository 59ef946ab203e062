using CommunityBot.Channels.Telegram.Groups;
using CommunityBot.Channels.Telegram.Webhook;
using CommunityBot.Conversations;
using CommunityBot.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace CommunityBot.Channels.Telegram;

internal static class TelegramServiceCollectionExtensions
{
    /// <summary>The Telegram channel: the polling service, the router, private and group chats, the moderators' group,
    /// sending within limits. Every service is added only if it is not there yet, so a test host may put its own first.</summary>
    public static IServiceCollection AddTelegram(this IServiceCollection services)
    {
        services.AddOptions<TelegramOptions>()
            .BindConfiguration(TelegramOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelegramOptions>, TelegramWebhookValidator>());

        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
            var http = BotApiHttp.Create(o.ApiBaseUrl ?? BotApiHttp.TelegramAddress, HttpClient.DefaultProxy);
            var clientOptions = new TelegramBotClientOptions(BotToken.Read(o), o.ApiBaseUrl?.ToString().TrimEnd('/'))
            {
                // 429s are waited out by TelegramSender, which also slows the limiter down.
                RetryCount = 0,
            };
            return new BotApiConnection(http, clientOptions);
        });
        services.TryAddSingleton<ITelegramBotClient>(sp =>
        {
            var api = sp.GetRequiredService<BotApiConnection>();
            return new TelegramBotClient(api.Client, api.Http);
        });
        services.TryAddSingleton<UpdatesPoll>();
        services.TryAddSingleton(sp =>
        {
            var rates = sp.GetRequiredService<IOptions<TelegramOptions>>().Value.Rates;
            return new SendRateLimiter(sp.GetRequiredService<TimeProvider>(), new SendRates(rates.PerChatPerSecond, rates.PerGroupPerMinute, rates.GlobalPerSecond, rates.PrivateBurst));
        });
        services.TryAddSingleton(sp =>
        {
            var nudges = sp.GetRequiredService<IOptions<TelegramOptions>>().Value.Nudges;
            return IncidentPhrases.Load(IntakeOptions.Resolve(nudges.PhrasesDirectory));
        });
        services.TryAddSingleton(sp =>
        {
            var nudges = sp.GetRequiredService<IOptions<TelegramOptions>>().Value.Nudges;
            return new NudgePolicy(sp.GetRequiredService<TimeProvider>(),
                new NudgeSettings { Threshold = nudges.Threshold, GroupCooldown = nudges.GroupCooldown, MemberCooldown = nudges.MemberCooldown, DryRun = nudges.DryRun });
        });
        services.TryAddSingleton<BotIdentity>();
        services.TryAddSingleton<Communities>();
        services.TryAddSingleton<MemberLanguages>();
        services.TryAddSingleton<MembershipCheck>();
        services.TryAddSingleton<Webhook.PressAnswers>();
        services.TryAddSingleton<TelegramSender>();
        services.TryAddSingleton<CommunityLinks>();
        services.TryAddSingleton<RecentMessages>();
        services.TryAddSingleton<PrivateChat>();
        // Receipts Telegram did not take, tried again while their copies are kept.
        services.TryAddSingleton<OwedReceipts>();
        services.AddHostedService<OwedReceiptsService>();
        services.TryAddSingleton<NudgeJudge>();
        services.TryAddSingleton<GroupChat>();
        services.AddOptions<Moderation.ModerationOptions>()
            .BindConfiguration(Moderation.ModerationOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(sp => new Moderation.CardBatches(
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<Moderation.ModerationOptions>>().Value));
        services.TryAddSingleton<Moderation.ModeratorAccess>();
        services.TryAddSingleton<Moderation.ReportCard>();
        services.TryAddSingleton<Moderation.ModeratorsBoard>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<CommunityBot.Moderation.IFollowUpSender, Moderation.TelegramFollowUpSender>());
        services.TryAddSingleton<Moderation.ModeratorQuestions>();
        services.TryAddSingleton<Moderation.FollowUpRelay>();
        services.TryAddSingleton<Moderation.ChatFilterWords>();
        services.TryAddSingleton<Moderation.CaseDecisions>();
        services.TryAddSingleton<Moderation.QueuePages>();
        services.TryAddSingleton<Moderation.ModerationFiles>();
        services.TryAddSingleton<Moderation.ModerationCommands>();
        services.TryAddSingleton<Moderation.ModerationReplies>();
        services.TryAddSingleton<Moderation.CardPresses>();
        services.TryAddSingleton<Letters.LetterSessions>();
        services.TryAddSingleton<Letters.LetterAuthors>();
        services.TryAddSingleton<Letters.LetterChat>();
        services.AddHostedService<Moderation.ModerationCardsService>();
        services.TryAddSingleton<ButtonPresses>();
        services.TryAddSingleton<PrivateMessages>();
        services.TryAddSingleton<ModeratorsGroup>();
        services.TryAddSingleton<RedeliveredUpdates>();
        services.TryAddSingleton<UpdateRouter>();
        services.TryAddSingleton<UpdatesInHand>();
        services.TryAddSingleton<SlowDownNotice>();
        services.TryAddSingleton<TelegramStart>();
        // Each of the two ways of receiving runs only in its own mode (Telegram:Webhook:Url set or not).
        services.AddHostedService<TelegramPollingService>();
        services.TryAddSingleton<WebhookStatus>();
        services.TryAddSingleton<TelegramWebhook>();
        services.AddWebEndpoints<TelegramWebhookEndpoints>();
        services.AddHostedService<TelegramWebhookService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelHealth, TelegramHealth>());
        return services;
    }
}
