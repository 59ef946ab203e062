using CommunityBot.Reports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommunityBot.Channels.Telegram.Moderation;

/// <summary>Keeps the moderators' cards in step with the reports: the cards owed, whether from before a stop or a
/// crash or just submitted, go up in batches at random moments (<see cref="CardBatches"/>); what the member adds to
/// a report or their deleting it reaches its card at once.</summary>
internal sealed partial class ModerationCardsService(
    ReportEvents events,
    ReportCards cardPlaces,
    CardBatches batches,
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
            batches.Owe(id);
        }
        await HandleAsync(ReportEventKind.Withdrawn, board.FinishClearingAsync, stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var id in batches.TakeDue())
            {
                await HandleAsync(ReportEventKind.Submitted, token => board.PostAsync(id, token), stoppingToken).ConfigureAwait(false);
            }
            await WaitAsync(stoppingToken).ConfigureAwait(false);
            while (events.TryRead(out var happened))
            {
                if (happened.Kind == ReportEventKind.Submitted)
                {
                    batches.Owe(happened.ReportId);
                    continue;
                }
                if (happened.Kind == ReportEventKind.Withdrawn)
                {
                    batches.Forget(happened.ReportId);
                }
                await HandleAsync(happened.Kind, token => board.OnReportEventAsync(happened, token), stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Until something happens to a report or the next batch is due.</summary>
    private async Task WaitAsync(CancellationToken stoppingToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var happened = events.WaitToReadAsync(waiting.Token).AsTask();
        var due = batches.Next is { } next
            ? Task.Delay(Max(next - batches.Time.GetUtcNow(), TimeSpan.Zero), batches.Time, waiting.Token)
            : Task.Delay(Timeout.InfiniteTimeSpan, waiting.Token);
        await Task.WhenAny(happened, due).ConfigureAwait(false);
        await waiting.CancelAsync().ConfigureAwait(false);
    }

    private static TimeSpan Max(TimeSpan left, TimeSpan right) => left > right ? left : right;

    private async Task HandleAsync(ReportEventKind kind, Func<CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        try
        {
            await work(stoppingToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // One card that cannot be posted must not stop the next; an owed card is tried again at the next start.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogFailed(log, ex, kind);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} report cards owed from before the start wait for their batch")]
    private static partial void LogOwed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "A report card could not be updated ({Kind})")]
    private static partial void LogFailed(ILogger logger, Exception exception, ReportEventKind kind);
}
