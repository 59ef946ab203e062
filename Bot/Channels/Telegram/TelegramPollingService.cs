using CommunityBot.Conversations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Polling;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CommunityBot.Channels.Telegram;

/// <summary>
/// Long polling: one poller per token. Updates go to per-chat lanes, so members are served side by side while each
/// chat's updates keep their order. Polling errors back off instead of retrying in a hot loop; on shutdown the
/// updates in hand are finished before the process ends.
/// </summary>
internal sealed partial class TelegramPollingService(
    ITelegramBotClient bot,
    UpdateRouter router,
    BotIdentity identity,
    TextCatalog texts,
    IOptions<TelegramOptions> options,
    ILogger<TelegramPollingService> log) : BackgroundService, IUpdateHandler
{
    internal static readonly UpdateType[] AllowedUpdates =
        [UpdateType.Message, UpdateType.EditedMessage, UpdateType.CallbackQuery, UpdateType.MyChatMember, UpdateType.ChatMember];

    private ChatLanes? _lanes;
    private int _failures;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await StartAsync(bot, stoppingToken).ConfigureAwait(false);
        using var lanes = new ChatLanes(options.Value.ParallelChats);
        _lanes = lanes;
        try
        {
            await bot.ReceiveAsync(this, new ReceiverOptions { AllowedUpdates = AllowedUpdates, Limit = 100 }, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Updates already taken from Telegram are finished, not dropped.
            await lanes.DrainAsync().ConfigureAwait(false);
            LogStopped(log);
        }
    }

    private async Task StartAsync(ITelegramBotClient client, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var me = await client.GetMe(stoppingToken).ConfigureAwait(false);
                identity.Username = me.Username ?? "";
                await client.DeleteWebhook(dropPendingUpdates: false, cancellationToken: stoppingToken).ConfigureAwait(false);
                await SetCommandsAsync(client, stoppingToken).ConfigureAwait(false);
                LogStarted(log, identity.Username, options.Value.Communities.Count);
                return;
            }
            catch (Exception ex) when (ex is ApiRequestException or RequestException && !stoppingToken.IsCancellationRequested)
            {
                var wait = Backoff(attempt);
                LogStartFailed(log, ex.GetType().Name, wait.TotalSeconds);
                await Task.Delay(wait, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task SetCommandsAsync(ITelegramBotClient client, CancellationToken cancellationToken)
    {
        string[] names = ["report", "status", "add", "delete", "forget", "language", "help", "cancel"];
        foreach (var language in texts.Languages.Prepend(""))
        {
            var text = language.Length == 0 ? texts.DefaultLanguage : language;
            await client.SetMyCommands(
                commands: names.Select(n => new BotCommand { Command = n, Description = texts.Get(text, "cmd." + n) }),
                scope: new BotCommandScopeAllPrivateChats(),
                languageCode: language.Length == 0 ? null : language,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        await client.SetMyCommands(
            commands: [new BotCommand { Command = "report", Description = texts.Get(texts.DefaultLanguage, "cmd.report") }],
            scope: new BotCommandScopeAllGroupChats(),
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task HandleUpdateAsync(ITelegramBotClient botClient, Update update, CancellationToken cancellationToken)
    {
        _failures = 0;
        var lanes = _lanes ?? throw new InvalidOperationException("Updates arrived before the lanes were ready.");
        // The update's own work is not cancelled by shutdown: it is finished, then the service stops.
        await lanes.EnqueueAsync(UpdateRouter.ChatOf(update), () => router.HandleAsync(update, CancellationToken.None), cancellationToken).ConfigureAwait(false);
    }

    public async Task HandleErrorAsync(ITelegramBotClient botClient, Exception exception, HandleErrorSource source, CancellationToken cancellationToken)
    {
        var failures = ++_failures;
        TimeSpan wait;
        if (exception is ApiRequestException { ErrorCode: 409 })
        {
            // Another poller uses this token, or a webhook is set: shouting about it every millisecond helps nobody.
            wait = TimeSpan.FromSeconds(30);
            LogConflict(log, wait.TotalSeconds);
        }
        else
        {
            wait = Backoff(failures);
            LogPollingFailed(log, exception.GetType().Name, exception is ApiRequestException api ? api.ErrorCode : 0, wait.TotalSeconds);
        }
        try
        {
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, Math.Min(attempt, 6) - 1)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Polling Telegram as @{Username} for {Communities} communities")]
    private static partial void LogStarted(ILogger logger, string username, int communities);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram could not be reached at start-up ({Error}); trying again in {Seconds} s")]
    private static partial void LogStartFailed(ILogger logger, string error, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Another process is polling with this token, or a webhook is set (409 Conflict). Stop the other one. Trying again in {Seconds} s")]
    private static partial void LogConflict(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling failed ({Error}, code {Code}); waiting {Seconds} s")]
    private static partial void LogPollingFailed(ILogger logger, string error, int code, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Polling stopped; updates in hand finished")]
    private static partial void LogStopped(ILogger logger);
}
