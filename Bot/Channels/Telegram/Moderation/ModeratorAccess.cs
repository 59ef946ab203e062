using CommunityBot.Privacy;
using Telegram.Bot.Types.Enums;

namespace CommunityBot.Channels.Telegram.Moderation;

/// <summary>
/// Who may use the moderators' tools, as Telegram says right now (getChatMember): a moderator is a member of the
/// moderators' group who is not restricted (muted); an activist is such a member of the activists' group (<c>Telegram:ActivistsChatId</c>, when one is
/// set) and may draft letters in a private chat. Each answer is kept for at most five minutes, in memory only; a
/// <c>chat_member</c> update in either group drops that person's entry at once, so someone removed loses access
/// without waiting. No user id is ever configured.
/// </summary>
internal sealed class ModeratorAccess(Communities communities, MembershipCheck membership, Pseudonyms pseudonyms, TimeProvider time, ActivityCounts counts) : IDisposable
{
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(5);

    /// <summary>Anyone may press a card's button; the answers about them must not pile up.</summary>
    private const int Remembered = 10_000;

    private readonly FadingMemory<(long Chat, long User), (bool Allowed, DateTimeOffset Until)> _known = new(time, Remember, Remembered);

    public async Task<bool> IsModeratorAsync(long userId, CancellationToken cancellationToken)
    {
        var allowed = await IsMemberAsync(communities.ModeratorsChatId, userId, cancellationToken);
        if (!allowed)
        {
            counts.Add(Activity.ModerationRefused);
        }
        return allowed;
    }

    /// <summary>Who is acting, when they are a moderator now; null (and counted as refused) when they are not.</summary>
    public async Task<Moderator?> ModeratorAsync(long userId, CancellationToken cancellationToken) =>
        await IsModeratorAsync(userId, cancellationToken) ? new Moderator(pseudonyms.OfModerator(userId)) : null;

    /// <summary>A moderator, or a member of the activists' group: who may draft letters in private.</summary>
    public async Task<bool> IsModeratorOrActivistAsync(long userId, CancellationToken cancellationToken)
    {
        var allowed = await IsMemberAsync(communities.ModeratorsChatId, userId, cancellationToken)
            || await IsMemberAsync(communities.ActivistsChatId, userId, cancellationToken);
        if (!allowed)
        {
            counts.Add(Activity.ModerationRefused);
        }
        return allowed;
    }

    /// <summary>Someone's membership of the moderators' or the activists' group changed: ask Telegram again next time.</summary>
    public void Forget(long chatId, long userId) => _known.Remove((chatId, userId));

    public void Dispose() => _known.Dispose();

    private async Task<bool> IsMemberAsync(long? group, long userId, CancellationToken cancellationToken)
    {
        if (group is not { } chatId)
        {
            return false;
        }
        var now = time.GetUtcNow();
        if (_known.TryGet((chatId, userId), out var known) && known.Until > now)
        {
            return known.Allowed;
        }
        // A member the group's admins muted (restricted) is not trusted with reports, whatever else they may still read.
        var allowed = await membership.StatusAsync(chatId, userId, cancellationToken)
            is ChatMemberStatus.Creator or ChatMemberStatus.Administrator or ChatMemberStatus.Member;
        _known.Set((chatId, userId), (allowed, now + Remember));
        return allowed;
    }
}
