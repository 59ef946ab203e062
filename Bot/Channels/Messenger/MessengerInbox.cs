using System.Text.Json;
using System.Threading.Channels;
using CommunityBot.Privacy;
using CommunityBot.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommunityBot.Channels.Messenger;

/// <summary>What became of a delivery's events.</summary>
internal enum Acceptance
{
    /// <summary>Stored in the inbox (or held there already): Meta may be answered 200.</summary>
    Taken,

    /// <summary>The inbox holds as many events as it may: Meta is answered 503 and delivers again later.</summary>
    Full,

    /// <summary>The service is stopping: Meta is answered 503 and delivers again later.</summary>
    Stopping,
}

/// <summary>
/// The webhook's events between the 200 Meta is answered and their handling, one after the other in the order they came
/// (so one member's messages stay in order). Meta does not deliver an event again once it heard 200, so before that the
/// events are written to the database (<see cref="InboxStore"/>, committed, as Telegram's updates are confirmed: not
/// flushed to the device), and an event leaves it with the change it caused: a process that dies in between (SIGKILL,
/// out of memory) handles what it had accepted at its next start, before anything new. A clean stop leaves what is not
/// handled yet for the next start too.
/// </summary>
internal sealed partial class MessengerInbox(
    MessengerRouter router,
    InboxStore store,
    UpdateMarkers markers,
    IOptions<MessengerOptions> options,
    ActivityCounts counts,
    ILogger<MessengerInbox> log) : BackgroundService
{
    /// <summary>How many starts may try an event left in the inbox: one that ends the process each time it is handled
    /// must not keep the channel from starting.</summary>
    public const int MaxTries = 3;

    private readonly Channel<Work> _queue = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Lock _gate = new();
    // One for what the last run left, until it is loaded: idle means the inbox is empty, not only the queue in memory.
    private int _pending = 1;
    private bool _stopping;
    private TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<Acceptance> AcceptAsync(IReadOnlyList<MessengerEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return Acceptance.Taken;
        }
        var refused = Reserve(events.Count);
        if (refused is not null)
        {
            return refused.Value;
        }
        var handedOn = false;
        try
        {
            var entries = new List<InboxEntry>(events.Count);
            foreach (var e in events)
            {
                entries.Add(new InboxEntry(await markers.CurrentAsync(MessengerRouter.Channel, e.Key), JsonSerializer.Serialize(e)));
            }
            await store.AddAsync(entries, stored =>
            {
                handedOn = true;
                for (var i = 0; i < stored.Count; i++)
                {
                    // Unbounded and never completed: a write always succeeds (the inbox bounds it).
                    _queue.Writer.TryWrite(new AcceptedEvent(stored[i].Id, events[i], LeftOver: false));
                }
            });
        }
        finally
        {
            if (!handedOn)
            {
                // Not stored (the database failed): the webhook answers 500 and Meta delivers again.
                Done(events.Count);
            }
        }
        return Acceptance.Taken;
    }

    /// <summary>Runs <paramref name="work"/> between two events, as the events are handled, one after the other (and after
    /// what the last run left): nothing it sends can cross the answer to an event being handled.</summary>
    public async Task<T> BetweenEventsAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var between = new Between<T>(work);
        _queue.Writer.TryWrite(between);
        return await between.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The event an entry holds, if this version can read it.</summary>
    public static MessengerEvent? EventOf(InboxEntry entry)
    {
        try
        {
            return JsonSerializer.Deserialize<MessengerEvent>(entry.Content);
        }
        catch (JsonException)
        {
            // Written by a version that knew other events: it cannot be handled.
            return null;
        }
    }

    /// <summary>Completes when every accepted event has been handled.</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            return _idle.Task;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            LeftOver left;
            try
            {
                left = await store.LeftOverAsync(MaxTries);
                Begin(left.Entries.Count);
            }
            finally
            {
                Done(1);
            }
            if (left.Dropped > 0)
            {
                counts.Add(Activity.UpdatesFailed, "inbox: given up");
            }
            if (left.Entries.Count > 0)
            {
                LogLeftOver(log, left.Entries.Count);
            }
            foreach (var entry in left.Entries)
            {
                stoppingToken.ThrowIfCancellationRequested();
                if (EventOf(entry) is { } e)
                {
                    await HandleAsync(new AcceptedEvent(entry.Id, e, LeftOver: true), stoppingToken);
                }
                else
                {
                    store.Remove(entry.Id);
                    Done(1);
                }
            }
            await foreach (var work in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await (work switch
                {
                    AcceptedEvent e => HandleAsync(e, stoppingToken),
                    _ => work.RunAsync(stoppingToken),
                });
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is not handled stays in the inbox for the next start.
        }
        finally
        {
            lock (_gate)
            {
                _stopping = true;
            }
        }
    }

    private async Task HandleAsync(AcceptedEvent accepted, CancellationToken cancellationToken)
    {
        try
        {
            // The router stores the change, the marker and the entry's removal in one transaction (a submission's entry
            // goes once its receipt was sent); it logs and apologises for a failure itself.
            await router.HandleAsync(accepted.Event, accepted.LeftOver, cancellationToken);
            store.Remove(accepted.Id);
        }
#pragma warning disable CA1031 // The entry stays and the next start removes it (its marker is stored); nothing may stop the inbox.
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogNotRemoved(log, ex, accepted.Event.Kind);
        }
        finally
        {
            Done(1);
        }
    }

    /// <returns>Null when the events may be taken (they are counted as pending); else why not.</returns>
    private Acceptance? Reserve(int events)
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return Acceptance.Stopping;
            }
            if (_pending >= options.Value.InboxCapacity)
            {
                return Acceptance.Full;
            }
            Begin(events);
            return null;
        }
    }

    private void Begin(int events)
    {
        lock (_gate)
        {
            if (_pending == 0 && events > 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            _pending += events;
        }
    }

    private void Done(int events)
    {
        if (events == 0)
        {
            return;
        }
        TaskCompletionSource? idle = null;
        lock (_gate)
        {
            _pending -= events;
            if (_pending == 0)
            {
                idle = _idle;
            }
        }
        idle?.TrySetResult();
    }

    /// <summary>What the inbox's one reader does next: an event, or work that must not cross one.</summary>
    private abstract record Work
    {
        public virtual Task RunAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed record AcceptedEvent(string Id, MessengerEvent Event, bool LeftOver) : Work;

    private sealed record Between<T>(Func<CancellationToken, Task<T>> Work) : Work
    {
        public TaskCompletionSource<T> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async Task RunAsync(CancellationToken cancellationToken)
        {
            try
            {
                Done.TrySetResult(await Work(cancellationToken));
            }
#pragma warning disable CA1031 // Handed to whoever asked for the work; nothing may stop the inbox.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Done.TrySetException(ex);
            }
        }
    }

    /// <summary>A count only: the events' kinds and ids are not for the log.</summary>
    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} Messenger events accepted before the last stop are handled first")]
    private static partial void LogLeftOver(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A handled Messenger event ({Kind}) stays in the inbox until the next start, which removes it")]
    private static partial void LogNotRemoved(ILogger logger, Exception exception, string kind);
}
