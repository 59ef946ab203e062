using CommunityBot.Privacy;
using CommunityBot.Storage;
using CommunityBot.Tests.Support;
using LiteDB;

namespace CommunityBot.Tests.Storage;

/// <summary>The markers of one commit are stored together as one document; whether an update was seen is answered
/// from memory, which must agree with the files: after a commit, a failed group, a purge and a restart.</summary>
public sealed class UpdateMarkerBatchesTests : IDisposable
{
    private const int Members = 40;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task AGroupCommitOfManyAnswersStoresOneBatchAndEveryUpdateIsSeenAlsoAfterARestart()
    {
        var keys = TestKeys.Fresh();
        List<string> marked;
        using (var stores = new TestStores(_directory, keys))
        {
            var markers = Markers(stores);
            marked = [.. await Task.WhenAll(Enumerable.Range(1, Members).Select(i => markers.ForAsync("telegram", i)))];
            var members = await MembersAsync(stores, Members);
            var saves = await WhileHeldAsync(stores.Database, () => marked.Select((marker, i) => SaveDraftAsync(stores, members[i], marker)).ToList());
            await Task.WhenAll(saves).WaitAsync(Patience);

            Assert.Equal((1, Members, 0), stores.Database.GroupCommits);
            var batch = Assert.Single(await StoredMarkers.BatchesAsync(stores.Database));
            // The hour, the markers sorted (their order says nothing of who answered first), and a random id: no more.
            Assert.Equal(["_id", "at", "markers"], batch.Keys.Order(StringComparer.Ordinal));
            Assert.True(batch["_id"].IsGuid);
            Assert.Equal(new DateTimeOffset(2026, 3, 12, 15, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), batch["at"].AsInt64);
            Assert.Equal(marked.Order(StringComparer.Ordinal), batch["markers"].AsArray.Select(marker => marker.AsString));
            Assert.Equal(0, await stores.Database.RunAsync(db => db.GetCollection(StoredMarkers.Single).Count()));
            foreach (var (marker, i) in marked.Select((marker, i) => (marker, i + 1)))
            {
                Assert.True(await markers.SeenAsync(marker));
                Assert.Equal(new MarkedUpdate(marker, Seen: true), await markers.CheckAsync("telegram", i));
            }
            Assert.False((await markers.CheckAsync("telegram", Members + 1)).Seen);
        }

        using var restarted = new TestStores(_directory, keys);
        var afterRestart = Markers(restarted);
        Assert.False((await afterRestart.CheckAsync("telegram", Members + 1)).Seen);
        for (var i = 1; i <= Members; i++)
        {
            Assert.Equal(new MarkedUpdate(marked[i - 1], Seen: true), await afterRestart.CheckAsync("telegram", i));
        }
    }

    [Fact]
    public async Task AGroupWithAFailingChangeIsReplayedAndOnlyTheFailedUpdateIsNotSeen()
    {
        var keys = TestKeys.Fresh();
        string[] marked;
        using (var stores = new TestStores(_directory, keys))
        {
            var markers = Markers(stores);
            marked = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => markers.ForAsync("telegram", i)));
            var now = stores.Time.GetUtcNow();
            var members = await MembersAsync(stores, 4);
            var (first, second, failing, last) = await WhileHeldAsync(stores.Database, () => (
                SaveDraftAsync(stores, members[0], marked[0]),
                SaveDraftAsync(stores, members[1], marked[1]),
                stores.Database.ChangeAsync(db =>
                {
                    UpdateMarkers.Mark(db, marked[2], now);
                    throw new InvalidOperationException("this update fails");
                }),
                SaveDraftAsync(stores, members[3], marked[3])));

