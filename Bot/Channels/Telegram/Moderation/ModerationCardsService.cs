using CommunityBot.Reports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommunityBot.Channels.Telegram.Moderation;

/// <summary>Keeps the moderators' cards in step with the reports: first the cards still owed from before a stop or a
/// crash, then a card for each report as it is submitted, and a refresh when the member adds to it or deletes it.</summary>
internal sealed partial class ModerationCardsService(
    ReportEvents events,
    ReportCards cardPlaces,
    ModeratorsBoard board,
    ILogger<ModerationCardsService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var owed = await cardPlaces.OwedAsync().ConfigureAwait(false);
        if (owed.Count > 0)
        {
            LogOwed(log, owed.Count);
        }
        foreach (var id in owed)
        {
            await HandleAsync(new ReportEvent(id, ReportEventKind.Submitted), stoppingToken).ConfigureAwait(false);
        }
        await foreach (var happened in events.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            await HandleAsync(happened, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(ReportEvent happened, CancellationToken stoppingToken)
    {
        try
        {
            await board.OnReportEventAsync(happened, stoppingToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // One card that cannot be posted must not stop the next; an owed card is tried again at the next start.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogFailed(log, ex, happened.Kind);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} report cards owed from before the start are being posted")]
    private static partial void LogOwed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "A report card could not be updated ({Kind})")]
    private static partial void LogFailed(ILogger logger, Exception exception, ReportEventKind kind);
}
