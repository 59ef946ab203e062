using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using LiteDB;
using Microsoft.Extensions.Options;

namespace CommunityBot.Storage;

/// <summary>
/// The one <see cref="LiteDatabase"/> of the process and the one gate to it. LiteDB binds a transaction
/// to the OS thread that began it, so work that crosses an <c>await</c> would lose its transaction;
/// every call therefore runs, in order, on a single dedicated thread, and callers await the result.
/// </summary>
internal sealed class Database : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly FileStream _lock;
    private readonly LiteDatabase _db;
    private readonly BlockingCollection<Action> _queue = [];
    private readonly Thread _thread;
    private int _disposed;

    /// <summary>When the checkpoint <see cref="CheckpointSoon"/> asked for is due; touched only on the database thread.</summary>
    private long? _checkpointDue;
    private ExceptionDispatchInfo? _closeFailure;

    public Database(IOptions<StorageOptions> options)
    {
        var settings = options.Value;
        Path = settings.DatabasePath;
        LogPath = System.IO.Path.Combine(
            System.IO.Path.GetDirectoryName(Path) ?? ".",
            $"{System.IO.Path.GetFileNameWithoutExtension(Path)}-log{System.IO.Path.GetExtension(Path)}");

        PrepareFiles();
        _lock = Lock();
        var connection = new ConnectionString
        {
            Filename = Path,
            Connection = ConnectionType.Direct,
            Password = string.IsNullOrEmpty(settings.Password) ? null : settings.Password,
        };
        try
        {
            _db = new LiteDatabase(connection, new BsonMapper());
            TightenModes();
        }
        catch
        {
            _lock.Dispose();
            throw;
        }

        _thread = new Thread(Run) { IsBackground = true, Name = "LiteDB gate" };
        _thread.Start();
    }

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
                completion.SetResult(work(_db));
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        });
        return completion.Task;
    }

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
            await RunAsync(db => db.GetCollection(ProbeCollection).Upsert(new BsonDocument { ["_id"] = 1 })).WaitAsync(patience).ConfigureAwait(false);
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

    /// <summary>How long a requested checkpoint may wait, so that a burst of submissions pays for one checkpoint
    /// (which blocks the database thread and empties LiteDB's page cache) instead of one each.</summary>
    public static readonly TimeSpan CheckpointDelay = TimeSpan.FromSeconds(1);

    /// <summary>Asks for a checkpoint within <see cref="CheckpointDelay"/>: for data removed as a matter of course
    /// (a submitted report's draft, whose content lives on in the report). Erasure a person asked for checkpoints at
    /// once instead. Call it only from work running on the database thread.</summary>
    public void CheckpointSoon() =>
        _checkpointDue ??= Environment.TickCount64 + (long)CheckpointDelay.TotalMilliseconds;

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
        _closeFailure?.Throw();
    }

    private void Enqueue(Action item)
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
            Action? item;
            try
            {
                taken = _queue.TryTake(out item, wait);
            }
            catch (InvalidOperationException)
            {
                // Completed while waiting.
                break;
            }
            if (taken && item is not null)
            {
                item();
            }
            if (_checkpointDue is { } dueNow && Environment.TickCount64 >= dueNow)
            {
                _checkpointDue = null;
                CheckpointNow();
            }
        }

        // Closing runs here too: a checkpoint must not meet a transaction of another thread.
        try
        {
            _db.Checkpoint();
        }
        catch (Exception e)
        {
            // Thrown on this thread it would end the process; Dispose rethrows it to its caller.
            _closeFailure = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            _db.Dispose();
        }
    }

    private void CheckpointNow()
    {
        try
        {
            _db.Checkpoint();
        }
#pragma warning disable CA1031 // A failed checkpoint is tried again at the next one or at closing; it must not end the gate.
        catch (Exception)
#pragma warning restore CA1031
        {
            _checkpointDue = Environment.TickCount64 + (long)CheckpointDelay.TotalMilliseconds;
        }
    }

    // LiteDB in direct mode does not stop a second process (a CLI verb beside the service) from
    // opening the same file, and two writers corrupt it. An exclusive lock file does.
    private FileStream Lock()
    {
        var path = Path + ".lock";
        var lockOptions = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            lockOptions.UnixCreateMode = OwnerOnly;
        }

        try
        {
            return new FileStream(path, lockOptions);
        }
        catch (IOException e)
        {
            throw new IOException($"The database {Path} is in use by another process (or another Database in this one); stop it first.", e);
        }
    }

    // Created empty by us with owner-only mode before LiteDB opens them, so that the files are never
    // readable by others, not even between LiteDB creating them and the mode being changed.
    private void PrepareFiles()
    {
        var directory = System.IO.Path.GetDirectoryName(Path) ?? ".";
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }

        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        foreach (var file in new[] { Path, LogPath })
        {
            if (!File.Exists(file))
            {
                using var created = new FileStream(file, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    UnixCreateMode = OwnerOnly,
                });
            }
        }
    }

    private void TightenModes()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var file in new[] { Path, LogPath })
        {
            if (File.Exists(file))
            {
                File.SetUnixFileMode(file, OwnerOnly);
            }
        }
    }
}
