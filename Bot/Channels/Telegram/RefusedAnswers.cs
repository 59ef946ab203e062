using CommunityBot.Conversations;
using CommunityBot.Privacy;

namespace CommunityBot.Channels.Telegram;

/// <summary>Each member's last message that was refused and re-asked, so that an edit of it can be read as the
/// corrected answer. Memory only and for half an hour; a message id is never stored.</summary>
internal sealed class RefusedAnswers(Pseudonyms pseudonyms, TimeProvider time) : IDisposable
{
    /// <summary>How long an edit of a refused answer is still read as the corrected answer.</summary>
    private static readonly TimeSpan RefusedLifetime = TimeSpan.FromMinutes(30);

    /// <summary>More members correcting an answer at the same moment is a flood, not a community.</summary>
    private const int RefusedRemembered = 10_000;

    private readonly FadingMemory<string, int> _lastRefused = new(time, RefusedLifetime, RefusedRemembered, StringComparer.Ordinal);

    /// <summary>Whether <paramref name="messageId"/> is the member's last message, and it was refused.</summary>
    public bool IsLastRefused(MemberKey member, int messageId) => _lastRefused.TryGet(Key(member), out var refused) && refused == messageId;

    /// <summary>After the member's message was read: remembered if it was refused, let go if it was taken.</summary>
    public void Remember(MemberKey member, int messageId, IntakeReply reply)
    {
        if (reply.Answered)
        {
            _lastRefused.Remove(Key(member));
        }
        else
        {
            _lastRefused.Set(Key(member), messageId);
        }
    }

    public void Forget(MemberKey member) => _lastRefused.Remove(Key(member));

    public void Dispose() => _lastRefused.Dispose();

    // Memory only, so the fixed key of in-memory counters serves.
    private string Key(MemberKey member) => pseudonyms.Of(PseudonymPurpose.Counters, member.Raw);
}
