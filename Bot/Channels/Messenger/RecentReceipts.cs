using CommunityBot.Conversations;
using CommunityBot.Privacy;

namespace CommunityBot.Channels.Messenger;

/// <summary>The members whose receipt has just gone out, until their next message, so that a late tap on the review's
/// "Send" (or any of its choices) is told the report is already sent, not how to begin one; and the in-memory pseudonym
/// every Messenger memory of a member is held by. Memory only and for minutes; no id is stored or logged.</summary>
internal sealed class RecentReceipts(Pseudonyms pseudonyms, TimeProvider time) : IDisposable
{
    /// <summary>A second tap on "Send" comes within seconds of the first; a slow connection may hold it for a minute.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    /// <summary>More members submitting at the same moment is a flood, not a community.</summary>
    private const int Remembered = 10_000;

    private readonly FadingMemory<string, bool> _sent = new(time, Lifetime, Remembered, StringComparer.Ordinal);

    /// <summary>The member's key in memory: keyed, so the memory holds no id.</summary>
    public string Pseudonym(MemberKey member) => pseudonyms.Of(PseudonymPurpose.Counters, member.Raw);

    public void Sent(string pseudonym) => _sent.Set(pseudonym, true);

    /// <summary>Whether the member's receipt went out in the last minutes and they have written nothing since.</summary>
    public bool JustSent(string pseudonym) => _sent.TryGet(pseudonym, out _);

    /// <summary>The member wrote again: a tap that comes now is no late second "Send".</summary>
    public void WroteAgain(string pseudonym) => _sent.Remove(pseudonym);

    public void Dispose() => _sent.Dispose();
}
