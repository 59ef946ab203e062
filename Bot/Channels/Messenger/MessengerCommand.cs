using System.Collections.Frozen;
using CommunityBot.Conversations;
using CommunityBot.Privacy;

namespace CommunityBot.Channels.Messenger;

/// <summary>
/// Commands as members type them in Messenger, where there is no command menu: with a slash as in Telegram
/// (<c>/status CODE</c>), or as a keyword (<c>status CODE</c>, <c>статус КОД</c>, <c>cancel</c>). A keyword counts only
/// when it cannot be an answer: alone in the message, or (status, add, delete) followed by a receipt code or what can
/// only be one typed wrong, so that a story beginning "Help, they..." is read as a story.
/// </summary>
internal static class MessengerCommand
{
    /// <summary>The payloads of the "Get Started" button and the persistent menu (whose items add the menu's language,
    /// see <see cref="MenuPress"/>).</summary>
    public const string GetStarted = "GET_STARTED";
    public const string MenuReport = "MENU_REPORT";
    public const string MenuStatus = "MENU_STATUS";
    public const string MenuHelp = "MENU_HELP";

    private static readonly FrozenSet<string> WithCode = FrozenSet.ToFrozenSet(["status", "add", "delete"], StringComparer.Ordinal);

    public static MemberCommand? Parse(string text)
    {
        if (MemberCommand.Parse(text) is { } slashed)
        {
            return slashed;
        }
        var trimmed = text.Trim();
        var space = trimmed.IndexOfAny([' ', '\n', '\t']);
        if (CommandWords.Named(space < 0 ? trimmed : trimmed[..space]) is not { } name)
        {
            return null;
        }
        var argument = space < 0 ? "" : trimmed[(space + 1)..].Trim();
        return argument.Length == 0 || (WithCode.Contains(name) && (StartsWithCode(argument) || IsMistypedCode(argument))) || (name == "language" && argument.Length <= 3)
            ? new MemberCommand(name, argument)
            : null;
    }

    /// <summary>Whether the first one to four words make a receipt code (typed with or without its dashes or spaces).</summary>
    private static bool StartsWithCode(string argument) => ReceiptCode.Split(argument).Code is not null;

    /// <summary>A code with a character too many or too few, or one misread ("status XC89-D5LJ-HL6Y"): groups of at least
    /// three letters and digits, one of them a digit, about a code's length in all. Told that no report has that code,
    /// the member checks it; taken for an answer, it would have been stored or met with the welcome.</summary>
    private static bool IsMistypedCode(string argument)
    {
        var groups = argument.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var characters = argument.Count(char.IsLetterOrDigit);
        return groups.Length <= MaxCodeGroups
            && groups.All(g => g.Count(char.IsLetterOrDigit) >= MinGroup && g.All(c => char.IsLetterOrDigit(c) || c == '-'))
            && argument.Any(char.IsAsciiDigit)
            && characters is >= ReceiptCode.Length / 2 and <= ReceiptCode.Length + MinGroup;
    }

    private const int MaxCodeGroups = 4;
    private const int MinGroup = 3;
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
