using System.Collections.Concurrent;
using LiteDB;

namespace CommunityBot.Storage;

/// <summary>The gate's urgent lane: work that runs before the work already queued.</summary>
internal sealed partial class Database
{
    /// <summary>As <see cref="RunAsync{T}"/>, but ahead of the work already queued (after at most the commit under way):
    /// for recording that something has left the process toward a person (a card Telegram accepted), so that a crash
    /// in between, which would send it again after the restart, has only a moment to fall in, not the time a backlog
    /// takes to drain.</summary>
    public Task<T> RunFirstAsync<T>(Func<LiteDatabase, T> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var urgent = new UrgentWork(() =>
        {
            try
            {
                ThrowIfFailed();
                completion.SetResult(work(_db));
            }
            catch (Exception e)
            {
                completion.SetException(Failing(e));
            }
        });
        _urgent.Enqueue(urgent);
        try
        {
            // Wakes the gate if it waits for work; taken in its turn, it does nothing.
            _queue.Add(default);
        }
        catch (InvalidOperationException e)
        {
            // Closing: the gate's last pass runs the urgent work it still finds; what it no longer will is refused here.
            if (urgent.TryClaim())
            {
                completion.SetException(new ObjectDisposedException(nameof(Database), e));
            }
        }
        return completion.Task;
    }

    /// <inheritdoc cref="RunFirstAsync{T}"/>
    public Task RunFirstAsync(Action<LiteDatabase> work) =>
        RunFirstAsync(db =>
        {
            work(db);
            return true;
        });

    private readonly ConcurrentQueue<UrgentWork> _urgent = new();

    /// <summary>Work of <see cref="RunFirstAsync{T}"/>, run by whoever claims it first: the gate, or a caller refused
    /// because the gate has closed.</summary>
    private sealed class UrgentWork(Action work)
    {
        private int _claimed;

        public bool TryClaim() => Interlocked.Exchange(ref _claimed, 1) == 0;

        public void Run()
        {
            if (TryClaim())
            {
                work();
            }
        }
    }

    private void RunUrgent()
    {
        while (_urgent.TryDequeue(out var urgent))
        {
            urgent.Run();
        }
    }
}
