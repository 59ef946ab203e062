using CommunityBot.Reports;
using CommunityBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityBot.Tests;

/// <summary>The program as it is run from a shell: verbs, options, piped input, exit codes.</summary>
public sealed class ProgramTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task ChatWithPipedInputCompletesAReportAndPrintsTheReceipt()
    {
        var result = await BotProcess.RunAsync(["chat", "--data", _data.Path, "--lang", "ru"],
            string.Join("\n", Scripts.WholeReport(Scripts.RussianStory)) + "\n");

        Assert.True(result.ExitCode == 0, result.Error);
        var code = Scripts.ReceiptCode().Match(result.Output);
        Assert.True(code.Success, result.Output);
        Assert.True(File.Exists(Path.Combine(_data.Path, "keys.json")));

        await using var host = await ChatHost.StartAsync(_data.Path);
        var report = await host.Services.GetRequiredService<ReportStore>().FindByReceiptAsync(code.Value);
        Assert.NotNull(report);
        Assert.Equal(ReportStatus.New, report.Status);
    }

    [Fact]
    public async Task ANewProcessResumesTheDraftAtTheSameQuestion()
    {
        var first = await BotProcess.RunAsync(["chat", "--data", _data.Path, "--lang", "en"], "/report\n1\n3\n");
        Assert.Equal(0, first.ExitCode);

        var second = await BotProcess.RunAsync(["chat", "--data", _data.Path, "--lang", "en"], "");

        var texts = ShippedFlow.Load().Texts;
        Assert.Contains(texts.Get("en", "draft.resumed"), second.Output);
        Assert.Contains(texts.Get("en", "affected.prompt"), second.Output);
    }

    [Fact]
    public async Task ADiskThatCannotBeWrittenIsSaidPlainlyWithoutAStackTrace()
    {
        // 64 KiB a file: the new database's log file fills up while its indexes are made.
        var full = await BotProcess.RunAsync(["chat", "--data", _data.Path, "--lang", "en"], "/report\n1\n", fileSizeLimitKb: 64);

        var texts = ShippedFlow.Load().Texts;
        Assert.Equal(74, full.ExitCode);
        Assert.Contains(texts.Get("en", "error.storage_terminal"), full.Output);
        Assert.Contains($"The data folder {_data.Path} could not be written", full.Error);
        Assert.DoesNotContain("Unhandled exception", full.Output + full.Error);
        Assert.DoesNotContain("   at ", full.Output + full.Error);
    }

    [Fact]
    public async Task TheDatabaseAndLogsHoldNeitherTheStoryNorTheReceiptCode()
    {
        const string story = "Канарейка-нарратив: в больнице номер семь медсестра Айгерим-Канарейка отказала в метадоне три раза подряд.";
        var result = await BotProcess.RunAsync(["chat", "--data", _data.Path, "--lang", "ru"],
            string.Join("\n", Scripts.UpToStory(story)) + "\n" + string.Join("\n", Scripts.Rest) + "\n");
        var code = Scripts.ReceiptCode().Match(result.Output).Value;
        Assert.NotEmpty(code);

        var files = Directory.EnumerateFiles(_data.Path, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "keys.json").ToList();
        Assert.Contains(files, f => f.EndsWith(".db", StringComparison.Ordinal));
        Assert.Contains(files, f => f.Contains("logs", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            foreach (var secret in new[] { "Канарейка", "Айгерим", code, code.Replace("-", "", StringComparison.Ordinal) })
            {
                Assert.False(RawBytes.Contain(bytes, secret), $"{Path.GetFileName(file)} holds '{secret}'");
            }
        }
    }

    [Fact]
    public async Task AnUnknownVerbPrintsUsageAndFails()
    {
        var result = await BotProcess.RunAsync(["frobnicate"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("chat", result.Output + result.Error);
    }

    [Fact]
    public async Task ABadOptionPrintsUsageAndFails()
    {
        var result = await BotProcess.RunAsync(["chat", "--colour", "blue"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--colour", result.Output + result.Error);
    }

    [Fact]
    public async Task TheServiceWithoutATelegramTokenSaysSoAndStops()
    {
        var result = await BotProcess.RunAsync(["--data", _data.Path]);

        Assert.Equal(78, result.ExitCode);
        Assert.Contains("No Telegram token configured", result.Error);
    }

    [Fact]
    public async Task AShortDataKeyStopsStartUpNamingTheSetting()
    {
        var result = await BotProcess.RunAsync(["chat", "--data", _data.Path], "",
            new Dictionary<string, string> { ["Privacy__DataKey"] = Convert.ToBase64String(new byte[8]), ["Privacy__PseudonymKey"] = TestKeys.Base64(32) });

        Assert.Equal(78, result.ExitCode);
        Assert.Contains("DataKey", result.Error);
    }

    [Fact]
    public async Task ABrokenFlowFileStopsStartUpNamingTheFileAndTheStep()
    {
        var flow = Path.Combine(_data.Path, "broken.yaml");
        await File.WriteAllTextAsync(flow, (await File.ReadAllTextAsync(Path.Combine(ShippedFlow.FlowsDirectory, "incident.yaml")))
            .Replace("next: affected", "next: affectd", StringComparison.Ordinal));

        var result = await BotProcess.RunAsync(["chat", "--data", _data.Path], "",
            new Dictionary<string, string> { ["Intake__FlowFile"] = flow });

        Assert.Equal(78, result.ExitCode);
        Assert.Contains("broken.yaml", result.Error);
        Assert.Contains("step 'category'", result.Error);
        Assert.Contains("'affectd'", result.Error);
    }

    [Fact]
    public async Task TheOperatorGetsStatisticsAndAnExportFromTheCommandLine()
    {
        var submitted = await BotProcess.RunAsync(["chat", "--data", _data.Path, "--lang", "ru"],
            string.Join("\n", Scripts.WholeReport(Scripts.RussianStory)) + "\n");
        var label = Scripts.Label().Match(submitted.Output).Value;
        var csv = Path.Combine(_data.Path, "reports.csv");
        var chart = Path.Combine(_data.Path, "stats.png");
        // Files already there, readable by everyone: they must end up owner-only once stories are written into them.
        foreach (var existing in new[] { csv, chart })
        {
            await File.WriteAllTextAsync(existing, "old");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(existing, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }
        }

        var stats = await BotProcess.RunAsync(["stats", "--data", _data.Path, "--lang", "ru", "--chart", chart]);
        var export = await BotProcess.RunAsync(["export", "csv", "--data", _data.Path, "--out", csv]);

        Assert.True(stats.ExitCode == 0, stats.Error);
        Assert.Contains("<3", stats.Output);
        Assert.True(export.ExitCode == 0, export.Error);
        var rows = await File.ReadAllTextAsync(csv);
        Assert.Contains(label, rows);
        Assert.Contains(Scripts.RussianStory, rows);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, (await File.ReadAllBytesAsync(chart))[..4]);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(csv));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(chart));
        }
    }

    [Fact]
    public async Task TheOperatorFiltersStatisticsAndExportsByStatusCategoryAndCommunity()
    {
        var submitted = await BotProcess.RunAsync(["chat", "--data", _data.Path, "--lang", "ru"],
            string.Join("\n", Scripts.WholeReport(Scripts.RussianStory)) + "\n");
        var label = Scripts.Label().Match(submitted.Output).Value;
        Assert.NotEmpty(label);
        var community = new Dictionary<string, string> { ["Telegram__Communities__0__Key"] = "almaty" };
        string Csv(string name) => Path.Combine(_data.Path, name);

        var matching = await BotProcess.RunAsync(["export", "csv", "--data", _data.Path, "--out", Csv("new.csv"),
            "--status", "new", "--category", "hospital", "--from", "2026-03-01", "--to", "2026-03-31"]);
        var otherStatus = await BotProcess.RunAsync(["export", "csv", "--data", _data.Path, "--out", Csv("review.csv"),
            "--status", "in_review", "--category", "hospital"]);
        var otherCommunity = await BotProcess.RunAsync(["export", "json", "--data", _data.Path, "--out", Csv("almaty.json"),
            "--community", "almaty"], "", community);
        var otherCategory = await BotProcess.RunAsync(["stats", "--data", _data.Path, "--lang", "ru", "--category", "police"]);
        var sameCategory = await BotProcess.RunAsync(["stats", "--data", _data.Path, "--lang", "ru", "--category", "HOSPITAL", "--status", "new"]);

        Assert.All(new[] { matching, otherCategory, sameCategory }, run => Assert.True(run.ExitCode == 0, run.Error));
        Assert.Contains(label, await File.ReadAllTextAsync(Csv("new.csv")));
        // No report matches: no file, and the operator is told which filter found nothing.
        Assert.Equal(3, otherStatus.ExitCode);
        Assert.Contains("--status in_review --category hospital", otherStatus.Error);
        Assert.False(File.Exists(Csv("review.csv")));
        // Reports typed into the terminal come through no community.
        Assert.Equal(3, otherCommunity.ExitCode);
        Assert.Contains("--community almaty", otherCommunity.Error);
        Assert.False(File.Exists(Csv("almaty.json")));
        var total = ShippedFlow.Load().Texts.Get("ru", "stats.total");
        Assert.Contains(total + ": 0", otherCategory.Output);
        Assert.Contains(total + ": <3", sameCategory.Output);
    }

    [Fact]
    public async Task AnExportNoReportMatchesSaysSoAndLeavesTheFileAlreadyThereAsItWas()
    {
        var file = Path.Combine(_data.Path, "reports.json");
        await File.WriteAllTextAsync(file, "last month's export");

        var export = await BotProcess.RunAsync(["export", "json", "--data", _data.Path, "--out", file, "--from", "2026-11-01", "--to", "2026-11-30"]);

        Assert.Equal(3, export.ExitCode);
        Assert.Contains("No report matches --from 2026-11-01 --to 2026-11-30", export.Error);
        Assert.Contains(file, export.Error);
        Assert.Equal("last month's export", await File.ReadAllTextAsync(file));
        Assert.Equal([file], Directory.EnumerateFiles(_data.Path, "reports*", SearchOption.TopDirectoryOnly).ToArray());
        Assert.Empty(Directory.EnumerateFiles(_data.Path, ".reports*"));
    }

    [Theory]
    [InlineData("--from", "+77011234567", "--from")]
    [InlineData("--to=8-701-123-45-67", "", "--to")]
    [InlineData("K7QM-3XRT-9PZD-W4HN", "", "Unrecognized")]
    [InlineData("mail@example.org", "", "Unrecognized")]
    public async Task AValueThatDoesNotParseIsRefusedWithoutBeingRepeated(string first, string second, string named)
    {
        string[] arguments = second.Length == 0 ? ["stats", "--data", _data.Path, first] : ["stats", "--data", _data.Path, first, second];

        var result = await BotProcess.RunAsync(arguments);

        var typed = (second.Length == 0 ? first.Split('=')[^1] : second).Replace("-", "", StringComparison.Ordinal);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(named, result.Error);
        Assert.Contains("'…'", result.Error);
        Assert.DoesNotContain(typed, (result.Output + result.Error).Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("stats", "--status", "foo", "in_review")]
    [InlineData("stats", "--category", "nope", "hospital")]
    [InlineData("export", "--category", "nope", "hospital")]
    [InlineData("export", "--community", "nowhere", "none configured")]
    [InlineData("export", "--status", "inreview", "action_taken")]
    [InlineData("stats", "--status", "+77011234567", "in_review")]
    [InlineData("stats", "--community", "8 701 123 45 67", "none configured")]
    [InlineData("export", "--category", "K7QM-3XRT-9PZD-W4HN", "hospital")]
    public async Task AnUnknownFilterValueIsRefusedByItsOptionWithoutBeingRepeated(string verb, string option, string value, string known)
    {
        var file = Path.Combine(_data.Path, "out.csv");
        string[] arguments = verb == "export"
            ? ["export", "csv", "--data", _data.Path, "--out", file, option, value]
            : ["stats", "--data", _data.Path, option, value];

        var result = await BotProcess.RunAsync(arguments);

        // A phone number or a receipt code typed by mistake would otherwise stay in the terminal and its logs.
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"{option}: ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(value, result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(value.Replace(" ", "", StringComparison.Ordinal), result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(known, result.Error);
        Assert.False(File.Exists(file));
    }
}
