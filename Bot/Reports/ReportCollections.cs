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
            reports.EnsureIndex(ReportDocuments.SubmittedOn, $"$.{ReportDocuments.SubmittedOn}");
            reports.EnsureIndex(ReportDocuments.QueueIndex, ReportDocuments.QueueExpression);
            reports.EnsureIndex(ReportDocuments.NewestIndex, ReportDocuments.NewestExpression);
            Indexed.AddOrUpdate(db, new object());
        }

        return reports;
    }

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
