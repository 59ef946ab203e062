using System.Collections.Frozen;
using CommunityBot.Conversations;
using CommunityBot.Privacy;

namespace CommunityBot.Channels.Messenger;

/// <summary>
/// Commands as members type them in Messenger, where there is no command menu: with a slash as in Telegram
/// (<c>/status CODE</c>), or as a keyword (<c>status CODE</c>, <c>статус КОД</c>, <c>cancel</c>). A keyword counts only
/// when it cannot be an answer: alone in the message, or (status, add, delete) followed by a receipt code, so that a
/// story beginning "Help, they..." is read as a story.
/// </summary>
internal static class MessengerCommand
{
    /// <summary>The payloads of the "Get Started" button and the persistent menu.</summary>
    public const string GetStarted = "GET_STARTED";
    public const string MenuReport = "MENU_REPORT";
    public const string MenuStatus = "MENU_STATUS";
    public const string MenuHelp = "MENU_HELP";

    private static readonly FrozenDictionary<string, string> Keywords = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["start"] = "start", ["report"] = "report", ["status"] = "status", ["add"] = "add", ["delete"] = "delete",
        ["cancel"] = "cancel", ["back"] = "back", ["help"] = "help", ["language"] = "language", ["forget"] = "forget",
        ["answer"] = "answer",
        ["начать"] = "start", ["сообщить"] = "report", ["статус"] = "status", ["дополнить"] = "add", ["удалить"] = "delete",
        ["отмена"] = "cancel", ["назад"] = "back", ["помощь"] = "help", ["язык"] = "language",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> WithCode = FrozenSet.ToFrozenSet(["status", "add", "delete"], StringComparer.Ordinal);

    public static MemberCommand? Parse(string text)
    {
        if (MemberCommand.Parse(text) is { } slashed)
        {
            return slashed;
        }
        var trimmed = text.Trim();
        var space = trimmed.IndexOfAny([' ', '\n', '\t']);
        var word = (space < 0 ? trimmed : trimmed[..space]).TrimEnd('.', '!', ':').ToLowerInvariant();
        if (!Keywords.TryGetValue(word, out var name))
        {
            return null;
        }
        var argument = space < 0 ? "" : trimmed[(space + 1)..].Trim();
        return argument.Length == 0 || (WithCode.Contains(name) && StartsWithCode(argument)) || (name == "language" && argument.Length <= 3)
            ? new MemberCommand(name, argument)
            : null;
    }

    /// <summary>Whether the first one to four words make a receipt code (typed with or without its dashes or spaces).</summary>
    private static bool StartsWithCode(string argument) => ReceiptCode.Split(argument).Code is not null;
}
