using System.Security.Cryptography;
using CommunityBot.Privacy;
using LiteDB;

namespace CommunityBot.Storage;

/// <summary>An event a webhook accepted: its update marker (a keyed pseudonym of the event's id) and its content, which
/// only the channel reads.</summary>
internal sealed record InboxEntry(string Id, string Content);

/// <summary>What was left in the inbox by the last run: the entries to handle, in the order they came, and how many were
/// dropped instead (tried too often, or no longer readable).</summary>
internal sealed record LeftOver(IReadOnlyList<InboxEntry> Entries, int Dropped);

/// <summary>
/// Webhook events that were answered 200 and are not yet handled. The provider will not deliver them again, so they are
/// kept here until their effect is stored: a process that dies in between handles them at its next start. Each is kept
/// under its update marker (so an event delivered again is not stored twice), its content encrypted under a context of
/// its own (it holds a Page-scoped id and a member's words); nothing is in clear but the order it came in and how often
/// a start tried it. An entry goes in the transaction that stores its marker with the change
/// (<see cref="UpdateMarkers.Mark"/>), or right after the event was handled (<see cref="Remove"/>), and out of the
/// log file at the next checkpoint.
/// </summary>
internal sealed class InboxStore(Database database, FieldCipher cipher)
{
    private const string Collection = "webhook_inbox";
    private const string Order = "order";
    private const string Content = "content";
    private const string Tries = "tries";

    // The next order number, and the first one this run gave; touched only on the database thread.
    private long? _next;
    private long _firstOfThisRun;

    // Deliveries and removals waiting for the database thread: all that wait share one transaction (a group commit), so a
    // burst of deliveries writes the inbox's pages once, not once per event.
    private readonly Lock _gate = new();
    private List<Delivery> _deliveries = [];
    private List<string> _removals = [];
    private bool _scheduled;

    /// <summary>Stores, in one transaction and in their order, the entries not held yet (an event delivered again while
    /// still here is not stored twice), and then, still on the database thread so that the order of two deliveries is
    /// kept, hands them all on: one delivered again is handled again, which its marker makes a no-op (or the sending of
    /// a receipt that did not get through). Completes once they are committed.</summary>
    /// <param name="stored">Called with the delivery's entries, once the transaction is committed.</param>
    public Task AddAsync(IReadOnlyList<InboxEntry> entries, Action<IReadOnlyList<InboxEntry>> stored)
    {
        // Encrypted before the database thread, which every other store waits for.
        var delivery = new Delivery(entries, [.. entries.Select(e => cipher.Encrypt(e.Content, Context(e.Id)))], stored);
        lock (_gate)
        {
            _deliveries.Add(delivery);
        }
        Schedule();
        return delivery.Committed.Task;
    }

    /// <summary>The event was handled and answered (its marker is stored and its answer sent), or cannot be: its entry
    /// goes, with the next deliveries' transaction, and out of the log file within a second. Not waited for: an entry a
    /// crash leaves behind is handled again at the next start, where its stored marker makes it show the member the
    /// question open now (or the receipt that may not have got through).</summary>
    public void Remove(string id)
    {
        lock (_gate)
        {
            _removals.Add(id);
        }
        Schedule();
    }

    private void Schedule()
    {
        lock (_gate)
        {
            if (_scheduled)
            {
                return;
            }
            _scheduled = true;
        }
        // Failures reach each delivery's caller (see StoreWaiting); a removal that failed is done at the next start.
        _ = database.RunAsync(StoreWaiting);
    }

    /// <summary>On the database thread: what is waiting, in one transaction.</summary>
    private void StoreWaiting(LiteDatabase db)
    {
        List<Delivery> deliveries;
        List<string> removals;
        lock (_gate)
        {
            (deliveries, _deliveries) = (_deliveries, []);
            (removals, _removals) = (_removals, []);
            _scheduled = false;
        }
        if (removals.Count > 0)
        {
            database.CheckpointSoon();
        }
        if (deliveries.Count == 0 && removals.Count == 0)
        {
            return;
        }
        try
        {
            var inbox = Inbox(db);
            var next = Next(inbox);
            var ids = new HashSet<string>(StringComparer.Ordinal);
            Transactions.Run(db, () =>
            {
                // A submission whose receipt did not get through keeps its event: it alone says whom to send the receipt
                // to after a restart (the receipt's delivery or its purge removes it).
                foreach (var id in removals.Where(id => !UpdateMarkers.KeepsReceipt(db, id)))
                {
                    inbox.Delete(id);
                }
                foreach (var (entries, sealedContents, _) in deliveries)
                {
                    for (var i = 0; i < entries.Count; i++)
                    {
                        if (!ids.Add(entries[i].Id) || inbox.Exists(Queries.Equal("_id", entries[i].Id)))
                        {
                            continue;
                        }
                        inbox.Insert(new BsonDocument { ["_id"] = entries[i].Id, [Order] = next++, [Content] = sealedContents[i] });
                    }
                }
            });
            _next = next;
        }
#pragma warning disable CA1031 // Handed to each delivery's caller (its webhook answers 500 and Meta delivers again).
        catch (Exception e)
#pragma warning restore CA1031
        {
            deliveries.ForEach(delivery => delivery.Committed.TrySetException(e));
            return;
        }
        foreach (var delivery in deliveries)
        {
            delivery.Stored(delivery.Entries);
            delivery.Committed.TrySetResult();
        }
    }

