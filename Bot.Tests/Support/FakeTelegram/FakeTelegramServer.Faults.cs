namespace CommunityBot.Tests.Support.FakeTelegram;

/// <summary>
/// Faults a test injects (refusals, slow and held answers), and where third-party emulators of the Bot API, which
/// people test bots against, answer otherwise than Telegram: the methods they lack are refused with HTTP 500 and only a
/// message (no "ok", no "error_code"), and some methods do their work but answer <c>"result": null</c> (a sent message
/// whose id the bot never learns).
/// </summary>
internal sealed partial class FakeTelegramServer
{
    private readonly Dictionary<string, Queue<BotApiException>> failures = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<TimeSpan>> delays = new(StringComparer.OrdinalIgnoreCase);
    private readonly HeldSends<long> heldChats = new();

    /// <summary>The next <paramref name="times"/> calls of <paramref name="method"/> are refused with this error.</summary>
    public void FailNext(string method, int errorCode, string description, int? retryAfter = null, int times = 1)
    {
        lock (gate)
        {
            if (!failures.TryGetValue(method, out var queue))
            {
                failures[method] = queue = new Queue<BotApiException>();
            }

            for (var i = 0; i < times; i++)
            {
                queue.Enqueue(new BotApiException(errorCode, description, retryAfter));
            }
        }
    }

    /// <summary>The next call of <paramref name="method"/> is answered only after <paramref name="delay"/> (real time).</summary>
    public void SlowNext(string method, TimeSpan delay)
    {
        lock (gate)
        {
            if (!delays.TryGetValue(method, out var queue))
            {
                delays[method] = queue = new Queue<TimeSpan>();
            }

            queue.Enqueue(delay);
        }
    }

    /// <summary>The bot's sendMessage calls to this chat are recorded but not answered until
    /// <see cref="ReleaseSends"/> (or until the bot gives up on them, as when its process dies).</summary>
    public void HoldSends(long chatId) => heldChats.Hold(chatId);

    public void ReleaseSends(long chatId) => heldChats.Release(chatId);

    // ---- Answers of emulators -----------------------------------------------------------------------------------------

    private readonly HashSet<string> lacking = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> answeredWithoutResult = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>From now on these methods are answered as by an emulator that does not have them (still recorded).</summary>
    public void Lacks(params string[] methods)
    {
        lock (gate)
        {
            lacking.UnionWith(methods);
        }
    }

    /// <summary>From now on these methods do their work (the chat shows the message) and answer <c>"result": null</c>.</summary>
    public void AnswersWithoutResult(params string[] methods)
    {
        lock (gate)
        {
            answeredWithoutResult.UnionWith(methods);
        }
    }

    private volatile bool pollsAnsweredAtOnce;

    /// <summary>From now on getUpdates answers at once, whatever its timeout, as emulators without long polling do.</summary>
    public void AnswersPollsAtOnce() => pollsAnsweredAtOnce = true;

    private volatile bool offsetIgnored;

    /// <summary>From now on getUpdates ignores the offset: it confirms nothing and gives every update it holds again at
    /// each poll, as emulators that keep their queue and do not read <c>offset</c> do.</summary>
    public void IgnoresOffset() => offsetIgnored = true;

    private volatile bool offsetFilters;

    /// <summary>From now on getUpdates gives only updates at or above the offset asked for, whether delivered before or
    /// not, as emulators that filter their queue by the offset do.</summary>
    public void GivesOnlyFromOffset() => offsetFilters = true;

    /// <summary>The emulator restarts and forgets everything: the queue is emptied and update ids begin again where they
    /// began at the start (ids the bot has handled before come again for new updates).</summary>
    public void RestartsForgettingEverything()
    {
        lock (gate)
        {
            feed.Clear();
            lastUpdateId = FirstUpdateIdBefore;
            Changed();
        }
    }

    /// <summary>Puts an update in the getUpdates queue exactly as written, such as one an emulator builds without a field
    /// Telegram always sends; it gets the next update id.</summary>
    /// <param name="type">The update's kind, for the allowed-updates filter ("message", "callback_query").</param>
    /// <param name="jsonWithoutId">The update's other properties, as a JSON object's inside: <c>"message": {…}</c>.</param>
    public int EnqueueRawUpdate(string type, string jsonWithoutId)
    {
        lock (gate)
        {
            var id = ++lastUpdateId;
            feed.Add(new FeedEntry(id, type, System.Text.Encoding.UTF8.GetBytes($"{{\"update_id\":{id},{jsonWithoutId}}}")));
            Changed();
            return id;
        }
    }
}
