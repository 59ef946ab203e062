using CommunityBot.Privacy;
using Microsoft.Extensions.Options;

namespace CommunityBot.Channels.Telegram;

/// <summary>What a community's link (<c>/start TOKEN</c>) says about where a report comes from: the community, once
/// Telegram confirms its user is a member of that group when the settings ask for it.</summary>
internal sealed class CommunityLinks(Communities communities, MembershipCheck membership, IOptions<TelegramOptions> options, ActivityCounts counts)
{
    /// <summary>The community of the link, or none for an unknown token.</summary>
    /// <param name="Refused">The link names a community whose group the user is not in.</param>
    public sealed record Followed(CommunityGroupOptions? Community, bool Refused);

    public async Task<Followed> FollowAsync(string token, long? userId, CancellationToken cancellationToken)
    {
        var community = communities.ByLinkToken(token);
        if (community is not null && options.Value.RequireMembership && userId is { } user
            && !await membership.IsMemberAsync(community.ChatId, user, cancellationToken))
        {
            counts.Add(Activity.CommunityLinksRefused);
            return new Followed(community, Refused: true);
        }
        return new Followed(community, Refused: false);
    }
}
