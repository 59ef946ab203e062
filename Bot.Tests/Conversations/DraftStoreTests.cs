using System.Text;
using CommunityBot.Conversations;
using CommunityBot.Privacy;
using CommunityBot.Tests.Support;
using LiteDB;

namespace CommunityBot.Tests.Conversations;

public sealed class DraftStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 12, 15, 42, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ASavedDraftLoadsBackWhole()
    {
        using var stores = new TestStores(_directory);
        var key = await stores.DraftKeyAsync("telegram:100");
        var state = Samples.State(Now);

        await stores.Drafts.SaveAsync(key, state);
        // Read by a store with nothing in memory, so that what is checked is what was written.
        var loaded = await Uncached(stores, key).LoadAsync(key);

        Assert.NotNull(loaded);
        Assert.Equal(StateCodec.Encode(AsStored(state)), StateCodec.Encode(loaded));
        Assert.Equal(AnswerText.Of(state.Answers), AnswerText.Of(loaded.Answers));
        var mask = Assert.IsType<PendingMask>(loaded.Pending);
        Assert.Equal(Samples.Narrative, mask.Text);
        // Written at 15:42, stored as 16:00: no finer than the hour, and never earlier than the change.
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 16, 0, 0, TimeSpan.Zero), loaded.UpdatedOn);
    }

    [Fact]
    public async Task ADraftSavedAgainUnchangedIsNotRewrittenButItsUpdateIsMarkedHandled()
    {
        using var stores = new TestStores(_directory);
        var key = await stores.DraftKeyAsync("telegram:100");
        var state = Samples.State(Now);
        await stores.Drafts.SaveAsync(key, state, updateMarker: "first");
        var written = await Blob(stores, key);

        // Re-asked within the same hour: only the time in memory moved.
        await stores.Drafts.SaveAsync(key, state with { UpdatedOn = Now.AddMinutes(5) }, updateMarker: "second");

        Assert.Equal(written, await Blob(stores, key));
        Assert.True(await StoredMarkers.ContainsAsync(stores.Database, "second"));
        Assert.Equal(Now.AddMinutes(5), (await stores.Drafts.LoadAsync(key))?.UpdatedOn);

        // A real change is encrypted and written again.
        await stores.Drafts.SaveAsync(key, state with { StepId = "when" }, updateMarker: "third");
        Assert.NotEqual(written, await Blob(stores, key));
        Assert.Equal("when", (await Uncached(stores, key).LoadAsync(key))?.StepId);
    }

    [Fact]
    public async Task MembersAnsweringAtOnceShareACommitAndEachKeepsTheirDraftAndUpdateMarker()
    {
        using var stores = new TestStores(_directory);
        var keys = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => stores.DraftKeyAsync($"telegram:{200 + i}")));
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        // The database thread is busy while they answer, so their saves queue up together.
        var busy = stores.Database.RunAsync(_ =>
        {
            started.Set();
            release.Wait(TimeSpan.FromMinutes(1));
        });
        Assert.True(await Task.Run(() => started.Wait(TimeSpan.FromMinutes(1))));
        var saves = keys.Select((key, i) => stores.Drafts.SaveAsync(key, Samples.State(Now) with { StepId = "when" }, updateMarker: $"update{i}")).ToList();
        release.Set();
        await busy;
        await Task.WhenAll(saves);

        Assert.Equal(1, stores.Database.GroupCommits.Commits);
        for (var i = 0; i < keys.Length; i++)
        {
            Assert.Equal("when", (await Uncached(stores, keys[i]).LoadAsync(keys[i]))?.StepId);
            var marker = $"update{i}";
            Assert.True(await StoredMarkers.ContainsAsync(stores.Database, marker));
        }
    }

    private static Task<byte[]> Blob(TestStores stores, PeriodPseudonym key) =>
        stores.Database.RunAsync(db => db.GetCollection("drafts").FindById(key.Current)["state"].AsBinary);

    [Fact]
    public async Task AMemberWithoutADraftGetsNothing()
    {
        using var stores = new TestStores(_directory);

        Assert.Null(await stores.Drafts.LoadAsync(await stores.DraftKeyAsync("telegram:100")));
    }

    [Fact]
    public async Task SavingAgainReplacesTheDraft()
    {
        using var stores = new TestStores(_directory);
        var key = await stores.DraftKeyAsync("telegram:100");

        await stores.Drafts.SaveAsync(key, Samples.State(Now));
        await stores.Drafts.SaveAsync(key, Samples.State(Now.AddMinutes(1)) with { StepId = "review", Pending = null });

        var loaded = await stores.Drafts.LoadAsync(key);
        Assert.Equal("review", loaded?.StepId);
        Assert.Null(loaded?.Pending);
    }

    [Fact]
    public async Task MembersDoNotSeeEachOthersDrafts()
    {
        using var stores = new TestStores(_directory);
        await stores.Drafts.SaveAsync(await stores.DraftKeyAsync("telegram:100"), Samples.State(Now));

        Assert.Null(await stores.Drafts.LoadAsync(await stores.DraftKeyAsync("telegram:101")));
    }

    [Fact]
    public async Task ADeletedDraftIsGone()
    {
        using var stores = new TestStores(_directory);
        var key = await stores.DraftKeyAsync("telegram:100");
        await stores.Drafts.SaveAsync(key, Samples.State(Now));

        await stores.Drafts.DeleteAsync(key);

        Assert.Null(await stores.Drafts.LoadAsync(key));
    }

    [Fact]
    public async Task ADeletedDraftDoesNotLingerInTheLogFile()
    {
        using var stores = new TestStores(_directory);
        var key = await stores.DraftKeyAsync("telegram:100");
        await stores.Drafts.SaveAsync(key, Samples.State(Now));
        Assert.True(new FileInfo(stores.Database.LogPath).Length > 0);

        await stores.Drafts.DeleteAsync(key);

        Assert.Equal(0, new FileInfo(stores.Database.LogPath).Length);
    }

    [Fact]
    public async Task ASubmittedReportsDraftLeavesTheLogFileWithinAMoment()
    {
        using var stores = new TestStores(_directory);
        var key = await stores.DraftKeyAsync("telegram:101");
        await stores.Drafts.SaveAsync(key, Samples.State(Now));

        await stores.Reports.SubmitAsync(key, Samples.Report());

        // One checkpoint serves a burst of submissions; it comes within a second, so wait boundedly for it.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (new FileInfo(stores.Database.LogPath).Length > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.Equal(0, new FileInfo(stores.Database.LogPath).Length);
        Assert.Null(await stores.Drafts.LoadAsync(key));
    }

    public static TheoryData<string> PendingKinds() => ["selection", "date-day", "date-typed", "place-other", "mask", "too-long", "none"];

    [Theory]
    [MemberData(nameof(PendingKinds))]
    public async Task EveryKindOfPendingQuestionSurvivesAsADraft(string kind)
    {
        using var stores = new TestStores(_directory);
        Pending? pending = kind switch
        {
            "selection" => new PendingSelection(["withdrawal", "lost-job"]),
            "date-day" => new PendingDateDay(),
            "date-typed" => new PendingDateTyped(),
            "place-other" => new PendingPlaceOther(),
            "mask" => new PendingMask(Samples.Narrative, [new SensitiveFinding(SensitiveKind.Email, 0, 11, "a@b.example")]),
            "too-long" => new PendingTooLong(Samples.Narrative),
            _ => null,
        };
        var state = Samples.State(Now) with { Pending = pending };

        await stores.Drafts.SaveAsync(Fixed("member"), state);
        var loaded = await Uncached(stores, Fixed("member")).LoadAsync(Fixed("member"));

        Assert.NotNull(loaded);
        Assert.Equal(pending?.GetType(), loaded.Pending?.GetType());
        Assert.Equal(StateCodec.Encode(AsStored(state)), StateCodec.Encode(loaded));
    }

    [Fact]
    public async Task PurgingRemovesOnlyDraftsOlderThanTheCutoff()
    {
        using var stores = new TestStores(_directory);
        await stores.Drafts.SaveAsync(await stores.DraftKeyAsync("telegram:1"), Samples.State(Now.AddHours(-30)));
        await stores.Drafts.SaveAsync(await stores.DraftKeyAsync("telegram:2"), Samples.State(Now.AddHours(-25)));
        await stores.Drafts.SaveAsync(await stores.DraftKeyAsync("telegram:3"), Samples.State(Now.AddHours(-2)));

        var removed = await stores.Drafts.PurgeOlderThanAsync(Now.AddHours(-24));

        Assert.Equal(2, removed);
        Assert.Null(await stores.Drafts.LoadAsync(await stores.DraftKeyAsync("telegram:1")));
        Assert.Null(await stores.Drafts.LoadAsync(await stores.DraftKeyAsync("telegram:2")));
        Assert.NotNull(await stores.Drafts.LoadAsync(await stores.DraftKeyAsync("telegram:3")));
    }

    [Fact]
    public async Task MemberCanResumeADraftAfterRestart()
    {
        var keys = TestKeys.Fresh();
        using (var stores = new TestStores(_directory, keys))
        {
            await stores.Drafts.SaveAsync(await stores.DraftKeyAsync("telegram:100"), Samples.State(Now));
        }

        using var restarted = new TestStores(_directory, keys);
        var loaded = await restarted.Drafts.LoadAsync(await restarted.DraftKeyAsync("telegram:100"));

        Assert.Equal("story", loaded?.StepId);
    }

    [Fact]
    public async Task ADraftUnderADifferentDataKeyIsTreatedAsAbsent()
    {
        using (var stores = new TestStores(_directory))
        {
            await stores.Drafts.SaveAsync(Fixed("same-pseudonym"), Samples.State(Now));
        }

        using var otherKeys = new TestStores(_directory);

        Assert.Null(await otherKeys.Drafts.LoadAsync(Fixed("same-pseudonym")));
    }

    [Fact]
    public async Task ADraftCopiedUnderAnotherMembersPseudonymDoesNotDecrypt()
    {
        using var stores = new TestStores(_directory);
        await stores.Drafts.SaveAsync(Fixed("victim"), Samples.State(Now));

        await stores.Database.RunAsync(db =>
        {
            var drafts = db.GetCollection("drafts");
            var copy = drafts.FindById("victim");
            copy["_id"] = "attacker";
            drafts.Insert(copy);
        });

        Assert.Null(await stores.Drafts.LoadAsync(Fixed("attacker")));
        Assert.NotNull(await stores.Drafts.LoadAsync(Fixed("victim")));
    }

    [Fact]
    public async Task TheDatabaseHoldsNeitherTheNarrativeInProgressNorTheUserKey()
    {
        using var stores = new TestStores(_directory);
        var key = await stores.DraftKeyAsync("telegram:987654321");
        await stores.Drafts.SaveAsync(key, Samples.State(Now));

        AssertStoredWithoutSecrets(stores.RawBytes(), key);
        stores.Dispose();
        AssertStoredWithoutSecrets(stores.RawBytes(), key);
    }

    [Fact]
    public async Task ASavedDraftIsKeptInMemoryAndTheSameIsInTheStore()
    {
        using var stores = new TestStores(_directory);
        var key = await stores.DraftKeyAsync("telegram:100");
        var state = Samples.State(Now);

        await stores.Drafts.SaveAsync(key, state);

        Assert.Equal(1, stores.Drafts.CachedCount);
        Assert.Same(state, await stores.Drafts.LoadAsync(key));
        var stored = await Uncached(stores, key).LoadAsync(key);
        Assert.NotNull(stored);
        Assert.Equal(StateCodec.Encode(AsStored(state)), StateCodec.Encode(stored));
    }

    [Fact]
    public async Task ADraftReadFromTheStoreIsKeptInMemory()
    {
        using var stores = new TestStores(_directory);
        var key = await stores.DraftKeyAsync("telegram:100");
        await stores.Drafts.SaveAsync(key, Samples.State(Now));
        stores.Drafts.Forget(key);

        var first = await stores.Drafts.LoadAsync(key);

        Assert.Equal(1, stores.Drafts.CachedCount);
        Assert.Same(first, await stores.Drafts.LoadAsync(key));
    }

    [Fact]
    public async Task ADeletedDraftLeavesMemoryToo()
    {
        using var stores = new TestStores(_directory);
        var key = await stores.DraftKeyAsync("telegram:100");
        await stores.Drafts.SaveAsync(key, Samples.State(Now));

        await stores.Drafts.DeleteAsync(key, "update-1");

        Assert.Equal(0, stores.Drafts.CachedCount);
        Assert.Null(await stores.Drafts.LoadAsync(key));
    }

    [Fact]
    public async Task ADraftRemovedBySubmittingItIsNotServedFromMemory()
    {
        using var stores = new TestStores(_directory);
        var key = await stores.DraftKeyAsync("telegram:100");
        await stores.Drafts.SaveAsync(key, Samples.State(Now));

        await stores.Reports.SubmitAsync(key, Samples.Report());

        Assert.Null(await stores.Drafts.LoadAsync(key));
    }

    [Fact]
    public async Task ADraftErasedForAgeIsToldOnceAndADraftFoundIsNotTakenForAMark()
    {
        using var stores = new TestStores(_directory);
        var old = await stores.DraftKeyAsync("telegram:1");
        var kept = await stores.DraftKeyAsync("telegram:2");
        await stores.Drafts.SaveAsync(old, Samples.State(Now.AddHours(-30)));
        await stores.Drafts.SaveAsync(kept, Samples.State(Now.AddHours(-2)));
        await stores.Drafts.PurgeOlderThanAsync(Now.AddHours(-24));

        Assert.Equal((null, true), await stores.Drafts.LoadOrTakeExpiredMarkAsync(old));
        Assert.Equal((null, false), await stores.Drafts.LoadOrTakeExpiredMarkAsync(old));
        Assert.Equal(0, await stores.Database.RunAsync(db => db.GetCollection("drafts").Count(Query.EQ("_id", old.Current))));
        // Read from the store, not from memory.
        var (draft, expired) = await Uncached(stores, kept).LoadOrTakeExpiredMarkAsync(kept);
        Assert.Equal("story", draft?.StepId);
        Assert.False(expired);
    }

    [Fact]
    public async Task APurgedDraftLeavesMemoryToo()
    {
        using var stores = new TestStores(_directory);
        var key = await stores.DraftKeyAsync("telegram:1");
        await stores.Drafts.SaveAsync(key, Samples.State(Now.AddHours(-30)));

        await stores.Drafts.PurgeOlderThanAsync(Now.AddHours(-24));

        Assert.Equal(0, stores.Drafts.CachedCount);
        Assert.Null(await stores.Drafts.LoadAsync(key));
    }

    [Fact]
    public async Task ADraftUnusedForAWhileLeavesMemoryButStaysInTheStore()
    {
        using var stores = new TestStores(_directory);
        var key = await stores.DraftKeyAsync("telegram:100");
        await stores.Drafts.SaveAsync(key, Samples.State(Now));

        stores.Time.Advance(DraftStore.CacheIdleLimit + TimeSpan.FromSeconds(1));
        await stores.Drafts.PurgeOlderThanAsync(Now.AddDays(-30));

        Assert.Equal(0, stores.Drafts.CachedCount);
        Assert.Equal("story", (await stores.Drafts.LoadAsync(key))?.StepId);
    }

    [Fact]
    public async Task StoresOnOneDatabaseShareWhatTheyKeepInMemory()
    {
        using var stores = new TestStores(_directory);
        var other = new DraftStore(stores.Database, stores.Cipher, stores.DraftCache, stores.PeriodKeys, stores.Pseudonyms, stores.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger<DraftStore>.Instance);
        var key = await stores.DraftKeyAsync("telegram:100");
        await stores.Drafts.SaveAsync(key, Samples.State(Now));
        Assert.NotNull(await other.LoadAsync(key));

        await stores.Drafts.DeleteAsync(key);

        Assert.Null(await other.LoadAsync(key));
    }

    /// <summary>The store with its memory emptied, so that what a load returns is what was written.</summary>
    private static DraftStore Uncached(TestStores stores, PeriodPseudonym pseudonym)
    {
        stores.Drafts.Forget(pseudonym);
        return stores.Drafts;
    }

    /// <summary>The state as the disk holds it: its times rounded up to the hour.</summary>
    private static ConversationState AsStored(ConversationState state) =>
        state with { StartedOn = CoarseTime.HourCeiling(state.StartedOn), UpdatedOn = CoarseTime.HourCeiling(state.UpdatedOn) };

    /// <summary>A pseudonym made up by the test, standing for one under a single live key.</summary>
    private static PeriodPseudonym Fixed(string pseudonym) => new(pseudonym, 0, []);

    private static void AssertStoredWithoutSecrets(byte[] raw, PeriodPseudonym key)
    {
        var pseudonym = key.Current;
        // The pseudonym is stored in clear: finding it proves these are the bytes that hold the draft.
        Assert.True(raw.AsSpan().IndexOf(Encoding.UTF8.GetBytes(pseudonym)) >= 0, "the draft is not in the files");

        foreach (var secret in new[] { "Zarina was refused", "Гульнара", "987654321", "+7 701 123 45 67" })
        {
            Assert.True(raw.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"'{secret}' found in UTF-8");
            Assert.True(raw.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)) < 0, $"'{secret}' found in UTF-16");
        }
    }
}
