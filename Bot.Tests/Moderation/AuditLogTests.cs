using CommunityBot.Moderation;
using CommunityBot.Privacy;
using CommunityBot.Tests.Support;
using Microsoft.Extensions.Configuration;
using CommunityBot.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CommunityBot.Tests.Moderation;

public sealed class AuditLogTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task TheLatestEntriesComeNewestFirst()
    {
        using var stores = new TestStores(_directory);
        var audit = new AuditLog(stores.Database, stores.Time);
        var moderator = stores.Pseudonyms.Of(PseudonymPurpose.Moderators, "telegram:555");

        await audit.AppendAsync(moderator, "R-AAAA", "verify");
        await audit.AppendAsync(moderator, "R-BBBB", "take");
        stores.Time.Advance(TimeSpan.FromMinutes(3));
        await audit.AppendAsync(moderator, "R-CCCC", "reject:spam");

        var latest = await audit.LatestAsync(2);

        Assert.Equal(["R-CCCC", "R-BBBB"], latest.Select(entry => entry.Report));
        Assert.Equal(["reject:spam", "take"], latest.Select(entry => entry.Action));
        Assert.All(latest, entry => Assert.Equal(moderator, entry.Moderator));
        Assert.Equal(3, (await audit.LatestAsync(10)).Count);
    }

    [Fact]
    public async Task TimesAreKeptToTheMinuteInUtc()
    {
        using var stores = new TestStores(_directory);
        stores.Time.SetUtcNow(new DateTimeOffset(2026, 3, 12, 15, 42, 59, 999, TimeSpan.Zero));
        var audit = new AuditLog(stores.Database, stores.Time);

        await audit.AppendAsync("pseudonym", "R-AAAA", "verify");

        var entry = Assert.Single(await audit.LatestAsync(5));
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 15, 42, 0, TimeSpan.Zero), entry.At);
        Assert.Equal(TimeSpan.Zero, entry.At.Offset);
        var stored = await stores.Database.RunAsync(db => db.GetCollection("audit").FindAll().Single());
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 15, 42, 0, TimeSpan.Zero).ToUnixTimeSeconds(), stored["at"].AsInt64);
    }

    [Fact]
    public async Task EntriesSurviveARestart()
    {
        var keys = TestKeys.Fresh();
        using (var stores = new TestStores(_directory, keys))
        {
            await new AuditLog(stores.Database, stores.Time).AppendAsync("pseudonym", "R-AAAA", "close");
        }

        using var reopened = new TestStores(_directory, keys);
        var entry = Assert.Single(await new AuditLog(reopened.Database, reopened.Time).LatestAsync(5));
        Assert.Equal(("pseudonym", "R-AAAA", "close"), (entry.Moderator, entry.Report, entry.Action));
    }

    [Fact]
    public void TheModeratorPseudonymIsNotTheCounterOrDraftPseudonym()
    {
        var pseudonyms = new Pseudonyms(TestKeys.Fresh());
        var moderator = pseudonyms.Of(PseudonymPurpose.Moderators, "telegram:555");

        Assert.NotEqual(pseudonyms.Of(PseudonymPurpose.Counters, "telegram:555"), moderator);
        Assert.NotEqual(pseudonyms.Of(PseudonymPurpose.Drafts, "telegram:555"), moderator);
        Assert.DoesNotContain("555", moderator, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHostWiresTheAuditLogToTheDatabase()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Privacy:DataKey"] = TestKeys.Base64(32),
            ["Privacy:PseudonymKey"] = TestKeys.Base64(32),
            ["Storage:DataDirectory"] = _directory.File("data"),
        });
        builder.Services.AddStorage();
        builder.Services.AddModeration();

        using var host = builder.Build();
        await host.StartAsync();
        var audit = host.Services.GetRequiredService<AuditLog>();
        await audit.AppendAsync("pseudonym", "R-AAAA", "verify");

        Assert.Same(audit, host.Services.GetRequiredService<AuditLog>());
        Assert.Equal("R-AAAA", Assert.Single(await audit.LatestAsync(1)).Report);
        await host.StopAsync();
    }
}
