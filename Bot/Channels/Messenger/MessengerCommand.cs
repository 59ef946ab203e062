using CommunityBot.Conversations;

namespace CommunityBot.Channels.Messenger;

/// <summary>
/// Commands as members type them in Messenger, where there is no command menu: with a slash as in Telegram
/// (<c>/status CODE</c>), or as a keyword (<c>status CODE</c>, <c>статус КОД</c>, <c>cancel</c>; see
/// <see cref="TypedCommands.Keyword"/>), so that a story beginning "Help, they..." is read as a story.
/// </summary>
internal static class MessengerCommand
{
    /// <summary>The payloads of the "Get Started" button and the persistent menu (whose items add the menu's language,
    /// see <see cref="MenuPress"/>).</summary>
    public const string GetStarted = "GET_STARTED";
    public const string MenuReport = "MENU_REPORT";
    public const string MenuStatus = "MENU_STATUS";
    public const string MenuHelp = "MENU_HELP";

    public static MemberCommand? Parse(string text) => MemberCommand.Parse(text) ?? TypedCommands.Keyword(text);
}

/// <summary>"Get Started", an item of the persistent menu, or the button of a private reply. Meta sends no locale with
/// an event, so each language's menu names its language in its payloads (<c>MENU_REPORT:en</c>); "Get Started" has
/// one payload for every locale, and menus set by an earlier version have none either.</summary>
internal sealed record MenuPress(MemberCommand Command, string? Language)
{
    public static string Payload(string item, string language) => item + ":" + language;

    public static MenuPress? Parse(string payload, TextCatalog texts)
    {
        var colon = payload.IndexOf(':', StringComparison.Ordinal);
        var item = colon < 0 ? payload : payload[..colon];
        var language = colon < 0 ? null : payload[(colon + 1)..];
        string? command = item switch
        {
            MessengerCommand.GetStarted => "start",
            MessengerCommand.MenuReport => "report",
            MessengerCommand.MenuStatus => "status",
            MessengerCommand.MenuHelp => "help",
            _ => null,
        };
        return command is null ? null : new MenuPress(new MemberCommand(command, ""), language is not null && texts.Has(language) ? language : null);
    }
}
