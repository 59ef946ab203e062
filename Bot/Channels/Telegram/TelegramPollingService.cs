using System.Diagnostics;
using CommunityBot.Operations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot.Requests;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CommunityBot.Channels.Telegram;

/// <summary>
/// Long polling: one poller per token. Updates go to per-chat lanes, so members are served side by side while each
/// chat's updates keep their order. An update is confirmed to Telegram only once its handling has finished: the
/// offset sent never passes the lowest update still in hand, so one taken when the process dies comes again (and the
/// router's markers make a second delivery of a finished one harmless). Polling errors back off instead of retrying
/// in a hot loop; on shutdown the updates in hand are finished, then confirmed, before the process ends.
/// </summary>
internal sealed partial class TelegramPollingService(
    UpdatesPoll poll,
    UpdateRouter router,
    UpdatesInHand inHand,
    SlowDownNotice slowDown,
    TelegramStart start,
    ServiceVitals vitals,
    IOptions<TelegramOptions> options,
    ILogger<TelegramPollingService> log) : BackgroundService
{
    internal static readonly UpdateType[] AllowedUpdates =
        [UpdateType.Message, UpdateType.EditedMessage, UpdateType.CallbackQuery, UpdateType.MyChatMember, UpdateType.ChatMember];

    /// <summary>Telegram's most per poll.</summary>
    private const int Limit = 100;

    /// <summary>How long a poll waits for an update when there is none (well within the HTTP client's 100 s).</summary>
    private const int PollSeconds = 30;

    /// <summary>How long a poll that confirms what was done, with nothing in hand, waits for an update.</summary>
    private const int ConfirmingPollSeconds = 1;

    private static readonly TimeSpan FinalConfirmWait = TimeSpan.FromSeconds(5);

    /// <summary>The longest a poll that leaves updates in hand waits for one of them to be done before asking again; it
    /// doubles while nothing in hand gets done and polls bring nothing new, up to <see cref="LongestStalledPause"/>. Short:
    /// a member who writes while every update in hand waits (on the database's flush, on a slow send) waits this long
    /// before being read.</summary>
    internal static readonly TimeSpan ShortestStalledPause = TimeSpan.FromMilliseconds(10);

    private static readonly TimeSpan LongestStalledPause = TimeSpan.FromMilliseconds(200);

    /// <summary>An empty poll answered sooner than this was not held open for <see cref="PollSeconds"/>: the Bot API
    /// server does not long-poll (some emulators answer at once).</summary>
    private static readonly TimeSpan EmptyAnswerTooSoon = TimeSpan.FromSeconds(1);

    /// <summary>The wait before asking such a server again: asked at once, it would be asked thousands of times a second
    /// while nobody writes, taking a core from it and from the bot. A member's message waits at most this long.</summary>
    internal static readonly TimeSpan EmptyAnswerPause = TimeSpan.FromMilliseconds(100);

    private readonly List<Task> _notices = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Webhook.Enabled)
        {
            // Telegram posts the updates instead (Webhook.TelegramWebhookService).
            return;
        }
        await start.RunAsync(stoppingToken);
        using var lanes = new ChatLanes(options.Value.ParallelChats);
        try
        {
            await ReceiveAsync(lanes, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Updates already taken from Telegram are finished, not dropped, and then confirmed so that they do not
            // come again at the next start.
            await lanes.DrainAsync();
            await Task.WhenAll(Notices());
            await ConfirmFinishedAsync();
            LogStopped(log);
        }
    }

    private async Task ReceiveAsync(ChatLanes lanes, CancellationToken stoppingToken)
    {
        var failures = 0;
        var pause = ShortestStalledPause;
        var backlog = new StartBacklog();
        var resent = new ResentUpdates();
        // The offset the last poll that got an answer confirmed: once nothing is in hand and nothing came since, every
        // update seen is confirmed, and the next poll goes without an offset (Telegram then gives what is not confirmed,
        // the same). A Bot API emulator that restarted numbers its updates from the start again, below the offset held
        // here: one that gives only updates at or above the offset asked for would give none of them for a long while.
        // So that this is soon, a poll that only confirms is held open for a second, not half a minute.
        int? confirmed = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var offset = inHand.Offset;
            var asked = Stopwatch.GetTimestamp();
            PolledUpdates batch;
            try
            {
                var ask = offset == confirmed && inHand.Count == 0 ? (int?)null : offset;
                var wait = ask is not null && inHand.Count == 0 ? ConfirmingPollSeconds : PollSeconds;
                batch = await poll.GetAsync(Request(ask, Limit, wait), inHand.Knows, stoppingToken);
                vitals.Polled();
                failures = 0;
                confirmed = ask ?? confirmed;
            }
#pragma warning disable CA1031 // Whatever fails a poll, polling goes on after a pause.
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                vitals.Failed();
                await BackOffAsync(ex, ++failures, stoppingToken);
                continue;
            }
            backlog.Polled(batch, Limit);
            // Only what finishes from now on can change what the next poll brings.
            var progress = inHand.Progress;
            var (roomRanOut, taken) = await TakeAsync(batch.New, backlog, resent, lanes, stoppingToken);
            inHand.ReportDropped();
            if (roomRanOut)
            {
                // The rest waits with Telegram until something in hand is done and makes room.
                await progress.WaitAsync(stoppingToken);
            }
            else if (batch.New.Count == 0 && batch.Count >= Limit && inHand.Offset == offset)
            {
                await WaitForOffsetAsync(offset, progress, stoppingToken);
            }
            else if (inHand.Count > 0)
            {
                var stalled = !await WaitForProgressAsync(progress, pause, stoppingToken);
                // Longer pauses only while nothing moves: under a steady load something is done every moment, and a
                // pause grown meanwhile would keep a newcomer waiting behind the first slow update.
                pause = taken > 0 || !stalled ? ShortestStalledPause : TimeSpan.FromTicks(Math.Min((pause * 2).Ticks, LongestStalledPause.Ticks));
                continue;
            }
            else if (taken == 0 && Stopwatch.GetElapsedTime(asked) < EmptyAnswerTooSoon)
            {
                await Task.Delay(EmptyAnswerPause, stoppingToken);
            }
            pause = ShortestStalledPause;
        }
    }

    /// <summary>Telegram answers at once while anything is in hand (it is at or above the offset), so asking again now
    /// would bring back the same updates and little else. Once something is done the offset may move, and a member whose
    /// answer has just gone out may write again; an update that takes long (a send that hangs) must not keep a new one
    /// waiting, so the wait ends after a pause as well, a longer one each time nothing was done meanwhile.</summary>
    /// <returns>Whether something in hand was done (false: the pause ran out first).</returns>
    private static async Task<bool> WaitForProgressAsync(Task progress, TimeSpan pause, CancellationToken stoppingToken)
    {
        try
        {
            await progress.WaitAsync(pause, stoppingToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>A full batch of updates all in hand stays the same until the lowest of them is done.</summary>
    private async Task WaitForOffsetAsync(int offset, Task progress, CancellationToken stoppingToken)
    {
        while (inHand.Offset == offset)
        {
            await progress.WaitAsync(stoppingToken);
            progress = inHand.Progress;
        }
    }

    /// <summary>Queues the new updates of a batch, in order, up to the bounds on updates in hand; one the server gave again
    /// after it was confirmed (<see cref="ResentUpdates"/>) is stepped over.</summary>
    /// <returns>Whether the bound on updates in hand left some of them with Telegram, and how many were new.</returns>
    private async ValueTask<(bool RoomRanOut, int Taken)> TakeAsync(IReadOnlyList<Update> batch, StartBacklog backlog, ResentUpdates resent, ChatLanes lanes, CancellationToken stoppingToken)
    {
        var taken = 0;
        foreach (var update in batch)
        {
            if (resent.IsAgain(update))
            {
                continue;
            }
            taken++;
            var chat = UpdateRouter.ChatOf(update);
            // After a restart a chat's updates handled before come back ahead of what the member sent meanwhile: they
            // count towards no cap, so that the member's new messages are not taken for a flood; and one of them may be
            // the update that submitted a report before the process died, whose receipt is sent again only with it, so
            // it is never dropped with a flood.
            var handledBefore = backlog.MayHoldHandled(update.Id) && await router.HandledBeforeAsync(update);
            switch (inHand.Admit(update.Id, chat, handledBefore))
            {
                case Admission.Taken:
                    vitals.UpdateTaken();
                    // The update's own work is not cancelled by shutdown: it is finished, then the service stops.
                    lanes.Enqueue(chat, () => HandleAsync(update, chat, stoppingToken));
                    break;
                case Admission.RefusedFirst:
                    Notify(update, stoppingToken);
                    break;
                case Admission.Refused or Admission.Known:
                    break;
                case Admission.Full:
                    // The rest stays with Telegram, unconfirmed, and comes again once something in hand is done.
                    return (true, taken);
            }
            resent.Took(update);
        }
        return (false, taken);
    }

    private async Task HandleAsync(Update update, long chat, CancellationToken stoppingToken)
    {
        try
        {
            if (await inHand.StillWantedAsync(update.Id, chat, () => router.HandledBeforeAsync(update)) && !await HandledAndAnsweredAsync(update, stoppingToken))
            {
                // Stopping while Telegram still did not take the answer: left in hand, unconfirmed, it comes again at the
                // next start and the member is shown their open question then.
                return;
            }
        }
        catch (Storage.StorageFailedException)
        {
            // Left in hand, so never confirmed: it comes again once the service runs on a healthy disk. The database
            // has asked the service to stop.
            return;
        }
        inHand.Finish(update.Id, chat);
    }

    /// <summary>How many times an update is handled while Telegram does not take its answer: pauses of 1, 2, 4, 8 and 16
    /// seconds, about half a minute, after which it is confirmed as any other.</summary>
    internal const int MostHandlings = 6;

    /// <summary>Handles the update, and again after a pause while Telegram did not take the answer (5xx, unreachable), as
    /// a webhook post answered with an error is posted again: the member must not answer a question they never saw.
    /// The second time the update's marker is stored, so nothing changes and the member is shown their open question
    /// (or receipt) once more; the chat's later updates wait behind it, and the offset does not pass it meanwhile.</summary>
    /// <returns>False when the service stops before an answer got through.</returns>
    private async Task<bool> HandledAndAnsweredAsync(Update update, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using (var givenUp = vitals.Watch())
            {
                await router.HandleAsync(update, CancellationToken.None);
                if (givenUp.Count == 0 || attempt == MostHandlings)
                {
                    return true;
                }
            }
            try
            {
                await Task.Delay(Backoff(attempt), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    /// <summary>The slow-down notice goes beside the chat's lane, not behind the updates the chat had queued.</summary>
    private void Notify(Update update, CancellationToken stoppingToken)
    {
        var sending = NotifyAsync(update, stoppingToken);
        lock (_notices)
        {
            _notices.RemoveAll(n => n.IsCompleted);
            _notices.Add(sending);
        }
    }

    private async Task NotifyAsync(Update update, CancellationToken stoppingToken)
    {
        try
        {
            await slowDown.SendAsync(update, stoppingToken);
        }
#pragma warning disable CA1031 // A notice that cannot be sent is not worth a failure of the poller.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogNoticeFailed(log, ex.GetType().Name);
        }
    }

    private List<Task> Notices()
    {
        lock (_notices)
        {
            return [.. _notices];
        }
    }

    /// <summary>One last short poll tells Telegram which updates were finished, so they are not delivered again at
    /// the next start (where they would be recognised, but would show members their question once more).</summary>
    private async Task ConfirmFinishedAsync()
    {
        using var patience = new CancellationTokenSource(FinalConfirmWait);
        try
        {
            await poll.GetAsync(Request(inHand.Offset, limit: 1, timeout: 0), known: _ => true, patience.Token);
        }
#pragma warning disable CA1031 // Not confirmed now means delivered again at the next start, which the markers make harmless.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFinalConfirmFailed(log, ex.GetType().Name);
        }
    }

    private async Task BackOffAsync(Exception exception, int failures, CancellationToken stoppingToken)
    {
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
            if (exception is ApiRequestException { Parameters.RetryAfter: > 0 } refusal && TelegramSender.RetryAfter(refusal) is var asked && asked > wait)
            {
                // Telegram said how long to wait (429): asking sooner would only be refused again.
                wait = asked;
            }
            LogPollingFailed(log, exception.GetType().Name, exception is ApiRequestException api ? api.ErrorCode : 0, wait.TotalSeconds);
        }
        await Task.Delay(wait, stoppingToken);
    }

    private static GetUpdatesRequest Request(int? offset, int limit, int timeout) =>
        new() { Offset = offset, Limit = limit, Timeout = timeout, AllowedUpdates = AllowedUpdates };

    internal static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, Math.Min(attempt, 6) - 1)));

    [LoggerMessage(Level = LogLevel.Error, Message = "Another process is polling with this token, or a webhook is set (409 Conflict). Stop the other one. Trying again in {Seconds} s")]
    private static partial void LogConflict(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling failed ({Error}, code {Code}); waiting {Seconds} s")]
    private static partial void LogPollingFailed(ILogger logger, string error, int code, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A slow-down notice could not be sent ({Error})")]
    private static partial void LogNoticeFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Finished updates could not be confirmed at shutdown ({Error}); they will come again and be recognised")]
    private static partial void LogFinalConfirmFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Polling stopped; updates in hand finished")]
    private static partial void LogStopped(ILogger logger);
}
