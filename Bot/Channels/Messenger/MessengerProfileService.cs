using System.Text.Json.Nodes;
using CommunityBot.Conversations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommunityBot.Channels.Messenger;

/// <summary>At start, sets the Page's "Get Started" button and its persistent menu (Report, Status, Help) in every
/// language the bot speaks, through the Messenger Profile API. Each menu's payloads carry its language: pressing an
/// item goes on in the language the member's Messenger showed it in.</summary>
internal sealed partial class MessengerProfileService(GraphClient graph, TextCatalog texts, IOptions<IntakeOptions> intake, ILogger<MessengerProfileService> log)
    : BackgroundService
{
    /// <summary>Meta's locales for the bot's languages; the default language also gets Meta's "default" menu.</summary>
    private static readonly Dictionary<string, string> Locales = new(StringComparer.Ordinal)
    {
        ["ru"] = "ru_RU", ["en"] = "en_US", ["kk"] = "kk_KZ", ["ky"] = "ky_KG", ["ka"] = "ka_GE", ["lt"] = "lt_LT", ["bg"] = "bg_BG", ["ro"] = "ro_RO",
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var outcome = await graph.SetProfileAsync(Profile(), stoppingToken);
        if (outcome == SendOutcome.Sent)
        {
            LogSet(log);
        }
        else
        {
            LogNotSet(log, outcome);
        }
    }

    internal JsonObject Profile()
    {
        var menus = new JsonArray { Menu("default", intake.Value.DefaultLanguage) };
        foreach (var language in texts.Languages.Where(Locales.ContainsKey))
        {
            menus.Add(Menu(Locales[language], language));
        }
        return new JsonObject
        {
            ["get_started"] = new JsonObject { ["payload"] = MessengerCommand.GetStarted },
            ["persistent_menu"] = menus,
        };
    }

    private JsonObject Menu(string locale, string language) => new()
    {
        ["locale"] = locale,
        ["composer_input_disabled"] = false,
        ["call_to_actions"] = new JsonArray(
            Item(texts.Get(language, "fb.menu_report"), MenuPress.Payload(MessengerCommand.MenuReport, language)),
            Item(texts.Get(language, "fb.menu_status"), MenuPress.Payload(MessengerCommand.MenuStatus, language)),
            Item(texts.Get(language, "fb.menu_help"), MenuPress.Payload(MessengerCommand.MenuHelp, language))),
    };

    private static JsonObject Item(string title, string payload) => new() { ["type"] = "postback", ["title"] = title, ["payload"] = payload };

    [LoggerMessage(Level = LogLevel.Information, Message = "Messenger: the Get Started button and the persistent menu are set")]
    private static partial void LogSet(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Messenger: the Get Started button and the persistent menu could not be set ({Outcome})")]
    private static partial void LogNotSet(ILogger logger, SendOutcome outcome);
}
