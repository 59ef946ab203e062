using LiteDB;

namespace CommunityBot.Reports;

/// <summary>What a message the bot posted about a report in the moderators' group is: how a reply to it is read,
/// and what happens to it when the report is deleted or closed.</summary>
internal enum CardMessageKind
{
    /// <summary>The report's card, edited in place for as long as the report lives.</summary>
    Card,

    /// <summary>The card posted again (<c>/show</c>, a button in the queue).</summary>
    Copy,

    /// <summary>A part of the whole story, sent when a moderator asked for it.</summary>
    FullText,

    /// <summary>What the member added, or answered, relayed to the moderators.</summary>
    Member,

    /// <summary>"Reply with your question": a reply to it is the question to relay.</summary>
    AskPrompt,

    /// <summary>"Reply with the original's label": a reply to it names the original.</summary>
    DuplicatePrompt,

    /// <summary>The note that the member deleted the report.</summary>
    Withdrawal,
}

/// <param name="MessageId">The bot's own message in the moderators' group, never a member's.</param>
internal sealed record CardMessage(Guid ReportId, int MessageId, CardMessageKind Kind);

/// <summary>
/// The report cards in the moderators' group and every other message the bot posted there about a report, by message
/// id, and which new reports still wait for a card. A new report is marked owed in the same transaction that stores
/// it, so a crash between the member's receipt and the card leaves the card owed rather than lost. Replies are routed
/// by these ids alone (never by what a message's text starts with), and a deleted or closed report's messages are
/// found here to be cleared.
/// </summary>
internal sealed class ReportCards(Storage.Database database)
{
    private const string PendingCollection = "cards_pending";
    private const string PostedCollection = "cards";
    private const string MessagesCollection = "card_messages";
    private const string MessageField = "message";
    private const string ReportField = "report";
    private const string KindField = "kind";

    /// <summary>Called inside the transaction that stores the report. Nothing about when is kept: the moment the card
    /// goes up is drawn again at random after a restart.</summary>
    public static void Owe(LiteDatabase db, Guid reportId) =>
        Pending(db).Upsert(new BsonDocument { ["_id"] = reportId });

    /// <summary>Called inside the transaction that deletes the report: a card not yet posted is owed no more.</summary>
    /// <returns>Whether a card was still owed (then nothing about the report ever reached the moderators).</returns>
    public static bool ForgetOwed(LiteDatabase db, Guid reportId) => Pending(db).Delete(reportId);

    /// <summary>Whether the report's card is still owed; called on the database thread.</summary>
    public static bool IsOwed(LiteDatabase db, Guid reportId) => Pending(db).Exists(Storage.Queries.Equal("_id", reportId));

    /// <summary>Keeps messages just posted about a report; called inside a transaction on the database thread.</summary>
    public static void Track(LiteDatabase db, Guid reportId, IReadOnlyList<int> messageIds, CardMessageKind kind)
    {
        foreach (var id in messageIds)
        {
            Add(db, reportId, id, kind);
        }
    }

    /// <summary>Owed cards read per call through the gate: a long backlog must not hold every member behind one read.</summary>
    private const int OwedPage = 5000;

    /// <summary>The reports whose card is still owed.</summary>
    public async Task<IReadOnlyList<Guid>> OwedAsync()
    {
        var owed = new List<Guid>();
        var after = BsonValue.MinValue;
        while (true)
        {
            var last = after;
            var page = await database.RunAsync<List<Guid>>(db =>
                [.. Pending(db).Query().Where(BsonExpression.Create("$._id > @0", last)).OrderBy("$._id").Limit(OwedPage).ToEnumerable()
                    .Select(document => document["_id"].AsGuid)]);
            owed.AddRange(page);
            if (page.Count < OwedPage)
            {
                return owed;
            }
            after = new BsonValue(page[^1]);
        }
    }

    /// <summary>How many cards are still owed (the operator's metrics).</summary>
    public Task<int> CountOwedAsync() => database.RunAsync(db => Pending(db).Count());

    public Task<bool> IsOwedAsync(Guid reportId) =>
        database.RunAsync(db => IsOwed(db, reportId));

