using System.CommandLine;
using CommunityBot.Conversations;
using CommunityBot.Storage;
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
    /// run with is printed on standard error and ends the program with <see cref="ExitCodes.Configuration"/>; a data
    /// folder that cannot be written (at start, while running or at the close) is said in one line, with no stack trace
    /// on a member's screen, and ends it with <see cref="ExitCodes.StorageFailed"/>.</summary>
    public static async Task<int> RunAsync(HostApplicationBuilder builder, Func<IHost, Task<int>> run)
    {
        IHost? host = null;
        int code;
        try
        {
            host = builder.Build();
            await StartupCheck.StartAsync(host);
            code = await run(host);
            await host.StopAsync();
        }
        catch (ConfigurationException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            code = ExitCodes.Configuration;
        }
        catch (Exception e) when (StorageFailedException.IsFileFailure(e))
        {
            code = await StorageFailedAsync(builder, e);
        }
        try
        {
            host?.Dispose();
        }
        catch (Exception e) when (StorageFailedException.IsFileFailure(e))
        {
            // The close checkpoints the database: a disk that filled up meanwhile fails here.
            code = code == ExitCodes.StorageFailed ? code : await StorageFailedAsync(builder, e);
        }
        return code;
    }

    private static async Task<int> StorageFailedAsync(HostApplicationBuilder builder, Exception e)
    {
        var folder = BotHost.DataDirectory(builder.Configuration);
        var reason = (e as StorageFailedException)?.InnerException?.Message ?? e.Message;
        await Console.Error.WriteLineAsync(
            $"The data folder {Path.GetFullPath(folder)} could not be written (disk full, read-only or failing): {reason} "
            + "What was stored before is kept. Free or repair the disk and start again.");
        return ExitCodes.StorageFailed;
    }
}
