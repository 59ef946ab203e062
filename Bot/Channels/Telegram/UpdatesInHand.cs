using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommunityBot.Channels.Telegram;

/// <summary>What became of an update the poller was given.</summary>
internal enum Admission
{
    /// <summary>New: it is now in hand and is to be handled.</summary>
    Taken,

    /// <summary>Delivered again while in hand or handled but not yet confirmed: it is not handled twice.</summary>
    Known,

    /// <summary>Its chat is over its cap: dropped (and counted), and the chat's burst of sending has just begun.</summary>
    RefusedFirst,

    /// <summary>Its chat is over its cap, in a burst already told to slow down: dropped and counted.</summary>
    Refused,

    /// <summary>Too much is in hand across all chats: left with Telegram for now (not confirmed).</summary>
    Full,
}

/// <summary>
/// The updates taken from Telegram whose handling has not finished, and so the offset that may be confirmed:
/// never beyond the lowest of them, so that an update whose effect is not yet stored comes again after a crash.
/// Each chat may have only a few in hand, so one chat sending a flood cannot take every slot and hold the others
/// up; beyond its cap the chat's updates are dropped, and those it still has queued, until it has been quiet for a
/// moment. An update handled before a restart, given back by Telegram, counts towards no cap: it changes nothing, and
/// the member may have sent only a few new ones behind it.
/// </summary>
/// <remarks>Chat ids are held in memory only, and only while a chat has something in hand or was refused lately.</remarks>
internal sealed partial class UpdatesInHand
{
    /// <summary>How long after its last dropped update a chat's burst lasts. During a burst all the chat's updates are
    /// dropped, so a backlog of a thousand goes in a few polls instead of being let in twenty at a time while the
    /// offset waits for each of them to be answered (one a second, in Telegram's pace).</summary>
    internal static readonly TimeSpan BurstQuiet = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan CountPeriod = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly SortedDictionary<int, Taken> _inHand = [];
    private readonly HashSet<int> _finished = [];
    private readonly Dictionary<long, ChatLoad> _chats = [];
    private readonly TimeProvider _time;
    private readonly ILogger<UpdatesInHand> _log;
    private readonly int _perChat;
    private readonly int _total;
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // One past the last update taken or dropped, not the highest ever: after a week without updates Telegram picks
    // the next id at random, possibly lower, and an offset above it would confirm updates never seen.
    private int _next;
    private int _dropped;
    private int _droppedChats;
    private DateTimeOffset _countedSince;

    public UpdatesInHand(IOptions<TelegramOptions> options, TimeProvider time, ILogger<UpdatesInHand> log)
    {
        _time = time;
        _log = log;
        _perChat = options.Value.MaxUpdatesInHandPerChat;
        // The global bound keeps memory flat under any load; it always leaves room beyond one chat's cap.
        _total = (options.Value.ParallelChats * 4) + _perChat;
        _countedSince = time.GetUtcNow();
    }

    /// <summary>The most updates one chat has had in hand at once since the start (tests and figures read it).</summary>
    public int MostInHandForOneChat { get; private set; }

    /// <summary>Updates dropped because their chat was over its cap, since the start.</summary>
    public long Dropped { get; private set; }

    /// <summary>The offset to send with the next poll: below the lowest update in hand, else one past the last seen.
    /// Handled updates below it are forgotten, since that poll confirms them.</summary>
    public int Offset
    {
        get
        {
            lock (_gate)
            {
                var offset = _inHand.Count > 0 ? Math.Min(_inHand.First().Key, _next) : _next;
                _finished.RemoveWhere(id => id < offset);
                return offset;
            }
        }
    }

