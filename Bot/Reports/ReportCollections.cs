using LiteDB;

namespace CommunityBot.Reports;

/// <summary>The reports' collections as the report stores open them: the reports with their indexes (ensured once
/// per database), and the follow-up contacts kept apart from them.</summary>
internal static class ReportCollections
{
    internal const string FollowUpCollection = "followups";

    private static readonly Storage.OncePerDatabase Indexed = new();

    public static ILiteCollection<BsonDocument> Reports(LiteDatabase db)
    {
        var reports = db.GetCollection(ReportDocuments.Collection, BsonAutoId.Guid);
        Indexed.Run(db, () =>
        {
            reports.EnsureIndex(ReportDocuments.Label, $"$.{ReportDocuments.Label}", unique: true);
            reports.EnsureIndex(ReportDocuments.Receipt, $"$.{ReportDocuments.Receipt}", unique: true);
            reports.EnsureIndex(ReportDocuments.Status, $"$.{ReportDocuments.Status}");
            reports.EnsureIndex(ReportDocuments.QueueIndex, ReportDocuments.QueueExpression);
            reports.EnsureIndex(ReportDocuments.NewestIndex, ReportDocuments.NewestExpression);
        });
        return reports;
    }

    /// <summary>Indexes of the reports that older versions kept and nothing reads any more: the day a report was
    /// submitted (read through the queue's and the newest-first indexes) and the blind index's words (kept in
    /// <see cref="ReportWords"/>, and copied from the reports' documents). Each new report would still write their nodes,
    /// one per word for the words. Dropped at the next stop: with 100,000 reports the words' index frees millions of
    /// nodes in one transaction (seconds while members wait, and hundreds of megabytes of pages LiteDB keeps until the
    /// process ends). Call it on the database thread.</summary>
    public static void DropUnusedIndexesAtClose(LiteDatabase db, Storage.Database database)
    {
        var held = db.GetCollection("$indexes").Find(BsonExpression.Create("collection = @0", ReportDocuments.Collection))
            .Select(index => index["name"].AsString)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var unused in UnusedIndexes.Where(held.Contains))
        {
            database.AtClose(closing => closing.GetCollection(ReportDocuments.Collection).DropIndex(unused));
        }
    }

    // Each index is named after the field it indexed.
    private static readonly string[] UnusedIndexes = [ReportDocuments.SubmittedOn, SearchIndex.Field];

    public static ILiteCollection<BsonDocument> FollowUps(LiteDatabase db) => db.GetCollection(FollowUpCollection, BsonAutoId.Guid);

    /// <summary>Whether the member's chat is kept for follow-up on this report.</summary>
    public static bool HasFollowUp(LiteDatabase db, BsonValue id) => FollowUps(db).Exists(Storage.Queries.Equal("_id", id));

    // Display labels only: a bare number is what a Telegram id looks like, and must never land in a report.
    public static void RequireLabel(string by)
    {
        if (string.IsNullOrWhiteSpace(by) || by.All(c => char.IsAsciiDigit(c) || c == '-'))
        {
            throw new ArgumentException("A moderator is named by a display label, not a number.", nameof(by));
        }
    }
}
