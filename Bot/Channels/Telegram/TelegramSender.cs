using System.Net;
using System.Runtime.CompilerServices;
using CommunityBot.Channels.Telegram.Webhook;
using CommunityBot.Operations;
using CommunityBot.Privacy;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;
using Telegram.Bot.Types;
using Telegram.Bot;

namespace CommunityBot.Channels.Telegram;

/// <summary>What became of messages the bot asked Telegram to delete.</summary>
internal enum Deletion
{
    Done,
    PartlyRefused,
    NotDone,
}

/// <summary>
/// Every call that shows something to someone goes through here: it waits its turn within Telegram's limits,
/// splits what is too long, waits out a 429 and sends again, and logs any other refusal by its code without
/// letting it take the service down. Nothing a member wrote is logged.
/// </summary>
internal sealed partial class TelegramSender(ITelegramBotClient bot, SendRateLimiter limiter, Communities communities, ActivityCounts counts, ServiceVitals vitals, PressAnswers pressAnswers, ILogger<TelegramSender> log)
{
    private const int Attempts = 5;
    /// <summary>The most Telegram takes in one text, counted as .NET counts a string (UTF-16 code units), as Telegram
    /// counts it.</summary>
    internal const int MessageLimit = 4096;
    private static readonly object Done = new();

    /// <summary>Sends <paramref name="html"/> (split when too long; the keyboard goes with the last part).</summary>
    /// <param name="topic">The forum topic to post in, the one the answered message was written in (<see cref="ForumTopic.Of"/>).</param>
    /// <returns>The last message sent, or null when Telegram refused.</returns>
    public async Task<MessageId?> SendAsync(long chatId, string html, InlineKeyboardMarkup? keyboard = null, int? replyTo = null, int? topic = null, CancellationToken cancellationToken = default) =>
        await SendPartsAsync(chatId, html, keyboard, replyTo, topic, cancellationToken) is [.., var last] ? last : null;

    /// <summary>Sends <paramref name="html"/> (split when too long; the keyboard goes with the last part).</summary>
    /// <param name="topic">The forum topic to post in, the one the answered message was written in (<see cref="ForumTopic.Of"/>).</param>
    /// <returns>Every part Telegram accepted, in order, so that each can be found again.</returns>
    public Task<IReadOnlyList<MessageId>> SendPartsAsync(long chatId, string html, InlineKeyboardMarkup? keyboard = null, int? replyTo = null, int? topic = null, CancellationToken cancellationToken = default) =>
        SendPartsAsync(chatId, html, keyboard, replyTo, topic, failedForNow: null, cancellationToken);

    /// <summary>Sends <paramref name="html"/> as a message whose sender must know why it did not arrive.</summary>
    /// <returns>The last message sent; else whether Telegram failed only for now (5xx, 429 after every try, not
    /// reached) rather than refused this chat (the member blocked the bot, the chat is gone).</returns>
    public async Task<(MessageId? Sent, bool FailedForNow)> TrySendAsync(long chatId, string html, InlineKeyboardMarkup? keyboard, CancellationToken cancellationToken)
    {
        var failedForNow = new StrongBox<bool>();
        var sent = await SendPartsAsync(chatId, html, keyboard, replyTo: null, topic: null, failedForNow, cancellationToken);
        return sent is [.., var last] ? (last, false) : (null, failedForNow.Value);
    }

