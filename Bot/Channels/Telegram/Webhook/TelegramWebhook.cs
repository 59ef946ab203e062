using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CommunityBot.Operations;
using CommunityBot.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace CommunityBot.Channels.Telegram.Webhook;

/// <summary>
/// Telegram's posts, apart from HTTP (<see cref="TelegramWebhookEndpoints"/> maps them here). The secret-token header
/// is checked, in constant time, before the body is read: a post without it gets 403 and changes nothing. The update
/// then goes through the same router as a polled one, in its chat's lane (one chat's updates in order, chats side by
/// side), and the post is answered only when that handling has finished: 200 once its effect is stored — Telegram
/// posts an update again until it gets a 2xx, which stands in for polling's offset, and the router's markers make a
/// second delivery harmless. An update whose handling could not be stored, or whose answer Telegram itself failed to
/// take, is answered 500 so that it comes again; one the router failed on, apologised for and stored nothing of is
/// answered 200, as polling confirms it. As in polling, a chat may have only a few updates in hand: beyond them its
/// posts are answered 200 unhandled (counted) and the member is asked once to slow down, so that one chat sending a
/// flood cannot take every connection Telegram opens and hold everyone else up. The answer to a button press goes with
/// the 200 (<see cref="PressAnswers"/>), so a press costs the bot one request fewer.
/// </summary>
internal sealed partial class TelegramWebhook : IDisposable
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    private readonly UpdateRouter _router;
    private readonly ServiceVitals _vitals;
    private readonly WebhookStatus _status;
    private readonly SlowDownNotice _slowDown;
    private readonly PressAnswers _pressAnswers;
    private readonly TelegramSender _sender;
    private readonly bool _answerInReply;
    private readonly ILogger<TelegramWebhook> _log;
    private readonly ChatLanes _lanes;
    private readonly int _perChat;
    private readonly byte[] _secretHash;
    private readonly Lock _gate = new();
    // Updates being handled, by id, so that a post Telegram repeats while the first is still in hand waits for its
    // answer instead of handling the update twice. Held only while in hand.
    private readonly Dictionary<int, Task<WebhookAnswer>> _inHand = [];
    // Updates in hand per chat, and the chats told to slow down since they last had none in hand. Chat ids are held in
    // memory only, and only while the chat has something in hand.
    private readonly Dictionary<long, int> _chatLoad = [];
    private readonly HashSet<long> _told = [];
    private readonly List<Task> _notices = [];
    private int _dropped;
    private volatile bool _open;

    public TelegramWebhook(UpdateRouter router, ServiceVitals vitals, WebhookStatus status, SlowDownNotice slowDown,
        PressAnswers pressAnswers, TelegramSender sender, IOptions<TelegramOptions> options, ILogger<TelegramWebhook> log)
    {
        _pressAnswers = pressAnswers;
        _sender = sender;
        _answerInReply = options.Value.Webhook.AnswerPressesInReply;
        _router = router;
        _vitals = vitals;
        _status = status;
        _slowDown = slowDown;
        _log = log;
        _lanes = new ChatLanes(options.Value.ParallelChats);
        _perChat = options.Value.MaxUpdatesInHandPerChat;
        var webhook = options.Value.Webhook;
        // Hashed, so the comparison takes as long whatever the length of what was sent.
        _secretHash = SHA256.HashData(Encoding.UTF8.GetBytes(webhook.Enabled ? WebhookSecret.Read(webhook) : ""));
    }

    /// <summary>Takes posts from now on (once Telegram has been told where to post).</summary>
    public void Open() => _open = true;

    /// <summary>Refuses new posts with 503 (Telegram posts them again later) and finishes those in hand.</summary>
    public async Task CloseAsync()
    {
        _open = false;
        await _lanes.DrainAsync();
        List<Task> notices;
        lock (_gate)
        {
            notices = [.. _notices];
        }
        await Task.WhenAll(notices);
    }

    /// <summary>Logs how many updates were dropped since the last report, as a count only.</summary>
    public void ReportDropped()
    {
        var dropped = Interlocked.Exchange(ref _dropped, 0);
        if (dropped > 0)
        {
            LogDropped(_log, dropped);
        }
    }

    /// <returns>200 handled (with the method for Telegram to run, if any; an update that cannot be read is handled as an
    /// empty one of its id); 403 without the right secret token (nothing read); 400 not an update (no id); 503 not
    /// taking posts now; 500 to be posted again.</returns>
    public async Task<WebhookAnswer> ReceiveAsync(string? secretToken, Stream body, CancellationToken cancellationToken)
    {
        if (!SecretMatches(secretToken))
        {
            return new(403);
        }
        if (!_open)
        {
            return new(503);
        }
        using var copy = new MemoryStream();
        await body.CopyToAsync(copy, cancellationToken);
        var json = copy.GetBuffer().AsMemory(0, (int)copy.Length);
        // As in polling, an update the library cannot build is taken as an empty one of its id, confirmed unanswered and
        // counted, rather than refused and posted again and again.
        if (PolledUpdates.ReadUpdate(json.Span, out _) is not { } update)
        {
            return new(400);
        }
        // As in polling: the update that submitted a report before the process died brings its receipt again, so it is
        // never dropped with a flood of its chat.
        var handledBefore = Refuses(UpdateRouter.ChatOf(update)) && await _router.HandledBeforeAsync(update);
        var answer = await HandOnAsync(update, handledBefore).WaitAsync(cancellationToken);
        if (answer.Status == 200)
        {
            _status.Delivered();
        }
        return answer;
    }

    public void Dispose() => _lanes.Dispose();

    private bool SecretMatches(string? given) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given ?? "")), _secretHash) && !string.IsNullOrEmpty(given);

    private bool Refuses(long chat)
    {
        lock (_gate)
        {
            return _chatLoad.GetValueOrDefault(chat) >= _perChat;
        }
    }

    private Task<WebhookAnswer> HandOnAsync(Update update, bool handledBefore)
    {
        lock (_gate)
        {
            if (_inHand.TryGetValue(update.Id, out var handling))
            {
                return handling;
            }
            var chat = UpdateRouter.ChatOf(update);
            var load = _chatLoad.GetValueOrDefault(chat);
            if (load >= _perChat && !handledBefore)
            {
                Drop(update, chat);
                return Task.FromResult(new WebhookAnswer(200));
            }
            _chatLoad[chat] = load + 1;
            var done = new TaskCompletionSource<WebhookAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
            _inHand[update.Id] = done.Task;
            _vitals.UpdateTaken();
            // The update's own work is not cancelled when Telegram stops waiting or the service stops: it is finished.
            _lanes.Enqueue(chat, () => HandleAsync(update, chat, done));
            return done.Task;
        }
    }

    /// <summary>Called under the gate. The first dropped update of a burst asks the member to slow down, beside the
    /// chat's lane rather than behind the updates it has queued.</summary>
    private void Drop(Update update, long chat)
    {
        Interlocked.Increment(ref _dropped);
        if (_told.Add(chat))
        {
            _notices.RemoveAll(n => n.IsCompleted);
            _notices.Add(Task.Run(() => NotifyAsync(update)));
        }
    }

    private async Task NotifyAsync(Update update)
    {
        try
        {
            await _slowDown.SendAsync(update, CancellationToken.None);
        }
#pragma warning disable CA1031 // A notice that cannot be sent is not worth a failure of the webhook.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogNoticeFailed(_log, ex.GetType().Name);
        }
    }

    private async Task HandleAsync(Update update, long chat, TaskCompletionSource<WebhookAnswer> done)
    {
        var answer = 500;
        byte[]? method = null;
        using var press = _answerInReply && update.CallbackQuery is { Id: { } pressId } ? _pressAnswers.Carry(pressId) : null;
        try
        {
            using var givenUp = _vitals.Watch();
            await _router.HandleAsync(update, CancellationToken.None);
            // A send Telegram itself failed (5xx, unreachable) leaves the member without an answer: delivered again, the
            // update is recognised by its marker and the member is shown their open question or receipt once more.
            answer = givenUp.Count == 0 ? 200 : 500;
        }
        catch (StorageFailedException)
        {
            // Not stored: posted again once the service runs on a healthy disk. The database has asked the service to stop.
        }
        finally
        {
            var kept = press?.Close();
            if (answer == 200)
            {
                method = kept?.Body();
            }
            lock (_gate)
            {
                _inHand.Remove(update.Id);
                if (--_chatLoad[chat] == 0)
                {
                    _chatLoad.Remove(chat);
                    _told.Remove(chat);
                }
            }
            done.TrySetResult(new(answer, method));
            if (kept is not null && answer != 200)
            {
                // Telegram reads no method from an error answer: the press is answered by a call, as without a webhook.
                await AnswerByCallAsync(kept);
            }
        }
    }

    private async Task AnswerByCallAsync(KeptAnswer answer)
    {
        try
        {
            await _sender.AnswerCallbackAsync(answer.CallbackQueryId, answer.Text, answer.ShowAlert);
        }
#pragma warning disable CA1031 // The press's spinner stops by itself; nothing else depends on this answer.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogAnswerFailed(_log, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} updates of chats sending faster than they could be answered were dropped since the last count")]
    private static partial void LogDropped(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The answer to a press could not be sent ({Error})")]
    private static partial void LogAnswerFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A slow-down notice could not be sent ({Error})")]
    private static partial void LogNoticeFailed(ILogger logger, string error);
}

/// <summary>How a post of Telegram's is answered: its status, and for a 200 the method Telegram is to run, as JSON.</summary>
internal sealed record WebhookAnswer(int Status, byte[]? Method = null);
