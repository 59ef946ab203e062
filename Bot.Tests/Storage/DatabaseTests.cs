using System.Runtime.Versioning;
using CommunityBot.Storage;
using CommunityBot.Tests.Support;
using LiteDB;

namespace CommunityBot.Tests.Storage;

public sealed class DatabaseTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task AllWorkRunsOnOneThreadHoweverManyCallersThereAre()
    {
        using var database = Open();

        var threads = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => Task.Run(() =>
            database.RunAsync(db =>
            {
                db.GetCollection("things").Insert(new BsonDocument { ["_id"] = i });
                return Environment.CurrentManagedThreadId;
            }))));

        Assert.Single(threads.Distinct());
        Assert.NotEqual(Environment.CurrentManagedThreadId, threads[0]);
        Assert.Equal(500, await database.RunAsync(db => db.GetCollection("things").Count()));
    }

    [Fact]
    public async Task AFailureReachesTheCallerAndTheGateKeepsWorking()
    {
        using var database = Open();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            database.RunAsync(_ => throw new InvalidOperationException("boom")));

        Assert.Equal(42, await database.RunAsync(_ => 42));
    }

    [Fact]
    public async Task ATransactionHeldWithinOneCallIsCommittedOrRolledBack()
    {
        using var database = Open();

        await Assert.ThrowsAsync<InvalidOperationException>(() => database.RunAsync(db =>
        {
            db.BeginTrans();
            try
            {
                db.GetCollection("things").Insert(new BsonDocument { ["_id"] = 1 });
                throw new InvalidOperationException("half way");
            }
            catch
            {
                db.Rollback();
                throw;
            }
        }));

        Assert.Equal(0, await database.RunAsync(db => db.GetCollection("things").Count()));
    }

    [Fact]
    public async Task WorkQueuedBeforeDisposeIsFinishedAndSurvivesReopening()
    {
        var database = Open();
        var writes = Enumerable.Range(0, 200)
            .Select(i => database.RunAsync(db => db.GetCollection("things").Insert(new BsonDocument { ["_id"] = i })))
            .ToList();

        database.Dispose();
        await Task.WhenAll(writes);

        using var reopened = Open();
        Assert.Equal(200, await reopened.RunAsync(db => db.GetCollection("things").Count()));
    }

    [Fact]
    public async Task ASecondOpenOfTheSameFileIsRefusedUntilTheFirstIsClosed()
    {
        var first = Open();

        var error = Assert.Throws<IOException>(() => Open());
        Assert.Contains("in use", error.Message, StringComparison.Ordinal);

        first.Dispose();
        using var second = Open();
        Assert.Equal(1, await second.RunAsync(_ => 1));
    }

    [Fact]
    public async Task CallsAfterDisposeAreRefused()
    {
        var database = Open();
        database.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => database.RunAsync(_ => 1));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task TheDatabaseFilesAndTheirDirectoryAreReadableOnlyByTheOwner()
    {
        using var database = Open();
        await database.RunAsync(db =>
        {
            db.BeginTrans();
            db.GetCollection("things").Insert(new BsonDocument { ["_id"] = 1 });
            db.Commit();
        });

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(database.Path));
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
            File.GetUnixFileMode(Path.GetDirectoryName(database.Path) ?? ""));
        if (File.Exists(database.LogPath))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(database.LogPath));
        }
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task TheLogFileStaysOwnerOnlyAcrossCheckpointsAndRestarts()
    {
        for (var run = 0; run < 2; run++)
        {
            using var database = Open();
            for (var i = 0; i < 3; i++)
            {
                await database.RunAsync(db => db.GetCollection("things").Insert(new BsonDocument { ["_id"] = Guid.NewGuid() }));
                Assert.True(File.Exists(database.LogPath));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(database.LogPath));
                await database.RunAsync(db => db.Checkpoint());
            }
        }
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task AfterACompactionTheLogFileIsOwnerOnlyAgainAndDurableWorkIsFlushedAndKept()
    {
        var path = "";
        using (var database = Open("correct horse"))
        {
            path = database.Path;
            await database.RunAsync(db => db.GetCollection("things").Insert(new BsonDocument { ["_id"] = 1 }));

            // The rebuild deletes LiteDB's log and puts a new data file in the place of the old one.
            await database.CompactAsync();
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(database.LogPath));
            await database.ChangeDurablyAsync(db => db.GetCollection("things").Insert(new BsonDocument { ["_id"] = 2 }));

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(database.LogPath));
            Assert.Equal(1, database.DiskFlushes.Count);
        }

        using var reopened = Open("correct horse");
        Assert.Equal(path, reopened.Path);
        Assert.Equal(2, await reopened.RunAsync(db => db.GetCollection("things").Count()));
    }

    [Fact]
    public async Task APasswordProtectedDatabaseOpensAgainWithItsPassword()
    {
        using (var database = Open("correct horse"))
        {
            await database.RunAsync(db => db.GetCollection("things").Insert(new BsonDocument { ["_id"] = 1 }));
        }

        using var reopened = Open("correct horse");
        Assert.Equal(1, await reopened.RunAsync(db => db.GetCollection("things").Count()));
    }

    [Fact]
    public async Task UrgentWorkRunsBeforeTheWorkAlreadyQueuedAndAfterTheWorkUnderWay()
    {
        using var database = Open();
        using var started = new ManualResetEventSlim();
        using var held = new ManualResetEventSlim();
        var order = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var underWay = database.RunAsync(_ =>
        {
            started.Set();
            held.Wait(TimeSpan.FromSeconds(30));
            order.Enqueue("under way");
        });
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)));
        var queued = Enumerable.Range(1, 3).Select(i => database.RunAsync(_ => order.Enqueue($"queued {i}"))).ToList();
        var change = database.ChangeAsync(_ => order.Enqueue("change"));

        var urgent = database.RunFirstAsync(_ => order.Enqueue("urgent"));
        held.Set();
        await Task.WhenAll([underWay, urgent, change, .. queued]);

        Assert.Equal(["under way", "urgent", "queued 1", "queued 2", "queued 3", "change"], order);
    }

    [Fact]
    public async Task UrgentWorkAskedWhileOtherWorkRunsDoesNotWaitForTheFlushDueAfterIt()
    {
        using var database = Open();
        using var gateHeld = new ManualResetEventSlim();
        using var workStarted = new ManualResetEventSlim();
        using var workHeld = new ManualResetEventSlim();
        var first = database.RunAsync(_ => gateHeld.Wait(TimeSpan.FromSeconds(30)));
        // A submission committed, waiting for the device, and other work right behind it.
        var submission = database.ChangeDurablyAsync(_ => true);
        var work = database.RunAsync(_ =>
        {
            workStarted.Set();
            workHeld.Wait(TimeSpan.FromSeconds(30));
        });
        gateHeld.Set();
        Assert.True(workStarted.Wait(TimeSpan.FromSeconds(30)));

        // A card Telegram accepted meanwhile: its record must not wait for the submission's flush, which is due by now.
        var urgent = database.RunFirstAsync(_ => database.DiskFlushes.Count);
        Thread.Sleep(Database.DiskFlushWindow * 2);
        workHeld.Set();

        Assert.Equal(0, await urgent.WaitAsync(TimeSpan.FromSeconds(30)));
        await Task.WhenAll(first, submission, work).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, database.DiskFlushes.Count);
    }

    [Fact]
    public async Task UrgentWorkAsksAfterTheGateClosedIsRefusedNotLeftWaiting()
    {
        var database = Open();
        database.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => database.RunFirstAsync(_ => 1).WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task UrgentWorkReachesTheFileAndItsFailureReachesTheCaller()
    {
        using (var database = Open())
        {
            await database.RunFirstAsync(db => db.GetCollection("things").Insert(new BsonDocument { ["_id"] = 1 }));
            await Assert.ThrowsAsync<InvalidOperationException>(() => database.RunFirstAsync(_ => throw new InvalidOperationException("boom")));
        }
        using var reopened = Open();
        Assert.Equal(1, await reopened.RunAsync(db => db.GetCollection("things").Count()));
    }

    private Database Open(string? password = null) =>
        new(Microsoft.Extensions.Options.Options.Create(new StorageOptions
        {
            DataDirectory = _directory.File("data"),
            Password = password,
        }));
}
