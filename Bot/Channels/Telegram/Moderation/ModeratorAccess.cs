using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CommunityBot.Channels.Telegram.Moderation;

/// <summary>
/// A moderator is whoever is a member of the moderators' group right now. Telegram is asked (getChatMember) and the
/// answer kept for at most five minutes, in memory only; a <c>chat_member</c> update that removes someone drops their
/// entry at once, so a removed moderator loses access without waiting.
/// </summary>
internal sealed partial class ModeratorAccess(Communities communities, MembershipCheck membership, TimeProvider time, ILogger<ModeratorAccess> log)
{
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<long, (bool Allowed, DateTimeOffset Until)> _known = new();

    public async Task<bool> IsModeratorAsync(long userId, CancellationToken cancellationToken)
    {
        if (communities.ModeratorsChatId is not { } moderators)
        {
            return false;
        }
        var now = time.GetUtcNow();
        if (_known.TryGetValue(userId, out var known) && known.Until > now)
        {
            return known.Allowed;
        }
        var allowed = await membership.IsMemberAsync(moderators, userId, cancellationToken).ConfigureAwait(false);
        _known[userId] = (allowed, now + Remember);
        if (!allowed)
        {
            LogRefused(log);
        }
        return allowed;
    }

    /// <summary>Someone's membership of the moderators' group changed: ask Telegram again next time.</summary>
    public void Forget(long userId) => _known.TryRemove(userId, out _);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A moderation action by someone outside the moderators' group was refused")]
    private static partial void LogRefused(ILogger logger);
}
