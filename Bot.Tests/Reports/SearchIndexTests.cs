using CommunityBot.Reports;
using CommunityBot.Tests.Support;
using LiteDB;

namespace CommunityBot.Tests.Reports;

public sealed class SearchIndexTests : IDisposable
{
    private const string Moderator = "M-3F9A";
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task AWordIsFoundThroughTheIndexByItsBeginningAndAWordFoundNowhereFindsNothing()
    {
        using var stores = await IndexedStoresAsync();
        var ward = await Submit(stores, "telegram:1", "Refused at the tuberculosis ward on Monday");
        var police = await Submit(stores, "telegram:2", "Police waited outside the pharmacy");

        Assert.Equal([ward.Id], await Ids(stores, "TUBERCULOSIS"));
        Assert.Equal([ward.Id], await Ids(stores, "tubercul"));
        Assert.Equal([police.Id], await Ids(stores, "waited outside"));
        Assert.Equal([police.Id], await Ids(stores, "pha"));
        Assert.Empty(await Ids(stores, "zeppelin"));
        Assert.Empty(await Ids(stores, "tuberculosis pharmacy"));
        // What a word may match is found among the keys in memory, not through a database index on the reports (which
        // would cost each new report a node for every word).
        var candidates = await stores.Database.RunAsync(db => ReportWords.Of(db).Holding([Key(stores, "tub"), Key(stores, "tuberc")], 10));
        Assert.Equal([ward.Id], candidates);
        Assert.DoesNotContain(SearchIndex.Field, await IndexNamesAsync(stores));
    }

    [Fact]
    public async Task AfterARestartWordsAreFoundThroughTheirStoredKeys()
    {
        var stores = await IndexedStoresAsync();
        var id = (await Submit(stores, "telegram:1", "The narcologist was away for a week")).Id;
        await Submit(stores, "telegram:2", "Nobody answered the phone");

        using var again = Reopen(stores);
        again.Time.Advance(TimeSpan.FromDays(1));
        var later = await Submit(again, "telegram:3", "The narcologist refused to see us");
        // Nothing is held in memory until a moderator searches.
        Assert.Equal((false, 0), await again.Database.RunAsync(db => (ReportWords.Of(db).IsLoaded, ReportWords.Of(db).Count)));

        Assert.Equal([later.Id, id], await Ids(again, "narcologist"));
        Assert.Empty(await Ids(again, "zeppelin"));
        Assert.Equal(3, await again.Database.RunAsync(db => ReportWords.Of(db).Count));
        // Once read, what is stored later is followed.
        again.Time.Advance(TimeSpan.FromDays(1));
        var latest = await Submit(again, "telegram:4", "A narcologist at last");
        Assert.Equal([latest.Id, later.Id, id], await Ids(again, "narcologist"));
    }

    [Fact]
    public async Task KeysWrittenInATransactionThatIsRolledBackAreNeitherStoredNorInMemory()
    {
        using var stores = await IndexedStoresAsync();
        await (await stores.Database.RunAsync(ReportWords.Of)).LoadAsync(stores.Database);
        var id = Guid.NewGuid();
        var key = Key(stores, "ghost");

        await Assert.ThrowsAsync<InvalidOperationException>(() => stores.Database.RunAsync(db => CommunityBot.Storage.Transactions.Run(db, () =>
        {
            ReportWords.Store(db, id, [key], fresh: true);
            throw new InvalidOperationException("the change failed");
        })));

        var (inMemory, stored) = await stores.Database.RunAsync(db => (ReportWords.Of(db).Holds(id, [key]), db.GetCollection(ReportWords.Collection).Count()));
        Assert.False(inMemory);
        Assert.Equal(0, stored);
    }

