using CommunityBot.Storage;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Storage;

public sealed class UpdateMarkersTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task AMarkedUpdateIsSeenUntilItsMarkerExpires()
    {
        using var stores = new TestStores(_directory);
        var markers = new UpdateMarkers(stores.Database, stores.PeriodKeys, stores.Pseudonyms, stores.Cipher, stores.Time);
        var marker = await markers.ForAsync("telegram", 1234);

        Assert.False(await markers.SeenAsync(marker));
        await markers.MarkAsync(marker);
        Assert.True(await markers.SeenAsync(marker));

        stores.Time.Advance(TimeSpan.FromHours(47));
        await markers.PurgeAsync();
        Assert.True(await markers.SeenAsync(marker));

        stores.Time.Advance(TimeSpan.FromHours(2));
        await markers.PurgeAsync();
        Assert.False(await markers.SeenAsync(marker));
    }

    [Fact]
    public async Task AnUpdateToldNewFromMemoryIsSeenOnceItsChangeIsStoredAndAfterARestart()
    {
        var keys = TestKeys.Fresh();
        string marker;
        using (var stores = new TestStores(_directory, keys))
        {
            var markers = new UpdateMarkers(stores.Database, stores.PeriodKeys, stores.Pseudonyms, stores.Cipher, stores.Time);
            Assert.False((await markers.CheckAsync("telegram", 1)).Seen);
            // Answered from memory from now on: the updates checked so far are all that may be stored.
            var second = await markers.CheckAsync("telegram", 2);
            Assert.False(second.Seen);
            marker = second.Marker;
            // Delivered again before its change was stored: still new.
            Assert.False((await markers.CheckAsync("telegram", 2)).Seen);

            await stores.Drafts.SaveAsync(await stores.DraftKeyAsync("telegram:7"), Samples.State(stores.Time.GetUtcNow()), updateMarker: marker);

            Assert.Equal(new MarkedUpdate(marker, Seen: true), await markers.CheckAsync("telegram", 2));
            Assert.False((await markers.CheckAsync("telegram", 3)).Seen);
        }

        using (var restarted = new TestStores(_directory, keys))
        {
            var markers = new UpdateMarkers(restarted.Database, restarted.PeriodKeys, restarted.Pseudonyms, restarted.Cipher, restarted.Time);
            Assert.False((await markers.CheckAsync("telegram", 4)).Seen);
            Assert.True((await markers.CheckAsync("telegram", 2)).Seen);
            Assert.False((await markers.CheckAsync("telegram", 5)).Seen);

            // An expired marker leaves memory with the store: its update would be new again.
            restarted.Time.Advance(UpdateMarkers.Lifetime + TimeSpan.FromHours(2));
            await markers.PurgeAsync();
            Assert.False((await markers.CheckAsync("telegram", 2)).Seen);
        }
    }

    [Fact]
    public async Task MemoryTellsManyMarkersApartAndKeepsAMarkerStoredTwiceUntilBothCopiesGo()
    {
        using var stores = new TestStores(_directory);
        var markers = new UpdateMarkers(stores.Database, stores.PeriodKeys, stores.Pseudonyms, stores.Cipher, stores.Time);
        var stored = new List<string>();
        for (var update = 1; update <= 2_000; update++)
        {
            stored.Add(await markers.ForAsync("telegram", update));
        }
        // A marker of another shape than the pseudonyms' hashes is remembered too.
        stored.Add("inbox:event-1");
        await stores.Database.ChangeAsync(db => stored.ForEach(marker => UpdateMarkers.Mark(db, marker, stores.Time.GetUtcNow())));
        Assert.Equal(2_001, stored.Distinct().Count());

        foreach (var marker in stored)
        {
            Assert.True(await markers.SeenAsync(marker));
        }
        for (var update = 2_001; update <= 4_000; update++)
        {
            Assert.False((await markers.CheckAsync("telegram", update)).Seen);
        }
        Assert.False(await markers.SeenAsync("inbox:event-2"));

        // Stored again three hours later, in a second batch: the first batch's expiry leaves the second copy remembered.
        stores.Time.Advance(TimeSpan.FromHours(3));
        await stores.Database.ChangeAsync(db => UpdateMarkers.Mark(db, stored[0], stores.Time.GetUtcNow()));
        stores.Time.Advance(UpdateMarkers.Lifetime - TimeSpan.FromHours(1));
        await markers.PurgeAsync();
        Assert.True(await markers.SeenAsync(stored[0]));
        Assert.False(await markers.SeenAsync(stored[1]));
        stores.Time.Advance(TimeSpan.FromHours(3));
        await markers.PurgeAsync();
        Assert.False(await markers.SeenAsync(stored[0]));
    }

    [Fact]
    public async Task AMarkerIsAKeyedHashNotTheUpdateId()
    {
        using var stores = new TestStores(_directory);
        var markers = new UpdateMarkers(stores.Database, stores.PeriodKeys, stores.Pseudonyms, stores.Cipher, stores.Time);

        var marker = await markers.ForAsync("telegram", 987654321);

        Assert.DoesNotContain("987654321", marker, StringComparison.Ordinal);
        Assert.NotEqual(marker, await markers.ForAsync("telegram", 987654322));
        Assert.Equal(marker, await markers.ForAsync("telegram", 987654321));
    }

    [Fact]
    public async Task AReceiptIsKeptWithItsUpdateOnlyUntilItIsDeliveredAndNeverMoreThanAnHour()
    {
        using var stores = new TestStores(_directory);
        var markers = new UpdateMarkers(stores.Database, stores.PeriodKeys, stores.Pseudonyms, stores.Cipher, stores.Time);
        var delivered = await markers.ForAsync("telegram", 1);
        var lost = await markers.ForAsync("telegram", 2);

        var first = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:1"), Samples.Report(), delivered);
        var second = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:2"), Samples.Report(), lost);

        Assert.Equal(new UndeliveredReceipt("ru", first.Label, first.ReceiptCode), await markers.TakeReceiptAsync(delivered));
        await markers.ReceiptDeliveredAsync(delivered);
        Assert.Null(await markers.TakeReceiptAsync(delivered));
        Assert.True(await markers.SeenAsync(delivered));

        // Submitted at 15:42; the marker keeps only 15:00, so the copy goes once 16:00 has passed: never after more than an hour.
        stores.Time.Advance(TimeSpan.FromMinutes(17));
        await markers.PurgeAsync();
        Assert.Equal(second.ReceiptCode, (await markers.TakeReceiptAsync(lost))?.Code);
        stores.Time.Advance(TimeSpan.FromMinutes(2));
        await markers.PurgeAsync();
        Assert.Null(await markers.TakeReceiptAsync(lost));
        Assert.True(await markers.SeenAsync(lost));
    }

    [Fact]
    public async Task AnUpdateMarkedUnderTheOldFixedKeyBeforeAnUpgradeIsStillRecognisedUntilItsMarkerExpires()
    {
        using var stores = new TestStores(_directory);
        var markers = new UpdateMarkers(stores.Database, stores.PeriodKeys, stores.Pseudonyms, stores.Cipher, stores.Time);
        var legacy = stores.Pseudonyms.Of(CommunityBot.Privacy.PseudonymPurpose.UpdateMarkers, "telegram:77");
        await stores.Database.RunAsync(db => db.GetCollection("update_markers").Insert(
            new LiteDB.BsonDocument { ["_id"] = legacy, ["at"] = stores.Time.GetUtcNow().ToUnixTimeSeconds() }));

        Assert.Equal(new MarkedUpdate(legacy, Seen: true), await markers.CheckAsync("telegram", 77));
        Assert.False((await markers.CheckAsync("telegram", 78)).Seen);

        stores.Time.Advance(UpdateMarkers.Lifetime + TimeSpan.FromMinutes(1));
        await markers.PurgeAsync();
        Assert.False((await markers.CheckAsync("telegram", 77)).Seen);
    }
}
