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
        // What a word may match is read through the index, not by reading every report.
        var plan = await stores.Database.RunAsync(db => db.GetCollection(ReportDocuments.Collection)
            .Query().Where(BsonExpression.Create("$.words[*] ANY = @0", 1)).GetPlan());
        Assert.Equal(SearchIndex.Field, plan["index"]["name"].AsString);
    }

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
    public async Task AWithdrawnReportsWordsAreErasedWithItsTexts()
    {
        using var stores = await IndexedStoresAsync();
        var report = await Submit(stores, "telegram:1", "The head doctor demanded money for the certificate");
        var key = Key(stores, "demand");
        Assert.Equal([report.Id], await Ids(stores, "demanded"));

        await stores.Reports.WithdrawAsync(report.ReceiptCode);

        Assert.Empty(await Ids(stores, "demanded"));
        var (words, candidates) = await stores.Database.RunAsync(db =>
        {
            var reports = db.GetCollection(ReportDocuments.Collection);
            return (reports.FindById(report.Id)[SearchIndex.Field].AsArray.Count, SearchIndex.Candidates(reports, key, 10)?.Count);
        });
        Assert.Equal(0, words);
        Assert.Equal(0, candidates);
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

    private static async Task<SubmittedReport> Submit(TestStores stores, string member, string narrative) =>
        await stores.Reports.SubmitAsync(await stores.DraftKeyAsync(member), Samples.Report(narrative: narrative));

    private static int Key(TestStores stores, string stem) => SearchIndex.Key(stem, stores.Pseudonyms);

    private static async Task<Guid[]> Ids(TestStores stores, string text) =>
        [.. (await stores.Queue.FindTextAsync(text, 10)).Select(report => report.Id)];
}
