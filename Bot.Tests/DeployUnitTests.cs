namespace CommunityBot.Tests;

/// <summary>The systemd unit in <c>deploy/</c>: sealed keys by default, and key material kept out of dumps and swap.</summary>
public sealed class DeployUnitTests
{
    private static readonly string[] Lines = File.ReadAllLines(UnitFile());

    [Theory]
    [InlineData("LoadCredentialEncrypted=keys-passphrase:")]
    [InlineData("#LoadCredential=keys-passphrase:")]
    [InlineData("Environment=Privacy__KeyFile=")]
    [InlineData("LimitCORE=0")]
    [InlineData("MemorySwapMax=0")]
    [InlineData("MemoryZSwapMax=0")]
    [InlineData("Environment=DOTNET_DbgEnableMiniDump=0")]
    [InlineData("Environment=DOTNET_EnableDiagnostics=0")]
    [InlineData("RestartPreventExitStatus=78")]
    public void TheServiceUnitHasTheLine(string start) =>
        Assert.Contains(Lines, line => line.StartsWith(start, StringComparison.Ordinal));

    [Fact]
    public void TheServiceUnitGivesNoKeyOrPassphraseInTheClear() =>
        Assert.DoesNotContain(Lines, line => line.StartsWith("Environment=Privacy__DataKey", StringComparison.Ordinal) ||
            line.StartsWith("Environment=Privacy__PseudonymKey", StringComparison.Ordinal) ||
            line.StartsWith("Environment=Privacy__PassphraseFile", StringComparison.Ordinal));

    [Fact]
    public void TheServiceLogsToTheJournalWhoseRetentionTheDropInSets()
    {
        Assert.DoesNotContain(Lines, line => line.StartsWith("StandardOutput=file:", StringComparison.Ordinal) || line.StartsWith("StandardOutput=append:", StringComparison.Ordinal));
        var dropIn = File.ReadAllLines(Path.Combine(Path.GetDirectoryName(UnitFile()) ?? ".", "journald-communitybot.conf"));
        Assert.Contains("[Journal]", dropIn);
        Assert.Contains(dropIn, line => line.StartsWith("MaxRetentionSec=", StringComparison.Ordinal));
        Assert.Contains(dropIn, line => line.StartsWith("SystemMaxUse=", StringComparison.Ordinal));
    }

    private static string UnitFile()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var unit = Path.Combine(directory.FullName, "deploy", "communitybot.service");
            if (File.Exists(unit))
            {
                return unit;
            }
        }
        throw new FileNotFoundException("deploy/communitybot.service is not above " + AppContext.BaseDirectory);
    }
}
