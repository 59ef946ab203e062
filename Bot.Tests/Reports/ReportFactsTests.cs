using CommunityBot.Moderation;
using CommunityBot.Reports;
using CommunityBot.Tests.Moderation;
using CommunityBot.Tests.Support;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;

namespace CommunityBot.Tests.Reports;

public sealed class ReportFactsTests
{
    private const string Moderator = "M-3F9A";

    private static readonly DateOnly January = new(2026, 1, 14);

    [Fact]
    public async Task FactsSayWhatTheReportsSayAfterEveryChange()
    {
        using var stores = new StatisticsStores();
        var hospital = await stores.SubmitAsync(new StatisticsReport("hospital", January, Community: "almaty"));
        var police = await stores.SubmitAsync(new StatisticsReport("police", When: null, Community: null, Region: "abai", City: "semey"));
        var withdrawn = await stores.SubmitAsync(new StatisticsReport("tb", January, Community: "astana"));
        await AssertFactsMatchReportsAsync(stores.Stores.Database, expected: 3);

        await stores.Stores.StatusChanges.DecideAsync(hospital.Id, new StatusDecision.Move(ReportStatus.InReview), Moderator);
        await AssertFactsMatchReportsAsync(stores.Stores.Database, expected: 3);
        await stores.Stores.StatusChanges.DecideAsync(hospital.Id, new StatusDecision.Move(ReportStatus.Verified), Moderator);
        await stores.Stores.StatusChanges.DecideAsync(police.Id, new StatusDecision.Reject(RejectReasons.Spam), Moderator);
        await AssertFactsMatchReportsAsync(stores.Stores.Database, expected: 3);

        await stores.Stores.Reports.WithdrawAsync(withdrawn.ReceiptCode);
        var facts = await AssertFactsMatchReportsAsync(stores.Stores.Database, expected: 3);
        // What the member erased is gone from the facts too.
        var erased = facts[withdrawn.Id];
        Assert.Equal(ReportStatus.Withdrawn, erased.Status);
        Assert.Equal("astana", erased.Community);
        Assert.Equal((null, null, null), (erased.Category, erased.IncidentDate, erased.Region));

        var counts = await stores.Statistics.CountAsync(ReportFilter.All, CancellationToken.None);
        Assert.Equal([(ReportStatus.Verified, 1), (ReportStatus.Rejected, 1), (ReportStatus.Withdrawn, 1)], counts.ByStatus.Select(p => (p.Key, p.Value)));
        Assert.Equal([("hospital", 1), ("police", 1)], counts.ByCategory.Select(p => (p.Key, p.Value)));
    }

    [Fact]
    public async Task ADatabaseWrittenBeforeTheFactsGetsThemAtStart()
    {
        using var directory = new TempDirectory();
        var keys = TestKeys.Fresh();
        using (var before = new TestStores(directory, keys))
        {
            for (var i = 0; i < 5; i++)
            {
                await before.Reports.SubmitAsync(await before.DraftKeyAsync("member-" + i), new StatisticsReport(i < 3 ? "hospital" : "police", January).ToNewReport());
            }
            var last = await before.Reports.SubmitAsync(await before.DraftKeyAsync("member-5"), new StatisticsReport("tb", January, Community: null, Region: "abai").ToNewReport());
            await before.StatusChanges.DecideAsync(last.Id, new StatusDecision.Move(ReportStatus.InReview), Moderator);
            // As an older version of the bot left it: reports, and no facts.
            await before.Database.RunAsync(db =>
            {
                db.DropCollection(ReportFactsCollection.Collection);
                db.DropCollection("migrations");
            });
        }

        using var after = new TestStores(directory, keys);
        Assert.Equal(0, await after.Database.RunAsync(db => db.GetCollection(ReportFactsCollection.Collection).Count()));
        var reader = new ReportReader(after.Database, after.Cipher);
        using (var service = new ReportFactsService(after.Database, after.Cipher, after.Pseudonyms, reader, NullLogger<ReportFactsService>.Instance))
        {
            await service.StartAsync(CancellationToken.None);
            Assert.NotNull(service.ExecuteTask);
            await service.ExecuteTask;
        }

        await AssertFactsMatchReportsAsync(after.Database, expected: 6);
        Assert.Equal(0, await ReportFactsCollection.BuildAsync(after.Database));
        var counts = await new ReportStatistics(reader, StatisticsStores.Flow).CountAsync(ReportFilter.All, CancellationToken.None);
        Assert.Equal(6, counts.Total);
        Assert.Equal([(ReportStatus.New, 5), (ReportStatus.InReview, 1)], counts.ByStatus.Select(p => (p.Key, p.Value)));
        Assert.Equal([("hospital", 3), ("police", 2), ("tb", 1)], counts.ByCategory.Select(p => (p.Key, p.Value)));
        Assert.Equal([("almaty", 5)], counts.ByCommunity.Select(p => (p.Key, p.Value)));
        Assert.Equal([("abai", 1)], counts.ByRegion.Select(p => (p.Key, p.Value)));
    }