    /// <summary>The entries an earlier run accepted and did not handle, oldest first, each counted as tried once more;
    /// those tried <paramref name="maxTries"/> times already (an event that ends the process each time it is handled)
    /// and those that can no longer be read are removed instead.</summary>
    public async Task<LeftOver> LeftOverAsync(int maxTries)
    {
        var (left, dropped) = await database.RunAsync(db =>
        {
            var inbox = Inbox(db);
            var first = FirstOfThisRun(inbox);
            var documents = inbox.Find(Queries.Below(Order, first)).OrderBy(d => d[Order].AsInt64).ToList();
            var kept = new List<(string Id, byte[] Sealed)>(documents.Count);
            var dropped = 0;
            Transactions.Run(db, () =>
            {
                foreach (var document in documents)
                {
                    var tries = (document.TryGetValue(Tries, out var t) && t.IsInt32 ? t.AsInt32 : 0) + 1;
                    if (tries > maxTries || !document[Content].IsBinary)
                    {
                        inbox.Delete(document["_id"]);
                        dropped++;
                        continue;
                    }
                    document[Tries] = tries;
                    inbox.Update(document);
                    kept.Add((document["_id"].AsString, document[Content].AsBinary));
                }
            });
            if (dropped > 0)
            {
                database.CheckpointSoon();
            }
            return (kept, dropped);
        });
        var entries = new List<InboxEntry>(left.Count);
        foreach (var (id, sealedContent) in left)
        {
            try
            {
                entries.Add(new InboxEntry(id, cipher.Decrypt(sealedContent, Context(id))));
            }
            catch (CryptographicException)
            {
                // Written under keys this run does not hold: nobody can read it, so it goes.
                Remove(id);
                dropped++;
            }
        }
        return new LeftOver(entries, dropped);
    }

    /// <summary>The entries of submissions whose receipt is still kept because it did not get through, oldest first:
    /// each says whom to send its receipt to. Those that can no longer be read are left to the purge.</summary>
    public async Task<IReadOnlyList<InboxEntry>> KeepingReceiptsAsync()
    {
        var kept = await database.RunAsync(db => Inbox(db).FindAll()
            .Where(document => document[Content].IsBinary && UpdateMarkers.KeepsReceipt(db, document["_id"].AsString))
            .OrderBy(document => document[Order].AsInt64)
            .Select(document => (Id: document["_id"].AsString, Sealed: document[Content].AsBinary))
            .ToList());
        var entries = new List<InboxEntry>(kept.Count);
        foreach (var (id, sealedContent) in kept)
        {
            try
            {
                entries.Add(new InboxEntry(id, cipher.Decrypt(sealedContent, Context(id))));
            }
            catch (CryptographicException)
            {
                // Written under keys this run does not hold: its receipt cannot be sent, and goes with the purge.
            }
        }
        return entries;
    }

    /// <summary>How many entries are held (for tests and the operator's checks).</summary>
    public Task<int> CountAsync() => database.RunAsync(db => Inbox(db).Count());

    /// <summary>For <see cref="UpdateMarkers.Mark"/>, on the database thread, in the transaction that stores the marker
    /// of the event with the change it caused.</summary>
    internal static void Remove(LiteDatabase db, string id) => Inbox(db).Delete(id);

    private long Next(ILiteCollection<BsonDocument> inbox)
    {
        if (_next is { } next)
        {
            return next;
        }
        // Once a run, at its first use: the inbox is small (it is bounded), and an index would cost every insert.
        var last = inbox.FindAll().Select(d => d[Order].AsInt64).DefaultIfEmpty(0).Max();
        _firstOfThisRun = last + 1;
        _next = _firstOfThisRun;
        return _firstOfThisRun;
    }

    private long FirstOfThisRun(ILiteCollection<BsonDocument> inbox)
    {
        Next(inbox);
        return _firstOfThisRun;
    }

    private sealed record Delivery(IReadOnlyList<InboxEntry> Entries, byte[][] Sealed, Action<IReadOnlyList<InboxEntry>> Stored)
    {
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static string Context(string id) => $"inbox/{id}/event";

    private static ILiteCollection<BsonDocument> Inbox(LiteDatabase db) => db.GetCollection(Collection, BsonAutoId.Guid);
}
