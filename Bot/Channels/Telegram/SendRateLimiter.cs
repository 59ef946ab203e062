namespace CommunityBot.Channels.Telegram;

/// <summary>Telegram's limits: about 1 message a second per chat, 20 a minute per group, 30 a second in all. Telegram
/// lets a chat have a short burst above the first: a member's chat may get <paramref name="PrivateBurst"/> messages at
/// once (the answered question's edit with the next question, a receipt under the edited review), as long as no more
/// than that many leave within as many seconds, which keeps the pace at one a second.</summary>
internal sealed record SendRates(int PerChatPerSecond = 1, int PerGroupPerMinute = 20, int GlobalPerSecond = 30, int PrivateBurst = 3);

/// <summary>
/// Decides when each outgoing message may leave so that no window breaks a limit: at most N sends within any second
/// to one group and within any minute, at most a short burst within as many seconds to a member's chat, at most N
/// within any second in all. Each chat's sends leave in the order they asked, one at a time (the next once the call
/// before it has returned), so a member's replies reach them in order; one busy chat does not hold up the others
/// beyond the global limit. After a 429 the chat (or everything) is paused for <c>retry_after</c>.
/// </summary>
/// <remarks>Telegram counts messages as they arrive, and a request can take a while to get there (a cold connection,
/// a slow network). So a send counts from the moment it leaves until its answer is back: the caller disposes the
/// returned <see cref="Sending"/> when the call has returned, and windows are measured from then. Windows are also
/// lengthened by a small margin against clock jitter, which costs about 3 % of the allowed rate.</remarks>
internal sealed class SendRateLimiter(TimeProvider time, SendRates rates)
{
    private const double Margin = 1.03;
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(Margin);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(Margin);
    private static readonly TimeSpan IdleChat = TimeSpan.FromMinutes(2);
    private const int TrimBatch = 64;

    private readonly Lock _gate = new();
    private readonly List<DateTimeOffset> _recent = [];
    private readonly Dictionary<long, Chat> _chats = [];
    private DateTimeOffset _pausedUntil;
    private DateTimeOffset _lastSweep;

    public async ValueTask<Sending> WaitTurnAsync(long chatId, bool isGroup, CancellationToken cancellationToken)
    {
        var waiter = new Waiter();
        Chat chat;
        lock (_gate)
        {
            chat = _chats.TryGetValue(chatId, out var known) ? known : _chats[chatId] = new Chat();
            chat.Queue.AddLast(waiter);
            if (chat.Queue.First?.Value == waiter)
            {
                waiter.Turn.TrySetResult();
            }
        }
        Sending? granted = null;
        try
        {
            // First our place in this chat's line, then the moment every window allows.
            await waiter.Turn.Task.WaitAsync(cancellationToken);
            while (true)
            {
                TimeSpan wait;
                lock (_gate)
                {
                    var now = time.GetUtcNow();
                    var earliest = Earliest(chat, isGroup, now);
                    if (earliest <= now)
                    {
                        granted = new Sending(this, chat, waiter, now);
                        chat.Sent.Add(now);
                        _recent.Add(now);
                        chat.LastUsed = now;
                        return granted;
                    }
                    wait = earliest - now;
                }
                await Task.Delay(wait, time, cancellationToken);
            }
        }
        finally
        {
            if (granted is null)
            {
                lock (_gate)
                {
                    Leave(chat, waiter);
                }
            }
        }
    }

    /// <summary>The waiter leaves its chat's line and the next one's turn comes: once its send has returned, or when it
    /// gave up waiting. One send at a time per chat, so that two allowed at once (a member's burst) cannot overtake each
    /// other on the way and reach the chat out of order. Called holding the gate.</summary>
    private void Leave(Chat chat, Waiter waiter)
    {
        var first = chat.Queue.First?.Value == waiter;
        chat.Queue.Remove(waiter);
        if (first && chat.Queue.First is { } next)
        {
            next.Value.Turn.TrySetResult();
        }
        Sweep(time.GetUtcNow());
    }

