using System.CommandLine;
using CommunityBot.Channels.Telegram;
using CommunityBot.Conversations;
using CommunityBot.Letters;
using CommunityBot.Privacy;
using CommunityBot.Reports.Retention;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommunityBot.Verbs;

/// <summary><c>Bot check-config [--data DIR]</c>: checks the service's configuration as its start-up does (the settings'
/// validators, the keys, the flow, the letter templates, the Telegram settings and phrase files) without starting
/// anything: no database is opened and Telegram is not called. Exit 0, or 78 with the messages the service would print.</summary>
internal static class CheckConfigVerb
{
    public static Command Create(Option<string?> dataOption)
    {
        var check = new Command("check-config", "Check the service's configuration without starting it: exit 0, or 78 with the problems.") { dataOption };
        check.SetAction(async parse =>
        {
            var builder = BotHost.CreateBuilder(parse.GetValue(dataOption), interactive: false);
            if (ServiceVerb.MissingToken(builder.Configuration) is { } missing)
            {
                await Console.Error.WriteLineAsync(missing);
                return ExitCodes.Configuration;
            }
            builder.Services.AddTelegram();
            builder.Services.AddRetentionSchedule();
            try
            {
                using var host = builder.Build();
                StartupCheck.Run(host.Services);
                await Console.Out.WriteLineAsync(Summary(host.Services));
                return 0;
            }
            catch (ConfigurationException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return ExitCodes.Configuration;
            }
        });
        return check;
    }

    private static IEnumerable<string> LetterLanguages(LetterTemplateCatalog catalog) =>
        catalog.Languages.Select(language => $"{catalog.For(language).Length} in {language}");

    private static string Summary(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var flow = services.GetRequiredService<FlowBundle>().Flow;
        var telegram = services.GetRequiredService<IOptions<TelegramOptions>>().Value;
        var retention = services.GetRequiredService<IOptions<RetentionOptions>>().Value;
        var keyFile = configuration[$"{PrivacyOptions.Section}:{nameof(PrivacyOptions.KeyFile)}"];
        var keys = keyFile is { Length: > 0 }
            ? (SealedKeyFile.IsSealed(File.ReadAllBytes(keyFile)) ? "sealed key file " : "plain key file (seal it: Bot keys seal) ") + keyFile
            : "from the settings Privacy:DataKey and Privacy:PseudonymKey";
        return string.Join(Environment.NewLine,
            "The configuration is good.",
            $"  Keys: {keys}",
            $"  Flow: {flow.Id} version {flow.Version}",
            $"  Letter templates: {string.Join(", ", LetterLanguages(services.GetRequiredService<LetterTemplateCatalog>()))}",
            $"  Telegram: {telegram.Communities.Count} community group(s), moderators' group {(telegram.ModeratorsChatId is null ? "not set" : "set")}, updates by {(telegram.Webhook.Enabled ? "webhook" : "polling")}",
            $"  Retention: {(retention.PurgeOlderThan is { Length: > 0 } period ? $"content of ended reports erased after {period}" : "no scheduled purge")}");
    }
}
