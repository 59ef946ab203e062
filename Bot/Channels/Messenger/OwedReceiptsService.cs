using CommunityBot.Privacy;
using CommunityBot.Storage;
using Microsoft.Extensions.Hosting;

namespace CommunityBot.Channels.Messenger;

/// <summary>
/// Sends again, while their copies are kept, the receipts that did not get through when their reports were submitted,
/// so that a member who submitted and never writes again still gets their code. What is owed lives in the store: the
/// kept receipt with the submission's marker, and the submission's event in the inbox, which says whom to send it to
/// (<see cref="UpdateMarkers.MarkKeepingReceipt"/>); a receipt Meta took is let go at once, with its event, so it is
/// never sent twice. Each try runs between two events (<see cref="MessengerInbox.BetweenEventsAsync{T}"/>), never
/// beside the answer to one. The tries back off while Meta keeps failing; a receipt Meta refuses for good (the member
/// is not available, the window closed) is not tried again and waits for the member's next message. The copies are
/// kept for little more than an hour at most, well inside Meta's 24 hours after the member's submission, and then the purge
/// ends the tries. Only counts reach the log (<see cref="Activity.LateReceipts"/>).
/// </summary>
internal sealed class OwedReceiptsService(MessengerInbox inbox, InboxStore store, MessengerRouter router, ActivityCounts counts, TimeProvider time)
    : BackgroundService
{
    /// <summary>How long after the start, and after a look that found nothing owed, the next look comes.</summary>
    internal static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two tries while receipts are owed: a kept copy may live less than an hour
    /// (<see cref="UpdateMarkers.ReceiptLifetime"/> counts from the hour it was kept in), so the tries stay close.</summary>
    internal static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(8);

    // Markers of receipts Meta refused for good, and of those that failed: touched only between events, on the inbox's
    // reader; bounded by the inbox, and forgotten once their copies are gone.
    private readonly HashSet<string> _refused = new(StringComparer.Ordinal);
    private readonly HashSet<string> _failed = new(StringComparer.Ordinal);

    // Stopping: what is owed stays in the store, and the next start sends it.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        OwedRetries.RunAsync(token => inbox.BetweenEventsAsync(TryOwedAsync, token), FirstWait, LongestWait, time, stoppingToken);

    /// <returns>Whether some receipt is still owed that may get through later.</returns>
    private async Task<bool> TryOwedAsync(CancellationToken cancellationToken)
    {
        var owed = await store.KeepingReceiptsAsync();
        var kept = owed.Select(entry => entry.Id).ToHashSet(StringComparer.Ordinal);
        _refused.IntersectWith(kept);
        _failed.IntersectWith(kept);
        // Those that never failed first, so that one Meta keeps refusing cannot keep the others waiting behind it.
        foreach (var entry in owed.Where(entry => !_refused.Contains(entry.Id)).OrderBy(entry => _failed.Contains(entry.Id)))
        {
            if (MessengerInbox.EventOf(entry) is not { } submission)
            {
                continue;
            }
            var outcome = await router.RetryReceiptAsync(submission, entry.Id, cancellationToken);
            if (outcome is SendOutcome.OutsideWindow or SendOutcome.Unavailable)
            {
                counts.Add(Activity.LateReceipts, "refused");
                _refused.Add(entry.Id);
            }
            else if (outcome is not (null or SendOutcome.Sent))
            {
                // Meta failed just now: the rest wait for the next try rather than hold every member's events meanwhile.
                _failed.Add(entry.Id);
                return true;
            }
            else if (outcome == SendOutcome.Sent)
            {
                counts.Add(Activity.LateReceipts, "sent");
            }
        }
        return false;
    }
}
