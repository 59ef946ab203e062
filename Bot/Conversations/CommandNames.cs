using System.Collections.Immutable;

namespace CommunityBot.Conversations;

/// <summary>
/// Every command the bot knows, by the name a person types after the slash: the one list that the router, the chats,
/// the terminal, the command menu Telegram shows and the tests read. The help texts in the language files name the
/// same commands; a test holds them to this list.
/// </summary>
internal static class CommandNames
{
    public const string Start = "start";
    public const string Report = "report";
    public const string Status = "status";
    public const string Add = "add";
    public const string Delete = "delete";
    public const string Forget = "forget";
    public const string Language = "language";
    public const string Help = "help";
    public const string Back = "back";
    public const string Cancel = "cancel";

    /// <summary>Answer the moderators' latest question, as the "Answer" button under it does.</summary>
    public const string Answer = "answer";

    public const string Queue = "queue";
    public const string Show = "show";
    public const string Find = "find";
    public const string Stats = "stats";
    public const string Export = "export";
    public const string Audit = "audit";
    public const string Letter = "letter";

    /// <summary>The menu of a member's private chat, in the order Telegram shows it (each described by <c>cmd.NAME</c>).</summary>
    public static readonly ImmutableArray<string> MemberMenu = [Report, Status, Add, Delete, Forget, Language, Help, Cancel];

    /// <summary>The menu in community groups: there a member can only be pointed to a private chat.</summary>
    public static readonly ImmutableArray<string> GroupMenu = [Report];

    /// <summary>What a member's help text lists.</summary>
    public static readonly ImmutableArray<string> MemberHelp = [Report, Status, Add, Answer, Delete, Forget, Language, Back, Cancel, Help];

    /// <summary>A community group answers these with "in a private chat only": they would give a member away there.</summary>
    public static readonly ImmutableArray<string> PrivateOnly = [Help, Status, Add, Delete, Forget, Language, Cancel, Answer];

    /// <summary>The moderators' tools, answered in the moderators' group or, for a moderator, in private.</summary>
    public static readonly ImmutableArray<string> Moderation = [Queue, Show, Find, Stats, Export, Audit];

    /// <summary>What the moderators' help text lists.</summary>
    public static readonly ImmutableArray<string> ModeratorHelp = [.. Moderation, Letter];

    public static bool IsModeration(string name) => Moderation.Contains(name);
}
