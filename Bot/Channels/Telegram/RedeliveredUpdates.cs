using CommunityBot.Privacy;
using CommunityBot.Storage;
using Telegram.Bot.Types;

namespace CommunityBot.Channels.Telegram;

/// <summary>
/// Updates delivered again: whether one was handled before (its marker is stored, <see cref="UpdateMarkers"/>), and what
/// its member is shown for it: the receipt it submitted, if that may never have reached them, else their open question,
/// in case the answer to it was lost with the process. After a restart Telegram gives back every update since the last
/// confirmed offset, often several of one chat: the question is shown once for them all, not once for each. The same
/// update handled again (Telegram did not take the answer, or a webhook post answered with an error came again) shows
/// it again, and so does a later one once the chat has sent something new, whose answer showed what was open then.
/// </summary>
/// <remarks>Chat ids are held in memory only, until the chat's next new update and for a few minutes at most.</remarks>
internal sealed class RedeliveredUpdates(UpdateMarkers markers, PrivateMessages privateMessages, ActivityCounts counts, TimeProvider time) : IDisposable
{
    private const string Channel = "telegram";

    /// <summary>Telegram gives back a restart's updates within the first polls; minutes cover a slow start.</summary>
    private static readonly TimeSpan ShownLifetime = TimeSpan.FromMinutes(5);

    private const int Remembered = 10_000;

    // The update for which each chat was last shown its open question again.
    private readonly FadingMemory<long, int> _shownFor = new(time, ShownLifetime, Remembered);

    /// <summary>For the update's handling, in its chat's order: its marker, and whether it was handled before, in which
    /// case the member has now been shown what it owes them and nothing else is to be done.</summary>
    public async Task<MarkedUpdate> CheckAsync(Update update, CancellationToken cancellationToken)
    {
        var marked = await MarkedAsync(update);
        var chat = UpdateRouter.ChatOf(update);
        if (!marked.Seen)
        {
            _shownFor.Remove(chat);
            return marked;
        }
        counts.Add(Activity.UpdatesAlreadyHandled);
        await privateMessages.RepeatAsync(update, marked.Marker, () => ShowsQuestion(chat, update.Id), cancellationToken);
        return marked;
    }

    /// <summary>Whether the update was handled before, without answering it: asked outside its handling (by the poller and
    /// the webhook when they take it).</summary>
    public async ValueTask<bool> HandledBeforeAsync(Update update) => (await MarkedAsync(update)).Seen;

    /// <summary>The update's marker is its id with its stamp (<see cref="UpdateStamps"/>): an emulator restarted, or
    /// Telegram after a quiet week, may give an id handled before to a new update, which would otherwise be taken for the
    /// old one delivered again and left unanswered for the markers' two days.</summary>
    private async Task<MarkedUpdate> MarkedAsync(Update update)
    {
        var marked = await markers.CheckAsync(Channel, UpdateStamps.MarkerKey(update));
        if (marked.Seen)
        {
            return marked;
        }
        // Markers written before the stamp was part of them (by the version before) are under the id alone, and are looked
        // for until they expire: an update handled just before the upgrade comes again after it and changes nothing.
        var unstamped = await markers.CheckAsync(Channel, update.Id);
        return unstamped.Seen ? unstamped : marked;
    }

    /// <summary>The update changed nothing stored: its marker is stored on its own.</summary>
    public Task MarkAsync(string marker) => markers.MarkAsync(marker);

    private bool ShowsQuestion(long chat, int updateId)
    {
        if (_shownFor.TryGet(chat, out var shownFor) && shownFor != updateId)
        {
            return false;
        }
        _shownFor.Set(chat, updateId);
        return true;
    }

    public void Dispose() => _shownFor.Dispose();
}
