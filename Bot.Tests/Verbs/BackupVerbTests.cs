using System.Runtime.Versioning;
using CommunityBot.Privacy;
using CommunityBot.Storage;
using CommunityBot.Tests.Support;
using CommunityBot.Verbs;

namespace CommunityBot.Tests.Verbs;

/// <summary><c>Bot backup</c> and <c>Bot restore</c> run from a shell, as an operator or the daily timer runs them:
/// the files they leave, what they say, and an exit code of its own for each refusal.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class BackupVerbTests : IDisposable
{
    private readonly TempDirectory _live = new();
    private readonly TempDirectory _elsewhere = new();

    public void Dispose()
    {
        _live.Dispose();
        _elsewhere.Dispose();
    }

    [Fact]
    public async Task WithNoServiceRunningTheBackupOpensTheDataItselfAndWritesAnOwnerOnlyFile()
    {
        var code = await ReportAsync(_live.Path);
        var backup = _elsewhere.File("daily.backup");
        await File.WriteAllTextAsync(backup, "an older backup under the same name, readable by all");
        File.SetUnixFileMode(backup, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var result = await BotProcess.RunAsync(["backup", "--data", _live.Path, "--out", backup]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("1 reports", result.Output, StringComparison.Ordinal);
        Assert.Contains("useless without the keys", result.Output, StringComparison.Ordinal);
        Assert.Equal(OwnerOnlyFiles.Mode, File.GetUnixFileMode(backup));
        Assert.Equal([backup], Directory.GetFiles(_elsewhere.Path));
        Assert.False(RawBytes.Contain(await File.ReadAllBytesAsync(backup), code));
    }

    [Fact]
    public async Task RestoreRefusesWithAnExitCodeForEachReasonAndRestoresWhenAllIsWell()
    {
        await ReportAsync(_live.Path);
        var backup = _elsewhere.File("daily.backup");
        Assert.Equal(0, (await BotProcess.RunAsync(["backup", "--data", _live.Path, "--out", backup])).ExitCode);
        using var target = new TempDirectory();
        CopyKeys(_live.Path, target.Path);

        await using (await ChatHost.StartAsync(target.Path))
        {
            var running = await BotProcess.RunAsync(["restore", "--data", target.Path, "--from", backup]);
            Assert.Equal(BackupVerb.InUse, running.ExitCode);
            Assert.Contains("stop it first", running.Error, StringComparison.Ordinal);
        }
        // The service, even stopped, left its database behind: replacing it takes --force.
        var notEmpty = await BotProcess.RunAsync(["restore", "--data", target.Path, "--from", backup]);
        Assert.Equal(RestoreVerb.NotEmpty, notEmpty.ExitCode);
        Assert.Contains("--force", notEmpty.Error, StringComparison.Ordinal);
        var restored = await BotProcess.RunAsync(["restore", "--data", target.Path, "--from", backup, "--force"]);
        Assert.True(restored.ExitCode == 0, restored.Error);
        Assert.Contains("1 reports", restored.Output, StringComparison.Ordinal);

        using var otherKeys = new TempDirectory();
        KeyRing.CreateKeyFile(Path.Combine(otherKeys.Path, BotHost.LocalKeyFileName));
        var wrongKeys = await BotProcess.RunAsync(["restore", "--data", otherKeys.Path, "--from", backup]);
        Assert.Equal(RestoreVerb.WrongKeys, wrongKeys.ExitCode);
        Assert.Contains("other keys", wrongKeys.Error, StringComparison.Ordinal);

        var bytes = await File.ReadAllBytesAsync(backup);
        bytes[^40] ^= 0x10;
        var damaged = _elsewhere.File("damaged.backup");
        await File.WriteAllBytesAsync(damaged, bytes);
        var broken = await BotProcess.RunAsync(["restore", "--data", target.Path, "--from", damaged, "--force"]);
        Assert.Equal(RestoreVerb.Damaged, broken.ExitCode);
        Assert.Contains("damaged", broken.Error, StringComparison.Ordinal);

        Assert.Equal(RestoreVerb.NoFile, (await BotProcess.RunAsync(["restore", "--data", target.Path, "--from", _elsewhere.File("missing")])).ExitCode);
    }

    private static async Task<string> ReportAsync(string data)
    {
        await using var host = await ChatHost.StartAsync(data);
        var output = await host.TypeAsync("ru", Scripts.WholeReport(Scripts.RussianStory));
        var code = Scripts.ReceiptCode().Match(output).Value;
        Assert.NotEmpty(code);
        return code;
    }

    private static void CopyKeys(string from, string to)
    {
        var keyFile = Path.Combine(to, BotHost.LocalKeyFileName);
        File.Copy(Path.Combine(from, BotHost.LocalKeyFileName), keyFile);
        File.SetUnixFileMode(keyFile, OwnerOnlyFiles.Mode);
    }
}
