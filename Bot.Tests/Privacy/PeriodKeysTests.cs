using CommunityBot.Conversations;
using CommunityBot.Privacy;
using CommunityBot.Storage;
using CommunityBot.Tests.Support;
using LiteDB;

namespace CommunityBot.Tests.Privacy;

public sealed class PeriodKeysTests : IDisposable
{
    private static readonly TimeSpan DraftLifetime = TimeSpan.FromHours(24);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ADraftLeftAloneCannotBeFoundForItsMemberOnceItsKeyIsDestroyed()
    {
        using var stores = new TestStores(_directory);
        var then = await stores.DraftKeyAsync("telegram:987654321");
        await stores.Drafts.SaveAsync(then, Samples.State(stores.Time.GetUtcNow()));
        var oldKey = await StoredKeysAsync(stores, PeriodPurpose.Drafts);
        Assert.Single(oldKey);
        await stores.Database.RunAsync(db => db.Checkpoint());
        Assert.True(stores.RawBytes().AsSpan().IndexOf(oldKey[0].Blob) >= 0, "the key is not where this test looks for it");

        // Past the draft's lifetime (it is erased, leaving its mark) and past the end of its key's period.
        stores.Time.Advance(TimeSpan.FromDays(3));
        Assert.Equal(1, await stores.Drafts.PurgeOlderThanAsync(stores.Time.GetUtcNow() - DraftLifetime));
        Assert.Equal(1, await stores.Drafts.DestroyOldKeysAsync(DraftLifetime));

        var now = await stores.DraftKeyAsync("telegram:987654321");
        Assert.DoesNotContain(then.Current, now.All);
        Assert.Equal((null, false), await stores.Drafts.LoadOrTakeExpiredMarkAsync(now));
        Assert.Equal(0, await stores.Database.RunAsync(db => db.GetCollection("drafts").Count()));
        Assert.Equal([PeriodKeys.PeriodAt(PeriodPurpose.Drafts, stores.Time.GetUtcNow())], (await StoredKeysAsync(stores, PeriodPurpose.Drafts)).Select(key => key.Period));
        var raw = stores.RawBytes();
        Assert.True(raw.AsSpan().IndexOf(oldKey[0].Blob) < 0, "the destroyed key's bytes are still in the files");
        Assert.False(RawBytes.Contain(raw, then.Current), "the old pseudonym is still in the files");
    }

    [Fact]
    public async Task ADraftInDailyUseMovesToEachNewKeyAndOutlivesTheOldOnes()
    {
        using var stores = new TestStores(_directory);
        var first = await stores.DraftKeyAsync("telegram:100");
        await stores.Drafts.SaveAsync(first, Samples.State(stores.Time.GetUtcNow()));

        for (var day = 1; day <= 4; day++)
        {
            stores.Time.Advance(TimeSpan.FromHours(20));
            var today = await stores.DraftKeyAsync("telegram:100");
            var draft = await stores.Drafts.LoadAsync(today);
            Assert.NotNull(draft);
            Assert.Equal("story", draft.StepId);
            await stores.Drafts.SaveAsync(today, draft with { UpdatedOn = stores.Time.GetUtcNow() });
            await stores.Drafts.PurgeOlderThanAsync(stores.Time.GetUtcNow() - DraftLifetime);
            await stores.Drafts.DestroyOldKeysAsync(DraftLifetime);

            var stored = await stores.Database.RunAsync(db => db.GetCollection("drafts").FindAll().ToList());
            Assert.Equal(today.Current, Assert.Single(stored)["_id"].AsString);
        }

        // Eighty hours on, the key of the first day (and the next ones) is gone; the draft is not.
        Assert.DoesNotContain(first.Current, (await stores.DraftKeyAsync("telegram:100")).All);
        stores.Drafts.Forget(await stores.DraftKeyAsync("telegram:100"));
        Assert.Equal(Samples.Narrative, Assert.IsType<PendingMask>((await stores.Drafts.LoadAsync(await stores.DraftKeyAsync("telegram:100")))?.Pending).Text);
    }