    [Fact]
    public async Task ADatabaseIndexedInItsReportsHasItsKeysCopiedOnceAndTheOldIndexDropped()
    {
        using var stores = await IndexedStoresAsync();
        var report = await Submit(stores, "telegram:1", "The pharmacist laughed at the prescription");
        // As a database indexed before the keys were kept apart: a database index on the reports' words, no copies.
        await stores.Database.RunAsync(db =>
        {
            db.DropCollection(ReportWords.Collection);
            var migrations = db.GetCollection("migrations");
            migrations.Delete("report_words/3");
            migrations.Upsert(new BsonDocument { ["_id"] = "report_words/2" });
            db.GetCollection(ReportDocuments.Collection).EnsureIndex(SearchIndex.Field, "$.words[*]");
        });
        using var reopened = Reopen(stores);
        // As the host does at start.
        await reopened.Database.RunAsync(db => ReportCollections.DropUnusedIndexesAtClose(db, reopened.Database));

        Assert.Equal(1, await SearchIndex.BuildAsync(reopened.Database, reopened.Cipher, reopened.Pseudonyms));
        Assert.Equal(0, await SearchIndex.BuildAsync(reopened.Database, reopened.Cipher, reopened.Pseudonyms));

        Assert.Equal([report.Id], await Ids(reopened, "prescription"));
        Assert.Equal(1, await reopened.Database.RunAsync(db => db.GetCollection(ReportWords.Collection).Count()));
        // The old index goes at the next stop, not while members wait behind it.
        Assert.Contains(SearchIndex.Field, await IndexNamesAsync(reopened));
        using var restarted = Reopen(reopened);
        Assert.DoesNotContain(SearchIndex.Field, await IndexNamesAsync(restarted));
        Assert.Equal([report.Id], await Ids(restarted, "prescription"));
    }

    private static Task<List<string>> IndexNamesAsync(TestStores stores) =>
        stores.Database.RunAsync(db =>
            db.GetCollection("$indexes").Find(Query.EQ("collection", ReportDocuments.Collection)).Select(index => index["name"].AsString).ToList());

    [Fact]
    public async Task AdditionsAndNotesAreFoundByTheirWords()
    {
        using var stores = await IndexedStoresAsync();
        var report = await Submit(stores, "telegram:1", "nothing here");
        await Submit(stores, "telegram:2", "something else");

        await stores.Reports.AddInformationAsync(report.ReceiptCode, "They came back on Friday");
        await stores.Reports.AddNoteAsync(report.Id, Moderator, "Seen by the outreach worker");

        Assert.Equal([report.Id], await Ids(stores, "friday"));
        Assert.Equal([report.Id], await Ids(stores, "outreach"));
    }

    [Fact]
    public async Task AStoryHoldingACharacterThatCannotBeNormalizedIsStoredAndItsWordsAreFound()
    {
        using var stores = await IndexedStoresAsync();

        // U+FFFE reaches a chat as any other character, and string normalization refuses it.
        var report = await Submit(stores, "telegram:1", "They refused the dose \uFFFE at the pharmacy");
        await stores.Reports.AddInformationAsync(report.ReceiptCode, "Again on Friday \uFFFF");

        Assert.Equal([report.Id], await Ids(stores, "pharmacy"));
        Assert.Equal([report.Id], await Ids(stores, "friday"));
    }

    [Fact]
    public async Task AWithdrawnReportsWordsAreErasedWithItsTexts()
    {
        using var stores = await IndexedStoresAsync();
        var report = await Submit(stores, "telegram:1", "The head doctor demanded money for the certificate");
        var key = Key(stores, "demand");
        Assert.Equal([report.Id], await Ids(stores, "demanded"));

        await stores.Reports.WithdrawAsync(report.ReceiptCode);

        Assert.Empty(await Ids(stores, "demanded"));
        var (words, stored, candidates) = await stores.Database.RunAsync(db => (
            db.GetCollection(ReportDocuments.Collection).FindById(report.Id)[SearchIndex.Field].AsArray.Count,
            db.GetCollection(ReportWords.Collection).FindById(report.Id),
            ReportWords.Of(db).Holding([key], 10)));
        Assert.Equal(0, words);
        Assert.Null(stored);
        Assert.Empty(candidates!);
    }

