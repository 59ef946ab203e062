using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Deploy;

/// <summary>The container recipe cannot be built here (no registry to fetch its base image from), so its points are
/// checked as text: it runs the published output as its own user, on one volume, with secrets and a health check.</summary>
public sealed class ContainerfileTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(DeployScripts.Folder, "Containerfile"));

    private static IEnumerable<string> Instructions => Lines.Where(line => line.Length > 0 && !line.StartsWith('#') && !line.StartsWith(' '));

    [Fact]
    public void ItCopiesThePublishedOutputTheReadmeCommandMakes()
    {
        Assert.Contains(Instructions, line => line.StartsWith("COPY ", StringComparison.Ordinal) && line.Contains(" publish/ /app/", StringComparison.Ordinal));
        Assert.Contains(Lines, line => line.Contains("dotnet publish Bot -c Release -r linux-x64 --self-contained -o publish", StringComparison.Ordinal));
        Assert.Contains(Instructions, line => line == "ENTRYPOINT [\"/app/Bot\", \"--data\", \"/data\"]");
        Assert.Contains("dotnet publish Bot -c Release -r linux-x64 --self-contained -o publish", ReadmeText(), StringComparison.Ordinal);
    }

    [Fact]
    public void ItRunsAsTheServiceUserNotAsRoot()
    {
        Assert.Contains(Lines, line => line.Contains("useradd --system --uid 10001 --gid communitybot", StringComparison.Ordinal) && line.Contains("--shell /usr/sbin/nologin communitybot", StringComparison.Ordinal));
        var user = Assert.Single(Instructions, line => line.StartsWith("USER ", StringComparison.Ordinal));
        Assert.Equal("USER 10001:10001", user);
        Assert.True(Array.FindLastIndex(Lines, line => line.StartsWith("USER ", StringComparison.Ordinal)) < Array.FindIndex(Lines, line => line.StartsWith("ENTRYPOINT ", StringComparison.Ordinal)));
    }

    [Fact]
    public void ItHasOneVolumeForTheDataAndTheSecretsComeFromMounts()
    {
        Assert.Equal("VOLUME [\"/data\"]", Assert.Single(Instructions, line => line.StartsWith("VOLUME", StringComparison.Ordinal)));
        Assert.Contains(Lines, line => line.Contains("Privacy__KeyFile=/run/secrets/keys.json", StringComparison.Ordinal));
        Assert.Contains(Lines, line => line.Contains("Privacy__PassphraseFile=/run/secrets/keys-passphrase", StringComparison.Ordinal));
        Assert.Contains(Lines, line => line.Contains("Telegram__BotTokenFile=/run/secrets/telegram-token", StringComparison.Ordinal));
        Assert.DoesNotContain(Lines, line => line.Contains("BotToken=", StringComparison.Ordinal) || line.Contains("DataKey", StringComparison.Ordinal));
    }

    [Fact]
    public void ItsRunCommandKeepsTheRootFileSystemReadOnly()
    {
        Assert.Contains(Lines, line => line.Contains("podman run", StringComparison.Ordinal) && line.Contains("--read-only", StringComparison.Ordinal));
        Assert.Contains(Lines, line => line.Contains("--cap-drop=all", StringComparison.Ordinal));
    }

    [Fact]
    public void ItsHealthCheckAsksHealthzOnTheAddressTheWebServerListensOn()
    {
        Assert.Contains(Instructions, line => line.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));
        Assert.Contains(Lines, line => line.Contains("/dev/tcp/127.0.0.1/8080", StringComparison.Ordinal) && line.Contains("GET /healthz", StringComparison.Ordinal));
        Assert.Contains(Lines, line => line.Contains("Web__Urls=http://127.0.0.1:8080", StringComparison.Ordinal));
    }

    [Fact]
    public void ItGivesTheRuntimeTheSameSettingsAsTheServiceUnit()
    {
        // The memory and dump settings of the runtime (DOTNET_…) are one set, whichever way the program is run.
        var container = Lines.Select(line => line.Trim().TrimEnd('\\').Trim())
            .Select(line => line.StartsWith("ENV ", StringComparison.Ordinal) ? line["ENV ".Length..] : line)
            .Where(line => line.StartsWith("DOTNET_", StringComparison.Ordinal) && !line.StartsWith("DOTNET_ENVIRONMENT=", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        var unit = Benchmarks.BotRuntime.DeployedVariables().Select(variable => $"{variable.Name}={variable.Value}").Order(StringComparer.Ordinal);
        Assert.Equal(unit, container);
        Assert.Contains("DOTNET_GCgen0size=0x400000", container);
    }

    [Fact]
    public void TheReadmeSaysItCannotBeBuiltWithoutARegistry() =>
        Assert.Contains("cannot be built on a machine without", ReadmeText(), StringComparison.Ordinal);

    private static string ReadmeText() => File.ReadAllText(Path.Combine(DeployScripts.Folder, "..", "README.md"));
}
