using CommunityBot.Privacy;
using LiteDB;

namespace CommunityBot.Reports;

/// <param name="Sequence">The event's place among those owed: each report's are posted in this order.</param>
/// <param name="Text">What the member wrote, for <see cref="ReportEventKind.Added"/> and <see cref="ReportEventKind.Answered"/>.</param>
/// <param name="ShownOn">For <see cref="ReportEventKind.StatusChanged"/>: the bot's message that already shows it.</param>
internal sealed record OwedEvent(Guid Id, Guid ReportId, int Sequence, ReportEventKind Kind, string? Text, int? ShownOn = null);

/// <summary>A page of owed events that can be posted now.</summary>
/// <param name="Last">The sequence of the last owed event looked at: the next page starts after it.</param>
/// <param name="End">No owed event comes after <paramref name="Last"/>.</param>
internal sealed record OwedPage(IReadOnlyList<OwedEvent> Events, int Last, bool End);

/// <summary>
/// What the moderators must still be shown about a report that already has its card (an addition, an answer, a
/// withdrawal, a change of status), owed in the same transaction as the change itself, so that neither a full queue nor a crash nor a
/// refusal from Telegram loses it. Each is removed once Telegram took it, and a deleted report's owed words are
/// removed with the report's content. No member identity is kept; the member's words are encrypted with the data key.
/// </summary>
internal sealed class OwedEvents(Storage.Database database, FieldCipher cipher)
{
    private const string Collection = "events_owed";
    private const string ReportField = "report";
    private const string SequenceField = "seq";
    private const string KindField = "kind";
    private const string TextField = "text";
    private const string ShownField = "shown";

    /// <summary>Called inside the transaction that makes the change the moderators must see.</summary>
    public static void Owe(LiteDatabase db, FieldCipher cipher, Guid reportId, ReportEventKind kind, string? text = null, int? shownOn = null)
    {
        var owed = Owed(db);
        // One rising sequence for all reports orders each report's events, and is read from its index alone.
        var last = owed.Query().OrderByDescending(SequenceField).Limit(1).FirstOrDefault() is { } highest ? highest[SequenceField].AsInt32 : 0;
        var id = Guid.NewGuid();
        var document = new BsonDocument { ["_id"] = id, [ReportField] = reportId, [SequenceField] = last + 1, [KindField] = kind.ToString() };
        if (text is not null)
        {
            document[TextField] = cipher.Encrypt(text, TextContext(id));
        }
        if (shownOn is { } shown)
        {
            document[ShownField] = shown;
        }
        owed.Insert(document);
    }

    /// <summary>Called inside the transaction that deletes the report's content: what it still owed is not posted.</summary>
    public static void Forget(LiteDatabase db, Guid reportId) => Owed(db).DeleteMany(Storage.Queries.Equal(ReportField, reportId));

    /// <summary>Owed events looked at per call through the gate, whether or not they can be posted now: a hundred
    /// thousand waiting behind cards not yet up must not hold the gate (and every member) for one long scan.</summary>
    public const int ScanLimit = 1000;

    /// <summary>Up to <paramref name="take"/> owed events after the sequence <paramref name="after"/>, each report's in
    /// their order, leaving out reports whose card is itself still owed (the card goes up first) and those in
    /// <paramref name="held"/>; at most <see cref="ScanLimit"/> owed events are looked at.</summary>
    public Task<OwedPage> NextAsync(int take, IReadOnlySet<Guid> held, int after) =>
        database.RunAsync(db =>
        {
            var found = new List<OwedEvent>();
            var last = after;
            var scanned = 0;
            foreach (var document in Owed(db).Query().Where(BsonExpression.Create($"$.{SequenceField} > @0", after)).OrderBy(SequenceField).ToEnumerable())
            {
                last = document[SequenceField].AsInt32;
                var report = document[ReportField].AsGuid;
                if (!held.Contains(report) && !ReportCards.IsOwed(db, report))
                {
                    found.Add(Read(document));
                }
                if (found.Count == take || ++scanned == ScanLimit)
                {
                    return new OwedPage(found, last, End: false);
                }
            }
            return new OwedPage(found, last, End: true);
        });

    public Task<int> CountAsync() => database.RunAsync(db => Owed(db).Count());

    /// <summary>Telegram took the event: its messages are kept with the report's others, and it is owed no more.</summary>
    public Task SentAsync(OwedEvent sent, IReadOnlyList<int> messageIds, CardMessageKind kind) =>
        // Ahead of the queued work: until it is recorded, a crash would post the message again after the restart.
        database.RunFirstAsync(db => Storage.Transactions.Run(db, () =>
        {
            ReportCards.Track(db, sent.ReportId, messageIds, kind);
            Owed(db).Delete(sent.Id);
        }));

    /// <summary>Nothing is left to show (the report is gone or never got a card).</summary>
    public Task DropAsync(OwedEvent owed) => database.RunAsync(db => Owed(db).Delete(owed.Id));

    private OwedEvent Read(BsonDocument document)
    {
        var id = document["_id"].AsGuid;
        return new OwedEvent(id, document[ReportField].AsGuid, document[SequenceField].AsInt32, Enum.Parse<ReportEventKind>(document[KindField].AsString),
            document[TextField].IsBinary ? cipher.Decrypt(document[TextField].AsBinary, TextContext(id)) : null,
            document[ShownField].IsInt32 ? document[ShownField].AsInt32 : null);
    }

    private static string TextContext(Guid id) => $"events_owed/{id:N}/text";

    private static ILiteCollection<BsonDocument> Owed(LiteDatabase db)
    {
        var owed = db.GetCollection(Collection, BsonAutoId.Guid);
        owed.EnsureIndex(ReportField);
        owed.EnsureIndex(SequenceField);
        return owed;
    }
}
