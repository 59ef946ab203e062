using System.Runtime.Versioning;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Deploy;

/// <summary><c>deploy/backup.sh</c>, which the daily timer runs: one <c>Bot backup</c>, then only the newest N kept. A
/// stand-in plays the program.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class BackupScriptTests : IDisposable
{
    private static readonly string[] Old =
    [
        "communitybot-20261125-020000.backup",
        "communitybot-20261126-020000.backup",
        "communitybot-20261127-020000.backup",
        "communitybot-20261128-020000.backup",
        "communitybot-20261129-020000.backup",
    ];

    private readonly TempDirectory _temp = new();

    public BackupScriptTests()
    {
        Backups = Path.Combine(_temp.Path, "backups");
        Directory.CreateDirectory(Backups);
        foreach (var name in Old)
        {
            File.WriteAllText(Path.Combine(Backups, name), "an older backup");
        }
    }

    private string Backups { get; }

    private string Calls => Path.Combine(_temp.Path, "bot-calls");

    private string Program => Path.Combine(_temp.Path, "Bot");

    private Task<DeployScripts.Result> BackUpAsync(int keep) =>
        DeployScripts.RunAsync(DeployScripts.File("backup.sh"), "--bot", Program, "--data", "/var/lib/communitybot", "--backups", Backups, "--keep", keep.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void TheTimerRunsTheBackupDailyAndCatchesUpAfterADayOff()
    {
        var timer = File.ReadAllLines(DeployScripts.File("communitybot-backup.timer"));
        var service = File.ReadAllLines(DeployScripts.File("communitybot-backup.service"));

        Assert.Contains("OnCalendar=daily", timer);
        Assert.Contains("Persistent=true", timer);
        Assert.Contains("ExecStart=/opt/communitybot/deploy/backup.sh --bot /opt/communitybot/Bot --data /var/lib/communitybot --backups /var/backups/communitybot --keep 14", service);
        Assert.Contains("User=communitybot", service);
        Assert.Contains("LoadCredentialEncrypted=keys-passphrase:/etc/communitybot/keys-passphrase.cred", service);
    }

    [Fact]
    public async Task ABackupIsTakenAndOnlyTheNewestAreKept()
    {
        DeployScripts.WriteFakeProgram(Program, Calls, "while [ $# -gt 0 ]; do if [ \"$1\" = --out ]; then printf 'a new backup' > \"$2\"; fi; shift; done");

        var result = await BackUpAsync(keep: 3);

        Assert.True(result.ExitCode == 0, result.ToString());
        var call = Assert.Single(File.ReadAllLines(Calls));
        Assert.StartsWith($"backup --data /var/lib/communitybot --out {Backups}/", call, StringComparison.Ordinal);
        var kept = Directory.GetFiles(Backups).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(3, kept.Count);
        Assert.Equal(Old[3..], kept.Take(2));
        var fresh = Path.Combine(Backups, kept[2] ?? "");
        Assert.Equal("a new backup", File.ReadAllText(fresh));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(fresh));
    }

    [Fact]
    public async Task AFailedBackupRemovesNoOlderOneAndLeavesNoPart()
    {
        DeployScripts.WriteFakeProgram(Program, Calls,
            "while [ $# -gt 0 ]; do if [ \"$1\" = --out ]; then printf 'half' > \"$2\"; fi; shift; done; echo 'the database could not be read' >&2; exit 1");

        var result = await BackUpAsync(keep: 2);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(Old, Directory.GetFiles(Backups).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("many")]
    public async Task AKeepThatIsNotAPositiveNumberIsRefused(string keep)
    {
        DeployScripts.WriteFakeProgram(Program, Calls, "true");

        var result = await DeployScripts.RunAsync(DeployScripts.File("backup.sh"), "--bot", Program, "--backups", Backups, "--keep", keep);

        Assert.Equal(2, result.ExitCode);
        Assert.False(File.Exists(Calls));
        Assert.Equal(Old.Length, Directory.GetFiles(Backups).Length);
    }

    public void Dispose() => _temp.Dispose();
}
