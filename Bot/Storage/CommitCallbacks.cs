using LiteDB;

namespace CommunityBot.Storage;

/// <summary>
/// What is to change in memory once the transaction open on the database thread commits: a copy kept in memory of
/// what the transaction stores (see <see cref="Reports.ReportWords"/>). Dropped when the transaction is rolled back, so
/// that memory never holds what the files do not. Touched only on the database thread.
/// </summary>
internal sealed class CommitCallbacks
{
    private readonly List<Action> _pending = [];
    private bool _open;

    /// <summary>Runs <paramref name="action"/> once what <paramref name="db"/> just wrote is committed: at the commit of
    /// the transaction open on the database thread, or at once when the write was not in one (it committed by
    /// itself). Call it after the write.</summary>
    public static void After(LiteDatabase db, Action action)
    {
        if ((db as GateLiteDatabase)?.Callbacks is { _open: true } callbacks)
        {
            callbacks._pending.Add(action);
        }
        else
        {
            action();
        }
    }

    /// <summary>A transaction begins.</summary>
    public void Begin()
    {
        _pending.Clear();
        _open = true;
    }

    /// <summary>The transaction committed: what it asked for runs, in order.</summary>
    public void Committed()
    {
        _open = false;
        foreach (var action in _pending)
        {
            action();
        }
        _pending.Clear();
    }

    /// <summary>The transaction was rolled back: nothing it asked for runs.</summary>
    public void RolledBack()
    {
        _open = false;
        _pending.Clear();
    }
}
