using System.Globalization;
using CommunityBot.Privacy;
using LiteDB;

namespace CommunityBot.Storage;

/// <summary>
/// Which channel updates were already handled, so that one delivered twice (after a crash, a retry) changes
/// nothing. A marker is written in the same transaction as the change its update caused; it is keyed by a keyed
/// hash of the update id under a key of the period (<see cref="PeriodPurpose.UpdateMarkers"/>), keeps only the hour
/// it was written in (the change it goes with is often a member's) and expires after <see cref="Lifetime"/>; its key
/// is destroyed soon after. The markers of one commit are stored together, as one batch (<see cref="HandledMarkers"/>);
/// a marker that keeps a receipt is stored alone, to be looked up by it. Whether an update was seen is answered from
/// memory, from the set of every marker stored.
/// </summary>
internal sealed class UpdateMarkers(Database database, PeriodKeys keys, Pseudonyms pseudonyms, FieldCipher cipher, TimeProvider time)
{
    private const string Collection = "update_markers";
    private const string At = HandledMarkers.At;
    private const string Receipt = "receipt";

    /// <summary>Set on every marker written under a period key; markers without it were written under the old fixed
    /// key, before an upgrade, and are still looked for until they expire: Telegram delivers the last updates taken
    /// before a restart again, and they must not be handled twice.</summary>
    private const string Periodic = "periodic";

    // Whether markers under the old fixed key may still be stored: looked at once, on the database thread, and once
    // none are left it stays so (none are written any more); looked at again after each purge.
    private volatile LegacyMarkers _legacy = LegacyMarkers.Unknown;

    private enum LegacyMarkers
    {
        Unknown,
        None,
        Some,
    }

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

    // Answered from memory: the set of every marker stored (HandledMarkers), loaded from the store at the first check
    // and added to on the database thread right after each commit that holds a marker, before its caller goes on. An
    // update told new here whose change is not committed yet is told new again if delivered meanwhile, as before: the
    // channels never handle an update twice while it is in hand, and once its change is committed it is seen, after a
    // restart too (the store is loaded again).
    private async Task<MarkedUpdate> CheckValueAsync(string value)
    {
        var pseudonym = await keys.OfAsync(PeriodPurpose.UpdateMarkers, value);
        var stored = await LoadedAsync();
        foreach (var marker in pseudonym.All)
        {
            if (stored.Contains(marker))
            {
                return new MarkedUpdate(marker, Seen: true);
            }
        }
        if (_legacy == LegacyMarkers.Some && pseudonyms.Of(PseudonymPurpose.UpdateMarkers, value) is var legacy && stored.Contains(legacy))
        {
            return new MarkedUpdate(legacy, Seen: true);
        }
        return new MarkedUpdate(pseudonym.Current, Seen: false);
    }

    /// <summary>The markers stored, read from the store the first time.</summary>
    private async ValueTask<HandledMarkers> LoadedAsync()
    {
        var stored = database.HandledMarkers;
        if (!stored.IsLoaded || _legacy == LegacyMarkers.Unknown)
        {
            await database.RunAsync(db =>
            {
                var markers = Markers(db);
                if (!stored.IsLoaded)
                {
                    stored.Load(markers.Query().Select(BsonExpression.Create("$._id")).ToEnumerable().Select(id => id["_id"].AsString)
                        .Concat(HandledMarkers.Collection(db).FindAll().SelectMany(HandledMarkers.In)));
                }
                if (_legacy == LegacyMarkers.Unknown)
                {
                    _legacy = LookForLegacy(markers);
                }
            });
        }
        return stored;
    }

    private static LegacyMarkers LookForLegacy(ILiteCollection<BsonDocument> markers) =>
        markers.Exists(Queries.Equal(Periodic, BsonValue.Null)) ? LegacyMarkers.Some : LegacyMarkers.None;

