using CommunityBot.Reports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommunityBot.Channels.Telegram.Moderation;

/// <summary>Keeps the moderators' cards in step with the reports: the cards owed, whether from before a stop or a
/// crash or just submitted, go up in batches at random moments (<see cref="CardBatches"/>); what the member adds to
/// a report or their deleting it is owed in the store (<see cref="OwedEvents"/>) and reaches its card, in order, once
/// the card is up. What Telegram did not take stays owed and is tried again.</summary>
internal sealed partial class ModerationCardsService(
    ReportEvents events,
    ReportCards cardPlaces,
    OwedEvents owedEvents,
    CardBatches batches,
    ModeratorsBoard board,
    ILogger<ModerationCardsService> log) : BackgroundService
{
    /// <summary>Owed events read at a time: enough to keep the group's rate busy, few to hold in memory.</summary>
    private const int Page = 100;

    /// <summary>How long an event Telegram did not take waits before it is tried again.</summary>
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    private DateTimeOffset? _retryAt;

    /// <summary>Whether owed events may be postable now: at start, after something happened to a report besides its
    /// submission, after cards went up (their reports' events were waiting for them), and when a retry is due.
    /// A new report alone owes nothing but its card, so a busy intake does not make the service look again.</summary>
    private bool _eventsDue = true;

    /// <summary>How long a post already under way when the service is told to stop may still take: Telegram may have
    /// shown it already, and a post whose answer is not kept would be posted again at the next start.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The loop ends on the stop; the post in hand then ends on its own or after the grace (well inside the host's
        // shutdown time).
        using var posting = new CancellationTokenSource();
        await using var stopping = stoppingToken.Register(() => posting.CancelAfter(StopGrace));
        await RunAsync(stoppingToken, posting.Token);
    }

    private async Task RunAsync(CancellationToken stoppingToken, CancellationToken postingToken)
    {
        if (!board.HasGroup)
        {
            // Nothing can be posted: what is owed stays in the store for a start with the group configured.
            LogNoGroup(log);
            await DrainAsync(stoppingToken);
            return;
        }
        foreach (var id in await cardPlaces.OwedAsync())
        {
            batches.Owe(id);
        }
        if (batches.Waiting > 0)
        {
            LogOwed(log, batches.Waiting);
        }
        if (await owedEvents.CountAsync() is > 0 and var count)
        {
            LogEventsOwed(log, count);
        }
        await HandleAsync(ReportEventKind.Withdrawn, board.FinishClearingAsync, postingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var id in batches.TakeDue())
            {
                if (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                await HandleAsync(ReportEventKind.Submitted, token => board.PostAsync(id, token), postingToken);
                _eventsDue = true;
            }
            if (_eventsDue || _retryAt <= batches.Time.GetUtcNow())
            {
                _eventsDue = false;
                await HandleAsync(ReportEventKind.Added, token => PostOwedEventsAsync(stoppingToken, token), postingToken);
            }
            await WaitAsync(stoppingToken);
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
                _eventsDue = true;
            }
        }
    }

    /// <summary>Without a moderators' group the nudges are read and dropped, so that they do not pile up.</summary>
    private async Task DrainAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await events.WaitToReadAsync(stoppingToken))
            {
                while (events.TryRead(out _))
                {
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Posts what is owed, each report's events in their order; a report whose event Telegram did not take
    /// waits, with its later events, for the next try. One pass looks at each owed event once, a page at a time.</summary>
    private async Task PostOwedEventsAsync(CancellationToken stoppingToken, CancellationToken postingToken)
    {
        // Until this pass ends well, a failure cut it short: it is tried again.
        _retryAt = batches.Time.GetUtcNow() + RetryAfter;
        HashSet<Guid> held = [];
        var after = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var page = await owedEvents.NextAsync(Page, held, after);
            after = page.Last;
            // A burst of additions to one report edits its card once a page, not once per addition: half the calls.
            // Every event of the page was stored before the page was read, so one edit after reading shows them all.
            HashSet<Guid> current = [];
            foreach (var owed in page.Events)
            {
                if (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                if (held.Contains(owed.ReportId))
                {
                    continue;
                }
                if (await board.DeliverAsync(owed, current.Contains(owed.ReportId), postingToken))
                {
                    if (owed.Kind is ReportEventKind.Added or ReportEventKind.Answered)
                    {
                        current.Add(owed.ReportId);
                    }
                }
                else
                {
                    held.Add(owed.ReportId);
                }
            }
            if (page.End)
            {
                _retryAt = held.Count == 0 ? null : _retryAt;
                return;
            }
        }
    }

    /// <summary>Until something happens to a report or the next batch is due.</summary>
    private async Task WaitAsync(CancellationToken stoppingToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var happened = events.WaitToReadAsync(waiting.Token).AsTask();
        var next = (batches.Next, _retryAt) switch
        {
            ({ } card, { } retry) => card < retry ? card : retry,
            (var card, var retry) => card ?? retry,
        };
        var due = next is { } at
            ? Task.Delay(Max(at - batches.Time.GetUtcNow(), TimeSpan.Zero), batches.Time, waiting.Token)
            : Task.Delay(Timeout.InfiniteTimeSpan, waiting.Token);
        await Task.WhenAny(happened, due);
        await waiting.CancelAsync();
    }

    private static TimeSpan Max(TimeSpan left, TimeSpan right) => left > right ? left : right;

    private async Task HandleAsync(ReportEventKind kind, Func<CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        try
        {
            await work(stoppingToken);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} messages owed to the moderators from before the start are posted")]
    private static partial void LogEventsOwed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "No moderators' group is configured: report cards and what is owed to them wait in the store")]
    private static partial void LogNoGroup(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "A report card could not be updated ({Kind})")]
    private static partial void LogFailed(ILogger logger, Exception exception, ReportEventKind kind);
}
