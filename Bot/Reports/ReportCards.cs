using LiteDB;

namespace CommunityBot.Reports;

/// <summary>
/// Where each report's card is in the moderators' group, and which new reports still wait for one. A new report is
/// marked pending in the same transaction that stores it, so a crash between the member's receipt and the card
/// leaves the card owed rather than lost. The message id is the bot's own card in the moderators' group, never a
/// member's message.
/// </summary>
internal sealed class ReportCards(Storage.Database database)
{
    private const string PendingCollection = "cards_pending";
    private const string PostedCollection = "cards";
    private const string MessageField = "message";

    /// <summary>Called inside the transaction that stores the report.</summary>
    public static void Owe(LiteDatabase db, Guid reportId) =>
        Pending(db).Upsert(new BsonDocument { ["_id"] = reportId });

    /// <summary>The reports whose card is still owed.</summary>
    public Task<IReadOnlyList<Guid>> OwedAsync() =>
        database.RunAsync<IReadOnlyList<Guid>>(db => [.. Pending(db).FindAll().Select(document => document["_id"].AsGuid)]);

    public Task<bool> IsOwedAsync(Guid reportId) =>
        database.RunAsync(db => Pending(db).Exists(Storage.Queries.Equal("_id", reportId)));

    /// <summary>The card is up: it is no longer owed, and it can be found again to be edited or replied to.</summary>
    public Task PostedAsync(Guid reportId, int messageId) =>
        database.RunAsync(db => Storage.Transactions.Run(db, () =>
        {
            Pending(db).Delete(reportId);
            Posted(db).Upsert(new BsonDocument { ["_id"] = reportId, [MessageField] = messageId });
        }));

    /// <summary>A report that is gone owes no card (it was withdrawn before the card could be posted).</summary>
    public Task ForgetOwedAsync(Guid reportId) => database.RunAsync(db => Pending(db).Delete(reportId));

    /// <summary>The card's message in the moderators' group, when one was posted.</summary>
    public async Task<int?> MessageOfAsync(Guid reportId)
    {
        var document = await database.RunAsync(db => Posted(db).FindById(reportId)).ConfigureAwait(false);
        return document?[MessageField].AsInt32;
    }

    private static ILiteCollection<BsonDocument> Pending(LiteDatabase db) => db.GetCollection(PendingCollection, BsonAutoId.Guid);

    private static ILiteCollection<BsonDocument> Posted(LiteDatabase db) => db.GetCollection(PostedCollection, BsonAutoId.Guid);
}
