namespace CommunityBot.Tests.Support;

/// <summary>
/// A fake server's sends to some recipients, recorded but not answered until released: the bot's handling is held up
/// there, as by a slow network (or until the bot gives up on them, as when its process dies). Safe from any thread.
/// </summary>
internal sealed class HeldSends<TKey>(IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly Dictionary<TKey, TaskCompletionSource> _held = new(comparer);
    private readonly Lock _gate = new();

    public void Hold(TKey recipient)
    {
        lock (_gate)
        {
            _held.TryAdd(recipient, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }
    }

    public void Release(TKey recipient)
    {
        TaskCompletionSource? held;
        lock (_gate)
        {
            _held.Remove(recipient, out held);
        }
        held?.TrySetResult();
    }

    public void ReleaseAll()
    {
        List<TaskCompletionSource> held;
        lock (_gate)
        {
            held = [.. _held.Values];
            _held.Clear();
        }
        held.ForEach(h => h.TrySetResult());
    }

    /// <summary>What an answer to <paramref name="recipient"/> waits for now: null when nothing holds it.</summary>
    public Task? Of(TKey recipient)
    {
        lock (_gate)
        {
            return _held.TryGetValue(recipient, out var held) ? held.Task : null;
        }
    }
}
