using Telegram.Bot.Types;

namespace CommunityBot.Channels.Telegram;

/// <summary>
/// The updates the poller has taken lately, by id and stamp (<see cref="UpdateStamps"/>), so that one a Bot API server
/// gives again after the offset confirmed it (an emulator that ignores <c>offset</c> gives its whole queue at every poll)
/// is stepped over instead of being handled, and its member shown their question, again and again. An update of an id
/// taken before but another stamp is new: the server restarted and numbers its updates from the start again. Telegram
/// never gives a confirmed update again, so with it nothing here is ever found.
/// </summary>
/// <remarks>The poller's loop alone uses it. Only ids and hashes of stamps are held, in memory, the latest
/// <see cref="Remembered"/>.</remarks>
internal sealed class ResentUpdates
{
    /// <summary>Well beyond the most updates a poll gives (100): an emulator's queue given whole at every poll.</summary>
    internal const int Remembered = 10_000;

    private readonly Dictionary<int, int> _stamps = [];
    private readonly Queue<int> _order = new();

    /// <summary>Whether the update was taken before, the same update (not a new one of an id used before).</summary>
    public bool IsAgain(Update update) => _stamps.TryGetValue(update.Id, out var stamp) && stamp == Stamp(update);

    /// <summary>The update was taken (or dropped with a flood): a later delivery of it is one again.</summary>
    public void Took(Update update)
    {
        if (!_stamps.ContainsKey(update.Id))
        {
            _order.Enqueue(update.Id);
            if (_order.Count > Remembered)
            {
                _stamps.Remove(_order.Dequeue());
            }
        }
        _stamps[update.Id] = Stamp(update);
    }

    private static int Stamp(Update update) => StringComparer.Ordinal.GetHashCode(UpdateStamps.Of(update));
}
