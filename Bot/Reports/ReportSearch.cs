using CommunityBot.Privacy;
using LiteDB;

namespace CommunityBot.Reports;

/// <summary>
/// The moderators' text search over reports' decrypted free texts, newest first. Through the blind index
/// (<see cref="SearchIndex"/>) when it is built: a word few reports may hold is looked up and only those reports are
/// decrypted (a word found nowhere costs one index look-up); a word many may hold is searched newest first, decrypting
/// only the reports whose words may match, until enough are found. Every candidate is checked against its decrypted
/// text, so the index narrows, never decides. A needle with no word long enough to be indexed reads every report.
/// </summary>
internal static class ReportSearch
{
    private const int Batch = 500;

    // Up to this many candidates are read through the index at once; more, and the newest-first walk finds a page sooner.
    private const int FewCandidates = 200;

    /// <summary>Up to <paramref name="take"/> reports whose free text contains <paramref name="needle"/>, ignoring
    /// case, newest first (follow-up availability not filled in).</summary>
    /// <param name="reports">The reports collection, with its indexes.</param>
    public static async Task<List<IncidentReport>> FindAsync(Storage.Database database, FieldCipher cipher, Pseudonyms pseudonyms,
        Func<LiteDatabase, ILiteCollection<BsonDocument>> reports, string needle, int take)
    {
        var keys = SearchIndex.NeedleKeys(needle, pseudonyms);
        var (indexed, candidates) = keys.Count == 0
            ? (false, null)
            : await database.RunAsync(db => SearchIndex.Built(db)
                ? (true, SearchIndex.Candidates(reports(db), keys[0], FewCandidates))
                : (false, null));
        if (candidates is not null)
        {
            return Matching(candidates.Where(report => SearchIndex.MayHold(report, keys))
                .OrderByDescending(report => Newest(report), StringComparer.Ordinal), cipher, needle).Take(take).ToList();
        }

        var found = new List<IncidentReport>();
        BsonValue? after = null;
        while (found.Count < take)
        {
            var last = after;
            // Each batch starts after the last key read (not at an offset, which LiteDB reaches by loading every report
            // before it), so a search over all reports reads each once.
            var batch = await database.RunAsync(db =>
            {
                var query = reports(db).Query();
                if (last is not null)
                {
                    query = query.Where(BsonExpression.Create($"{ReportDocuments.NewestExpression} < @0", last));
                }
                return query.OrderByDescending(ReportDocuments.NewestExpression).Limit(Batch).ToList();
            });
            found.AddRange(Matching(indexed ? batch.Where(report => SearchIndex.MayHold(report, keys)) : batch, cipher, needle));
            if (batch.Count < Batch)
            {
                break;
            }
            after = Newest(batch[^1]);
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
