namespace CommunityBot.Tests.Support.FakeTelegram;

/// <summary>
/// Where third-party emulators of the Bot API, which people test bots against, answer otherwise than Telegram: the
/// methods they lack are refused with HTTP 500 and only a message (no "ok", no "error_code"), and some methods do their
/// work but answer <c>"result": null</c> (a sent message whose id the bot never learns).
/// </summary>
internal sealed partial class FakeTelegramServer
{
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
