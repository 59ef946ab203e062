using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using CommunityBot.Privacy;
using LiteDB;
using Microsoft.Extensions.Options;

namespace CommunityBot.Storage;

/// <summary>
/// The one <see cref="LiteDatabase"/> of the process and the one gate to it. LiteDB binds a transaction
/// to the OS thread that began it, so work that crosses an <c>await</c> would lose its transaction;
/// every call therefore runs, in order, on a single dedicated thread, and callers await the result.
/// </summary>
internal sealed partial class Database : IDisposable
{
    private readonly string? _password;
    private readonly FileStream _lock;
    private readonly GateLiteDatabase _db;
    private readonly BlockingCollection<Queued> _queue = [];
    private readonly Thread _thread;
    private int _disposed;

    /// <summary>When the checkpoint <see cref="CheckpointSoon"/> asked for is due; touched only on the database thread.</summary>
    private long? _checkpointDue;
    private ExceptionDispatchInfo? _closeFailure;

    /// <summary>Work done whose callers wait for it to reach the disk (<see cref="ChangeDurablyAsync{T}"/>), and since when;
    /// touched only on the database thread.</summary>
    private readonly List<DiskWaiter> _awaitingDisk = [];
    private long _awaitingDiskSince;

    /// <summary>The first failure to write the files; from then on every call is refused (see <see cref="StorageFailedException"/>).</summary>
    private Exception? _failure;
    private readonly CancellationTokenSource _failed = new();

    /// <summary>A handle on the data file, only to ask the device to flush it (LiteDB never does for an encrypted file);
    /// opened again after a compaction, which puts a new file in the old one's place. Touched only on the database thread.</summary>
    private FileStream _dataFile;

    public Database(IOptions<StorageOptions> options)
    {
        var settings = options.Value;
        Path = settings.DatabasePath;
        LogPath = LogPathOf(Path);

        _password = string.IsNullOrEmpty(settings.Password) ? null : settings.Password;
        PrepareFiles();
        _lock = TryLock(Path) ?? throw new IOException(
            $"The database {Path} is in use by another process (or another Database in this one); stop it first.");
        var connection = new ConnectionString
        {
            Filename = Path,
            Connection = ConnectionType.Direct,
            Password = _password,
        };
        try
        {
            _db = new GateLiteDatabase(connection, new BsonMapper());
            TightenModes();
            _dataFile = OpenDataFile();
        }
        catch
        {
            _db?.Dispose();
            _lock.Dispose();
            throw;
        }

        _thread = new Thread(Run) { IsBackground = true, Name = "LiteDB gate" };
        _thread.Start();
    }

    /// <summary>The update markers stored, and those of the transaction open on the database thread.</summary>
    public HandledMarkers HandledMarkers => _db.Markers;

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    /// <summary>Full path of LiteDB's write-ahead log beside it (present only while it holds pages).</summary>
    public string LogPath { get; }