            await Task.WhenAll(first, second, last).WaitAsync(Patience);
            await Assert.ThrowsAsync<InvalidOperationException>(() => failing.WaitAsync(Patience));
            Assert.Equal(1, stores.Database.GroupCommits.Replayed);
            Assert.False(await markers.SeenAsync(marked[2]));
            Assert.False((await markers.CheckAsync("telegram", 3)).Seen);
            foreach (var i in new[] { 0, 1, 3 })
            {
                Assert.True((await markers.CheckAsync("telegram", i + 1)).Seen);
            }
            // Each survivor was committed again alone, with a batch of its own; the failed one's marker is in none.
            var batches = await StoredMarkers.BatchesAsync(stores.Database);
            Assert.Equal(3, batches.Count);
            Assert.Equivalent(new[] { marked[0], marked[1], marked[3] }, await StoredMarkers.AllAsync(stores.Database));
        }

        using var restarted = new TestStores(_directory, keys);
        var afterRestart = Markers(restarted);
        Assert.False((await afterRestart.CheckAsync("telegram", 3)).Seen);
        Assert.True((await afterRestart.CheckAsync("telegram", 4)).Seen);
    }

    [Fact]
    public async Task PurgedBatchesGoWholeAndTheirUpdatesAreNoLongerSeen()
    {
        using var stores = new TestStores(_directory);
        var markers = Markers(stores);
        var older = await Task.WhenAll(Enumerable.Range(1, 5).Select(i => markers.ForAsync("telegram", i)));
        var members = await MembersAsync(stores, older.Length);
        await Task.WhenAll(await WhileHeldAsync(stores.Database, () => older.Select((marker, i) => SaveDraftAsync(stores, members[i], marker)).ToList()));
        stores.Time.Advance(TimeSpan.FromHours(3));
        var newer = await markers.ForAsync("telegram", 6);
        await markers.MarkAsync(newer);
        Assert.Equal(2, (await StoredMarkers.BatchesAsync(stores.Database)).Count);

        stores.Time.Advance(UpdateMarkers.Lifetime - TimeSpan.FromHours(1));
        Assert.Equal(older.Length, await markers.PurgeAsync());

        var left = Assert.Single(await StoredMarkers.BatchesAsync(stores.Database));
        Assert.Equal([newer], left["markers"].AsArray.Select(marker => marker.AsString));
        foreach (var marker in older)
        {
            Assert.False(await markers.SeenAsync(marker));
        }
        Assert.False((await markers.CheckAsync("telegram", 1)).Seen);
        Assert.True((await markers.CheckAsync("telegram", 6)).Seen);
    }

    [Fact]
    public async Task AMarkerStoredAloneBeforeTheUpgradeIsStillSeenAfterARestartUntilItExpires()
    {
        var keys = TestKeys.Fresh();
        string marker;
        using (var before = new TestStores(_directory, keys))
        {
            // The shape every marker had before batches: one document each, under the marker.
            marker = (await before.PeriodKeys.OfAsync(PeriodPurpose.UpdateMarkers, "telegram:55")).Current;
            var hour = new DateTimeOffset(2026, 3, 12, 15, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
            await before.Database.RunAsync(db => db.GetCollection(StoredMarkers.Single).Insert(
                new BsonDocument { ["_id"] = marker, ["at"] = hour, ["periodic"] = true }));
        }

        using var stores = new TestStores(_directory, keys);
        var markers = Markers(stores);
        Assert.Equal(new MarkedUpdate(marker, Seen: true), await markers.CheckAsync("telegram", 55));
        Assert.True(await markers.SeenAsync(marker));
        Assert.False((await markers.CheckAsync("telegram", 56)).Seen);

        stores.Time.Advance(UpdateMarkers.Lifetime + TimeSpan.FromHours(1));
        Assert.Equal(1, await markers.PurgeAsync());
        Assert.False((await markers.CheckAsync("telegram", 55)).Seen);
        Assert.False(await markers.SeenAsync(marker));
    }

    [Fact]
    public async Task AMarkerUnderTheOldFixedKeyIsRecognisedByEveryReaderNotOnlyTheFirst()
    {
        using var stores = new TestStores(_directory);
        var legacy = stores.Pseudonyms.Of(PseudonymPurpose.UpdateMarkers, "telegram:77");
        await stores.Database.RunAsync(db => db.GetCollection(StoredMarkers.Single).Insert(
            new BsonDocument { ["_id"] = legacy, ["at"] = stores.Time.GetUtcNow().ToUnixTimeSeconds() }));
        Assert.False((await Markers(stores).CheckAsync("telegram", 78)).Seen);

        Assert.Equal(new MarkedUpdate(legacy, Seen: true), await Markers(stores).CheckAsync("telegram", 77));
    }

    [Fact]
    public async Task AnUpdateIsMarkedOnlyInTheTransactionOfItsChange()
    {
        using var stores = new TestStores(_directory);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            stores.Database.RunAsync(db => UpdateMarkers.Mark(db, "outside", stores.Time.GetUtcNow())));

        Assert.Empty(await StoredMarkers.AllAsync(stores.Database));
    }

    private static UpdateMarkers Markers(TestStores stores) =>
        new(stores.Database, stores.PeriodKeys, stores.Pseudonyms, stores.Cipher, stores.Time);

    private static Task SaveDraftAsync(TestStores stores, PeriodPseudonym member, string marker) =>
        stores.Drafts.SaveAsync(member, Samples.State(stores.Time.GetUtcNow()) with { StepId = "when" }, updateMarker: marker);

    /// <summary>Their draft keys, made before their answers are queued.</summary>
    private static Task<PeriodPseudonym[]> MembersAsync(TestStores stores, int count) =>
        Task.WhenAll(Enumerable.Range(1, count).Select(i => stores.DraftKeyAsync($"telegram:{500 + i}")));

    /// <summary>Queues what <paramref name="queue"/> starts while the database thread is busy, so that it is queued
    /// together (as members answering at once are).</summary>
    private static async Task<T> WhileHeldAsync<T>(Database database, Func<T> queue)
    {
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var busy = database.RunAsync(_ =>
        {
            started.Set();
            release.Wait(Patience);
        });
        Assert.True(await Task.Run(() => started.Wait(Patience)));
        var queued = queue();
        release.Set();
        await busy;
        return queued;
    }
}