    /// <summary>The card is up: it is no longer owed, and it can be found again to be edited, replied to or cleared.
    /// Recorded ahead of the queued work: until it is, a crash would post the card again after the restart.</summary>
    public Task PostedAsync(Guid reportId, int messageId) =>
        database.RunFirstAsync(db => Storage.Transactions.Run(db, () =>
        {
            Pending(db).Delete(reportId);
            Posted(db).Upsert(new BsonDocument { ["_id"] = reportId, [MessageField] = messageId });
            Add(db, reportId, messageId, CardMessageKind.Card);
        }));

    /// <summary>A report that is gone owes no card (it was withdrawn before the card could be posted).</summary>
    public Task ForgetOwedAsync(Guid reportId) => database.RunAsync(db => Pending(db).Delete(reportId));

    /// <summary>The card's message in the moderators' group, when one was posted.</summary>
    public async Task<int?> MessageOfAsync(Guid reportId)
    {
        var document = await database.RunAsync(db => Posted(db).FindById(reportId));
        return document?[MessageField].AsInt32;
    }

    /// <summary>Keeps messages the bot just posted about a report.</summary>
    public Task TrackAsync(Guid reportId, IReadOnlyList<int> messageIds, CardMessageKind kind) =>
        messageIds.Count == 0
            ? Task.CompletedTask
            : database.RunAsync(db => Storage.Transactions.Run(db, () => Track(db, reportId, messageIds, kind)));

    /// <summary>What one of the bot's messages in the moderators' group is about, when it is about a report.</summary>
    public Task<CardMessage?> FindAsync(int messageId) =>
        database.RunAsync(db =>
        {
            if (Messages(db).FindOne(Storage.Queries.Equal(MessageField, messageId)) is { } tracked)
            {
                return Read(tracked);
            }
            // A card posted before every message was tracked.
            return Posted(db).FindOne(Storage.Queries.Equal(MessageField, messageId)) is { } card
                ? new CardMessage(card["_id"].AsGuid, messageId, CardMessageKind.Card)
                : null;
        });

    /// <summary>Every message the bot posted about a report, the card included.</summary>
    public Task<IReadOnlyList<CardMessage>> MessagesAsync(Guid reportId) =>
        database.RunAsync<IReadOnlyList<CardMessage>>(db => [.. Messages(db).Find(Storage.Queries.Equal(ReportField, reportId)).Select(Read)]);

    /// <summary>The reports that have messages besides their card and the note of a deletion: the ones a deletion or
    /// a closure may not have finished clearing when the service stopped.</summary>
    public Task<IReadOnlyList<Guid>> WithMessagesAsync() =>
        database.RunAsync<IReadOnlyList<Guid>>(db =>
        [
            .. Messages(db).Find(BsonExpression.Create($"$.{KindField} != @0 AND $.{KindField} != @1",
                    nameof(CardMessageKind.Card), nameof(CardMessageKind.Withdrawal)))
                .Select(document => document[ReportField].AsGuid)
                .Distinct(),
        ]);

    /// <summary>Messages that were deleted or emptied: nothing is routed through them any more.</summary>
    public Task ForgetAsync(IReadOnlyList<int> messageIds) =>
        database.RunAsync(db => Storage.Transactions.Run(db, () =>
        {
            foreach (var id in messageIds)
            {
                Messages(db).DeleteMany(Storage.Queries.Equal(MessageField, id));
            }
        }));

    private static void Add(LiteDatabase db, Guid reportId, int messageId, CardMessageKind kind) =>
        Messages(db).Insert(new BsonDocument { [ReportField] = reportId, [MessageField] = messageId, [KindField] = kind.ToString() });

    private static CardMessage Read(BsonDocument document) =>
        new(document[ReportField].AsGuid, document[MessageField].AsInt32, Enum.Parse<CardMessageKind>(document[KindField].AsString));

    private static ILiteCollection<BsonDocument> Pending(LiteDatabase db) => db.GetCollection(PendingCollection, BsonAutoId.Guid);

    private static ILiteCollection<BsonDocument> Posted(LiteDatabase db)
    {
        var posted = db.GetCollection(PostedCollection, BsonAutoId.Guid);
        posted.EnsureIndex(MessageField);
        return posted;
    }

    private static ILiteCollection<BsonDocument> Messages(LiteDatabase db)
    {
        var messages = db.GetCollection(MessagesCollection, BsonAutoId.Guid);
        messages.EnsureIndex(MessageField);
        messages.EnsureIndex(ReportField);
        return messages;
    }
}
