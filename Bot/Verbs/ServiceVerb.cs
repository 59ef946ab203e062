using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using CommunityBot.Storage;
using CommunityBot.Channels.Messenger;
using CommunityBot.Web;
using System.CommandLine;
using CommunityBot.Channels.Telegram;
using CommunityBot.Reports.Retention;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CommunityBot.Verbs;

/// <summary><c>Bot [--data DIR]</c> with no verb: the service (Telegram, Facebook Messenger or both), until Ctrl-C or SIGTERM.</summary>
internal static class ServiceVerb
{
    /// <summary>Whether a Telegram token is configured.</summary>
    public static bool HasTelegram(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{TelegramOptions.Section}:{nameof(TelegramOptions.BotToken)}"])
        || !string.IsNullOrWhiteSpace(configuration[$"{TelegramOptions.Section}:{nameof(TelegramOptions.BotTokenFile)}"]);

    /// <summary>Whether the Facebook Messenger channel is configured.</summary>
    public static bool HasMessenger(IConfiguration configuration) => configuration.GetSection(MessengerOptions.Section).Exists();

    /// <summary>What the service says, and <c>check-config</c> too, when no channel is configured.</summary>
    public static string? MissingToken(IConfiguration configuration) =>
        !HasTelegram(configuration) && !HasMessenger(configuration)
            ? "No Telegram token configured. Set the environment variable Telegram__BotToken or the setting Telegram:BotTokenFile" +
              " (or, for Facebook Messenger, the Messenger settings: see the README)." + Environment.NewLine +
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
            if (HasTelegram(builder.Configuration))
            {
                builder.Services.AddTelegram();
            }
            if (HasMessenger(builder.Configuration))
            {
                builder.Services.AddMessenger();
            }
            builder.Services.AddWeb(builder.Configuration);
            builder.Services.AddRetentionSchedule();
            return await VerbHost.RunAsync(builder, async host =>
            {
                // A disk that cannot be written stops the service: nothing more could be kept, and what is in hand stays
                // unconfirmed for the next start.
                var database = host.Services.GetRequiredService<Database>();
                var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
                var storageLog = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CommunityBot.Storage");
                using var stopOnFailure = database.StorageFailed.Register(() =>
                {
                    StorageFailureLog.Stopping(storageLog, database.Path, database.FailureReason, ExitCodes.StorageFailed);
                    lifetime.StopApplication();
                });
                // Runs until Ctrl-C or SIGTERM; the polling service finishes the updates in hand before the host stops.
                await host.WaitForShutdownAsync(cancellationToken);
                return database.HasFailed ? ExitCodes.StorageFailed : 0;
            });
        });
    }
}
