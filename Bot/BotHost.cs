using System.Globalization;
using CommunityBot.Conversations;
using CommunityBot.Letters;
using CommunityBot.Moderation;
using CommunityBot.Privacy;
using CommunityBot.Reports.Retention;
using CommunityBot.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;

namespace CommunityBot;

/// <summary>The composition root: configuration, logging and every feature, for the service and the CLI verbs alike.</summary>
internal static class BotHost
{
    /// <param name="dataDirectory">Overrides <c>Storage:DataDirectory</c> (the <c>--data</c> option).</param>
    /// <param name="interactive">The terminal is the conversation's: logs go to a file instead.</param>
    /// <param name="settings">Extra settings laid over all others (tests use this).</param>
    public static HostApplicationBuilder CreateBuilder(string? dataDirectory, bool interactive, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = "CommunityBot",
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        if (dataDirectory is not null)
        {
            builder.Configuration[$"{StorageOptions.Section}:{nameof(StorageOptions.DataDirectory)}"] = dataDirectory;
        }
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        var data = DataDirectory(builder.Configuration);

        builder.Logging.ClearProviders();
        // Each host owns its logger; the static Serilog.Log is left alone, so two hosts in one process (tests) never
        // close each other's log.
        builder.Services.AddSerilog(preserveStaticLogger: true, configureLogger: (_, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration);
            logger.Filter.ByExcluding(ConfigurationException.IsToldPlainly);
            logger.Enrich.With<WithheldExceptionMessages>();
            if (interactive)
            {
                var logs = Path.Combine(data, "logs");
                OwnerOnlyFiles.CreateFolder(logs);
                OwnerOnlyFiles.Tighten(logs, folder: true);
                logger.WriteTo.File(Path.Combine(logs, "communitybot-.log"), outputTemplate: WithheldExceptionMessages.FileTemplate,
                    rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14, formatProvider: CultureInfo.InvariantCulture,
                    hooks: new OwnerOnlyLogFiles());
            }
            else
            {
                logger.WriteTo.Console(outputTemplate: WithheldExceptionMessages.ConsoleTemplate, formatProvider: CultureInfo.InvariantCulture);
            }
        });
        if (interactive)
        {
            // An operator at a terminal (or a pipe) may type the passphrase of a sealed key file.
            builder.Services.AddSingleton(PassphraseSources.Interactive());
        }
        // First of the hosted services: the flow and the letter templates are checked before anything else starts.
        builder.Services.AddHostedService<StartupCheck>();
        builder.Services.AddPrivacy().AddStorage().AddIntake().AddModeration().AddLetters().AddRetention();
        // Long enough to finish the updates in hand, short enough for a service manager's stop.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        return builder;
    }

    /// <summary>For trying the bot on one machine: when no keys are configured, keep them in a key file beside the
    /// data (created on first run, readable only by its owner). A real deployment sets its own keys.</summary>
    public static void UseLocalKeyFile(HostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(PrivacyOptions.Section);
        if (!string.IsNullOrWhiteSpace(section[nameof(PrivacyOptions.DataKey)]) || !string.IsNullOrWhiteSpace(section[nameof(PrivacyOptions.KeyFile)]))
        {
            return;
        }
        var keyFile = Path.GetFullPath(Path.Combine(DataDirectory(builder.Configuration), LocalKeyFileName));
        if (!File.Exists(keyFile))
        {
            KeyRing.CreateKeyFile(keyFile);
        }
        section[nameof(PrivacyOptions.KeyFile)] = keyFile;
    }

    /// <summary>The key file in the data folder, when no other is configured.</summary>
    public const string LocalKeyFileName = "keys.json";

    public static string DataDirectory(IConfiguration configuration) =>
        configuration[$"{StorageOptions.Section}:{nameof(StorageOptions.DataDirectory)}"] is { Length: > 0 } configured
            ? configured
            : new StorageOptions().DataDirectory;
}
