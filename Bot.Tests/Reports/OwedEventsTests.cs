using CommunityBot.Reports;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Reports;

public sealed class OwedEventsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task EventsWaitingBehindACardNotYetUpAreLookedAtAPageAtATimeAndAnEventBehindThemIsStillFound()
    {
        using var stores = new TestStores(_directory);
        var cards = new ReportCards(stores.Database);
        var owes = new OwedEvents(stores.Database, stores.Cipher);
        var waiting = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:1"), Samples.Report());
        var posted = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:2"), Samples.Report());
        await cards.PostedAsync(posted.Id, 77);
        // More events than one call looks at, all of a report whose card is still owed, then one that can go up.
        await stores.Database.RunAsync(db =>
        {
            for (var i = 0; i < OwedEvents.ScanLimit + 10; i++)
            {
                OwedEvents.Owe(db, stores.Cipher, waiting.Id, ReportEventKind.StatusChanged);
            }
            OwedEvents.Owe(db, stores.Cipher, posted.Id, ReportEventKind.Added, "Ещё одна деталь");
        });

        var first = await owes.NextAsync(100, new HashSet<Guid>(), after: 0);
        var second = await owes.NextAsync(100, new HashSet<Guid>(), first.Last);

        Assert.Empty(first.Events);
        Assert.Equal((OwedEvents.ScanLimit, false), (first.Last, first.End));
        var found = Assert.Single(second.Events);
        Assert.Equal((posted.Id, ReportEventKind.Added, "Ещё одна деталь"), (found.ReportId, found.Kind, found.Text));
        Assert.True(second.End);
        Assert.Equal(OwedEvents.ScanLimit + 11, await owes.CountAsync());
    }

    [Fact]
    public async Task APageStopsAtWhatItWasAskedForAndTheNextGoesOnInOrder()
    {
        using var stores = new TestStores(_directory);
        var cards = new ReportCards(stores.Database);
        var owes = new OwedEvents(stores.Database, stores.Cipher);
        var report = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:1"), Samples.Report());
        await cards.PostedAsync(report.Id, 77);
        await stores.Database.RunAsync(db =>
        {
            for (var i = 0; i < 5; i++)
            {
                OwedEvents.Owe(db, stores.Cipher, report.Id, ReportEventKind.Added, $"Дополнение {i}");
            }
        });

        var first = await owes.NextAsync(3, new HashSet<Guid>(), after: 0);
        var second = await owes.NextAsync(3, new HashSet<Guid>(), first.Last);

        Assert.Equal(["Дополнение 0", "Дополнение 1", "Дополнение 2"], first.Events.Select(e => e.Text));
        Assert.False(first.End);
        Assert.Equal(["Дополнение 3", "Дополнение 4"], second.Events.Select(e => e.Text));
        Assert.True(second.End);
        Assert.Empty((await owes.NextAsync(3, new HashSet<Guid> { report.Id }, after: 0)).Events);
    }
}
