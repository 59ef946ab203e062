using CommunityBot.Web;
using System.CommandLine;
using CommunityBot.Channels.Telegram;
using CommunityBot.Reports.Retention;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CommunityBot.Verbs;

/// <summary><c>Bot [--data DIR]</c> with no verb: the Telegram service, until Ctrl-C or SIGTERM.</summary>
internal static class ServiceVerb
{
    /// <summary>What the service says, and <c>check-config</c> too, when no token is configured.</summary>
    public static string? MissingToken(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration[$"{TelegramOptions.Section}:{nameof(TelegramOptions.BotToken)}"])
        && string.IsNullOrWhiteSpace(configuration[$"{TelegramOptions.Section}:{nameof(TelegramOptions.BotTokenFile)}"])
            ? "No Telegram token configured. Set the environment variable Telegram__BotToken or the setting Telegram:BotTokenFile." + Environment.NewLine +
              "To try the reporting conversation without Telegram: dotnet run --project Bot -- chat"
            : null;

    public static void SetOn(RootCommand root, Option<string?> dataOption)
    {
        root.Options.Add(dataOption);
        root.SetAction(async (parse, cancellationToken) =>
        {
            var builder = BotHost.CreateBuilder(parse.GetValue(dataOption), interactive: false);
            if (MissingToken(builder.Configuration) is { } missing)
            {
                await Console.Error.WriteLineAsync(missing);
                return ExitCodes.Configuration;
            }
            builder.Services.AddTelegram().AddWeb(builder.Configuration);
            builder.Services.AddRetentionSchedule();
            return await VerbHost.RunAsync(builder, async host =>
            {
                // Runs until Ctrl-C or SIGTERM; the polling service finishes the updates in hand before the host stops.
                await host.WaitForShutdownAsync(cancellationToken);
                return 0;
            });
        });
    }
}
