using LiteDB;

namespace CommunityBot.Storage;

/// <summary>
/// Group commit: the small write transactions of updates handled side by side (a draft with its update marker) share
/// one LiteDB transaction when they are queued together, so the pages they touch are read, written to the log and
/// confirmed once instead of once each. Each caller is still told done only after the commit that holds its change.
/// When any change of a group fails, the whole group is rolled back and every change is run again alone, in its own
/// transaction, in the same order: one failing update can neither undo nor hold up another's change.
/// </summary>
internal sealed partial class Database
{
    /// <summary>The most changes one commit holds, so that a long queue is confirmed in steps.</summary>
    internal const int MostChangesPerCommit = 64;

    private long _groupCommits;
    private long _groupedChanges;
    private long _groupsReplayed;

    /// <summary>How many commits held more than one change, how many changes they held, and how many groups were rolled
    /// back and run again one change at a time because one of their changes failed (for figures and tests).</summary>
    public (long Commits, long Changes, long Replayed) GroupCommits =>
        (Interlocked.Read(ref _groupCommits), Interlocked.Read(ref _groupedChanges), Interlocked.Read(ref _groupsReplayed));

    /// <summary>Runs <paramref name="change"/> on the database thread inside a write transaction that may hold the
    /// changes queued beside it, and completes once that transaction is committed (or the change failed alone).</summary>
    /// <param name="change">Writes only: it must not begin, commit or roll back a transaction of its own, nor catch an
    /// exception of LiteDB's (LiteDB rolls back the whole transaction when one of its operations fails), and it must
    /// change nothing outside the database: it may run a second time, alone, when another change of its group fails.</param>
    /// <param name="committed">Runs on the database thread once the change is committed, with its result: for what
    /// follows the commit in memory (a cache of what is stored) or on the gate (asking for a checkpoint).</param>
    public Task<T> ChangeAsync<T>(Func<LiteDatabase, T> change, Action<T>? committed = null)
    {
        var pending = new PendingChange<T>(change, committed, durable: false);
        Enqueue(new Queued(null, pending));
        return pending.Task;
    }

    /// <summary>Runs <paramref name="change"/> like <see cref="ChangeAsync{T}(Func{LiteDatabase, T}, Action{T})"/>, in a
    /// transaction that may hold the changes queued beside it, and completes only once that transaction would survive
    /// a power cut: <paramref name="committed"/> runs at the commit, the caller goes on after the checkpoint and flush
    /// that follow it. LiteDB 5 commits into its log file and never asks the device to flush (nor the operating system,
    /// for an encrypted file); so the gate checkpoints (the log goes into the data file) and flushes the data file to the
    /// device. Durable changes committed while other work is queued share one checkpoint and flush (see
    /// <see cref="DiskFlushWindow"/>). For what a person is told is kept: a submitted report with its owed card and
    /// receipt.</summary>
    public Task<T> ChangeDurablyAsync<T>(Func<LiteDatabase, T> change, Action<T>? committed = null)
    {
        var pending = new PendingChange<T>(change, committed, durable: true);
        Enqueue(new Queued(null, pending));
        return pending.Task;
    }

    /// <inheritdoc cref="ChangeAsync{T}(Func{LiteDatabase, T}, Action{T})"/>
    public Task ChangeAsync(Action<LiteDatabase> change, Action? committed = null) =>
        ChangeAsync(db =>
        {
            change(db);
            return true;
        }, committed is null ? null : _ => committed());

    /// <summary>Takes the changes queued right behind <paramref name="first"/> into its group and commits them; work of
    /// another kind met on the way runs next, so the order of the queue is kept.</summary>
    private void CommitGroup(PendingChange first)
    {
        var group = new List<PendingChange>(capacity: 4) { first };
        Action? after = null;
        while (group.Count < MostChangesPerCommit && _queue.TryTake(out var next))
        {
            if (next.Change is { } change)
            {
                group.Add(change);
            }
            else
            {
                after = next.Work;
                break;
            }
        }
        if (group.Count == 1 || !TryCommitTogether(group))
        {
            foreach (var change in group)
            {
                CommitAlone(change);
            }
        }
        if (after is not null)
        {
            RunUrgent();
            after();
        }
    }