    [Fact]
    public async Task EveryDaysCountsAreReadAheadAtStartSoTheFirstStatisticsReadOnlyStamps()
    {
        using var stores = new StatisticsStores();
        // Days more than a quarter apart, so that the read-ahead goes through several calls of the gate.
        DateOnly[] days = [new(2024, 2, 1), new(2024, 11, 30), new(2025, 6, 15), January];
        foreach (var day in days)
        {
            await stores.SubmitAsync(new StatisticsReport("hospital", day));
        }
        var reader = new ReportReader(stores.Stores.Database, stores.Stores.Cipher);
        Assert.Equal(0, reader.TallyDaysKept);

        using (var service = new ReportFactsService(stores.Stores.Database, stores.Stores.Cipher, stores.Stores.Pseudonyms, reader, NullLogger<ReportFactsService>.Instance))
        {
            await service.StartAsync(CancellationToken.None);
            Assert.NotNull(service.ExecuteTask);
            await service.ExecuteTask;
        }

        Assert.Equal(days.Length, reader.TallyDaysKept);
        var counts = await new ReportStatistics(reader, StatisticsStores.Flow).CountAsync(ReportFilter.All, CancellationToken.None);
        Assert.Equal(days.Length, counts.Total);
    }

    [Fact]
    public async Task FactsAreBuiltWhenFirstReadIfNothingBuiltThemAtStart()
    {
        using var stores = new StatisticsStores();
        await stores.SubmitAsync(new StatisticsReport("hospital", January));
        await stores.SubmitAsync(new StatisticsReport("police", January));
        await stores.Stores.Database.RunAsync(db =>
        {
            db.DropCollection(ReportFactsCollection.Collection);
            db.DropCollection("migrations");
        });
        var reader = new ReportReader(stores.Stores.Database, stores.Stores.Cipher);

        var counts = await new ReportStatistics(reader, StatisticsStores.Flow).CountAsync(ReportFilter.All, CancellationToken.None);

        Assert.Equal([("hospital", 1), ("police", 1)], counts.ByCategory.Select(p => (p.Key, p.Value)));
        await AssertFactsMatchReportsAsync(stores.Stores.Database, expected: 2);
    }

    /// <summary>Reads the facts collection as stored and checks each against what its report's document says.</summary>
    private static async Task<Dictionary<Guid, ReportFacts>> AssertFactsMatchReportsAsync(CommunityBot.Storage.Database database, int expected)
    {
        var (documents, stored) = await database.RunAsync(db => (
            db.GetCollection(ReportDocuments.Collection).FindAll().ToList(),
            ReportFactsCollection.Page(db, BsonValue.MinValue, int.MaxValue, ReportFilter.All).Page));
        Assert.Equal(expected, documents.Count);
        var facts = stored.ToDictionary(f => f.Id);
        Assert.Equal(documents.Count, facts.Count);
        foreach (var document in documents)
        {
            Assert.Equal(ReportFacts.Of(document), facts[document["_id"].AsGuid]);
        }
        return facts;
    }
}
