using System.Globalization;
using CommunityBot.Privacy;

namespace CommunityBot.Channels.Telegram.Moderation;

internal static class ModeratorPseudonyms
{
    /// <summary>Who a moderator (or an activist) is to the audit log and to remembered letter answers: a keyed hash of
    /// their Telegram id, never the id itself. One function, so that both places name the same person the same way.</summary>
    public static string OfModerator(this Pseudonyms pseudonyms, long userId) =>
        pseudonyms.Of(PseudonymPurpose.Moderators, "telegram:" + userId.ToString(CultureInfo.InvariantCulture));
}