    /// <summary>How many updates are in hand: while there are any, Telegram answers a poll at once.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _inHand.Count;
            }
        }
    }

    /// <summary>Completes when some update in hand has finished (a poll that brought nothing new waits for this).</summary>
    public Task Progress
    {
        get
        {
            lock (_gate)
            {
                return _progress.Task;
            }
        }
    }

    /// <summary>Whether the update is in hand or handled and not yet confirmed: a poll that brings it again need not read it.</summary>
    public bool Knows(int updateId)
    {
        lock (_gate)
        {
            return _inHand.ContainsKey(updateId) || _finished.Contains(updateId);
        }
    }

    /// <param name="handledBefore">The update was handled before a restart (its change is stored): it is taken whatever
    /// its chat's load, since what it owes the member (a receipt) comes only with it, and counts towards no cap, since
    /// it changes nothing.</param>
    public Admission Admit(int updateId, long chat, bool handledBefore = false)
    {
        lock (_gate)
        {
            if (_inHand.ContainsKey(updateId) || _finished.Contains(updateId))
            {
                return Admission.Known;
            }
            if (_inHand.Count >= _total)
            {
                return Admission.Full;
            }
            if (handledBefore)
            {
                // Its chat's load is left as it is: it counts towards no cap and no burst drops it.
                _inHand.Add(updateId, new Taken(Bursts: 0, HandledBefore: true));
                _next = updateId + 1;
                return Admission.Taken;
            }
            var now = _time.GetUtcNow();
            var load = _chats.TryGetValue(chat, out var known) ? known : _chats[chat] = new ChatLoad();
            var bursting = load.LastRefused is { } last && now - last < BurstQuiet;
            if (bursting || load.InHand >= _perChat)
            {
                load.LastRefused = now;
                _finished.Add(updateId);
                _next = updateId + 1;
                Dropped++;
                _dropped++;
                if (!bursting)
                {
                    _droppedChats++;
                    load.Bursts++;
                }
                return bursting ? Admission.Refused : Admission.RefusedFirst;
            }
            load.InHand++;
            MostInHandForOneChat = Math.Max(MostInHandForOneChat, load.InHand);
            _inHand.Add(updateId, new Taken(load.Bursts, HandledBefore: false));
            _next = updateId + 1;
            return Admission.Taken;
        }
    }

    /// <summary>Whether an update taken earlier is still to be handled: not when its chat began a burst since. Its
    /// queued updates are then dropped as the rest of the burst is, so that they do not hold the offset back for
    /// as long as it takes to answer them one a second; but not one handled before a restart (see
    /// <see cref="Admit"/>), which <paramref name="handledBefore"/> tells, asked only for an update a burst would drop.</summary>
    public async ValueTask<bool> StillWantedAsync(int updateId, long chat, Func<ValueTask<bool>> handledBefore)
    {
        lock (_gate)
        {
            if (!(_inHand.TryGetValue(updateId, out var taken) && !taken.HandledBefore && _chats.TryGetValue(chat, out var load) && load.Bursts > taken.Bursts))
            {
                return true;
            }
        }
        if (await handledBefore())
        {
            return true;
        }
        lock (_gate)
        {
            Dropped++;
            _dropped++;
        }
        return false;
    }

    /// <summary>The update's handling is over (done, failed and apologised for, or refused): it may be confirmed.</summary>
    public void Finish(int updateId, long chat)
    {
        TaskCompletionSource progress;
        lock (_gate)
        {
            if (!_inHand.Remove(updateId, out var taken))
            {
                return;
            }
            _finished.Add(updateId);
            if (!taken.HandledBefore && _chats.TryGetValue(chat, out var load))
            {
                load.InHand--;
            }
            progress = _progress;
            _progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        progress.TrySetResult();
    }

    /// <summary>Logs how many updates were dropped in the last period, as a count only; forgets quiet chats.</summary>
    public void ReportDropped()
    {
        int dropped;
        int chats;
        TimeSpan period;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            period = now - _countedSince;
            if (period < CountPeriod)
            {
                return;
            }
            foreach (var quiet in _chats.Where(c => c.Value.InHand == 0 && (c.Value.LastRefused is not { } last || now - last >= BurstQuiet)).Select(c => c.Key).ToList())
            {
                _chats.Remove(quiet);
            }
            (dropped, chats) = (_dropped, _droppedChats);
            (_dropped, _droppedChats, _countedSince) = (0, 0, now);
        }
        if (dropped > 0)
        {
            LogDropped(_log, dropped, chats, period.TotalMinutes);
        }
    }

    /// <summary>An update in hand: the number of bursts its chat had begun when it was taken, and whether it was handled
    /// before a restart (then it counts towards no cap).</summary>
    private readonly record struct Taken(int Bursts, bool HandledBefore);

    private sealed class ChatLoad
    {
        public int InHand { get; set; }

        public DateTimeOffset? LastRefused { get; set; }

        public int Bursts { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} updates from {Bursts} bursts of chats sending faster than they could be answered were dropped in the last {Minutes:F0} min")]
    private static partial void LogDropped(ILogger logger, int count, int bursts, double minutes);
}
