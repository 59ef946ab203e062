using System.Collections.Frozen;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Benchmarks;

/// <summary>
/// How the benchmarked bot process runs: with the runtime settings of the service as deployed (the
/// <c>DOTNET_</c> lines of <c>deploy/communitybot.service</c> besides those of <c>Bot.runtimeconfig.json</c>), and
/// what it holds in memory at the end, so a figure says which settings it was measured with.
/// </summary>
internal static class BotRuntime
{
    /// <summary>Variables `dotnet run` passes down that only the SDK reads, left out of the printed settings.</summary>
    private static readonly FrozenSet<string> SdkVariables = FrozenSet.Create(
        StringComparer.Ordinal, "DOTNET_NOLOGO", "DOTNET_GENERATE_ASPNET_CERTIFICATE", "DOTNET_SKIP_FIRST_TIME_EXPERIENCE");

    /// <summary>
    /// Gives the bot the runtime variables the systemd unit gives the service; with <paramref name="perf"/> also the
    /// perf map (for <c>perf record</c>), which the service does not have. Returns the line that says what it ran with.
    /// </summary>
    public static string Configure(ProcessStartInfo start, bool perf, string botFolder)
    {
        foreach (var (name, value) in DeployedVariables())
        {
            start.Environment[name] = value;
        }
        if (perf)
        {
            // Lets `perf record` name the JIT-compiled methods when the bot is profiled during a run.
            start.Environment["DOTNET_PerfMapEnabled"] = "1";
            start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        }
        var variables = start.Environment
            .Where(pair => pair.Key.StartsWith("DOTNET_", StringComparison.Ordinal) || pair.Key.StartsWith("COMPlus_", StringComparison.Ordinal))
            .Where(pair => !SdkVariables.Contains(pair.Key) && !pair.Key.StartsWith("DOTNET_CLI_", StringComparison.Ordinal))
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => $"{pair.Key}={pair.Value}");
        var program = start.FileName == "dotnet" ? "dotnet " + start.ArgumentList[0] : start.FileName;
        return $"bot: {program}{Environment.NewLine}bot runtime settings: " + string.Join(", ", ConfigProperties(Path.Combine(botFolder, "Bot.runtimeconfig.json")))
            + "; environment: " + string.Join(", ", variables);
    }

    /// <summary>The <c>Environment=DOTNET_…</c> lines of the deployed unit, as name and value.</summary>
    public static IEnumerable<(string Name, string Value)> DeployedVariables() =>
        File.ReadLines(DeployScripts.File("communitybot.service"))
            .Where(line => line.StartsWith("Environment=DOTNET_", StringComparison.Ordinal))
            .Select(line => line["Environment=".Length..].Split('=', 2))
            .Where(parts => parts.Length == 2 && parts[0] != "DOTNET_ENVIRONMENT")
            .Select(parts => (parts[0], parts[1]));

    /// <summary>The bot's resident memory and its parts (anonymous: heaps and code; file: mapped libraries).</summary>
    public static string Memory(Process bot)
    {
        var status = File.Exists($"/proc/{bot.Id}/status") ? File.ReadAllLines($"/proc/{bot.Id}/status") : [];
        string Part(string name) =>
            status.FirstOrDefault(line => line.StartsWith(name + ":", StringComparison.Ordinal)) is { } line
                && long.TryParse(line[(name.Length + 1)..].Trim().Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb)
                ? (kb / 1024).ToString(CultureInfo.InvariantCulture) + " MB"
                : "?";
        return $"bot resident memory: {bot.WorkingSet64 / (1024 * 1024)} MB (anonymous {Part("RssAnon")}, files {Part("RssFile")}, "
            + $"shared memory {Part("RssShmem")}; threads {bot.Threads.Count})";
    }

    private static List<string> ConfigProperties(string runtimeConfig)
    {
        if (!File.Exists(runtimeConfig))
        {
            return ["(no Bot.runtimeconfig.json)"];
        }
        using var document = JsonDocument.Parse(File.ReadAllBytes(runtimeConfig));
        return document.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var properties)
            ? properties.EnumerateObject()
                .Where(property => property.Name.StartsWith("System.GC.", StringComparison.Ordinal) || property.Name.StartsWith("System.Runtime.", StringComparison.Ordinal))
                .Select(property => $"{property.Name}={property.Value}")
                .ToList()
            : [];
    }
}
