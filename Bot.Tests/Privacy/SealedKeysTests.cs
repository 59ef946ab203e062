using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using CommunityBot.Privacy;
using CommunityBot.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CommunityBot.Tests.Privacy;

/// <summary>The key file sealed under a passphrase, and the ways the service is given that passphrase at start.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class SealedKeysTests : IDisposable
{
    private const string Passphrase = "violet lantern under the bridge";

    // Cheap enough for many tests; the format stores the cost, so opening needs nothing else.
    private static readonly Argon2Cost Cheap = new(8 * 1024, 1, 1);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void ASealedKeyFileOpensWithItsPassphraseOnlyAndItsBytesHoldNeitherKey()
    {
        var path = _directory.File("keys.json");
        using var keys = KeyMaterial.Fresh();

        SealedKeyFile.Create(path, keys, Bytes(Passphrase), Cheap);

        var file = File.ReadAllBytes(path);
        Assert.Equal(OwnerOnlyFiles.Mode, File.GetUnixFileMode(path));
        using (var opened = SealedKeyFile.Open(file, Bytes(Passphrase), path))
        {
            Assert.NotNull(opened);
            Assert.True(opened.SameAs(keys));
        }
        Assert.Null(SealedKeyFile.Open(file, Bytes("violet lantern under the bridgE"), path));
        foreach (var key in new[] { keys.DataKey, keys.PseudonymKey })
        {
            Assert.False(file.AsSpan().IndexOf(key) >= 0);
            Assert.False(RawBytes.Contain(file, Convert.ToBase64String(key)));
        }
    }

    [Fact]
    public void TheSealedFileSaysItsFormatAndTheCostAndSaltOfItsKeyDerivation()
    {
        var path = _directory.File("keys.json");
        using var keys = KeyMaterial.Fresh();

        SealedKeyFile.Create(path, keys, Bytes(Passphrase), Argon2Cost.Default);

        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = json.RootElement;
        Assert.Equal("communitybot-sealed-keys/1", root.GetProperty("format").GetString());
        var kdf = root.GetProperty("kdf");
        Assert.Equal("argon2id", kdf.GetProperty("algorithm").GetString());
        Assert.Equal(64 * 1024, kdf.GetProperty("memoryKiB").GetInt32());
        Assert.Equal(3, kdf.GetProperty("iterations").GetInt32());
        Assert.InRange(kdf.GetProperty("parallelism").GetInt32(), 1, 2);
        Assert.Equal(16, Convert.FromBase64String(kdf.GetProperty("salt").GetString() ?? "").Length);
        Assert.Equal(12, Convert.FromBase64String(root.GetProperty("nonce").GetString() ?? "").Length);
        Assert.NotEmpty(root.GetProperty("ciphertext").GetString() ?? "");
    }

    [Fact]
    public void AnExistingKeyFileIsNeverOverwrittenBySealing()
    {
        var path = _directory.File("keys.json");
        using var first = KeyMaterial.Fresh();
        using var second = KeyMaterial.Fresh();
        SealedKeyFile.Create(path, first, Bytes(Passphrase), Cheap);

        Assert.Throws<IOException>(() => SealedKeyFile.Create(path, second, Bytes(Passphrase), Cheap));

        using var opened = SealedKeyFile.Open(File.ReadAllBytes(path), Bytes(Passphrase), path);
        Assert.True(opened?.SameAs(first));
    }

    [Fact]
    public void AFileInAFormatOfALaterVersionIsRefusedByName()
    {
        var path = _directory.File("keys.json");
        File.WriteAllText(path, """{"format":"communitybot-sealed-keys/2","kdf":{},"nonce":"","ciphertext":""}""");

        var error = Assert.Throws<InvalidOperationException>(() => SealedKeyFile.Open(File.ReadAllBytes(path), Bytes(Passphrase), path));

        Assert.Contains("communitybot-sealed-keys/2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReplacingAKeyFileOverwritesTheOldContentAndLeavesNothingBeside()
    {
        var path = _directory.File("keys.json");
        var plain = KeyRing.CreateKeyFile(path);
        // A second name for the same file: it still reaches the old content once the path holds the sealed file.
        var oldContent = _directory.File("old-link");
        Link(path, oldContent);
        using var keys = KeyRing.ReadPlainKeyFile(path);

        SealedKeyFile.Replace(path, keys, Bytes(Passphrase), Cheap);

        Assert.All(File.ReadAllBytes(oldContent), b => Assert.Equal(0, b));
        Assert.Equal([Path.GetFileName(path), "old-link"], Directory.GetFiles(_directory.Path).Select(Path.GetFileName).Order());
        var loaded = KeyRing.Load(new PrivacyOptions { KeyFile = path, PassphraseFile = PassphraseFile(Passphrase) });
        Assert.Equal(plain.DataKey.ToArray(), loaded.DataKey.ToArray());
        Assert.Equal(plain.KeyFor(PseudonymPurpose.Receipts).ToArray(), loaded.KeyFor(PseudonymPurpose.Receipts).ToArray());
    }

    [Fact]
    public async Task TheServiceUnlocksTheKeysWithTheSystemdCredentialOfTheConfiguredName()
    {
        var (path, keys) = Sealed();
        var credentials = Directory.CreateDirectory(_directory.File("credentials")).FullName;
        await File.WriteAllTextAsync(Path.Combine(credentials, "bot-keys"), Passphrase + "\n");

        var ring = await StartAsync(new() { ["Privacy:KeyFile"] = path, ["Privacy:PassphraseCredential"] = "bot-keys" }, credentials);

        Assert.Equal(keys.DataKey, ring.DataKey.ToArray());
    }

    [Fact]
    public async Task TheServiceUnlocksTheKeysWithAPassphraseFileOnlyItsOwnerCanRead()
    {
        var (path, keys) = Sealed();
        var passphraseFile = PassphraseFile(Passphrase);

        var ring = await StartAsync(new() { ["Privacy:KeyFile"] = path, ["Privacy:PassphraseFile"] = passphraseFile });
        File.SetUnixFileMode(passphraseFile, OwnerOnlyFiles.Mode | UnixFileMode.GroupRead);
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            StartAsync(new() { ["Privacy:KeyFile"] = path, ["Privacy:PassphraseFile"] = passphraseFile }));

        Assert.Equal(keys.DataKey, ring.DataKey.ToArray());
        Assert.Contains("Privacy:PassphraseFile", error.Message, StringComparison.Ordinal);
        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheServiceUnlocksTheKeysFromAFileDescriptorAndClosesIt()
    {
        var (path, keys) = Sealed();
        var handle = File.OpenHandle(PassphraseFile(Passphrase));
        var fd = (int)handle.DangerousGetHandle();
        // The program closes the descriptor once read; this handle must not close it a second time.
        handle.SetHandleAsInvalid();

        var ring = await StartAsync(new() { ["Privacy:KeyFile"] = path, ["Privacy:PassphraseFd"] = fd.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(keys.DataKey, ring.DataKey.ToArray());
    }

    [Fact]
    public async Task AWrongPassphraseStopsStartUpNamingWhereItCameFrom()
    {
        var (path, _) = Sealed();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            StartAsync(new() { ["Privacy:KeyFile"] = path, ["Privacy:PassphraseFile"] = PassphraseFile("not the right passphrase") }));

        Assert.Contains("does not open the sealed key file", error.Message, StringComparison.Ordinal);
        Assert.Contains("Privacy:PassphraseFile", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not the right passphrase", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAnyPassphraseStartUpStopsListingWhatWasTried()
    {
        var (path, _) = Sealed();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new() { ["Privacy:KeyFile"] = path }));

        Assert.Contains("Privacy:PassphraseFd", error.Message, StringComparison.Ordinal);
        Assert.Contains("Privacy:PassphraseFile", error.Message, StringComparison.Ordinal);
        Assert.Contains("systemd credential 'keys-passphrase'", error.Message, StringComparison.Ordinal);
        Assert.Contains("standard input", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APassphraseIsReadFromAPipeOneLineAtATimeLeavingTheRestForTheVerb()
    {
        using var pipe = new MemoryStream(Encoding.UTF8.GetBytes(Passphrase + "\r\n/report\n"));
        var input = new StandardInputPassphrase(() => pipe, isTerminal: false, TextWriter.Null);

        var line = input.ReadLine("Passphrase: ");

        Assert.Equal(Passphrase, Encoding.UTF8.GetString(line ?? []));
        Assert.Equal("/report\n", new StreamReader(pipe).ReadToEnd());
        Assert.Null(input.ReadLine("Passphrase: "));
    }

    private (string Path, KeyMaterial Keys) Sealed()
    {
        var path = _directory.File("keys.json");
        var keys = KeyMaterial.Fresh();
        SealedKeyFile.Create(path, keys, Bytes(Passphrase), Cheap);
        return (path, keys);
    }

    private string PassphraseFile(string passphrase)
    {
        var path = _directory.File($"passphrase-{Guid.NewGuid():N}");
        OwnerOnlyFiles.CreateNew(path, Bytes(passphrase + "\n"));
        return path;
    }

    private static async Task<KeyRing> StartAsync(Dictionary<string, string?> settings, string? credentialsDirectory = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(new PassphraseSources(credentialsDirectory, null));
        builder.Services.AddPrivacy();
        using var host = builder.Build();
        await host.StartAsync();
        var ring = host.Services.GetRequiredService<KeyRing>();
        await host.StopAsync();
        return ring;
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static void Link(string existing, string created)
    {
        using var ln = System.Diagnostics.Process.Start("ln", [existing, created]);
        ln.WaitForExit();
        Assert.Equal(0, ln.ExitCode);
    }
}
