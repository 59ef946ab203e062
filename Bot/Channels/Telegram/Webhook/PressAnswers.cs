using System.Text.Json;

namespace CommunityBot.Channels.Telegram.Webhook;

/// <summary>
/// In webhook mode, the answer to a button press rides in the answer to Telegram's post of that press instead of a
/// call of its own: Telegram runs a method given in a webhook's 2xx answer ("making requests when getting updates" in
/// the Bot API), which saves the bot one HTTP request per press. Telegram says nothing back about such a method, which
/// for <c>answerCallbackQuery</c> loses nothing: an answer Telegram refuses is only logged today. The spinner then stops
/// when the post is answered, once the press is handled and its replies sent, a few milliseconds later than before.
/// Only the press of the update being handled, and only its first answer, can ride; any other answer is a call as
/// before, and so is one whose post is answered with an error (Telegram ignores the body of those).
/// </summary>
internal sealed class PressAnswers
{
    // The post being handled on this flow of work, when its answer may carry the press's answer.
    private readonly AsyncLocal<PressAnswer?> _current = new();

    /// <summary>From here on in this flow of work (and the work it awaits), until disposed, the first answer to
    /// <paramref name="callbackQueryId"/> is kept for the post's answer instead of being sent.</summary>
    public PressAnswer Carry(string callbackQueryId) => new(_current, callbackQueryId);

    /// <summary>Keeps the answer for the post being handled, when it is the answer to that post's press and the first.</summary>
    /// <returns>Whether it was kept (the caller sends nothing).</returns>
    public bool TryKeep(string callbackQueryId, string? text, bool showAlert) =>
        _current.Value is { } post && post.TryKeep(callbackQueryId, text, showAlert);
}

/// <summary>The answer to one post's press, while its update is handled (see <see cref="PressAnswers.Carry"/>).</summary>
internal sealed class PressAnswer : IDisposable
{
    private readonly AsyncLocal<PressAnswer?> _current;
    private readonly PressAnswer? _outer;
    private readonly Lock _gate = new();
    private readonly string _callbackQueryId;
    private KeptAnswer? _kept;
    private bool _closed;

    public PressAnswer(AsyncLocal<PressAnswer?> current, string callbackQueryId)
    {
        _current = current;
        _outer = current.Value;
        _callbackQueryId = callbackQueryId;
        current.Value = this;
    }

    internal bool TryKeep(string callbackQueryId, string? text, bool showAlert)
    {
        if (callbackQueryId != _callbackQueryId)
        {
            return false;
        }
        lock (_gate)
        {
            // A second answer to the same press (none today) goes as a call: the first stays the one kept.
            if (_closed || _kept is not null)
            {
                return false;
            }
            _kept = new KeptAnswer(callbackQueryId, text, showAlert);
            return true;
        }
    }

    /// <summary>The answer kept, if any; nothing is kept from here on, so a late answer goes as a call.</summary>
    public KeptAnswer? Close()
    {
        lock (_gate)
        {
            _closed = true;
            return _kept;
        }
    }

    public void Dispose() => _current.Value = _outer;
}

/// <summary>The answer to a press, kept while its post was handled.</summary>
internal sealed record KeptAnswer(string CallbackQueryId, string? Text, bool ShowAlert)
{
    /// <summary>The method for Telegram to run, as the body of a 2xx answer to the post.</summary>
    public byte[] Body()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("method", "answerCallbackQuery");
            json.WriteString("callback_query_id", CallbackQueryId);
            if (Text is { } text)
            {
                json.WriteString("text", text);
            }
            if (ShowAlert)
            {
                json.WriteBoolean("show_alert", true);
            }
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
