using System.CommandLine;
using CommunityBot.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CommunityBot.Verbs;

/// <summary>The options every verb shares, and the host each one runs in.</summary>
internal static class VerbHost
{
    public static Option<string?> DataOption() => new("--data") { Description = "Folder for the database, keys and logs (default ./data)" };

    public static Option<string?> LanguageOption() => new("--lang") { Description = "Language of the conversation: ru, kk, en" };

    /// <summary>The terminal verbs work on this machine's data folder, with a local key file when no keys are configured.</summary>
    public static HostApplicationBuilder LocalBuilder(string? data)
    {
        var builder = BotHost.CreateBuilder(data, interactive: true);
        BotHost.UseLocalKeyFile(builder);
        return builder;
    }

    public static string Language(IHost host, string? typed) =>
        typed ?? host.Services.GetRequiredService<IOptions<IntakeOptions>>().Value.DefaultLanguage;

    /// <summary>Builds and starts the host, runs <paramref name="run"/> and stops it. A configuration that must not be
    /// run with is printed on standard error and ends the program with <see cref="ExitCodes.Configuration"/>.</summary>
    public static async Task<int> RunAsync(HostApplicationBuilder builder, Func<IHost, Task<int>> run)
    {
        try
        {
            using var host = builder.Build();
            await StartupCheck.StartAsync(host);
            var code = await run(host);
            await host.StopAsync();
            return code;
        }
        catch (ConfigurationException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return ExitCodes.Configuration;
        }
    }
}
