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
/// (<see cref="UpdateMarkers.Mark"/>), or right after the event was handled (<see cref="RemoveAsync"/>), and out of the
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

    /// <summary>Stores, in one transaction and in their order, the entries not held yet (an event delivered again while
    /// still here is left out), and then, still on the database thread so that the order of two deliveries is kept,
    /// hands on the ones stored now.</summary>
    /// <param name="stored">Called with the entries stored, once the transaction is committed.</param>
    public Task AddAsync(IReadOnlyList<InboxEntry> entries, Action<IReadOnlyList<InboxEntry>> stored)
    {
        // Encrypted before the database thread, which every other store waits for.
        var sealedContents = entries.Select(e => cipher.Encrypt(e.Content, Context(e.Id))).ToArray();
        return database.RunAsync(db =>
        {
            var inbox = Inbox(db);
            var next = Next(inbox);
            var added = new List<InboxEntry>(entries.Count);
            var ids = new HashSet<string>(StringComparer.Ordinal);
            Transactions.Run(db, () =>
            {
                for (var i = 0; i < entries.Count; i++)
                {
                    var id = entries[i].Id;
                    if (!ids.Add(id) || inbox.Exists(Queries.Equal("_id", id)))
                    {
                        continue;
                    }
                    inbox.Insert(new BsonDocument { ["_id"] = id, [Order] = next++, [Content] = sealedContents[i] });
                    added.Add(entries[i]);
                }
            });
            _next = next;
            if (added.Count > 0)
            {
                stored(added);
            }
        });
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
                await RemoveAsync(id);
                dropped++;
            }
        }
        return new LeftOver(entries, dropped);
    }

    /// <summary>The event was handled (its marker is stored) or cannot be: its entry goes, and out of the log file within
    /// a second.</summary>
    public Task RemoveAsync(string id) =>
        database.RunAsync(db =>
        {
            Inbox(db).Delete(id);
            // Also when the change's transaction removed it already: that transaction asked for no checkpoint.
            database.CheckpointSoon();
        });

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

    private static string Context(string id) => $"inbox/{id}/event";

    private static ILiteCollection<BsonDocument> Inbox(LiteDatabase db) => db.GetCollection(Collection, BsonAutoId.Guid);
}
