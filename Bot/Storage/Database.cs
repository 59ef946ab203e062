using System.Collections.Concurrent;
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

    private readonly LiteDatabase _db;
    private readonly BlockingCollection<Action> _queue = [];
    private readonly Thread _thread;
    private int _disposed;

    public Database(IOptions<StorageOptions> options)
    {
        var settings = options.Value;
        Path = settings.DatabasePath;
        LogPath = System.IO.Path.Combine(
            System.IO.Path.GetDirectoryName(Path) ?? ".",
            $"{System.IO.Path.GetFileNameWithoutExtension(Path)}-log{System.IO.Path.GetExtension(Path)}");

        PrepareFiles();
        var connection = new ConnectionString
        {
            Filename = Path,
            Connection = ConnectionType.Direct,
            Password = string.IsNullOrEmpty(settings.Password) ? null : settings.Password,
        };
        _db = new LiteDatabase(connection, new BsonMapper());
        TightenModes();

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
        foreach (var item in _queue.GetConsumingEnumerable())
        {
            item();
        }

        // Closing runs here too: a checkpoint must not meet a transaction of another thread.
        _db.Checkpoint();
        _db.Dispose();
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
