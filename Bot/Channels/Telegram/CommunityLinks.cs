using System.Text.RegularExpressions;
using CommunityBot.Privacy;
using Microsoft.Extensions.Options;

namespace CommunityBot.Channels.Telegram;

/// <summary>What a community's link (<c>/start TOKEN</c>) says about where a report comes from: the community, once
/// Telegram confirms its user is a member of that group when the settings ask for it.</summary>
internal sealed partial class CommunityLinks(Communities communities, MembershipCheck membership, IOptions<TelegramOptions> options, ActivityCounts counts)
{
    /// <summary>The community of the link, or none for an unknown token.</summary>
    /// <param name="Refused">The link names a community whose group the user is not in.</param>
    /// <param name="Unknown">The text after <c>/start</c> has a link's form but names no community: a link that is
    /// old, or whose token was changed since it was shared.</param>
    public sealed record Followed(CommunityGroupOptions? Community, bool Refused, bool Unknown = false);

    public async Task<Followed> FollowAsync(string token, long? userId, CancellationToken cancellationToken)
    {
        var community = communities.ByLinkToken(token);
        if (community is null)
        {
            return new Followed(null, Refused: false, Unknown: IsLinkToken(token));
        }
        if (options.Value.RequireMembership && userId is { } user
            && !await membership.IsMemberAsync(community.ChatId, user, cancellationToken))
        {
            counts.Add(Activity.CommunityLinksRefused);
            return new Followed(community, Refused: true);
        }
        return new Followed(community, Refused: false);
    }

    /// <summary>Whether <paramref name="text"/> has the form of a deep-link payload (what Telegram allows after
    /// <c>?start=</c>).</summary>
    public static bool IsLinkToken(string text) => LinkTokenPattern().IsMatch(text);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex LinkTokenPattern();
}
