using CommunityBot.Letters;
using CommunityBot.Privacy;
using CommunityBot.Tests.Support;
using Microsoft.Extensions.Options;

namespace CommunityBot.Tests.Letters;

public sealed class LetterDefaultsTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly TestStores _stores;
    private readonly LetterDefaults _defaults;

    public LetterDefaultsTests()
    {
        _stores = new TestStores(_directory);
        _defaults = new LetterDefaults(_stores.Database, _stores.Cipher, _stores.PeriodKeys, _stores.Time, Options.Create(new LettersOptions()));
    }

    public void Dispose()
    {
        _stores.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task AnswersAreRememberedPerModeratorAndMerged()
    {
        await _defaults.RememberAsync("moderator-a", new Dictionary<string, string> { ["signatory"] = "Canary-Signatory Sidorov", ["contacts"] = "old" });
        await _defaults.RememberAsync("moderator-a", new Dictionary<string, string> { ["contacts"] = "canary-contacts@example.org", ["legal_basis"] = " " });

        var recalled = await _defaults.RecallAsync("moderator-a");

        Assert.Equal("Canary-Signatory Sidorov", recalled["signatory"]);
        Assert.Equal("canary-contacts@example.org", recalled["contacts"]);
        Assert.False(recalled.ContainsKey("legal_basis"));
        Assert.Empty(await _defaults.RecallAsync("moderator-b"));
    }

    [Fact]
    public async Task TheStoredAnswersAreNotInTheDatabaseInClear()
    {
        await _defaults.RememberAsync("moderator-a", new Dictionary<string, string> { ["signatory"] = "Canary-Signatory Sidorov", ["contacts"] = "canary-contacts@example.org" });
        await _stores.Database.RunAsync(db => db.Checkpoint());

        var bytes = _stores.RawBytes();

        Assert.False(RawBytes.Contain(bytes, "Canary-Signatory"));
        Assert.False(RawBytes.Contain(bytes, "canary-contacts"));
    }

    [Fact]
    public async Task AnswersUnusedForNinetyDaysAreErased()
    {
        await _defaults.RememberAsync("used", new Dictionary<string, string> { ["signatory"] = "A" });
        await _defaults.RememberAsync("unused", new Dictionary<string, string> { ["signatory"] = "B" });
        _stores.Time.Advance(TimeSpan.FromDays(60));
        Assert.Equal("A", (await _defaults.RecallAsync("used"))["signatory"]);
        _stores.Time.Advance(TimeSpan.FromDays(31));

        var erased = await _defaults.PurgeAsync();

        Assert.Equal(1, erased);
        Assert.Empty(await _defaults.RecallAsync("unused"));
        Assert.Equal("A", (await _defaults.RecallAsync("used"))["signatory"]);
        _stores.Time.Advance(TimeSpan.FromDays(91));
        Assert.Empty(await _defaults.RecallAsync("used"));
    }

    [Fact]
    public async Task AnEntryInUseMovesToTheCurrentKeyAndCannotBeJoinedWithTheAuditLog()
    {
        await _defaults.RememberAsync("moderator-a", new Dictionary<string, string> { ["signatory"] = "A" });
        var first = await StoredIdsAsync();
        Assert.DoesNotContain("moderator-a", first);

        _stores.Time.Advance(TimeSpan.FromDays(45));
        Assert.Equal("A", (await _defaults.RecallAsync("moderator-a"))["signatory"]);
        var moved = await StoredIdsAsync();

        Assert.Single(moved);
        Assert.NotEqual(first, moved);
        Assert.Equal("A", (await _defaults.RecallAsync("moderator-a"))["signatory"]);
    }

    [Fact]
    public async Task TheKeyOfAnEntryLeftUnusedIsDestroyedAfterTheEntry()
    {
        await _defaults.RememberAsync("unused", new Dictionary<string, string> { ["signatory"] = "B" });
        var firstPeriod = PeriodKeys.PeriodAt(PeriodPurpose.LetterDefaults, _stores.Time.GetUtcNow());

        // Its period ends within thirty days; its key lives on for the entries' lifetime (and an hour) after that.
        _stores.Time.Advance(TimeSpan.FromDays(121));
        await _defaults.PurgeAsync();

        var periods = await _stores.Database.RunAsync(db => db.GetCollection("period_keys").FindAll()
            .Where(document => document["_id"].AsString.StartsWith("letter-defaults/", StringComparison.Ordinal))
            .Select(document => document["period"].AsInt64).ToList());
        Assert.DoesNotContain(firstPeriod, periods);
        Assert.Empty(await StoredIdsAsync());
        Assert.Empty(await _defaults.RecallAsync("unused"));
    }

    [Fact]
    public async Task TheTimeOfLastUseIsAWholeHour()
    {
        await _defaults.RememberAsync("moderator-a", new Dictionary<string, string> { ["signatory"] = "A" });

        var usedOn = await _stores.Database.RunAsync(db => db.GetCollection("letter_defaults").FindAll().Single()["usedOn"].AsInt64);

        Assert.Equal(0, usedOn % 3600);
    }

    private Task<List<string>> StoredIdsAsync() =>
        _stores.Database.RunAsync(db => db.GetCollection("letter_defaults").FindAll().Select(document => document["_id"].AsString).ToList());
}