    /// <summary>Runs <paramref name="work"/> on the database thread. Exceptions reach the caller.
    /// The work must not block on other database calls: it would wait for itself.</summary>
    public Task<T> RunAsync<T>(Func<LiteDatabase, T> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(() =>
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
        return completion.Task;
    }

    /// <summary>Cancelled once the files could not be written: the service stops (nothing further can be kept).</summary>
    public CancellationToken StorageFailed => _failed.Token;

    /// <summary>Whether the files could not be written, since when nothing was stored.</summary>
    public bool HasFailed => Volatile.Read(ref _failure) is not null;

    /// <summary>What the operating system said when the files could not be written (no member data in it).</summary>
    public string FailureReason => Volatile.Read(ref _failure) is { } failure ? failure.GetType().Name + ": " + failure.Message : "";

    /// <inheritdoc cref="RunAsync{T}"/>
    public Task RunAsync(Action<LiteDatabase> work) =>
        RunAsync(db =>
        {
            work(db);
            return true;
        });

    /// <summary>Whether the database still takes a write through the gate within <paramref name="patience"/>: one
    /// constant document is written again, so a full disk, a file made read-only or a gate that hangs all answer no.</summary>
    public async Task<bool> TakesWritesAsync(TimeSpan patience)
    {
        try
        {
            await RunAsync(db => db.GetCollection(ProbeCollection).Upsert(new BsonDocument { ["_id"] = 1 })).WaitAsync(patience);
            return true;
        }
#pragma warning disable CA1031 // Whatever stops the write, the answer is the same: no.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    private const string ProbeCollection = "write_probe";
    /// <summary>Durable work done: its caller goes on after the next flush (see <see cref="DiskFlushWindow"/>).</summary>
    private void AwaitDisk(DiskWaiter waiter)
    {
        if (_awaitingDisk.Count == 0)
        {
            _awaitingDiskSince = Environment.TickCount64;
        }
        _awaitingDisk.Add(waiter);
    }

    /// <summary>The longest durable work waits for others to share its flush while the queue is never empty.</summary>
    public static readonly TimeSpan DiskFlushWindow = TimeSpan.FromMilliseconds(20);

    private long _diskFlushes;
    private long _diskFlushTicks;

    /// <summary>How many checkpoints and flushes <see cref="ChangeDurablyAsync{T}"/> has cost, and how long they took in all.</summary>
    public (long Count, TimeSpan Spent) DiskFlushes => (Interlocked.Read(ref _diskFlushes), TimeSpan.FromTicks(Interlocked.Read(ref _diskFlushTicks)));

    /// <summary>How long a requested checkpoint may wait, so that a burst of submissions pays for one checkpoint
    /// (which blocks the database thread and empties LiteDB's page cache) instead of one each.</summary>
    public static readonly TimeSpan CheckpointDelay = TimeSpan.FromSeconds(1);

    /// <summary>Asks for a checkpoint within <see cref="CheckpointDelay"/>: for data removed as a matter of course
    /// (a submitted report's draft, whose content lives on in the report). Erasure a person asked for checkpoints at
    /// once instead. Call it only from work running on the database thread.</summary>
    public void CheckpointSoon() =>
        _checkpointDue ??= Environment.TickCount64 + (long)CheckpointDelay.TotalMilliseconds;

    /// <summary>Work to run once, on the database thread, when the database closes (before its last checkpoint): for
    /// what would hold every member up for seconds while the service runs, such as dropping a large index no longer
    /// used. Call it only from work running on the database thread.</summary>
    public void AtClose(Action<LiteDatabase> work) => _atClose.Add(work);

    private readonly List<Action<LiteDatabase>> _atClose = [];

    /// <summary>Finishes the queued work, checkpoints and closes the file.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
        _lock.Dispose();
        if (!HasFailed)
        {
            _closeFailure?.Throw();
        }
    }

    private void Enqueue(Action work) => Enqueue(new Queued(work, null));

    private void Enqueue(Queued item)
    {
        try
        {
            _queue.Add(item);
        }
        catch (InvalidOperationException e)
        {
            // Also what a disposed queue throws (ObjectDisposedException derives from it).
            throw new ObjectDisposedException(nameof(Database), e);
        }
    }

    private void Run()
    {
        while (!_queue.IsCompleted)
        {
            var wait = _checkpointDue is { } due ? (int)Math.Max(0, due - Environment.TickCount64) : Timeout.Infinite;
            bool taken;
            Queued item;
            try
            {
                taken = _queue.TryTake(out item, wait);
            }
            catch (InvalidOperationException)
            {
                // Completed while waiting.
                break;
            }
            RunUrgent();
            if (taken && item.Change is { } change)
            {
                CommitGroup(change);
            }
            else if (taken)
            {
                item.Work?.Invoke();
            }
            // Before the flush and checkpoint, which may take the device's time: urgent work waits only for the commit.
            RunUrgent();
            if (_awaitingDisk.Count > 0 && (_queue.Count == 0 || Environment.TickCount64 - _awaitingDiskSince >= (long)DiskFlushWindow.TotalMilliseconds))
            {
                FlushToDisk();
            }
            if (_checkpointDue is { } dueNow && Environment.TickCount64 >= dueNow)
            {
                _checkpointDue = null;
                CheckpointNow();
            }
        }

        // Closing runs here too: a checkpoint must not meet a transaction of another thread.
        RunUrgent();
        try
        {
            if (!HasFailed)
            {
                RunAtClose();
                _db.Checkpoint();
                _dataFile.Flush(flushToDisk: true);
            }
        }
        catch (Exception e)
        {
            // Thrown on this thread it would end the process; Dispose rethrows it to its caller.
            _closeFailure = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            CloseFiles();
        }
    }

    /// <summary>Runs the work left for closing; one that fails is reported by <see cref="Dispose"/>, and the last
    /// checkpoint still runs (LiteDB rolled back what the failed work began).</summary>
    private void RunAtClose()
    {
        foreach (var work in _atClose)
        {
            try
            {
                work(_db);
            }
#pragma warning disable CA1031 // Handed to whoever disposes the database, after the last checkpoint.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _closeFailure ??= ExceptionDispatchInfo.Capture(e);
            }
        }
    }

