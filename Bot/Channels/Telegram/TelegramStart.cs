using CommunityBot.Conversations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace CommunityBot.Channels.Telegram;

/// <summary>Before the first update: learn the bot's own name, tell Telegram how updates are to come — in polling mode
/// make sure no webhook is set (it would refuse polling), in webhook mode set it with its secret token — and set the
/// command menus in every language. Telegram that cannot be reached is tried again with a growing pause.</summary>
internal sealed partial class TelegramStart(
    ITelegramBotClient bot,
    BotIdentity identity,
    Communities communities,
    TextCatalog texts,
    IOptions<TelegramOptions> options,
    ILogger<TelegramStart> log)
{
    /// <param name="receiving">Called once Telegram has been told how updates are to come (the webhook set), before
    /// the command menus: the webhook opens to posts then, not after the menus' several calls.</param>
    public async Task RunAsync(CancellationToken stoppingToken, Action? receiving = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var me = await bot.GetMe(stoppingToken);
                identity.Username = me.Username ?? "";
                await FollowMovedGroupsAsync(stoppingToken);
                await TellTelegramHowUpdatesComeAsync(stoppingToken);
                receiving?.Invoke();
                await TrySetCommandsAsync(stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is ApiRequestException or RequestException && !stoppingToken.IsCancellationRequested)
            {
                var wait = TelegramPollingService.Backoff(attempt);
                LogStartFailed(log, ex.GetType().Name, wait.TotalSeconds);
                await Task.Delay(wait, stoppingToken);
            }
            catch (RequestException ex) when (stoppingToken.IsCancellationRequested)
            {
                // Stopped while Telegram was being called (Ctrl-C, or start-up stopped by a setting): not a failure.
                throw new OperationCanceledException("Stopped while starting.", ex, stoppingToken);
            }
        }
    }

    /// <summary>A configured basic group that Telegram turned into a supergroup while the settings kept its old id (the
    /// notice was followed by an earlier run, which forgot it): without this the bot would take the supergroup for a
    /// group it does not serve and leave it. Telegram names the new id when asked about the old one.</summary>
    private async Task FollowMovedGroupsAsync(CancellationToken stoppingToken)
    {
        long?[] configured = [.. options.Value.Communities.Select(c => (long?)c.ChatId), communities.ModeratorsChatId, communities.ActivistsChatId];
        foreach (var chatId in configured.OfType<long>().Where(IsBasicGroup).Distinct())
        {
            try
            {
                await bot.GetChat(chatId: chatId, cancellationToken: stoppingToken);
            }
            catch (ApiRequestException ex) when (ex.Parameters?.MigrateToChatId is { } newChatId)
            {
                if (communities.Migrate(chatId, newChatId))
                {
                    LogMigrated(log, chatId, newChatId);
                }
            }
            catch (ApiRequestException)
            {
                // Not a member, or no such chat: the group's first message or the first message to it says what to do.
            }
            catch (RequestException) when (!stoppingToken.IsCancellationRequested)
            {
                // A Bot API server that cannot answer it (an emulator without getChat, a timeout) does not hold the start
                // up: the look is only a safeguard, and a move is still followed when Telegram next reports it.
            }
        }
    }

    /// <summary>Supergroup ids are "-100" followed by the chat's own number; only a basic group can be moved.</summary>
    private static bool IsBasicGroup(long chatId) => chatId is < 0 and > -1_000_000_000_000;

    private async Task TellTelegramHowUpdatesComeAsync(CancellationToken stoppingToken)
    {
        var communities = options.Value.Communities.Count;
        if (options.Value.Webhook is { Url: { } url } webhook)
        {
            // Updates not yet delivered stay with Telegram and come to the webhook; the same kinds as polling asks for.
            await bot.SetWebhook(
                url: url.ToString(),
                maxConnections: webhook.MaxConnections,
                allowedUpdates: TelegramPollingService.AllowedUpdates,
                dropPendingUpdates: false,
                secretToken: Webhook.WebhookSecret.Read(webhook),
                cancellationToken: stoppingToken);
            LogWebhookSet(log, identity.Username, communities, webhook.MaxConnections);
        }
        else
        {
            try
            {
                await bot.DeleteWebhook(dropPendingUpdates: false, cancellationToken: stoppingToken);
            }
            catch (RequestException ex) when (TelegramSender.Lacks(ex))
            {
                // A Bot API server without webhooks (some emulators) has none set: polling works without this. Were one
                // set, every poll would say so (409), and the poller's log with it. Anything else is tried again.
                LogNotDone(log, "deleteWebhook", ex.GetType().Name);
            }
            LogStarted(log, identity.Username, communities);
        }
    }

    /// <summary>The command menus only help members find the commands, which work typed all the same: a Bot API server
    /// that refuses them, or cannot be reached for them, must not keep the bot from its updates.</summary>
    private async Task TrySetCommandsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SetCommandsAsync(cancellationToken);
        }
        // ApiRequestException, Telegram's own refusal, is a RequestException too.
        catch (RequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogNotDone(log, "setMyCommands", ex.GetType().Name);
        }
    }

    private async Task SetCommandsAsync(CancellationToken cancellationToken)
    {
        foreach (var language in texts.Languages.Prepend(""))
        {
            var text = language.Length == 0 ? texts.DefaultLanguage : language;
            await bot.SetMyCommands(
                commands: CommandNames.MemberMenu.Select(n => new BotCommand { Command = n, Description = texts.Get(text, "cmd." + n) }),
                scope: new BotCommandScopeAllPrivateChats(),
                languageCode: language.Length == 0 ? null : language,
                cancellationToken: cancellationToken);
        }
        await bot.SetMyCommands(
            commands: CommandNames.GroupMenu.Select(n => new BotCommand { Command = n, Description = texts.Get(texts.DefaultLanguage, "cmd." + n) }),
            scope: new BotCommandScopeAllGroupChats(),
            cancellationToken: cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Group {OldChatId} has become supergroup {NewChatId}; following it now - update Telegram settings to the new id")]
    private static partial void LogMigrated(ILogger logger, long oldChatId, long newChatId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Polling Telegram as @{Username} for {Communities} communities")]
    private static partial void LogStarted(ILogger logger, string username, int communities);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram posts updates for @{Username} to this service's webhook (up to {Connections} at once) for {Communities} communities")]
    private static partial void LogWebhookSet(ILogger logger, string username, int communities, int connections);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Bot API did not take {Method} at start-up ({Error}); going on without it")]
    private static partial void LogNotDone(ILogger logger, string method, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram could not be reached at start-up ({Error}); trying again in {Seconds} s")]
    private static partial void LogStartFailed(ILogger logger, string error, double seconds);
}
