using CommunityBot.Conversations;
using CommunityBot.Privacy;

namespace CommunityBot.Channels.Telegram;

/// <summary>The albums each member sent in the last minutes: Telegram delivers an album as one message per photo
/// (with the same media group), and the member is answered once per album. Memory only, keyed by a hash of the
/// member and the group, and gone within minutes; a media group id is never stored or logged.</summary>
internal sealed class MediaAlbums(Pseudonyms pseudonyms, TimeProvider time) : IDisposable
{
    /// <summary>An album's messages arrive within seconds of each other; a few minutes covers a slow connection.</summary>
    private static readonly TimeSpan AlbumLifetime = TimeSpan.FromMinutes(5);

    private const int AlbumsRemembered = 10_000;

    private readonly FadingMemory<string, bool> _seen = new(time, AlbumLifetime, AlbumsRemembered, StringComparer.Ordinal);

    /// <summary>Whether this is the first message of the album seen from the member (and it is remembered as seen).</summary>
    public bool IsFirst(MemberKey member, string mediaGroupId)
    {
        // Memory only, so the fixed key of in-memory counters serves.
        var key = pseudonyms.Of(PseudonymPurpose.Counters, member.Raw + "\n" + mediaGroupId);
        if (_seen.TryGet(key, out _))
        {
            return false;
        }
        _seen.Set(key, true);
        return true;
    }

    public void Dispose() => _seen.Dispose();
}