    /// <summary>After a failure to write, closing may fail the same way; the failure was reported when it happened, and
    /// LiteDB's log keeps every whole transaction for the next start.</summary>
    private void CloseFiles()
    {
        try
        {
            _db.Dispose();
        }
        catch (Exception e) when (HasFailed || StorageFailedException.IsFileFailure(e))
        {
            Failing(e);
        }
        _dataFile.Dispose();
    }

    /// <summary>Checkpoints and flushes the data file to the device, then lets the waiting callers go on; when either
    /// fails (a full or read-only disk), each of them gets the exception and nothing is told kept that may not be.</summary>
    private void FlushToDisk()
    {
        var waiting = _awaitingDisk.ToArray();
        _awaitingDisk.Clear();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            _db.Checkpoint();
            _dataFile.Flush(flushToDisk: true);
            // The checkpoint asked for by CheckpointSoon is served too.
            _checkpointDue = null;
        }
#pragma warning disable CA1031 // Handed to every caller waiting on it; the gate itself goes on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var failure = Failing(e);
            foreach (var waiter in waiting)
            {
                waiter.Failed(failure);
            }
            return;
        }
        Interlocked.Increment(ref _diskFlushes);
        Interlocked.Add(ref _diskFlushTicks, System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks);
        foreach (var waiter in waiting)
        {
            waiter.Done();
        }
    }

    private void ThrowIfFailed()
    {
        if (_failure is { } failure)
        {
            throw new StorageFailedException(failure);
        }
    }

    /// <summary>A failure of the files themselves (not of the work's own logic) stops all storing: LiteDB may hold a
    /// half-written transaction in memory, and a second write on a full disk would not fare better.</summary>
    private Exception Failing(Exception e)
    {
        if (e is StorageFailedException || !StorageFailedException.IsFileFailure(e))
        {
            return e;
        }
        if (Interlocked.CompareExchange(ref _failure, e, null) is null)
        {
            // Not on this thread: whoever waits for the failure must not run inside the gate.
            ThreadPool.QueueUserWorkItem(_ => _failed.Cancel());
            // The token source is not disposed: a cancellation may still be on its way when the gate closes.
        }
        return new StorageFailedException(e);
    }

    private void CheckpointNow()
    {
        try
        {
            _db.Checkpoint();
        }
#pragma warning disable CA1031 // A failed checkpoint is tried again at the next one or at closing; it must not end the gate.
        catch (Exception e)
#pragma warning restore CA1031
        {
            // A full or read-only disk leaves LiteDB's pages half-changed in memory: that stops all storing.
            Failing(e);
            _checkpointDue = Environment.TickCount64 + (long)CheckpointDelay.TotalMilliseconds;
        }
    }
}