    [Fact]
    public async Task NoIndexedWordIsInClearInTheDatabaseFiles()
    {
        var stores = await IndexedStoresAsync();
        var report = await Submit(stores, "telegram:1", "Zanzibarovna the pharmacist refused the dose");
        await stores.Reports.AddNoteAsync(report.Id, Moderator, "Quixotically late again");
        Assert.Equal([report.Id], await Ids(stores, "zanzibarovna"));
        stores.Dispose();

        var raw = stores.RawBytes();
        foreach (var word in new[] { "zanzibarovna", "zanzib", "Zanzibarovna", "pharmacist", "pharma", "quixotically", "quixot", "Quixotically" })
        {
            Assert.False(RawBytes.Contain(raw, word), $"'{word}' found");
        }
    }

    [Fact]
    public async Task ReportsStoredBeforeTheIndexAreIndexedOnceAndFoundThroughIt()
    {
        using var stores = new TestStores(_directory);
        var first = await Submit(stores, "telegram:1", "The ambulance never came");
        var second = await Submit(stores, "telegram:2", "Nurse shouted at the queue");
        // As a database written before the index: no words on the reports.
        await stores.Database.RunAsync(db =>
        {
            var reports = db.GetCollection(ReportDocuments.Collection);
            foreach (var document in reports.FindAll().ToList())
            {
                document.Remove(SearchIndex.Field);
                reports.Update(document);
            }
        });
        // Until it is built, a search reads every report, and an addition leaves an unindexed report for the build.
        await stores.Reports.AddInformationAsync(first.ReceiptCode, "Called twice at midnight");
        Assert.Equal([first.Id], await Ids(stores, "midnight"));

        Assert.Equal(2, await SearchIndex.BuildAsync(stores.Database, stores.Cipher, stores.Pseudonyms));
        Assert.Equal(0, await SearchIndex.BuildAsync(stores.Database, stores.Cipher, stores.Pseudonyms));

        Assert.Equal([first.Id], await Ids(stores, "ambulance"));
        Assert.Equal([first.Id], await Ids(stores, "midnight"));
        Assert.Equal([second.Id], await Ids(stores, "shouted"));
        Assert.Empty(await Ids(stores, "zeppelin"));
        var indexed = await stores.Database.RunAsync(db =>
            db.GetCollection(ReportDocuments.Collection).FindAll().Count(document => document[SearchIndex.Field].AsArray.Count > 0));
        Assert.Equal(2, indexed);
    }

    [Fact]
    public async Task ACommonWordIsFoundNewestFirstAmongManyReports()
    {
        using var stores = await IndexedStoresAsync();
        var submitted = new List<Guid>();
        for (var i = 0; i < 230; i++)
        {
            stores.Time.Advance(TimeSpan.FromDays(1));
            var text = i % 2 == 0 ? $"methadone refused, case {i}" : $"police at the door, case {i}";
            submitted.Add((await Submit(stores, $"telegram:{i}", text)).Id);
        }

        var found = await Ids(stores, "methadone");

        Assert.Equal(submitted.Where((_, i) => i % 2 == 0).Reverse().Take(10), found);
    }

    private async Task<TestStores> IndexedStoresAsync()
    {
        var stores = new TestStores(_directory);
        // As the host does at start: an empty database is indexed at once.
        Assert.Equal(0, await SearchIndex.BuildAsync(stores.Database, stores.Cipher, stores.Pseudonyms));
        return stores;
    }

    // The database closed and opened again (a restart), with the same keys.
    private TestStores Reopen(TestStores stores)
    {
        stores.Dispose();
        return new TestStores(_directory, stores.Keys);
    }

    private static async Task<SubmittedReport> Submit(TestStores stores, string member, string narrative) =>
        await stores.Reports.SubmitAsync(await stores.DraftKeyAsync(member), Samples.Report(narrative: narrative));

    private static int Key(TestStores stores, string stem) => SearchIndex.Key(stem, stores.Pseudonyms);

    private static async Task<Guid[]> Ids(TestStores stores, string text) =>
        [.. (await stores.Queue.FindTextAsync(text, 10)).Select(report => report.Id)];
}
