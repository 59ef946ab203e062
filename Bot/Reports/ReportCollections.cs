using System.Runtime.CompilerServices;
using LiteDB;

namespace CommunityBot.Reports;

/// <summary>The reports' collections as the report stores open them: the reports with their indexes (ensured once
/// per database), and the follow-up contacts kept apart from them.</summary>
internal static class ReportCollections
{
    internal const string FollowUpCollection = "followups";

    private static readonly ConditionalWeakTable<LiteDatabase, object> Indexed = [];

    public static ILiteCollection<BsonDocument> Reports(LiteDatabase db)
    {
        var reports = db.GetCollection(ReportDocuments.Collection, BsonAutoId.Guid);
        if (!Indexed.TryGetValue(db, out _))
        {
            reports.EnsureIndex(ReportDocuments.Label, $"$.{ReportDocuments.Label}", unique: true);
            reports.EnsureIndex(ReportDocuments.Receipt, $"$.{ReportDocuments.Receipt}", unique: true);
            reports.EnsureIndex(ReportDocuments.Status, $"$.{ReportDocuments.Status}");
            reports.EnsureIndex(ReportDocuments.QueueIndex, ReportDocuments.QueueExpression);
            reports.EnsureIndex(ReportDocuments.NewestIndex, ReportDocuments.NewestExpression);
            Indexed.AddOrUpdate(db, new object());
        }

        return reports;
    }

    /// <summary>Indexes of the reports that older versions kept and nothing reads any more (the day a report was
    /// submitted is read through the queue's and the newest-first indexes): each new report would still write their
    /// nodes. Dropped at the next stop, so that members do not wait while a large one is taken apart. Call it on the
    /// database thread.</summary>
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

    private static readonly string[] UnusedIndexes = [ReportDocuments.SubmittedOn];

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
