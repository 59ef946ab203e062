using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace CommunityBot.Channels.Messenger;

/// <summary>
/// The webhook's events between the 200 that Meta is answered at once and their handling, one after the other in the
/// order they came (so one member's messages stay in order). On stop, what was accepted is still handled; after that,
/// deliveries are refused so that Meta delivers them again later.
/// </summary>
internal sealed class MessengerInbox(MessengerRouter router) : BackgroundService
{
    /// <summary>Beyond this many events waiting, a delivery waits for room (Meta allows 20 seconds).</summary>
    private const int Capacity = 10_000;

    private readonly Channel<MessengerEvent> _queue = Channel.CreateBounded<MessengerEvent>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly Lock _gate = new();
    private int _pending;
    private TaskCompletionSource _idle = Idle();

    /// <returns>False when the service is stopping and the events were not taken.</returns>
    public async Task<bool> AcceptAsync(IReadOnlyList<MessengerEvent> events, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            lock (_gate)
            {
                if (_pending++ == 0)
                {
                    _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }
            try
            {
                await _queue.Writer.WriteAsync(e, cancellationToken);
            }
            catch (ChannelClosedException)
            {
                Done();
                return false;
            }
        }
        return true;
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
            await foreach (var e in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await HandleAsync(e, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what was accepted is handled below.
        }
        _queue.Writer.TryComplete();
        while (_queue.Reader.TryRead(out var left))
        {
            await HandleAsync(left, CancellationToken.None);
        }
    }

    private async Task HandleAsync(MessengerEvent e, CancellationToken cancellationToken)
    {
        try
        {
            await router.HandleAsync(e, cancellationToken);
        }
        finally
        {
            Done();
        }
    }

    private void Done()
    {
        TaskCompletionSource? idle = null;
        lock (_gate)
        {
            if (--_pending == 0)
            {
                idle = _idle;
            }
        }
        idle?.TrySetResult();
    }

    private static TaskCompletionSource Idle()
    {
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        idle.SetResult();
        return idle;
    }
}
