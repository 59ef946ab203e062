using CommunityBot.Channels.Messenger;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Channels.Messenger;

public sealed class MessengerStartUpTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private static Dictionary<string, string> Keys() => new()
    {
        ["Privacy__DataKey"] = TestKeys.Base64(32),
        ["Privacy__PseudonymKey"] = TestKeys.Base64(32),
    };

    [Fact]
    public async Task TheServiceWithMessengerButMissingSecretsNamesEachAndExits78()
    {
        var environment = Keys();
        environment["Messenger__PageId"] = "100000000000001";
        environment["Messenger__VerifyToken"] = "short";

        var result = await BotProcess.RunAsync(["--data", _data.Path], "", environment);

        Assert.Equal(78, result.ExitCode);
        Assert.Contains("No Messenger:AppSecret configured", result.Error);
        Assert.Contains("Messenger:VerifyToken is not", result.Error);
        Assert.Contains("No Messenger:PageAccessToken configured", result.Error);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void SecretsAreReadFromOwnerOnlyFilesAndAFileOthersCanReadIsRefused()
    {
        var secret = _data.File("app-secret");
        var token = _data.File("page-token");
        var verify = _data.File("verify-token");
        File.WriteAllText(secret, "0123456789abcdef0123456789abcdef\n");
        File.WriteAllText(token, "EAA" + new string('x', 60));
        File.WriteAllText(verify, "a-verify-token-of-some-length");
        foreach (var file in new[] { secret, token, verify })
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var options = new MessengerOptions { PageId = "1", AppSecretFile = secret, PageAccessTokenFile = token, VerifyTokenFile = verify };

        var read = MessengerSecrets.Read(options);

        Assert.Equal("a-verify-token-of-some-length", read.VerifyToken);
        Assert.Equal(32, read.AppSecret.Length);
        Assert.DoesNotContain("EAA", read.ToString(), StringComparison.Ordinal);
        File.SetUnixFileMode(token, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var refused = Assert.Throws<InvalidOperationException>(() => MessengerSecrets.Read(options));
        Assert.Contains("Messenger:PageAccessTokenFile", refused.Message);
        Assert.Contains("chmod 600", refused.Message);
    }
}