    /// <summary>The call has returned: from now on the send counts as having arrived at this moment, and the chat's
    /// next send may go.</summary>
    private void Completed(Chat chat, Waiter waiter, DateTimeOffset started)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (now > started)
            {
                Move(chat.Sent, started, now);
                Move(_recent, started, now);
                chat.LastUsed = Later(chat.LastUsed, now);
            }
            Leave(chat, waiter);
        }
    }

    /// <summary>Moves one send from <paramref name="from"/> to <paramref name="to"/>, keeping the list in time order.</summary>
    private static void Move(List<DateTimeOffset> sent, DateTimeOffset from, DateTimeOffset to)
    {
        // Looked for from the newest end: a send completes soon after it left.
        var at = sent.LastIndexOf(from);
        if (at < 0)
        {
            return;
        }
        sent.RemoveAt(at);
        var insert = sent.Count;
        while (insert > 0 && sent[insert - 1] > to)
        {
            insert--;
        }
        sent.Insert(insert, to);
    }

    /// <summary>One send in progress; dispose it when Telegram has answered (or the call failed).</summary>
    internal sealed class Sending(SendRateLimiter limiter, Chat chat, Waiter waiter, DateTimeOffset started) : IDisposable
    {
        private int _done;

        /// <summary>When the send was allowed to leave.</summary>
        public DateTimeOffset Started { get; } = started;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                limiter.Completed(chat, waiter, Started);
            }
        }
    }

    /// <summary>After a 429: nothing more to this chat (or, with null, to anyone) until <paramref name="retryAfter"/> passes.</summary>
    public void Pause(long? chatId, TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var until = time.GetUtcNow() + retryAfter;
            if (chatId is not { } id)
            {
                _pausedUntil = Later(_pausedUntil, until);
                return;
            }
            var chat = _chats.TryGetValue(id, out var known) ? known : _chats[id] = new Chat();
            chat.PausedUntil = Later(chat.PausedUntil, until);
            chat.LastUsed = Later(chat.LastUsed, until);
        }
    }

    private DateTimeOffset Earliest(Chat chat, bool isGroup, DateTimeOffset now)
    {
        Trim(_recent, now - Second);
        var earliest = Later(now, Later(_pausedUntil, chat.PausedUntil));
        if (isGroup)
        {
            Trim(chat.Sent, now - Minute);
            earliest = Later(earliest, Allowed(chat.Sent, rates.PerChatPerSecond, Second, now));
            earliest = Later(earliest, Allowed(chat.Sent, rates.PerGroupPerMinute, Minute, now));
        }
        else
        {
            var burst = Second * rates.PrivateBurst;
            Trim(chat.Sent, now - burst);
            earliest = Later(earliest, Allowed(chat.Sent, rates.PerChatPerSecond * rates.PrivateBurst, burst, now));
        }
        return Later(earliest, Allowed(_recent, rates.GlobalPerSecond, Second, now));
    }

    /// <summary>With <paramref name="limit"/> sends allowed per <paramref name="window"/>: the first moment one more may
    /// leave, given the sends so far (oldest first). Found by halving, not by counting: with a raised global rate (a
    /// paid broadcast allowance, a test server) the list holds thousands of sends.</summary>
    private static DateTimeOffset Allowed(List<DateTimeOffset> sent, int limit, TimeSpan window, DateTimeOffset now)
    {
        var inWindow = sent.Count - FirstAfter(sent, now - window);
        return inWindow >= limit ? sent[sent.Count - limit] + window : now;
    }

    /// <summary>Forgets the sends at or before <paramref name="before"/>, a batch at a time: each removal moves the rest
    /// of the list, so with thousands of sends a second it is not done for every send (<see cref="Allowed"/> looks
    /// past the old ones anyway).</summary>
    private static void Trim(List<DateTimeOffset> sent, DateTimeOffset before)
    {
        var old = FirstAfter(sent, before);
        if (old >= TrimBatch || old * 2 >= sent.Count)
        {
            sent.RemoveRange(0, old);
        }
    }

    /// <summary>The index of the first send after <paramref name="moment"/> (the list's length when there is none).</summary>
    private static int FirstAfter(List<DateTimeOffset> sent, DateTimeOffset moment)
    {
        int low = 0, high = sent.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (sent[middle] <= moment)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

    /// <summary>Forgets chats that have been quiet for a while, so memory stays bounded.</summary>
    private void Sweep(DateTimeOffset now)
    {
        if (now - _lastSweep < IdleChat)
        {
            return;
        }
        _lastSweep = now;
        foreach (var (id, chat) in _chats.Where(c => c.Value.Queue.Count == 0 && now - c.Value.LastUsed > IdleChat).ToList())
        {
            _chats.Remove(id);
        }
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    internal sealed class Chat
    {
        public LinkedList<Waiter> Queue { get; } = new();

        public List<DateTimeOffset> Sent { get; } = [];

        public DateTimeOffset PausedUntil { get; set; }

        public DateTimeOffset LastUsed { get; set; }
    }

    internal sealed class Waiter
    {
        public TaskCompletionSource Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
