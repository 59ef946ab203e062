namespace CommunityBot.Channels.Telegram;

/// <summary>
/// Runs work for different chats side by side while each chat's work runs strictly in the order it arrived.
/// A bare polling loop handles one update at a time; with a few dozen members typing at once that halves
/// throughput. Queuing never waits: how much may be in hand, in all and per chat, is <see cref="UpdatesInHand"/>'s
/// business, so the receive loop is never held up by one chat.
/// </summary>
internal sealed class ChatLanes(int parallel) : IDisposable
{
    private readonly SemaphoreSlim _running = new(parallel, parallel);
    private readonly Dictionary<long, Task> _tails = [];
    private readonly Lock _gate = new();

    /// <summary>Queues <paramref name="work"/> behind earlier work of the same chat, without waiting.</summary>
    public void Enqueue(long chat, Func<Task> work)
    {
        lock (_gate)
        {
            var next = RunAfterAsync(_tails.GetValueOrDefault(chat, Task.CompletedTask), work);
            _tails[chat] = next;
            _ = next.ContinueWith(finished => Forget(chat, finished), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private void Forget(long chat, Task finished)
    {
        lock (_gate)
        {
            if (_tails.TryGetValue(chat, out var tail) && tail == finished)
            {
                _tails.Remove(chat);
            }
        }
    }

    /// <summary>Completes when everything queued so far has been handled (shutdown waits for this).</summary>
    public Task DrainAsync()
    {
        lock (_gate)
        {
            return Task.WhenAll(_tails.Values.ToList());
        }
    }

    public void Dispose()
    {
        _running.Dispose();
    }

    private async Task RunAfterAsync(Task previous, Func<Task> work)
    {
        // The previous update's outcome is its own business (the router logs failures); order is all we need.
        await previous.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        await _running.WaitAsync();
        try
        {
            await work();
        }
        finally
        {
            _running.Release();
        }
    }
}
