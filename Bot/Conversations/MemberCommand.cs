using System.Collections.Frozen;

namespace CommunityBot.Conversations;

/// <summary>A slash command as a member typed it: <c>/status 7K3Q-XM2P</c> or <c>/start@community_bot token</c>.</summary>
/// <param name="Addressee">The bot named after <c>@</c>, when one is: in a group, a command may be for another bot.</param>
internal sealed record MemberCommand(string Name, string Argument, string? Addressee = null)
{
    /// <summary>Whether the command is for the bot with this username (a command naming no bot is for every bot).</summary>
    public bool IsFor(string username) => Addressee is null || string.Equals(Addressee, username, StringComparison.OrdinalIgnoreCase);

    public static MemberCommand? Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length < 2 || trimmed[0] != '/' || !char.IsLetter(trimmed[1]))
        {
            return null;
        }
        // "/status: CODE" and "/status:CODE" are written as "/status CODE" is meant.
        var space = trimmed.IndexOfAny([' ', '\n', '\t', ':']);
        var head = space < 0 ? trimmed[1..] : trimmed[1..space];
        var at = head.IndexOf('@', StringComparison.Ordinal);
        // "/cancel." and "/help!" are typed as a sentence ends: the command is the word.
        var typed = (at < 0 ? head : head[..at]).TrimEnd('.', '!', '?', ',', ';').ToLowerInvariant();
        // A name begun in Latin stays a command (an unknown one at worst), as before Cyrillic was read.
        if ((typed.All(char.IsAscii) ? typed : Named(typed) ?? (char.IsAsciiLetter(typed[0]) ? typed : null)) is not { } name)
        {
            return null;
        }
        var argument = space < 0 ? "" : trimmed[(space + 1)..].Trim();
        return new MemberCommand(name, argument.StartsWith(':') ? argument[1..].Trim() : argument, at < 0 ? null : head[(at + 1)..]);
    }

    /// <summary>A command typed in Cyrillic: a Latin name with a look-alike letter from a Russian keyboard ("/сancel"), or
    /// the command's word in Russian or Kazakh ("/отмена"). Any other word after a slash is text, as Telegram reads it.</summary>
    private static string? Named(string typed)
    {
        var latin = LookAlikes.AsLatin(typed);
        return Known.Contains(latin) ? latin : CommandWords.Named(typed);
    }

    private static readonly FrozenSet<string> Known =
        FrozenSet.ToFrozenSet([CommandNames.Start, .. CommandNames.MemberHelp, .. CommandNames.ModeratorHelp], StringComparer.Ordinal);

}
