using CommunityBot.Moderation;
using CommunityBot.Reports;
using CommunityBot.Reports.Retention;
using CommunityBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace CommunityBot.Tests.Verbs;

/// <summary><c>Bot purge</c> from the shell and the retention setting in the service, on a report that ended three
/// years ago.</summary>
public sealed class PurgeVerbTests : IDisposable
{
    private static readonly DateTimeOffset ThreeYearsAgo = new(2023, 11, 29, 12, 0, 0, TimeSpan.FromHours(5));
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task TheDryRunListsWhatThePurgeThenErasesAndTheStatisticsStayTheSame()
    {
        var label = await RejectedLongAgoAsync();
        var statsBefore = await BotProcess.RunAsync(["stats", "--data", _data.Path, "--lang", "en"]);

        var dryRun = await BotProcess.RunAsync(["purge", "--older-than", "2y", "--dry-run", "--data", _data.Path]);
        var storyAfterDryRun = await FreeTextsAsync(label);
        var purge = await BotProcess.RunAsync(["purge", "--older-than", "2y", "--status", "rejected,resolved", "--data", _data.Path]);
        var statsAfter = await BotProcess.RunAsync(["stats", "--data", _data.Path, "--lang", "en"]);

        Assert.True(dryRun.ExitCode == 0, dryRun.Error);
        Assert.Contains("Would erase the content of 1 report(s)", dryRun.Output);
        Assert.Contains("  rejected: 1", dryRun.Output);
        Assert.Contains(label, dryRun.Output);
        Assert.Contains(Scripts.RussianStory, storyAfterDryRun);
        Assert.True(purge.ExitCode == 0, purge.Error);
        Assert.Contains("Erased the content of 1 report(s)", purge.Output);
        Assert.DoesNotContain(label, purge.Output);
        Assert.Empty(await FreeTextsAsync(label));
        Assert.True(statsAfter.ExitCode == 0, statsAfter.Error);
        Assert.Equal(statsBefore.Output, statsAfter.Output);
        Assert.DoesNotContain(label, string.Concat(Directory.GetFiles(Path.Combine(_data.Path, "logs")).Select(File.ReadAllText)));
    }

    [Theory]
    [InlineData("--older-than", "2 years", "--older-than '2 years' is not")]
    [InlineData("--status", "closed", "--status 'closed' is not a status")]
    public async Task ABadDurationOrStatusIsRefusedBeforeAnythingIsOpened(string option, string value, string message)
    {
        string[] arguments = option == "--older-than"
            ? ["purge", option, value, "--data", _data.Path]
            : ["purge", "--older-than", "2y", option, value, "--data", _data.Path];

        var result = await BotProcess.RunAsync(arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.False(Directory.Exists(_data.Path) && Directory.EnumerateFiles(_data.Path, "*.db").Any());
    }

    [Fact]
    public async Task TheRetentionSettingErasesOldReportsOnTheServicesSchedule()
    {
        var label = await RejectedLongAgoAsync();
        var builder = BotHost.CreateBuilder(_data.Path, interactive: true, new Dictionary<string, string?> { ["Retention:PurgeOlderThan"] = "2y" });
        BotHost.UseLocalKeyFile(builder);
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(ShippedFlow.Now));
        builder.Services.AddRetentionSchedule();
        using (var host = builder.Build())
        {
            await host.StartAsync();
            var reports = host.Services.GetRequiredService<ReportStore>();
            // Waits for the first round, which runs at start; no timing is asserted.
            for (var attempt = 0; attempt < 600 && ReportDocuments.FreeTexts(await FindAsync(reports, label)).Any(); attempt++)
            {
                await Task.Delay(100);
            }
            await host.StopAsync();
        }

        Assert.Empty(await FreeTextsAsync(label));
    }

    private async Task<string> RejectedLongAgoAsync()
    {
        await using var host = await ChatHost.StartAsync(_data.Path, ThreeYearsAgo);
        var output = await host.TypeAsync("ru", Scripts.WholeReport(Scripts.RussianStory, "01.11.2023"));
        var label = Scripts.Label().Match(output).Value;
        var report = await FindAsync(host.Reports, label);
        Assert.Equal(StatusOutcome.Changed, (await host.StatusChanges.DecideAsync(report.Id, new StatusDecision.Reject(RejectReasons.Spam), "M-3F9A")).Outcome);
        return label;
    }

    private async Task<string[]> FreeTextsAsync(string label)
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        return [.. ReportDocuments.FreeTexts(await FindAsync(host.Reports, label))];
    }

    private static async Task<IncidentReport> FindAsync(ReportStore reports, string label) =>
        await reports.FindByLabelAsync(label) ?? throw new InvalidOperationException($"no report {label}");
}
