using CommunityBot.Privacy;
using LiteDB;

namespace CommunityBot.Reports;

/// <summary>The moderators' view of many reports: the queue, page by page, and the search by label or text.</summary>
internal sealed class ReportQueue(Storage.Database database, FieldCipher cipher, Pseudonyms pseudonyms, ReportStore reports)
{
    /// <summary>One page of the moderators' queue, newest day first (ties by label), with the count of all reports
    /// it pages through. Only the reports on the page are read and decrypted.</summary>
    /// <param name="status">Only reports in this status; null for all.</param>
    public async Task<(IReadOnlyList<IncidentReport> Page, int Total)> QueueAsync(ReportStatus? status, int skip, int take)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        var (documents, total) = await database.RunAsync(db =>
        {
            var reports = ReportCollections.Reports(db);
            var query = QueueQuery(reports, status);
            // Counted from the index keys alone: selecting just the indexed field lets LiteDB skip loading the
            // documents, which Count() would load one by one (tens of thousands in a long queue).
            var total = (status is { } counted
                    ? reports.Query().Where(Storage.Queries.Equal(ReportDocuments.Status, counted.ToString()))
                        .Select(BsonExpression.Create("$." + ReportDocuments.Status))
                    : reports.Query().Select(BsonExpression.Create("$._id")))
                .ToEnumerable().Count();
            var page = query.Skip(skip).Limit(take).ToList()
                .Select(document => (document, ReportCollections.HasFollowUp(db, document["_id"])))
                .ToList();
            return (page, total);
        });

        return ([.. documents.Select(found => ReportDocuments.FromDocument(found.document, cipher, found.Item2))], total);
    }

    /// <summary>The queue's query, read in index order: no sort, and no document loaded beyond the page.</summary>
    internal static ILiteQueryable<BsonDocument> QueueQuery(ILiteCollection<BsonDocument> reports, ReportStatus? status) =>
        status is { } only
            ? reports.Query()
                // "New/" up to "New0" ('0' follows '/'): exactly the keys of one status. Not LIKE: LiteDB 5.0.21
                // returns nothing for LIKE over an index read in descending order.
                .Where(BsonExpression.Create($"{ReportDocuments.QueueExpression} BETWEEN @0 AND @1", only + "/", only + "0"))
                .OrderByDescending(ReportDocuments.QueueExpression)
            : reports.Query().OrderByDescending(ReportDocuments.NewestExpression);

    /// <summary>The report with a label as a person types it ("r-7k3q" works).</summary>
    public Task<IncidentReport?> FindByLabelAsync(string label) => reports.FindByLabelAsync(label);

    /// <summary>The report a message about it in the moderators' group names by its id.</summary>
    public Task<IncidentReport?> FindByIdAsync(Guid id) => reports.FindByIdAsync(id);

    /// <summary>The report whose label is <paramref name="text"/> (as typed), or else reports whose decrypted free text
    /// (answers, additions, notes) contains it, ignoring case, at the beginning of a word; newest first. A text search
    /// decrypts only the reports the blind index points at (<see cref="ReportSearch"/>).</summary>
    public async Task<IReadOnlyList<IncidentReport>> FindTextAsync(string text, int take)
    {
        var needle = text.Trim();
        if (needle.Length == 0 || take <= 0)
        {
            return [];
        }
        // Through the label's index: whoever types a label wants that report, not a scan of every story.
        if (ReportLabel.Normalize(needle) is not null && await reports.FindByLabelAsync(needle) is { } labelled)
        {
            return [labelled];
        }

        var page = await ReportSearch.FindAsync(database, cipher, pseudonyms, ReportCollections.Reports, needle, take);
        var followUp = await database.RunAsync(db => page.Select(report => ReportCollections.HasFollowUp(db, report.Id)).ToList());
        return [.. page.Select((report, i) => report with { FollowUpAvailable = followUp[i] })];
    }
}
