using System.Collections.Concurrent;
using System.Globalization;
using CommunityBot.Privacy;
using LiteDB;

namespace CommunityBot.Storage;

/// <summary>
/// Which channel updates were already handled, so that one delivered twice (after a crash, a retry) changes
/// nothing. A marker is written in the same transaction as the change its update caused; it is keyed by a keyed
/// hash of the update id under a key of the period (<see cref="PeriodPurpose.UpdateMarkers"/>), keeps only the hour
/// it was written in (the change it goes with is often a member's) and expires after <see cref="Lifetime"/>; its key
/// is destroyed soon after.
/// </summary>
internal sealed class UpdateMarkers(Database database, PeriodKeys keys, Pseudonyms pseudonyms, FieldCipher cipher, TimeProvider time)
{
    private const string Collection = "update_markers";
    private const string At = "at";
    private const string Receipt = "receipt";

    /// <summary>Set on every marker written under a period key; markers without it were written under the old fixed
    /// key, before an upgrade, and are still looked for until they expire: Telegram delivers the last updates taken
    /// before a restart again, and they must not be handled twice.</summary>
    private const string Periodic = "periodic";

    // Whether markers under the old fixed key may still be stored: null until looked at, and once false it stays false
    // (none are written any more). Touched only on the database thread.
    private bool? _legacy;

    // Every marker that may be stored: those stored when the first update was checked, and every marker this instance
    // has answered "not seen" for since (the only markers the stores write). A marker not in it is not stored, so a new
    // update is told so without waiting for the database thread; one in it is looked up. Set on the database thread.
    private ConcurrentDictionary<string, byte>? _mayBeStored;

    // True once the set above is loaded and no marker under the old fixed key is left (then the set decides alone).
    private volatile bool _fromMemory;

    /// <summary>How long an undelivered receipt is kept for a redelivered update: Telegram redelivers within minutes.
    /// Counted from the hour its marker keeps, so the receipt goes within the hour (at the sweep after).</summary>
    public static readonly TimeSpan ReceiptLifetime = TimeSpan.FromHours(1);

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(48);

    /// <summary>The update's marker, and whether it was already handled: the marker it was stored under, if under any
    /// live key, else its marker under the current key.</summary>
    public Task<MarkedUpdate> CheckAsync(string channel, long updateId) =>
        CheckValueAsync(channel + ":" + updateId.ToString(CultureInfo.InvariantCulture));

    /// <summary>For a channel whose events are named by a text (Messenger's message ids, a hash of an event).</summary>
    /// <inheritdoc cref="CheckAsync(string, long)"/>
    public Task<MarkedUpdate> CheckAsync(string channel, string eventKey) => CheckValueAsync(Value(channel, eventKey));

    /// <summary>The marker an event would be stored under now, without looking whether it was: for a webhook's inbox,
    /// which keeps an event under it until the event is handled (<see cref="InboxStore"/>).</summary>
    public async Task<string> CurrentAsync(string channel, string eventKey) =>
        (await keys.OfAsync(PeriodPurpose.UpdateMarkers, Value(channel, eventKey))).Current;

    private static string Value(string channel, string eventKey) => channel + ":" + eventKey;

    private async Task<MarkedUpdate> CheckValueAsync(string value)
    {
        var pseudonym = await keys.OfAsync(PeriodPurpose.UpdateMarkers, value);
        if (_fromMemory && _mayBeStored is { } known && !pseudonym.All.Any(known.ContainsKey))
        {
            known.TryAdd(pseudonym.Current, 0);
            return new MarkedUpdate(pseudonym.Current, Seen: false);
        }
        return await database.RunAsync(db =>
        {
            var markers = Markers(db);
            if (_mayBeStored is null)
            {
                _mayBeStored = new ConcurrentDictionary<string, byte>(
                    markers.Query().Select(BsonExpression.Create("$._id")).ToEnumerable().Select(id => KeyValuePair.Create(id["_id"].AsString, (byte)0)),
                    StringComparer.Ordinal);
            }
            foreach (var marker in pseudonym.All)
            {
                if (markers.Exists(Queries.Equal("_id", marker)))
                {
                    return new MarkedUpdate(marker, Seen: true);
                }
            }
            _legacy ??= markers.Exists(Queries.Equal(Periodic, BsonValue.Null));
            if (_legacy == true && pseudonyms.Of(PseudonymPurpose.UpdateMarkers, value) is var legacy && markers.Exists(Queries.Equal("_id", legacy)))
            {
                return new MarkedUpdate(legacy, Seen: true);
            }
            _mayBeStored.TryAdd(pseudonym.Current, 0);
            _fromMemory = _legacy == false;
            return new MarkedUpdate(pseudonym.Current, Seen: false);
        });
    }

    /// <inheritdoc cref="CheckAsync"/>
    public async Task<string> ForAsync(string channel, long updateId) => (await CheckAsync(channel, updateId)).Marker;

    public Task<bool> SeenAsync(string marker) =>
        database.RunAsync(db => Markers(db).FindById(marker) is not null);

    public Task MarkAsync(string marker)
    {
        var now = time.GetUtcNow();
        return database.ChangeAsync(db => Mark(db, marker, now));
    }

