using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using CommunityBot.Privacy;
using CommunityBot.Reports;
using CommunityBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityBot.Tests.Verbs;

/// <summary><c>Bot keys ...</c> run as the operator runs them, and what sealed keys change for <c>chat</c> and for
/// someone who takes the server away.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class KeysVerbTests : IDisposable
{
    private const string Passphrase = "quiet river seven stones";
    private const string PlainKeyWarning = "The key file is not sealed: anyone who copies this server's disk can read every stored story";

    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private string KeyFile => Path.Combine(_data.Path, "keys.json");

    [Fact]
    public async Task InitSealedWritesASealedOwnerOnlyKeyFileWithThePassphraseGivenTwice()
    {
        var result = await BotProcess.RunAsync(["keys", "init", "--sealed", "--data", _data.Path], Twice(Passphrase));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(OwnerOnlyFiles.Mode, File.GetUnixFileMode(KeyFile));
        Assert.True(SealedKeyFile.IsSealed(File.ReadAllBytes(KeyFile)));
        using var keys = Open(Passphrase);
        Assert.NotNull(keys);
    }

    [Theory]
    [InlineData("quiet river seven stones\nquiet river seven stonez\n", "differ")]
    [InlineData("short\nshort\n", "12 characters")]
    [InlineData("", "twice")]
    public async Task InitSealedRefusesAPassphraseThatDiffersIsShortOrMissingAndWritesNothing(string input, string said)
    {
        var result = await BotProcess.RunAsync(["keys", "init", "--sealed", "--data", _data.Path], input);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(said, result.Error);
        Assert.False(File.Exists(KeyFile));
    }

    [Fact]
    public async Task InitSealedTakesThePassphraseFromAFileOnlyItsOwnerCanRead()
    {
        var passphraseFile = Path.Combine(_data.Path, "passphrase");
        OwnerOnlyFiles.CreateNew(passphraseFile, Encoding.UTF8.GetBytes(Passphrase + "\n"));
        var keyFile = Path.Combine(_data.Path, "etc", "keys.json");

        var result = await BotProcess.RunAsync(["keys", "init", "--sealed", "--key-file", keyFile, "--passphrase-file", passphraseFile]);

        Assert.True(result.ExitCode == 0, result.Error);
        using var keys = SealedKeyFile.Open(File.ReadAllBytes(keyFile), Encoding.UTF8.GetBytes(Passphrase), keyFile);
        Assert.NotNull(keys);
    }

    [Fact]
    public async Task InitWithoutSealedWritesAPlainKeyFileAndNeverOverwritesAKeyFile()
    {
        var first = await BotProcess.RunAsync(["keys", "init", "--data", _data.Path]);
        var before = await File.ReadAllBytesAsync(KeyFile);
        var second = await BotProcess.RunAsync(["keys", "init", "--sealed", "--data", _data.Path], Twice(Passphrase));

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal(OwnerOnlyFiles.Mode, File.GetUnixFileMode(KeyFile));
        using (var json = JsonDocument.Parse(before))
        {
            Assert.Equal(32, Convert.FromBase64String(json.RootElement.GetProperty("dataKey").GetString() ?? "").Length);
        }
        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains("never overwritten", second.Error);
        Assert.Equal(before, await File.ReadAllBytesAsync(KeyFile));
    }

    [Fact]
    public async Task SealTurnsThePlainKeyFileIntoASealedOneWithTheSameKeys()
    {
        Assert.Equal(0, (await BotProcess.RunAsync(["keys", "init", "--data", _data.Path])).ExitCode);
        using var plain = KeyRing.ReadPlainKeyFile(KeyFile);
        var plainText = await File.ReadAllTextAsync(KeyFile);

        var result = await BotProcess.RunAsync(["keys", "seal", "--data", _data.Path], Twice(Passphrase));

        Assert.True(result.ExitCode == 0, result.Error);
        using var opened = Open(Passphrase);
        Assert.True(opened?.SameAs(plain));
        Assert.Equal(["keys.json"], Directory.GetFiles(_data.Path).Select(Path.GetFileName));
        Assert.DoesNotContain(JsonDocument.Parse(plainText).RootElement.GetProperty("dataKey").GetString() ?? "-", await File.ReadAllTextAsync(KeyFile));
        Assert.Equal(OwnerOnlyFiles.Mode, File.GetUnixFileMode(KeyFile));
    }

    [Fact]
    public async Task ChangePassphraseReSealsTheSameKeysSoOnlyTheNewPassphraseOpensThem()
    {
        const string next = "amber kettle forty doors";
        Assert.Equal(0, (await BotProcess.RunAsync(["keys", "init", "--sealed", "--data", _data.Path], Twice(Passphrase))).ExitCode);
        using var before = Open(Passphrase);

        var wrong = await BotProcess.RunAsync(["keys", "change-passphrase", "--data", _data.Path], "not the passphrase at all\n" + Twice(next));
        var right = await BotProcess.RunAsync(["keys", "change-passphrase", "--data", _data.Path], Passphrase + "\n" + Twice(next));

        Assert.Equal(78, wrong.ExitCode);
        Assert.Contains("does not open", wrong.Error);
        Assert.True(right.ExitCode == 0, right.Error);
        Assert.Null(Open(Passphrase));
        using var after = Open(next);
        Assert.True(after?.SameAs(before ?? throw new InvalidOperationException("the keys did not open")));
    }

    [Fact]
    public async Task ChatUnlocksSealedKeysFromStandardInputAndLogsNoWarningAboutThem()
    {
        Assert.Equal(0, (await BotProcess.RunAsync(["keys", "init", "--sealed", "--data", _data.Path], Twice(Passphrase))).ExitCode);

        var result = await BotProcess.RunAsync(["chat", "--data", _data.Path, "--lang", "ru"],
            Passphrase + "\n" + string.Join("\n", Scripts.WholeReport(Scripts.RussianStory)) + "\n");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Matches(Scripts.ReceiptCode(), result.Output);
        Assert.DoesNotContain("not sealed", await LogAsync());
    }

    [Fact]
    public async Task AChatOnPlainKeysWarnsOnceWhatTheyExpose()
    {
        var result = await BotProcess.RunAsync(["chat", "--data", _data.Path, "--lang", "en"], "/help\n");

        Assert.True(result.ExitCode == 0, result.Error);
        var log = await LogAsync();
        Assert.Single(log.Split('\n'), line => line.Contains(PlainKeyWarning, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASeizedDataFolderWithSealedKeysAndNoPassphraseYieldsNoStoryAndNoPseudonymKey()
    {
        const string story = "Канарейка-изъятие: в диспансере на Абая отказали в метадоне, медсестра Гульнара-Канарейка кричала.";
        Assert.Equal(0, (await BotProcess.RunAsync(["keys", "init", "--sealed", "--data", _data.Path], Twice(Passphrase))).ExitCode);
        var filed = await BotProcess.RunAsync(["chat", "--data", _data.Path, "--lang", "ru"],
            Passphrase + "\n" + string.Join("\n", Scripts.WholeReport(story)) + "\n");
        var code = Scripts.ReceiptCode().Match(filed.Output).Value;
        Assert.NotEmpty(code);

        // The server is off: whoever holds the folder has every byte of it, but not the passphrase.
        var withoutPassphrase = await BotProcess.RunAsync(["chat", "--data", _data.Path, "--lang", "ru"], "");
        var guessed = await BotProcess.RunAsync(["export", "json", "--data", _data.Path, "--out", Path.Combine(_data.Path, "out.json")], "password\n");

        Assert.Equal(78, withoutPassphrase.ExitCode);
        Assert.Contains("sealed", withoutPassphrase.Error);
        Assert.Equal(78, guessed.ExitCode);
        Assert.False(File.Exists(Path.Combine(_data.Path, "out.json")));
        Assert.Throws<InvalidOperationException>(() => KeyRing.Load(new PrivacyOptions { KeyFile = KeyFile }));

        using var keys = Open(Passphrase) ?? throw new InvalidOperationException("the keys did not open");
        var ring = new KeyRing(keys.DataKey, keys.PseudonymKey);
        var sealedBytes = await File.ReadAllBytesAsync(KeyFile);
        var secrets = new List<byte[]> { keys.DataKey, keys.PseudonymKey };
        secrets.AddRange(Enum.GetValues<PseudonymPurpose>().Select(purpose => ring.KeyFor(purpose).ToArray()));
        foreach (var secret in secrets)
        {
            Assert.True(sealedBytes.AsSpan().IndexOf(secret) < 0);
            Assert.False(RawBytes.Contain(sealedBytes, Convert.ToBase64String(secret)));
        }
        foreach (var file in Directory.EnumerateFiles(_data.Path, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            foreach (var secret in new[] { "Канарейка", "Гульнара", code, code.Replace("-", "", StringComparison.Ordinal) })
            {
                Assert.False(RawBytes.Contain(bytes, secret), $"{Path.GetFileName(file)} holds '{secret}'");
            }
        }

        // With the passphrase the same folder opens: the report is there, so its absence above is the seal's doing.
        await using var host = await ChatHost.StartAsync(_data.Path, settings: new Dictionary<string, string?> { ["Privacy:PassphraseFile"] = PassphraseFile() });
        Assert.NotNull(await host.Services.GetRequiredService<ReportStore>().FindByReceiptAsync(code));
    }

    private KeyMaterial? Open(string passphrase) =>
        SealedKeyFile.Open(File.ReadAllBytes(KeyFile), Encoding.UTF8.GetBytes(passphrase), KeyFile);

    private string PassphraseFile()
    {
        var path = Path.Combine(_data.Path, "passphrase");
        OwnerOnlyFiles.CreateNew(path, Encoding.UTF8.GetBytes(Passphrase));
        return path;
    }

    private async Task<string> LogAsync()
    {
        var logs = Path.Combine(_data.Path, "logs");
        var text = new StringBuilder();
        foreach (var file in Directory.Exists(logs) ? Directory.GetFiles(logs) : [])
        {
            text.Append(await File.ReadAllTextAsync(file));
        }
        return text.ToString();
    }

    private static string Twice(string passphrase) => passphrase + "\n" + passphrase + "\n";
}
