using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace CommunityBot.Channels.Telegram.Webhook;

/// <summary>
/// Webhook mode's counterpart of the polling service: at start it tells Telegram where to post (<see cref="TelegramStart"/>
/// sets the webhook with its secret token), then opens <see cref="TelegramWebhook"/> and asks <c>getWebhookInfo</c> now
/// and then for the health check. On shutdown it stops taking posts and finishes the updates in hand; the webhook stays
/// set, so Telegram keeps what comes meanwhile until the service is back.
/// </summary>
internal sealed partial class TelegramWebhookService(
    ITelegramBotClient bot,
    TelegramStart start,
    TelegramWebhook webhook,
    WebhookStatus status,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramWebhookService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Webhook;
        if (!settings.Enabled)
        {
            return;
        }
        await start.RunAsync(stoppingToken, receiving: webhook.Open);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await CheckAsync(settings, stoppingToken);
                webhook.ReportDropped();
                await Task.Delay(settings.InfoCheckInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await webhook.CloseAsync();
            LogStopped(log);
        }
    }

    private async Task CheckAsync(TelegramWebhookOptions settings, CancellationToken stoppingToken)
    {
        try
        {
            var info = await bot.GetWebhookInfo(stoppingToken);
            var ours = string.Equals(info.Url, settings.Url?.ToString(), StringComparison.Ordinal);
            if (!ours)
            {
                LogNotOurs(log);
            }
            status.Checked(ours, info.LastErrorDate is { } error ? new DateTimeOffset(DateTime.SpecifyKind(error, DateTimeKind.Utc)) : null);
        }
#pragma warning disable CA1031 // A check that fails is only a check: the health answer shows Telegram silent after a while.
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogCheckFailed(log, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram's webhook is no longer set to this service's address (another process set or deleted it); updates do not come here. Restart the service to set it again")]
    private static partial void LogNotOurs(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asking Telegram about the webhook failed ({Error})")]
    private static partial void LogCheckFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook closed; updates in hand finished")]
    private static partial void LogStopped(ILogger logger);
}