    /// <inheritdoc cref="CheckAsync"/>
    public async Task<string> ForAsync(string channel, long updateId) => (await CheckAsync(channel, updateId)).Marker;

    /// <summary>Whether an update was marked handled under this marker (and its marker has not expired).</summary>
    public async Task<bool> SeenAsync(string marker) => (await LoadedAsync()).Contains(marker);

    public Task MarkAsync(string marker)
    {
        var now = time.GetUtcNow();
        return database.ChangeAsync(db => Mark(db, marker, now));
    }

    /// <summary>For a store already on the database thread, inside the transaction of the change. A webhook event kept
    /// in the inbox stays there until its answer was sent (<see cref="InboxStore.Remove(string)"/>): a crash in between
    /// finds the event at the next start, its marker stored, and the member is shown the question open now.</summary>
    /// <remarks>The markers of one transaction are stored together, as one batch written just before it commits
    /// (<see cref="HandledMarkers"/>).</remarks>
    internal static void Mark(LiteDatabase db, string? marker, DateTimeOffset now)
    {
        if (marker is null)
        {
            return;
        }
        if (HandledMarkers.Of(db) is { } batch)
        {
            batch.Add(marker, now);
        }
        else
        {
            // Not the gate's database (a tool holding the file alone): a batch of one, in the caller's transaction.
            HandledMarkers.Write(db, [marker], now);
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
            // Alone, not in the transaction's batch: its receipt is looked up by its marker.
            Markers(db).Upsert(new BsonDocument
            {
                ["_id"] = marker, [At] = CoarseTime.HourFloor(now).ToUnixTimeSeconds(), [Periodic] = true, [Receipt] = sealReceipt(marker),
            });
            HandledMarkers.Of(db)?.AddWritten(marker);
        }
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
        // Ahead of the queued work: until it is recorded, a crash would send the receipt again after the restart.
        database.RunFirstAsync(db =>
        {
            var removed = false;
            Transactions.Run(db, () =>
            {
                if (Markers(db).FindById(marker) is { } document && document.Remove(Receipt))
                {
                    Markers(db).Update(document);
                    InboxStore.Remove(db, marker);
                    removed = true;
                }
            });
            if (removed)
            {
                database.CheckpointSoon();
            }
        });

    /// <summary>Markers older than <see cref="Lifetime"/> go (a batch whole), from the store and from memory; receipts
    /// older than <see cref="ReceiptLifetime"/> too, and the keys of periods none can be under any more.</summary>
    /// <returns>How many markers went.</returns>
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
            markers.DeleteMany(Queries.Below(At, cutoff));
            // Batches go whole: every marker in one is as old as its hour.
            var batches = HandledMarkers.Collection(db);
            gone.AddRange(batches.Find(Queries.Below(HandledMarkers.At, cutoff)).SelectMany(HandledMarkers.In));
            batches.DeleteMany(Queries.Below(HandledMarkers.At, cutoff));
            database.HandledMarkers.Forget(gone);
            if (_legacy == LegacyMarkers.Some)
            {
                _legacy = LookForLegacy(markers);
            }
            // Every marker written under a key whose period ended a lifetime and an hour ago was purged just above (its
            // hour is at most the period's end), so the key goes alone.
            keys.DestroyExpired(db, PeriodPurpose.UpdateMarkers, Lifetime + TimeSpan.FromHours(1), _ => { });
            return gone.Count;
        });
    }

    private static string ReceiptContext(string marker) => $"marker/{marker}/receipt";

    private static ILiteCollection<BsonDocument> Markers(LiteDatabase db) => db.GetCollection(Collection, BsonAutoId.Guid);
}

/// <summary>An update's marker, and whether the update was already handled.</summary>
internal sealed record MarkedUpdate(string Marker, bool Seen);

/// <summary>A receipt that was stored with its report but may not have reached the member.</summary>
internal sealed record UndeliveredReceipt(string Language, string Label, string Code);