    [Fact]
    public async Task StoredTimesOfAMembersActivityAreWholeHours()
    {
        using var stores = new TestStores(_directory);
        var markers = new UpdateMarkers(stores.Database, stores.PeriodKeys, stores.Pseudonyms, stores.Cipher, stores.Time);
        var marker = await markers.ForAsync("telegram", 41);
        await stores.Drafts.SaveAsync(await stores.DraftKeyAsync("telegram:1"), Samples.State(stores.Time.GetUtcNow()), marker);
        await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:2"), Samples.Report(), await markers.ForAsync("telegram", 42));

        var drafts = await stores.Database.RunAsync(db =>
            db.GetCollection("drafts").FindAll().ToList());
        var marks = await StoredMarkers.DocumentsAsync(stores.Database);

        // 15:42:17 reaches the disk as 16:00 (a draft's lifetime is never cut short) or 15:00 (a marker's).
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 16, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), Assert.Single(drafts)["updatedOn"].AsInt64);
        Assert.Equal(2, marks.Count);
        Assert.All(marks, document => Assert.Equal(new DateTimeOffset(2026, 3, 12, 15, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), document["at"].AsInt64));
    }

    [Fact]
    public async Task TheMarkOfAnExpiredDraftCarriesItsKeysDayOnlyAndGoesWithTheKey()
    {
        using var stores = new TestStores(_directory);
        var key = await stores.DraftKeyAsync("telegram:7");
        await stores.Drafts.SaveAsync(key, Samples.State(stores.Time.GetUtcNow()));

        stores.Time.Advance(TimeSpan.FromHours(25));
        await stores.Drafts.PurgeOlderThanAsync(stores.Time.GetUtcNow() - DraftLifetime);
        var mark = await stores.Database.RunAsync(db => db.GetCollection("drafts").FindById(key.Current));

        Assert.Equal(["_id", "expired", "period"], mark.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(PeriodKeys.PeriodAt(PeriodPurpose.Drafts, new DateTimeOffset(2026, 3, 12, 0, 0, 0, TimeSpan.Zero)), mark["period"].AsInt64);

        // Not read by its member, it goes with its key: the draft's lifetime and an hour after the key's day ended.
        stores.Time.Advance(TimeSpan.FromHours(8));
        await stores.Drafts.DestroyOldKeysAsync(DraftLifetime);
        Assert.Equal(1, await stores.Database.RunAsync(db => db.GetCollection("drafts").Count()));
        stores.Time.Advance(TimeSpan.FromHours(1));
        await stores.Drafts.DestroyOldKeysAsync(DraftLifetime);
        Assert.Equal(0, await stores.Database.RunAsync(db => db.GetCollection("drafts").Count()));
    }

    [Fact]
    public async Task AnUpdateHandledUnderYesterdaysKeyIsStillRecognisedAndTheKeyGoesOnceItsMarkersHaveExpired()
    {
        using var stores = new TestStores(_directory);
        var markers = new UpdateMarkers(stores.Database, stores.PeriodKeys, stores.Pseudonyms, stores.Cipher, stores.Time);
        var marker = await markers.ForAsync("telegram", 5001);
        await markers.MarkAsync(marker);

        stores.Time.Advance(TimeSpan.FromHours(12));
        var again = await markers.CheckAsync("telegram", 5001);
        Assert.True(again.Seen);
        Assert.Equal(marker, again.Marker);
        Assert.False((await markers.CheckAsync("telegram", 5002)).Seen);

        stores.Time.Advance(TimeSpan.FromHours(47));
        await markers.PurgeAsync();
        var left = Assert.Single(await StoredKeysAsync(stores, PeriodPurpose.UpdateMarkers));
        Assert.Equal(PeriodKeys.PeriodAt(PeriodPurpose.UpdateMarkers, new DateTimeOffset(2026, 3, 13, 0, 0, 0, TimeSpan.Zero)), left.Period);
        Assert.False((await markers.CheckAsync("telegram", 5001)).Seen);
    }

    [Fact]
    public async Task ADraftStoredUnderTheOldFixedKeyBeforeAnUpgradeResumesAndMovesToTheCurrentKey()
    {
        using var stores = new TestStores(_directory);
        var legacy = stores.Pseudonyms.Of(PseudonymPurpose.Drafts, "telegram:300");
        await stores.Drafts.SaveAsync(new PeriodPseudonym(legacy, 0, []), Samples.State(stores.Time.GetUtcNow()));
        await stores.Database.RunAsync(db =>
        {
            // As the previous version stored it: no period, the time to the second.
            var drafts = db.GetCollection("drafts");
            var old = drafts.FindById(legacy);
            old.Remove("period");
            drafts.Update(old);
        });
        stores.Drafts.Forget(new PeriodPseudonym(legacy, 0, []));

        var now = await stores.DraftKeyAsync("telegram:300");
        var draft = await stores.Drafts.LoadAsync(now);
        Assert.NotNull(draft);
        await stores.Drafts.SaveAsync(now, draft);

        var stored = await stores.Database.RunAsync(db => db.GetCollection("drafts").FindAll().ToList());
        Assert.Equal(now.Current, Assert.Single(stored)["_id"].AsString);
    }

    [Fact]
    public async Task MarksStoredUnderTheOldFixedKeyGoAtTheNextSweepAndTheOldKeyIsThenNoLongerTried()
    {
        using var stores = new TestStores(_directory);
        var legacy = stores.Pseudonyms.Of(PseudonymPurpose.Drafts, "telegram:301");
        await stores.Database.RunAsync(db => db.GetCollection("drafts").Insert(new BsonDocument
        {
            ["_id"] = legacy,
            ["updatedOn"] = stores.Time.GetUtcNow().ToUnixTimeSeconds() - 600,
            ["expired"] = true,
        }));
        Assert.Contains(legacy, (await stores.DraftKeyAsync("telegram:301")).All);

        await stores.Drafts.PurgeOlderThanAsync(stores.Time.GetUtcNow() - DraftLifetime);

        Assert.Equal(0, await stores.Database.RunAsync(db => db.GetCollection("drafts").Count()));
        Assert.DoesNotContain(legacy, (await stores.DraftKeyAsync("telegram:301")).All);
    }

    [Fact]
    public async Task RestartingKeepsTheKeysSoDraftsResume()
    {
        var keys = TestKeys.Fresh();
        using (var stores = new TestStores(_directory, keys))
        {
            await stores.Drafts.SaveAsync(await stores.DraftKeyAsync("telegram:100"), Samples.State(stores.Time.GetUtcNow()));
        }

        using var restarted = new TestStores(_directory, keys);
        restarted.Time.Advance(TimeSpan.FromHours(10));

        Assert.Equal("story", (await restarted.Drafts.LoadAsync(await restarted.DraftKeyAsync("telegram:100")))?.StepId);
    }

    private static Task<List<(long Period, byte[] Blob)>> StoredKeysAsync(TestStores stores, PeriodPurpose purpose) =>
        stores.Database.RunAsync(db => db.GetCollection("period_keys").FindAll()
            .Where(document => document["_id"].AsString.StartsWith(purpose switch
            {
                PeriodPurpose.Drafts => "drafts/",
                PeriodPurpose.UpdateMarkers => "update-markers/",
                _ => "letter-defaults/",
            }, StringComparison.Ordinal))
            .Select(document => (document["period"].AsInt64, document["key"].AsBinary))
            .ToList());
}