    /// <summary>For a store already on the database thread, inside the transaction of the change. A webhook event kept
    /// in the inbox stays there until its answer was sent (<see cref="InboxStore.Remove(string)"/>): a crash in between
    /// finds the event at the next start, its marker stored, and the member is shown the question open now.</summary>
    internal static void Mark(LiteDatabase db, string? marker, DateTimeOffset now)
    {
        if (marker is not null)
        {
            Write(db, marker, now);
        }
    }

    /// <summary>Whether the receipt this marker's update submitted is kept because it may never have been sent.</summary>
    internal static bool KeepsReceipt(LiteDatabase db, string marker) =>
        Markers(db).FindById(marker) is { } document && document.ContainsKey(Receipt);

    /// <summary>For a store on the database thread, in the transaction that submitted a report for this update: the
    /// marker, and the receipt kept (encrypted) until the member has been sent it, so that a crash between the two does
    /// not lose the only copy of the code; a redelivered update then gets it (<see cref="TakeReceiptAsync"/>). A webhook
    /// event stays in its inbox meanwhile: Meta does not deliver it again, and it alone says whom to send the receipt
    /// to after a crash; it goes once handled.</summary>
    internal static void MarkKeepingReceipt(LiteDatabase db, string? marker, DateTimeOffset now, Func<string, byte[]> sealReceipt)
    {
        if (marker is not null)
        {
            var document = Write(db, marker, now);
            document[Receipt] = sealReceipt(marker);
            Markers(db).Update(document);
        }
    }

    private static BsonDocument Write(LiteDatabase db, string marker, DateTimeOffset now)
    {
        var document = new BsonDocument { ["_id"] = marker, [At] = CoarseTime.HourFloor(now).ToUnixTimeSeconds(), [Periodic] = true };
        Markers(db).Upsert(document);
        return document;
    }

    public static byte[] SealReceipt(FieldCipher cipher, string marker, UndeliveredReceipt receipt) =>
        cipher.Encrypt(string.Join('\n', receipt.Language, receipt.Label, receipt.Code), ReceiptContext(marker));

    /// <summary>The receipt of the report this update submitted, if it was never sent.</summary>
    public async Task<UndeliveredReceipt?> TakeReceiptAsync(string marker)
    {
        var document = await database.RunAsync(db => Markers(db).FindById(marker));
        if (document is null || !document.TryGetValue(Receipt, out var sealedReceipt) || !sealedReceipt.IsBinary)
        {
            return null;
        }
        return cipher.Decrypt(sealedReceipt.AsBinary, ReceiptContext(marker)).Split('\n') is [var language, var label, var code]
            ? new UndeliveredReceipt(language, label, code)
            : null;
    }

    /// <summary>The member has the receipt: its copy goes (and out of the log file within a second), with the webhook
    /// event kept in the inbox for it (<see cref="MarkKeepingReceipt"/>).</summary>
    public Task ReceiptDeliveredAsync(string marker) =>
        database.RunAsync(db =>
        {
            if (Markers(db).FindById(marker) is { } document && document.Remove(Receipt))
            {
                Transactions.Run(db, () =>
                {
                    Markers(db).Update(document);
                    InboxStore.Remove(db, marker);
                });
                database.CheckpointSoon();
            }
        });

    public Task<int> PurgeAsync()
    {
        var now = time.GetUtcNow();
        var cutoff = (now - Lifetime).ToUnixTimeSeconds();
        var receiptCutoff = (now - ReceiptLifetime).ToUnixTimeSeconds();
        return database.RunAsync(db =>
        {
            var markers = Markers(db);
            var stale = markers.Find(Queries.Below(At, receiptCutoff)).Where(document => document.ContainsKey(Receipt)).ToList();
            foreach (var document in stale)
            {
                document.Remove(Receipt);
                markers.Update(document);
                // A receipt that could not be sent (the member blocked the Page, the window closed) keeps its event no longer.
                InboxStore.Remove(db, document["_id"].AsString);
            }
            if (stale.Count > 0)
            {
                database.CheckpointSoon();
            }
            var gone = markers.Find(Queries.Below(At, cutoff)).Select(document => document["_id"].AsString).ToList();
            var expired = markers.DeleteMany(Queries.Below(At, cutoff));
            foreach (var id in gone)
            {
                _mayBeStored?.TryRemove(id, out _);
            }
            if (_legacy == true)
            {
                _legacy = null;
            }
            // Every marker written under a key whose period ended a lifetime and an hour ago was purged just above (its
            // hour is at most the period's end), so the key goes alone.
            keys.DestroyExpired(db, PeriodPurpose.UpdateMarkers, Lifetime + TimeSpan.FromHours(1), _ => { });
            return expired;
        });
    }

    private static string ReceiptContext(string marker) => $"marker/{marker}/receipt";

    private static ILiteCollection<BsonDocument> Markers(LiteDatabase db) => db.GetCollection(Collection, BsonAutoId.Guid);
}

/// <summary>An update's marker, and whether the update was already handled.</summary>
internal sealed record MarkedUpdate(string Marker, bool Seen);

/// <summary>A receipt that was stored with its report but may not have reached the member.</summary>
internal sealed record UndeliveredReceipt(string Language, string Label, string Code);