    /// <returns>False when the group was rolled back (one of its changes failed): its changes are to be run alone.</returns>
    private bool TryCommitTogether(List<PendingChange> group)
    {
        if (_failure is not null)
        {
            return false;
        }
        try
        {
            _db.BeginTrans();
            _db.Began();
            foreach (var change in group)
            {
                change.Apply(_db);
            }
            // The group's update markers, one document for all of them.
            _db.Markers.WriteBatch(_db);
            // False when LiteDB no longer holds the transaction (it rolled it back on a failure someone caught).
            if (!_db.Commit())
            {
                _db.RolledBack();
                Interlocked.Increment(ref _groupsReplayed);
                return false;
            }
        }
#pragma warning disable CA1031 // Whatever failed, each change is run again alone and meets its own outcome.
        catch (Exception e)
#pragma warning restore CA1031
        {
            // Replayed alone, each change marks its update again, in a batch of its own.
            _db.RolledBack();
            TryRollback();
            // A file that cannot be written fails the gate; the changes then fail alone with StorageFailedException.
            Failing(e);
            Interlocked.Increment(ref _groupsReplayed);
            return false;
        }
        // Memorised before anyone is told done: whoever checks an update after hearing its change is stored finds it seen.
        _db.Committed();
        Interlocked.Increment(ref _groupCommits);
        Interlocked.Add(ref _groupedChanges, group.Count);
        foreach (var change in group)
        {
            Committed(change);
        }
        return true;
    }

    /// <summary>Tells the change's caller it is committed, or, for a durable change, adds it to those waiting for the
    /// next flush to the device.</summary>
    private void Committed(PendingChange change)
    {
        if (change.Committed() && change.Durable)
        {
            AwaitDisk(new DiskWaiter(change.Done, change.Fail));
        }
    }

    private void CommitAlone(PendingChange change)
    {
        try
        {
            ThrowIfFailed();
            Transactions.Run(_db, () => change.Apply(_db));
        }
#pragma warning disable CA1031 // Handed to the change's caller.
        catch (Exception e)
#pragma warning restore CA1031
        {
            change.Fail(Failing(e));
            return;
        }
        Committed(change);
    }

    private void TryRollback()
    {
        try
        {
            _db.Rollback();
        }
#pragma warning disable CA1031 // The rollback of a failed write may fail the same way; the failure is reported once, above.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>An item of the gate's queue: plain work, or a change that may share its commit.</summary>
    private readonly record struct Queued(Action? Work, PendingChange? Change);

    private abstract class PendingChange
    {
        /// <summary>Its caller is told done only once its commit reached the device.</summary>
        public abstract bool Durable { get; }

        public abstract void Apply(LiteDatabase db);

        /// <summary>Its transaction is committed: what follows in memory runs, and the caller may go on (a durable change's
        /// caller once <see cref="Done"/> is called).</summary>
        /// <returns>False when what follows failed, and the caller was told so.</returns>
        public abstract bool Committed();

        /// <summary>A durable change's commit reached the device.</summary>
        public abstract void Done();

        public abstract void Fail(Exception exception);
    }

    private sealed class PendingChange<T>(Func<LiteDatabase, T> change, Action<T>? committed, bool durable) : PendingChange
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Applied? _applied;

        public Task<T> Task => _completion.Task;

        public override bool Durable => durable;

        public override void Apply(LiteDatabase db) => _applied = new Applied(change(db));

        public override bool Committed()
        {
            // The result of the run that was committed (the last one); a committed change was always applied.
            if (_applied is not { Value: var result })
            {
                return false;
            }
            try
            {
                committed?.Invoke(result);
            }
#pragma warning disable CA1031 // The change is stored; what failed after it is the caller's to hear.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _completion.SetException(e);
                return false;
            }
            if (!durable)
            {
                _completion.SetResult(result);
            }
            return true;
        }

        public override void Done()
        {
            if (_applied is { Value: var result })
            {
                _completion.SetResult(result);
            }
        }

        public override void Fail(Exception exception) => _completion.SetException(exception);

        private sealed record Applied(T Value);
    }
}
