using CommunityBot.Conversations;
using CommunityBot.Privacy;

namespace CommunityBot.Channels.Telegram;

/// <summary>What the private chat remembers of each member's latest messages: the last one that was refused and
/// re-asked, with the question it was refused at, so that an edit of it can be read as the corrected answer to that
/// question (and only while it is still the one open); the albums already answered, since Telegram
/// delivers an album as one message per photo; and that a receipt has just gone out, so that a second tap on "Send"
/// is not answered with how to begin a report. Memory only and for minutes; message ids and media group ids are never
/// stored or logged.</summary>
internal sealed class RecentMessages(Pseudonyms pseudonyms, TimeProvider time) : IDisposable
{
    /// <summary>How long an edit of a refused answer is still read as the corrected answer.</summary>
    private static readonly TimeSpan RefusedLifetime = TimeSpan.FromMinutes(30);

    /// <summary>An album's messages arrive within seconds of each other; a few minutes covers a slow connection.</summary>
    private static readonly TimeSpan AlbumLifetime = TimeSpan.FromMinutes(5);

    /// <summary>A second tap on "Send" comes within seconds of the first; a slow connection may hold it for a minute.</summary>
    private static readonly TimeSpan ReceiptLifetime = TimeSpan.FromMinutes(2);

    /// <summary>More members correcting an answer (or sending albums) at the same moment is a flood, not a community.</summary>
    private const int Remembered = 10_000;

    private readonly FadingMemory<string, Refused> _lastRefused = new(time, RefusedLifetime, Remembered, StringComparer.Ordinal);
    private readonly FadingMemory<string, bool> _albums = new(time, AlbumLifetime, Remembered, StringComparer.Ordinal);
    private readonly FadingMemory<string, bool> _receipts = new(time, ReceiptLifetime, Remembered, StringComparer.Ordinal);

    /// <summary>The member's receipt has just been sent.</summary>
    public void ReceiptSent(MemberKey member) => _receipts.Set(Key(member), true);

    /// <summary>Whether the member's receipt went out in the last minutes and they have written nothing since.</summary>
    public bool ReceiptJustSent(MemberKey member) => _receipts.TryGet(Key(member), out _);

    /// <summary>Whether <paramref name="messageId"/> is the member's last message, and it was refused at the question
    /// <paramref name="open"/> (null: none open). Once the member has moved on (by a button, by Back), a correction of it
    /// was meant for a question already answered, and read at the open one it would be taken for an answer to something
    /// the member did not mean.</summary>
    public bool IsLastRefused(MemberKey member, int messageId, Prompt? open) =>
        _lastRefused.TryGet(Key(member), out var refused) && refused.MessageId == messageId
        && refused.Question == (open is null ? null : PromptRenderer.Fingerprint(open));

    /// <summary>After the member's message was read: remembered if it was refused, let go if it was taken.</summary>
    public void Remember(MemberKey member, int messageId, IntakeReply reply)
    {
        var key = Key(member);
        _receipts.Remove(key);
        if (reply.Answered)
        {
            _lastRefused.Remove(key);
        }
        else
        {
            // The question asked again under the refusal is the last prompt; a notice alone means none is open.
            var question = reply.Prompts is [.., { Kind: not PromptKind.Notice } asked] ? PromptRenderer.Fingerprint(asked) : null;
            _lastRefused.Set(key, new Refused(messageId, question));
        }
    }

    /// <summary>Whether this is the first message of the album seen from the member (it is remembered as seen).</summary>
    public bool IsFirstOfAlbum(MemberKey member, string mediaGroupId)
    {
        // A keyed hash of the member and the group: the group id itself is not kept.
        var key = pseudonyms.Of(PseudonymPurpose.Counters, member.Raw + "\n" + mediaGroupId);
        if (_albums.TryGet(key, out _))
        {
            return false;
        }
        _albums.Set(key, true);
        return true;
    }

    public void Forget(MemberKey member) => _lastRefused.Remove(Key(member));

    public void Dispose()
    {
        _lastRefused.Dispose();
        _albums.Dispose();
        _receipts.Dispose();
    }

    /// <param name="Question">The fingerprint of the question the message was refused at.</param>
    private sealed record Refused(int MessageId, string? Question);

    // Memory only, so the fixed key of in-memory counters serves.
    private string Key(MemberKey member) => pseudonyms.Of(PseudonymPurpose.Counters, member.Raw);
}
