using System.Collections.Concurrent;
using CommunityBot.Conversations;
using CommunityBot.Privacy;
using CommunityBot.Storage;
using Microsoft.Extensions.Hosting;

namespace CommunityBot.Channels.Telegram;

/// <summary>
/// Receipts kept because Telegram did not take the message that carried them. A redelivered update sends its receipt
/// (<see cref="ResendAsync"/>); but once Telegram kept failing for the half minute an update is handled again, the
/// update is confirmed and would never come back. The receipt's copy stays in the store with its marker
/// (<see cref="UpdateMarkers.MarkKeepingReceipt"/>); which chat it is owed to is held here, in memory only and only
/// while it is owed, so that <see cref="OwedReceiptsService"/> can send it once Telegram takes messages again. A
/// receipt Telegram refuses for good (the member blocked the bot) is owed no more; one whose copy was purged neither.
/// </summary>
internal sealed class OwedReceipts(UpdateMarkers markers, TelegramSender sender, TextCatalog texts, ActivityCounts counts) : IDisposable
{
    private readonly ConcurrentDictionary<string, long> _owed = new(StringComparer.Ordinal);

    // One resend at a time: a redelivered update and a later try must not both send the same kept receipt.
    private readonly SemaphoreSlim _sending = new(1, 1);

    public int Count => _owed.Count;

    /// <summary>The receipt went with the submission's reply: its kept copy goes.</summary>
    public async Task DeliveredAsync(string marker)
    {
        _owed.TryRemove(marker, out _);
        await markers.ReceiptDeliveredAsync(marker);
    }

    /// <summary>The submission's reply, receipt and all, did not get through.</summary>
    public void NotDelivered(string marker, long chatId) => _owed[marker] = chatId;

    /// <summary>The receipt kept under the marker, sent now if it still is.</summary>
    /// <returns>Whether a receipt was kept for it.</returns>
    public async Task<bool> ResendAsync(long chatId, string marker, CancellationToken cancellationToken) =>
        await SendKeptAsync(chatId, marker, cancellationToken) is not Resend.NoneKept;

    /// <summary>Sends the receipts still owed, until Telegram fails for the moment.</summary>
    /// <returns>Whether some are still owed.</returns>
    public async Task<bool> RetryAsync(CancellationToken cancellationToken)
    {
        foreach (var (marker, chatId) in _owed.ToArray())
        {
            switch (await SendKeptAsync(chatId, marker, cancellationToken))
            {
                case Resend.Sent:
                    counts.Add(Activity.LateReceipts, "sent");
                    break;
                case Resend.FailedForNow:
                    return true;
                default:
                    break;
            }
        }
        return !_owed.IsEmpty;
    }

    private async Task<Resend> SendKeptAsync(long chatId, string marker, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken);
        try
        {
            if (await markers.TakeReceiptAsync(marker) is not { } receipt)
            {
                _owed.TryRemove(marker, out _);
                return Resend.NoneKept;
            }
            var html = TelegramHtml.Escape(texts.Get(receipt.Language, "receipt.issued", ("label", receipt.Label), ("code", receipt.Code))
                + "\n\n" + texts.Get(receipt.Language, "receipt.forget_hint"));
            var (sent, failedForNow) = await sender.TrySendAsync(chatId, html, keyboard: null, cancellationToken);
            if (sent is not null)
            {
                await DeliveredAsync(marker);
                return Resend.Sent;
            }
            if (!failedForNow)
            {
                // Refused for good (the member blocked the bot, the chat is gone): the copy goes with the purge.
                counts.Add(Activity.LateReceipts, "refused");
                _owed.TryRemove(marker, out _);
                return Resend.Refused;
            }
            _owed[marker] = chatId;
            return Resend.FailedForNow;
        }
        finally
        {
            _sending.Release();
        }
    }

    public void Dispose() => _sending.Dispose();

    private enum Resend
    {
        NoneKept,
        Sent,
        Refused,
        FailedForNow,
    }
}

/// <summary>Tries the receipts Telegram did not take again, backing off while it keeps failing (<see cref="OwedReceipts"/>).</summary>
internal sealed class OwedReceiptsService(OwedReceipts owed, TimeProvider time) : BackgroundService
{
    /// <summary>The first wait, and the wait while nothing is owed: longer than an update is handled again (about half a
    /// minute), so the tries follow those of the update itself.</summary>
    internal static readonly TimeSpan FirstWait = TimeSpan.FromMinutes(1);

    /// <summary>The longest wait while receipts are owed: a kept copy may live less than an hour.</summary>
    internal static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(8);

    // Stopping: the copies stay kept, but which chat they are owed to is not (it is held in memory only).
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        OwedRetries.RunAsync(token => owed.Count > 0 ? owed.RetryAsync(token) : Task.FromResult(false), FirstWait, LongestWait, time, stoppingToken);
}
