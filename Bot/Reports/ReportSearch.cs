using CommunityBot.Privacy;
using LiteDB;

namespace CommunityBot.Reports;

/// <summary>
/// The moderators' text search over reports' decrypted free texts, newest first. Through the blind index
/// (<see cref="SearchIndex"/>, whose keys <see cref="ReportWords"/> holds in memory) when it is built: when few reports
/// may hold every word, only those are read and decrypted (a word found nowhere reads nothing); when many may, reports
/// are read newest first and only those whose keys hold every word are decrypted, until enough are found. Every
/// candidate is checked against its decrypted text, so the index narrows, never decides. A needle with no word long
/// enough to be indexed reads every report.
/// </summary>
internal static class ReportSearch
{
    private const int Batch = 500;

    // Up to this many candidates are read by their ids at once; more, and the newest-first walk finds a page sooner.
    private const int FewCandidates = 200;

    /// <summary>Up to <paramref name="take"/> reports whose free text contains <paramref name="needle"/>, ignoring
    /// case, newest first (follow-up availability not filled in).</summary>
    /// <param name="reports">The reports collection, with its indexes.</param>
    public static async Task<List<IncidentReport>> FindAsync(Storage.Database database, FieldCipher cipher, Pseudonyms pseudonyms,
        Func<LiteDatabase, ILiteCollection<BsonDocument>> reports, string needle, int take)
    {
        var keys = SearchIndex.NeedleKeys(needle, pseudonyms);
        // The keys in memory, when every report is indexed: asked in one trip through the gate.
        var words = keys.Count == 0 ? null : await database.RunAsync(db => SearchIndex.Built(db) ? ReportWords.Of(db) : null);
        if (words is not null)
        {
            // Scanned here, not on the database thread: members need not wait behind it.
            await words.LoadAsync(database);
            if (words.Holding(keys, FewCandidates) is { } ids)
            {
                var candidates = ids.Count == 0 ? [] : await database.RunAsync(db => ids.Select(id => reports(db).FindById(id)).OfType<BsonDocument>().ToList());
                return Matching(candidates.OrderByDescending(report => Newest(report), StringComparer.Ordinal), cipher, needle).Take(take).ToList();
            }
        }

        var found = new List<IncidentReport>();
        BsonValue? after = null;
        while (found.Count < take)
        {
            var last = after;
            // Each batch starts after the last key read (not at an offset, which LiteDB reaches by loading every report
            // before it), so a search over all reports reads each once.
            var (batch, read) = await database.RunAsync(db =>
            {
                var query = reports(db).Query();
                if (last is not null)
                {
                    query = query.Where(BsonExpression.Create($"{ReportDocuments.NewestExpression} < @0", last));
                }
                var read = query.OrderByDescending(ReportDocuments.NewestExpression).Limit(Batch).ToList();
                return (words is not null ? read.Where(report => words.Holds(report["_id"].AsGuid, keys)).ToList() : read, read);
            });
            found.AddRange(Matching(batch, cipher, needle));
            if (read.Count < Batch)
            {
                break;
            }
            after = Newest(read[^1]);
        }
        return [.. found.Take(take)];
    }

    private static IEnumerable<IncidentReport> Matching(IEnumerable<BsonDocument> documents, FieldCipher cipher, string needle) =>
        documents
            .Select(document => ReportDocuments.FromDocument(document, cipher, followUpAvailable: false))
            .Where(report => ReportDocuments.FreeTexts(report).Any(free => free.Contains(needle, StringComparison.CurrentCultureIgnoreCase)));

    private static string Newest(BsonDocument report) =>
        report[ReportDocuments.SubmittedOn].AsString + "/" + report[ReportDocuments.Label].AsString;
}
