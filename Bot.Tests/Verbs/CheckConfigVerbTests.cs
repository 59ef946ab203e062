using CommunityBot.Privacy;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Verbs;

/// <summary><c>Bot check-config</c> as an operator runs it before the first start or after editing the settings.</summary>
public sealed class CheckConfigVerbTests : IDisposable
{
    private const string BrokenTemplate = "---\nid: broken\ntitle: A broken letter\nrecipient: nobody\nkind: single\nrequired:\n  recipient: \"To whom\"\n---\n"
        + "\n[to]\n{{ fields.recipient }}\n[date]\n{{ letter.date\n[subject]\nS\n[body]\nB\n[signature]\nS\n";

    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private static Dictionary<string, string> Good() => new()
    {
        ["Telegram__BotToken"] = "123456789:" + new string('A', 35),
        ["Telegram__ModeratorsChatId"] = "-1009000000001",
        ["Telegram__Communities__0__ChatId"] = "-1001000000001",
        ["Telegram__Communities__0__Key"] = "almaty",
        ["Telegram__Communities__0__Name"] = "ОЗТ Алматы",
        ["Telegram__Communities__0__LinkToken"] = "almaty-ost",
        ["Privacy__DataKey"] = TestKeys.Base64(32),
        ["Privacy__PseudonymKey"] = TestKeys.Base64(32),
        ["Retention__PurgeOlderThan"] = "2y",
    };

    [Fact]
    public async Task AGoodConfigurationPassesWithASummaryAndNothingIsCreated()
    {
        var result = await BotProcess.RunAsync(["check-config", "--data", _data.Path], "", Good());

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("The configuration is good.", result.Output);
        Assert.Contains("1 community group(s)", result.Output);
        Assert.Contains("erased after 2y", result.Output);
        Assert.Empty(Directory.GetFileSystemEntries(_data.Path));
    }

    [Fact]
    public async Task ASealedKeyFileIsNamedAsSealedAndAPlainOneAsPlain()
    {
        var plain = _data.File("plain-keys.json");
        KeyRing.CreateKeyFile(plain);
        var settings = Good();
        settings.Remove("Privacy__DataKey");
        settings.Remove("Privacy__PseudonymKey");
        settings["Privacy__KeyFile"] = plain;

        var result = await BotProcess.RunAsync(["check-config", "--data", _data.Path], "", settings);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("plain key file (seal it: Bot keys seal) " + plain, result.Output);
    }

    public static TheoryData<string, string?, string> BadSettings() => new()
    {
        { "Telegram__BotToken", null, "No Telegram token configured" },
        { "Telegram__BotToken", "not-a-token", "Telegram:BotToken is not in the form BotFather gives" },
        { "Privacy__DataKey", Convert.ToBase64String(new byte[8]), "DataKey" },
        { "Telegram__Communities__0__ChatId", "42", "Telegram:Communities:0:ChatId must be a group's chat id" },
        { "Retention__PurgeOlderThan", "2 years", "Retention:PurgeOlderThan '2 years' is not a number and d, m or y" },
        { "Retention__Statuses", "resolved,closed", "unknown status 'closed'" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task ABadSettingFailsWithTheMessageTheServicePrintsAtStart(string setting, string? value, string message)
    {
        var settings = Good();
        if (value is null)
        {
            settings.Remove(setting);
        }
        else
        {
            settings[setting] = value;
        }

        var check = await BotProcess.RunAsync(["check-config", "--data", _data.Path], "", settings);
        var service = await BotProcess.RunAsync(["--data", _data.Path], "", settings);

        Assert.Equal(78, check.ExitCode);
        Assert.Contains(message, check.Error);
        Assert.Equal(78, service.ExitCode);
        Assert.Contains(check.Error.Trim(), service.Error);
    }

    [Fact]
    public async Task AKeyFileOthersCanReadIsRefusedWithTheCommandThatFixesIt()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var keys = _data.File("keys.json");
        KeyRing.CreateKeyFile(keys);
        File.SetUnixFileMode(keys, OwnerOnlyFiles.Mode | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var settings = Good();
        settings.Remove("Privacy__DataKey");
        settings.Remove("Privacy__PseudonymKey");
        settings["Privacy__KeyFile"] = keys;

        var result = await BotProcess.RunAsync(["check-config", "--data", _data.Path], "", settings);

        Assert.Equal(78, result.ExitCode);
        Assert.Contains($"chmod 600 {keys}", result.Error);
    }

    [Fact]
    public async Task ABrokenFlowAndABrokenLetterTemplateAreNamedByFile()
    {
        var flow = _data.File("broken.yaml");
        await File.WriteAllTextAsync(flow, (await File.ReadAllTextAsync(Path.Combine(ShippedFlow.FlowsDirectory, "incident.yaml")))
            .Replace("next: affected", "next: affectd", StringComparison.Ordinal));
        var templates = _data.File("templates");
        Directory.CreateDirectory(Path.Combine(templates, "en"));
        await File.WriteAllTextAsync(Path.Combine(templates, "en", "broken.liquid"), BrokenTemplate);
        var brokenFlow = Good();
        brokenFlow["Intake__FlowFile"] = flow;
        var brokenTemplate = Good();
        brokenTemplate["Letters__TemplatesFolder"] = templates;

        var flowResult = await BotProcess.RunAsync(["check-config", "--data", _data.Path], "", brokenFlow);
        var templateResult = await BotProcess.RunAsync(["check-config", "--data", _data.Path], "", brokenTemplate);

        Assert.Equal(78, flowResult.ExitCode);
        Assert.Contains("broken.yaml", flowResult.Error);
        Assert.Contains("'affectd'", flowResult.Error);
        Assert.Equal(78, templateResult.ExitCode);
        Assert.Contains("broken.liquid", templateResult.Error);
    }
}
