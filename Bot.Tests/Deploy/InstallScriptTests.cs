using System.Runtime.Versioning;
using CommunityBot.Privacy;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Deploy;

/// <summary><c>deploy/install.sh</c> and <c>uninstall.sh</c> run by bash into a temporary root folder, with a stand-in
/// for the published program (and once the real one).</summary>
[UnsupportedOSPlatform("windows")]
public sealed class InstallScriptTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TempDirectory _temp = new();

    public InstallScriptTests()
    {
        Root = Path.Combine(_temp.Path, "root");
        Published = Path.Combine(_temp.Path, "publish");
        Calls = Path.Combine(_temp.Path, "bot-calls");
        Directory.CreateDirectory(Root);
        CopyFolder(DeployScripts.Folder, Path.Combine(Published, "deploy"));
        File.WriteAllText(Path.Combine(Published, "Bot.dll"), "the program, version 1");
        // keys init --sealed --key-file FILE ...: writes the file as the real program would.
        DeployScripts.WriteFakeProgram(Path.Combine(Published, "Bot"), Calls,
            "while [ $# -gt 0 ]; do if [ \"$1\" = --key-file ]; then printf 'sealed test keys' > \"$2\"; fi; shift; done");
    }

    private string Root { get; }

    private string Published { get; }

    private string Calls { get; }

    private string Under(string livePath) => Root + livePath;

    private Task<DeployScripts.Result> InstallAsync(params string[] more) =>
        DeployScripts.RunAsync(DeployScripts.File("install.sh"), ["--root", Root, "--from", Published, "--skip-user", .. more]);

    private Task<DeployScripts.Result> UninstallAsync(params string[] more) =>
        DeployScripts.RunAsync(DeployScripts.File("uninstall.sh"), ["--root", Root, .. more]);

    [Fact]
    public async Task InstallLaysOutFoldersFilesAndUnitsWithTheirModes()
    {
        var result = await InstallAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(Under("/opt/communitybot")));
        Assert.Equal((UnixFileMode)0b111_101_000, File.GetUnixFileMode(Under("/etc/communitybot")));
        Assert.Equal((UnixFileMode)0b111_000_000, File.GetUnixFileMode(Under("/var/lib/communitybot")));
        Assert.Equal((UnixFileMode)0b111_000_000, File.GetUnixFileMode(Under("/var/backups/communitybot")));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(Under("/etc/communitybot/keys.json")));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(Under("/etc/communitybot/telegram-token")));
        Assert.Equal("", File.ReadAllText(Under("/etc/communitybot/telegram-token")));
        Assert.Equal((UnixFileMode)0b110_100_000, File.GetUnixFileMode(Under("/etc/communitybot/appsettings.json")));
        Assert.Equal("/etc/communitybot/appsettings.json", new FileInfo(Under("/opt/communitybot/appsettings.Production.json")).LinkTarget);
        Assert.Equal("the program, version 1", File.ReadAllText(Under("/opt/communitybot/Bot.dll")));
        Assert.Equal($"keys init --sealed --key-file {Under("/etc/communitybot/keys.json")}", File.ReadAllText(Calls).Trim());
        foreach (var unit in new[] { "communitybot.service", "communitybot-backup.service", "communitybot-backup.timer" })
        {
            var installed = Under("/etc/systemd/system/" + unit);
            Assert.Equal((UnixFileMode)0b110_100_100, File.GetUnixFileMode(installed));
            // The units name the live paths, not the folder installed into.
            Assert.DoesNotContain(Root, File.ReadAllText(installed), StringComparison.Ordinal);
        }
        Assert.Contains("ExecStart=/opt/communitybot/Bot --data /var/lib/communitybot", File.ReadAllText(Under("/etc/systemd/system/communitybot.service")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASecondInstallChangesNothing()
    {
        Assert.Equal(0, (await InstallAsync()).ExitCode);
        var before = DeployScripts.Snapshot(Root);

        var second = await InstallAsync();

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("Nothing to do", second.Output, StringComparison.Ordinal);
        Assert.Equal(before, DeployScripts.Snapshot(Root));
        Assert.Single(File.ReadAllLines(Calls));
    }

    [Fact]
    public async Task InstallKeepsEveryFileThatExists()
    {
        Directory.CreateDirectory(Under("/etc/communitybot"));
        Directory.CreateDirectory(Under("/etc/systemd/system"));
        var kept = new Dictionary<string, string>
        {
            ["/etc/communitybot/keys.json"] = "the operator's own sealed keys",
            ["/etc/communitybot/telegram-token"] = "123456:the-real-token",
            ["/etc/communitybot/appsettings.json"] = "{ \"Telegram\": { \"ModeratorsChatId\": -100123 } }",
            ["/etc/systemd/system/communitybot.service"] = "[Service]\nExecStart=/opt/communitybot/Bot --the-operator's-own-line\n",
        };
        foreach (var (path, content) in kept)
        {
            File.WriteAllText(Under(path), content);
        }

        var result = await InstallAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var (path, content) in kept)
        {
            Assert.Equal(content, File.ReadAllText(Under(path)));
        }
        Assert.False(File.Exists(Calls), "no keys are made when a key file exists");
    }

    [Fact]
    public async Task InstallAsksForTheServiceUserAndHandsItItsFiles()
    {
        var result = await InstallAsync("--user", "cbtest");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("skipped (--skip-user): useradd --system --user-group --no-create-home --home-dir /var/lib/communitybot --shell /usr/sbin/nologin cbtest", result.Output, StringComparison.Ordinal);
        Assert.Contains($"skipped (--skip-user): chown cbtest:cbtest {Under("/etc/communitybot/keys.json")}", result.Output, StringComparison.Ordinal);
        Assert.Contains($"skipped (--skip-user): chown cbtest:cbtest {Under("/var/lib/communitybot")}", result.Output, StringComparison.Ordinal);
        Assert.Contains("User=cbtest", File.ReadAllText(Under("/etc/systemd/system/communitybot.service")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryPathIsAParameter()
    {
        var result = await InstallAsync("--prefix", "/srv/bot", "--config", "/srv/bot-config", "--data", "/srv/bot-data",
            "--backups", "/srv/bot-backups", "--units", "/usr/lib/systemd/system");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(Under("/srv/bot/Bot.dll")));
        Assert.True(File.Exists(Under("/srv/bot-config/keys.json")));
        Assert.True(Directory.Exists(Under("/srv/bot-data")));
        Assert.True(Directory.Exists(Under("/srv/bot-backups")));
        var unit = File.ReadAllText(Under("/usr/lib/systemd/system/communitybot.service"));
        Assert.Contains("ExecStart=/srv/bot/Bot --data /srv/bot-data", unit, StringComparison.Ordinal);
        Assert.Contains("Environment=Privacy__KeyFile=/srv/bot-config/keys.json", unit, StringComparison.Ordinal);
        // The terminal verbs (backup, restore, stats) find the keys through the settings file.
        Assert.Contains("\"KeyFile\": \"/srv/bot-config/keys.json\"", File.ReadAllText(Under("/srv/bot-config/appsettings.json")), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Under("/opt")));
    }

    [Fact]
    public async Task AnUpgradeReplacesTheProgramButNotTheSettingsTheKeysOrTheData()
    {
        Assert.Equal(0, (await InstallAsync()).ExitCode);
        File.WriteAllText(Under("/etc/communitybot/appsettings.json"), "{ \"edited\": true }");
        File.WriteAllText(Under("/var/lib/communitybot/communitybot.db"), "the reports");
        File.WriteAllText(Path.Combine(Published, "Bot.dll"), "the program, version 2");

        var result = await InstallAsync("--upgrade");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("the program, version 2", File.ReadAllText(Under("/opt/communitybot/Bot.dll")));
        Assert.Equal("{ \"edited\": true }", File.ReadAllText(Under("/etc/communitybot/appsettings.json")));
        Assert.Equal("sealed test keys", File.ReadAllText(Under("/etc/communitybot/keys.json")));
        Assert.Equal("the reports", File.ReadAllText(Under("/var/lib/communitybot/communitybot.db")));
    }

    [Fact]
    public async Task UninstallKeepsTheDataUnlessTold()
    {
        Assert.Equal(0, (await InstallAsync()).ExitCode);
        File.WriteAllText(Under("/var/lib/communitybot/communitybot.db"), "the reports");
        File.WriteAllText(Under("/var/backups/communitybot/communitybot-20261201-020000.backup"), "a backup");

        var kept = await UninstallAsync();

        Assert.True(kept.ExitCode == 0, kept.ToString());
        Assert.False(Directory.Exists(Under("/opt/communitybot")));
        Assert.False(File.Exists(Under("/etc/systemd/system/communitybot.service")));
        Assert.False(File.Exists(Under("/etc/systemd/system/communitybot-backup.timer")));
        Assert.Equal("the reports", File.ReadAllText(Under("/var/lib/communitybot/communitybot.db")));
        Assert.Equal("a backup", File.ReadAllText(Under("/var/backups/communitybot/communitybot-20261201-020000.backup")));
        Assert.Equal("sealed test keys", File.ReadAllText(Under("/etc/communitybot/keys.json")));

        var deleted = await UninstallAsync("--delete-data");

        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.False(Directory.Exists(Under("/var/lib/communitybot")));
        Assert.False(Directory.Exists(Under("/var/backups/communitybot")));
        Assert.False(Directory.Exists(Under("/etc/communitybot")));
    }

    [Fact]
    public async Task UninstallRefusesWhileTheServiceHoldsTheDatabase()
    {
        Assert.Equal(0, (await InstallAsync()).ExitCode);
        // The service's Database holds its lock file this way for as long as it runs.
        using var held = new FileStream(Under("/var/lib/communitybot/communitybot.db.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var result = await UninstallAsync("--delete-data");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the service is running", result.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Under("/opt/communitybot/Bot.dll")));
        Assert.True(File.Exists(Under("/etc/communitybot/keys.json")));
    }

    [Fact]
    public async Task InstallSealsTheKeysWithTheRealProgram()
    {
        var program = Path.Combine(_temp.Path, "real-bot");
        File.WriteAllText(program, $"#!/usr/bin/env bash\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "Bot.dll")}' \"$@\"\n");
        File.SetUnixFileMode(program, (UnixFileMode)0b111_101_101);
        var passphrase = Path.Combine(_temp.Path, "passphrase");
        File.WriteAllText(passphrase, "correct horse battery staple for tests only");
        File.SetUnixFileMode(passphrase, OwnerOnly);

        var result = await InstallAsync("--bot", program, "--passphrase-file", passphrase);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(SealedKeyFile.IsSealed(File.ReadAllBytes(Under("/etc/communitybot/keys.json"))));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(Under("/etc/communitybot/keys.json")));
    }

    [Fact]
    public async Task InstallRefusesAFolderThatIsNotAPublishedProgram()
    {
        var result = await DeployScripts.RunAsync(DeployScripts.File("install.sh"), "--root", Root, "--from", _temp.Path, "--skip-user");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("dotnet publish Bot -c Release -r linux-x64 --self-contained", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Root));
    }

    public void Dispose() => _temp.Dispose();

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target) ?? to);
            File.Copy(file, target);
            File.SetUnixFileMode(target, File.GetUnixFileMode(file));
        }
    }
}
