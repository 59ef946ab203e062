using CommunityBot.Storage;
using CommunityBot.Tests.Support;
using LiteDB;

namespace CommunityBot.Tests.Storage;

/// <summary>Changes queued together share one commit (a group commit); one that fails must neither undo nor hold up
/// the others, and nobody is told done before the commit holding their change.</summary>
public sealed class GroupCommitTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ChangesQueuedTogetherShareOneCommitAndAreAllKept()
    {
        List<Task> changes;
        using (var database = Open())
        {
            using var gate = await HoldAsync(database);
            changes = [.. Enumerable.Range(1, 5).Select(i => database.ChangeAsync(db => Insert(db, i, "kept")))];
            gate.Release();
            await Task.WhenAll(changes);

            Assert.Equal((1, 5, 0), database.GroupCommits);
        }

        using var reopened = Open();
        Assert.Equal([1, 2, 3, 4, 5], await IdsAsync(reopened));
    }

    [Fact]
    public async Task OneFailingChangeNeitherUndoesNorHoldsUpTheOthersOfItsGroup()
    {
        using (var database = Open())
        {
            using var gate = await HoldAsync(database);
            var first = database.ChangeAsync(db => Insert(db, 1, "first"));
            // Fails in our own code, after writing: its write must go, and only its own.
            var failing = database.ChangeAsync(db =>
            {
                Insert(db, 2, "half-done");
                throw new InvalidOperationException("this update fails");
            });
            var third = database.ChangeAsync(db => Insert(db, 3, "third"));
            // Fails inside LiteDB (a second document with the first one's id), which rolls back the whole transaction.
            var duplicate = database.ChangeAsync(db => Insert(db, 1, "duplicate"));
            var last = database.ChangeAsync(db => Insert(db, 5, "last"));
            gate.Release();

            await first.WaitAsync(Patience);
            await Assert.ThrowsAsync<InvalidOperationException>(() => failing.WaitAsync(Patience));
            await third.WaitAsync(Patience);
            await Assert.ThrowsAsync<LiteException>(() => duplicate.WaitAsync(Patience));
            await last.WaitAsync(Patience);
            Assert.Equal(1, database.GroupCommits.Replayed);
        }

        using var reopened = Open();
        Assert.Equal([1, 3, 5], await IdsAsync(reopened));
        Assert.Equal("first", await reopened.RunAsync(db => db.GetCollection("things").FindById(1)["by"].AsString));
    }

    [Fact]
    public async Task WhatFollowsACommitRunsOnlyOnceTheChangeIsStored()
    {
        using var database = Open();
        using var gate = await HoldAsync(database);
        var seen = new List<string>();
        var kept = database.ChangeAsync(db => Insert(db, 1, "kept"), () => seen.Add("kept"));
        var failed = database.ChangeAsync(_ => throw new InvalidOperationException("fails"), () => seen.Add("failed"));
        gate.Release();

        await kept.WaitAsync(Patience);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failed.WaitAsync(Patience));
        Assert.Equal(["kept"], seen);
    }

    [Fact]
    public async Task OtherWorkQueuedBetweenChangesSeesExactlyTheChangesQueuedBeforeIt()
    {
        using var database = Open();
        using var gate = await HoldAsync(database);
        var before = database.ChangeAsync(db => Insert(db, 1, "before"));
        var counted = database.RunAsync(db => db.GetCollection("things").Count());
        var after = database.ChangeAsync(db => Insert(db, 2, "after"));
        gate.Release();

        await Task.WhenAll(before, after).WaitAsync(Patience);
        Assert.Equal(1, await counted);
    }

    [Fact]
    public async Task ADurableChangeSharesItsGroupsCommitButIsToldDoneOnlyOnceTheCommitReachedTheDevice()
    {
        using (var database = Open())
        {
            using var gate = await HoldAsync(database);
            var plain = database.ChangeAsync(db => Insert(db, 1, "draft"));
            var durable = database.ChangeDurablyAsync(db =>
            {
                Insert(db, 2, "report");
                return "R-7K3Q";
            });
            var failing = database.ChangeAsync(_ => throw new InvalidOperationException("this update fails"));
            // Work queued behind the group holds the gate after the commit: no flush can run until it is released.
            using var after = QueueHold(database);
            gate.Release();

            await plain.WaitAsync(Patience);
            await Assert.ThrowsAsync<InvalidOperationException>(() => failing.WaitAsync(Patience));
            Assert.True(await Task.Run(() => after.Started.Wait(Patience)));
            Assert.False(durable.IsCompleted);
            Assert.Equal(0, database.DiskFlushes.Count);

            after.Release();
            Assert.Equal("R-7K3Q", await durable.WaitAsync(Patience));
            Assert.Equal(1, database.DiskFlushes.Count);
            Assert.Equal(1, database.GroupCommits.Replayed);
        }

        using var reopened = Open();
        Assert.Equal([1, 2], await IdsAsync(reopened));
    }

    [Fact]
    public async Task AChangeAloneIsCommittedAloneAndItsFailureReachesItsCaller()
    {
        using var database = Open();

        await database.ChangeAsync(db => Insert(db, 1, "alone"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => database.ChangeAsync(_ => throw new InvalidOperationException("fails")));

        Assert.Equal([1], await IdsAsync(database));
        Assert.Equal((0, 0, 0), database.GroupCommits);
    }

    private static void Insert(LiteDatabase db, int id, string by) =>
        db.GetCollection("things").Insert(new BsonDocument { ["_id"] = id, ["by"] = by });

    private static Task<List<int>> IdsAsync(Database database) =>
        database.RunAsync(db => db.GetCollection("things").FindAll().Select(d => d["_id"].AsInt32).Order().ToList());

    /// <summary>Keeps the database thread busy until released, so that what is queued meanwhile is queued together.</summary>
    private static async Task<HeldGate> HoldAsync(Database database)
    {
        var held = QueueHold(database);
        Assert.True(await Task.Run(() => held.Started.Wait(Patience)));
        return held;
    }

    /// <summary>Queues work that keeps the database thread busy, once it gets there, until released.</summary>
    private static HeldGate QueueHold(Database database)
    {
        var held = new HeldGate();
        _ = database.RunAsync(_ =>
        {
            held.Started.Set();
            held.Released.Wait(Patience);
        });
        return held;
    }

    private Database Open() =>
        new(Microsoft.Extensions.Options.Options.Create(new StorageOptions { DataDirectory = _directory.File("data") }));

    private sealed class HeldGate : IDisposable
    {
        public ManualResetEventSlim Started { get; } = new();

        public ManualResetEventSlim Released { get; } = new();

        public void Release() => Released.Set();

        public void Dispose()
        {
            Released.Set();
            Started.Dispose();
            Released.Dispose();
        }
    }
}
