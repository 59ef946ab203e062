using System.Runtime.Versioning;
using System.Text.Json;
using CommunityBot.Privacy;
using CommunityBot.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CommunityBot.Tests.Privacy;

[UnsupportedOSPlatform("windows")]
public sealed class KeyRingTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void KeysSetDirectlyAreUsed()
    {
        var data = TestKeys.Base64(32);
        var ring = KeyRing.Load(new PrivacyOptions { DataKey = data, PseudonymKey = TestKeys.Base64(48) });

        Assert.Equal(Convert.FromBase64String(data), ring.DataKey.ToArray());
    }

    [Theory]
    [InlineData(null, "Privacy:DataKey")]
    [InlineData("", "Privacy:DataKey")]
    [InlineData("not base64 at all!", "Privacy:DataKey")]
    [InlineData("c2hvcnQ=", "Privacy:DataKey")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "Privacy:DataKey")]
    public void ABadDataKeyStopsStartUpNamingTheSetting(string? dataKey, string setting)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            KeyRing.Load(new PrivacyOptions { DataKey = dataKey, PseudonymKey = TestKeys.Base64(32) }));

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADataKeyLongerThan32BytesIsRefused() =>
        Assert.Throws<InvalidOperationException>(() =>
            KeyRing.Load(new PrivacyOptions { DataKey = TestKeys.Base64(33), PseudonymKey = TestKeys.Base64(32) }));

    [Theory]
    [InlineData(null)]
    [InlineData("%%%")]
    [InlineData("c2hvcnQ=")]
    public void ABadPseudonymKeyStopsStartUpNamingTheSetting(string? pseudonymKey)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            KeyRing.Load(new PrivacyOptions { DataKey = TestKeys.Base64(32), PseudonymKey = pseudonymKey }));

        Assert.Contains("Privacy:PseudonymKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OneKeyForBothPurposesIsRefused()
    {
        var key = TestKeys.Base64(32);

        Assert.Throws<InvalidOperationException>(() => KeyRing.Load(new PrivacyOptions { DataKey = key, PseudonymKey = key }));
    }

    [Fact]
    public void ACreatedKeyFileIsReadableOnlyByItsOwnerAndLoadsTheSameKeys()
    {
        var path = _directory.File("data/keys.json");

        var created = KeyRing.CreateKeyFile(path);
        var loaded = KeyRing.Load(new PrivacyOptions { KeyFile = path });

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
        Assert.Equal(created.DataKey.ToArray(), loaded.DataKey.ToArray());
        Assert.Equal(created.KeyFor(PseudonymPurpose.Drafts).ToArray(), loaded.KeyFor(PseudonymPurpose.Drafts).ToArray());
    }

    [Fact]
    public void AnExistingKeyFileIsNeverOverwritten()
    {
        var path = _directory.File("keys.json");
        var first = KeyRing.CreateKeyFile(path);

        Assert.Throws<IOException>(() => KeyRing.CreateKeyFile(path));
        Assert.Equal(first.DataKey.ToArray(), KeyRing.Load(new PrivacyOptions { KeyFile = path }).DataKey.ToArray());
    }

    [Fact]
    public void AKeyFileOthersCanReadIsRefused()
    {
        var path = _directory.File("keys.json");
        KeyRing.CreateKeyFile(path);
        File.SetUnixFileMode(path, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var error = Assert.Throws<InvalidOperationException>(() => KeyRing.Load(new PrivacyOptions { KeyFile = path }));

        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
        Assert.Contains("0644", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingKeyFileIsNamed()
    {
        var path = _directory.File("nowhere.json");

        var error = Assert.Throws<InvalidOperationException>(() => KeyRing.Load(new PrivacyOptions { KeyFile = path }));

        Assert.Contains("Privacy:KeyFile", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AShortKeyInTheKeyFileIsRefused()
    {
        var path = _directory.File("keys.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new { dataKey = TestKeys.Base64(16), pseudonymKey = TestKeys.Base64(32) }));
        File.SetUnixFileMode(path, OwnerOnly);

        var error = Assert.Throws<InvalidOperationException>(() => KeyRing.Load(new PrivacyOptions { KeyFile = path }));

        Assert.Contains("dataKey in Privacy:KeyFile", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHostRefusesToStartWithoutKeys()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Privacy:DataKey"] = TestKeys.Base64(32) });
        builder.Services.AddPrivacy();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Privacy:PseudonymKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHostStartsWithKeysFromTheEnvironmentStyleSettings()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Privacy:DataKey"] = TestKeys.Base64(32),
            ["Privacy:PseudonymKey"] = TestKeys.Base64(32),
        });
        builder.Services.AddPrivacy();
        using var host = builder.Build();

        await host.StartAsync();
        var pseudonym = host.Services.GetRequiredService<Pseudonyms>().Of(PseudonymPurpose.Drafts, "telegram:1");
        await host.StopAsync();

        Assert.Equal(43, pseudonym.Length);
    }
}