    private async Task<IReadOnlyList<MessageId>> SendPartsAsync(long chatId, string html, InlineKeyboardMarkup? keyboard, int? replyTo, int? topic, StrongBox<bool>? failedForNow, CancellationToken cancellationToken)
    {
        var parts = TextSplitter.Split(html, MessageLimit);
        List<MessageId> sent = [];
        chatId = communities.Current(chatId);
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            var isLast = i == parts.Count - 1;
            var request = TextRequest.NewMessage(chatId, part, isLast ? keyboard : null, i == 0 ? replyTo : null, topic);
            var movedTo = new StrongBox<long>();
            var message = await CallAsync(chatId, TextRequest.Send, ct => bot.SendRequest(request, ct), cancellationToken, failedForNow, movedTo);
            if (message is null && movedTo.Value != 0)
            {
                // The group became a supergroup (its notice not yet handled, or handled before a restart with the old id
                // still in the settings): what was on its way, a card or a nudge, goes to where the group is now.
                chatId = movedTo.Value;
                var again = TextRequest.NewMessage(chatId, part, isLast ? keyboard : null, i == 0 ? replyTo : null, topic);
                message = await CallAsync(chatId, TextRequest.Send, ct => bot.SendRequest(again, ct), cancellationToken, failedForNow);
            }
            if (message is not null)
            {
                sent.Add(message);
            }
        }
        return sent;
    }

    /// <summary>Sends a file (a chart) with a short caption.</summary>
    public async Task SendFileAsync(long chatId, byte[] content, string fileName, string caption, bool asPhoto, int? topic = null, CancellationToken cancellationToken = default)
    {
        using var stream = new MemoryStream(content, writable: false);
        await SendFileAsync(chatId, stream, fileName, caption, asPhoto, topic, cancellationToken);
    }

    /// <summary>Sends a file (an export) from where <paramref name="content"/> stands, reading it as it goes up. The
    /// stream must be seekable, so that a retry sends it again from the same place; it stays the caller's to close.</summary>
    public Task SendFileAsync(long chatId, Stream content, string fileName, string caption, bool asPhoto, int? topic = null, CancellationToken cancellationToken = default)
    {
        if (!content.CanSeek)
        {
            throw new ArgumentException("A file to send must be seekable, so that it can be sent again.", nameof(content));
        }
        var start = content.Position;
        return CallAsync(chatId, asPhoto ? "sendPhoto" : "sendDocument", async ct =>
        {
            content.Position = start;
            using var lent = new LentStream(content);
            var file = InputFile.FromStream(lent, fileName);
            return asPhoto
                ? await bot.SendPhoto(chatId: chatId, photo: file, caption: caption, messageThreadId: topic, cancellationToken: ct)
                : await bot.SendDocument(chatId: chatId, document: file, caption: caption, messageThreadId: topic, cancellationToken: ct);
        }, cancellationToken);
    }

    public async Task EditAsync(long chatId, int messageId, string html, InlineKeyboardMarkup? keyboard, CancellationToken cancellationToken = default) =>
        await TryEditAsync(chatId, messageId, html, keyboard, cancellationToken);

    /// <returns>Whether Telegram took the edit.</returns>
    public async Task<bool> TryEditAsync(long chatId, int messageId, string html, InlineKeyboardMarkup? keyboard, CancellationToken cancellationToken = default)
    {
        var request = TextRequest.EditedMessage(chatId, messageId, TextSplitter.Split(html, MessageLimit)[0], keyboard);
        return await CallAsync(chatId, TextRequest.Edit, ct => bot.SendRequest(request, ct), cancellationToken) is not null;
    }

    public Task EditKeyboardAsync(long chatId, int messageId, InlineKeyboardMarkup? keyboard, CancellationToken cancellationToken = default) =>
        CallAsync(chatId, "editMessageReplyMarkup", ct => bot.EditMessageReplyMarkup(
            chatId: chatId, messageId: messageId, replyMarkup: keyboard, cancellationToken: ct), cancellationToken);

    /// <summary>How long Telegram asked to wait after a 429 (<c>retry_after</c>), at least a second and at most five minutes.</summary>
    internal static TimeSpan RetryAfter(ApiRequestException refusal) => TimeSpan.FromSeconds(Math.Clamp(refusal.Parameters?.RetryAfter ?? 1, 1, 300));

    /// <summary>Clears the button's spinner; callback answers do not count against chat limits. In webhook mode the
    /// answer to the press being handled goes with the answer to Telegram's post instead (<see cref="PressAnswers"/>).</summary>
    /// <param name="showAlert">Show the text in a box the person closes, for text too long or too important for a toast.</param>
    public async Task AnswerCallbackAsync(string callbackId, string? text = null, bool showAlert = false, CancellationToken cancellationToken = default)
    {
        if (pressAnswers.TryKeep(callbackId, text, showAlert))
        {
            return;
        }
        try
        {
            await bot.AnswerCallbackQuery(callbackQueryId: callbackId, text: text, showAlert: showAlert, cancellationToken: cancellationToken);
        }
        catch (ApiRequestException ex)
        {
            // An old query can no longer be answered; the member just sees the spinner stop by itself.
            Refused("answerCallbackQuery", ex.ErrorCode);
        }
        catch (RequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Not reached, or a Bot API server without the method: the spinner stops by itself, and the press is handled.
            if (Lacks(ex))
            {
                Refused("answerCallbackQuery", MissingMethod);
            }
            else
            {
                LogNetwork(log, "answerCallbackQuery", ex.GetType().Name);
            }
        }
    }

    /// <returns>Whether Telegram took every deletion, refused some (it refuses what is too old to delete), or none was
    /// done (Telegram not reached, or nothing to delete).</returns>
    public async Task<Deletion> DeleteAsync(long chatId, IReadOnlyList<int> messageIds, CancellationToken cancellationToken = default)
    {
        if (messageIds.Count == 0)
        {
            return Deletion.NotDone;
        }
        var refused = false;
        // One turn for the whole range, a call per hundred ids (Telegram's limit); a refused batch does not stop the next.
        var done = await CallAsync<object>(chatId, "deleteMessages", async ct =>
        {
            foreach (var chunk in messageIds.Chunk(100))
            {
                try
                {
                    await bot.DeleteMessages(chatId: chatId, messageIds: chunk, cancellationToken: ct);
                }
                catch (ApiRequestException ex) when (ex.ErrorCode == 400)
                {
                    Refused("deleteMessages", ex.ErrorCode);
                    refused = true;
                }
            }
            return Done;
        }, cancellationToken);
        return done is null ? Deletion.NotDone : refused ? Deletion.PartlyRefused : Deletion.Done;
    }

    /// <summary>Deletes one of the bot's messages.</summary>
    /// <returns>False when Telegram refused, as it does for a bot's message in a group after 48 hours.</returns>
    public async Task<bool> DeleteOneAsync(long chatId, int messageId, CancellationToken cancellationToken = default) =>
        await CallAsync<object>(chatId, "deleteMessage", async ct =>
        {
            await bot.DeleteMessage(chatId: chatId, messageId: messageId, cancellationToken: ct);
            return Done;
        }, cancellationToken) is not null;

    public Task LeaveAsync(long chatId, CancellationToken cancellationToken = default) =>
        CallAsync<object>(chatId, "leaveChat", async ct =>
        {
            await bot.LeaveChat(chatId: chatId, cancellationToken: ct);
            return Done;
        }, cancellationToken);

    /// <param name="failedForNow">Set when the call failed for a passing reason (5xx, 429, the network) rather than a refusal.</param>
    /// <param name="movedTo">Set to the supergroup a group became, when Telegram refused the call for that reason.</param>
    private async Task<T?> CallAsync<T>(long chatId, string method, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken, StrongBox<bool>? failedForNow = null, StrongBox<long>? movedTo = null)
        where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            using var sending = await limiter.WaitTurnAsync(chatId, IsGroup(chatId), cancellationToken);
            try
            {
                var taken = await call(cancellationToken);
                vitals.Sent();
                return taken;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 429 && attempt < Attempts)
            {
                vitals.TooMany();
                var wait = RetryAfter(ex);
                if (IsGroup(chatId))
                {
                    LogTooMany(log, method, wait.TotalSeconds);
                }
                else
                {
                    // A slow-down for one member's chat comes of that member's own pace: counted, not logged at its time.
                    counts.Add(Activity.TelegramRefusals, method + " 429");
                }
                limiter.Pause(chatId, wait);
            }
            catch (ApiRequestException ex) when (ex.ErrorCode >= 500 && attempt < Attempts)
            {
                LogRefused(log, method, ex.ErrorCode);
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), cancellationToken);
            }
            catch (ApiRequestException ex) when (ex.Parameters?.MigrateToChatId is { } newChatId && movedTo is not null)
            {
                if (communities.Migrate(chatId, newChatId))
                {
                    LogMigrated(log, chatId, newChatId);
                }
                movedTo.Value = newChatId;
                return null;
            }
            catch (ApiRequestException ex)
            {
                Refused(method, ex.ErrorCode);
                failedForNow?.Value = ex.ErrorCode is >= 500 or 429;
                return null;
            }
            catch (RequestException ex) when (ex.HttpStatusCode is { } status && (int)status is >= 200 and < 300)
            {
                // Taken, but answered without a result the bot can read (some Bot API emulators answer "result": null):
                // sending it again would show it twice. The message's id stays unknown.
                vitals.Sent();
                return TakenUnread<T>();
            }
            catch (RequestException ex) when (Lacks(ex) && ex is not ApiRequestException)
            {
                // A Bot API server without this method (an emulator), or a proxy's error page: asking again at once would
                // only hold the chat up. What is owed (a receipt, a card) is tried again later as after any passing failure.
                Refused(method, MissingMethod);
                failedForNow?.Value = true;
                return null;
            }
            catch (RequestException ex) when (attempt < Attempts)
            {
                LogNetwork(log, method, ex.GetType().Name);
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), cancellationToken);
            }
            catch (RequestException ex)
            {
                vitals.Failed();
                LogNetwork(log, method, ex.GetType().Name);
                failedForNow?.Value = true;
                return null;
            }
        }
    }

    /// <summary>What a call the server took stands for when its answer could not be read: a message of unknown id (0,
    /// which no stored reference and no reply ever matches), or done.</summary>
    private static T? TakenUnread<T>()
        where T : class =>
        typeof(T) == typeof(MessageId) ? (T)(object)new MessageId() : Done as T;

    /// <summary>A refusal that one person's action caused (a member who blocked the bot, a message too old to edit) is
    /// counted, not logged with its time; a failure of Telegram itself is the operator's business.</summary>
    private void Refused(string method, int code)
    {
        if (CausedByOnePerson(code))
        {
            counts.Add(Activity.TelegramRefusals, method + " " + code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            vitals.Failed();
            LogRefused(log, method, code);
        }
    }

    internal static bool IsGroup(long chatId) => chatId < 0;

    /// <summary>A refusal of the Bot API's own (4xx but 429) comes of what one person did or the state of their chat, and
    /// is counted rather than logged at its moment; 429 and 5xx are Telegram's.</summary>
    internal static bool CausedByOnePerson(int code) => code is >= 400 and < 500 and not 429;

    /// <summary>The code a method the Bot API server lacks is counted under, as the Bot API itself would answer it.</summary>
    private const int MissingMethod = 404;

    /// <summary>The server answered that it has no such method: the Bot API's 404, or an HTTP 404, 405, 500 or 501 without
    /// the Bot API's error in it (as emulators answer). A timeout, a 429 or a proxy's 502–504 is not that.</summary>
    internal static bool Lacks(RequestException ex) => ex switch
    {
        ApiRequestException api => api.ErrorCode == 404,
        { HttpStatusCode: HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed or HttpStatusCode.InternalServerError or HttpStatusCode.NotImplemented } => true,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Group {OldChatId} became supergroup {NewChatId}, as Telegram answered a message to it; following it now - update Telegram settings to the new id")]
    private static partial void LogMigrated(ILogger logger, long oldChatId, long newChatId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram asked to slow down on {Method}; waiting {Seconds} s")]
    private static partial void LogTooMany(ILogger logger, string method, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram refused {Method} with code {Code}")]
    private static partial void LogRefused(ILogger logger, string method, int code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram could not be reached for {Method}: {Error}")]
    private static partial void LogNetwork(ILogger logger, string method, string error);
}
