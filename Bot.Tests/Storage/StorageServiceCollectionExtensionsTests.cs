using CommunityBot.Conversations;
using CommunityBot.Privacy;
using CommunityBot.Reports;
using CommunityBot.Storage;
using CommunityBot.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CommunityBot.Tests.Storage;

public sealed class StorageServiceCollectionExtensionsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task TheHostWiresTheStoresFromConfiguration()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Privacy:DataKey"] = TestKeys.Base64(32),
            ["Privacy:PseudonymKey"] = TestKeys.Base64(32),
            ["Storage:DataDirectory"] = _directory.File("data"),
            ["Storage:DatabaseFile"] = "bot.db",
        });
        builder.Services.AddStorage();

        using (var host = builder.Build())
        {
            await host.StartAsync();
            var submitted = await host.Services.GetRequiredService<ReportStore>().SubmitAsync(new PeriodPseudonym("pseudonym", 0, []), Samples.Report());
            Assert.NotNull(await host.Services.GetRequiredService<ReportStore>().FindByReceiptAsync(submitted.ReceiptCode));
            Assert.Null(await host.Services.GetRequiredService<DraftStore>().LoadAsync(new PeriodPseudonym("pseudonym", 0, [])));
            await host.StopAsync();
        }

        Assert.True(File.Exists(_directory.File("data/bot.db")));
    }
}
