using System.Collections.Immutable;
using System.Security.Cryptography;
using CommunityBot.Moderation;
using LiteDB;

namespace CommunityBot.Reports.Retention;

/// <summary>Which reports a purge erases: those in one of <paramref name="Statuses"/> whose last status change (for
/// an ended report, the day it ended) is before <paramref name="EndedBefore"/>.</summary>
internal sealed record PurgeRule(DateOnly EndedBefore, ImmutableArray<ReportStatus> Statuses)
{
    /// <summary>The statuses that end a report, erased when no others are named.</summary>
    public static ImmutableArray<ReportStatus> EndedStatuses { get; } =
        [.. Enum.GetValues<ReportStatus>().Where(ReportLifecycle.Closes)];
}

/// <summary>A report a purge would erase; <see cref="Label"/> is for the operator's terminal only, never a log.</summary>
internal sealed record PurgeCandidate(Guid Id, string Label, ReportStatus Status, DateOnly EndedOn);

/// <param name="FileBefore">The database file's size before the compaction, in bytes (0 when nothing was erased).</param>
internal sealed record PurgeResult(int Erased, long FileBefore, long FileAfter);

/// <summary>
/// Erases the content of old reports and keeps what the counts need. Erased: every free text (the story, the other
/// place typed in, additions, moderators' notes), the follow-up contact and its pending questions, the member's words
/// still owed to the moderators, and the receipt code's hash (replaced by random bytes: no code opens the report any
/// more). Kept: the label, the day, the status and its history, the community, the language, and the answers chosen
/// from a list (category, date, region and place ids, yes/no, consequences), so that statistics and letters about
/// past years still add up. Afterwards the database file is compacted, so the freed pages no longer hold the
/// erased ciphertext.
/// </summary>
internal sealed class ReportPurge(Storage.Database database)
{
    /// <summary>The day a report's content was erased; a purged report is not erased twice.</summary>
    public const string PurgedOn = "purgedOn";

    private const int PageSize = 500;
    private const int ReceiptBytes = 32;

    private static readonly BsonExpression Projection = BsonExpression.Create(
        $"{{ _id: $._id, {ReportDocuments.Label}: $.{ReportDocuments.Label}, {ReportDocuments.Status}: $.{ReportDocuments.Status}, "
        + $"{ReportDocuments.SubmittedOn}: $.{ReportDocuments.SubmittedOn}, {ReportDocuments.History}: $.{ReportDocuments.History}, {PurgedOn}: $.{PurgedOn} }}");

    /// <summary>The reports <paramref name="rule"/> would erase now, oldest first.</summary>
    public Task<IReadOnlyList<PurgeCandidate>> FindAsync(PurgeRule rule) =>
        database.RunAsync<IReadOnlyList<PurgeCandidate>>(db => [.. Candidates(db, rule).OrderBy(c => c.EndedOn).ThenBy(c => c.Label, StringComparer.Ordinal)]);

    /// <summary>Erases what <paramref name="rule"/> selects, a page of reports per transaction, then compacts the file.</summary>
    public async Task<PurgeResult> PurgeAsync(PurgeRule rule, DateOnly today)
    {
        var candidates = await FindAsync(rule);
        var erased = 0;
        foreach (var page in candidates.Chunk(PageSize))
        {
            erased += await database.RunAsync(db =>
            {
                var count = 0;
                Storage.Transactions.Run(db, () => count = page.Count(candidate => Erase(db, candidate.Id, rule, today)));
                return count;
            });
        }
        if (erased == 0)
        {
            return new PurgeResult(0, 0, 0);
        }
        var (before, after) = await database.CompactAsync();
        return new PurgeResult(erased, before, after);
    }

    private static IEnumerable<PurgeCandidate> Candidates(LiteDatabase db, PurgeRule rule)
    {
        var statuses = new BsonArray(rule.Statuses.Select(status => new BsonValue(status.ToString())));
        return Reports(db).Query()
            .Where(BsonExpression.Create($"$.{ReportDocuments.Status} IN @0", statuses))
            .Select(Projection)
            .ToEnumerable()
            .Select(document => Candidate(document, rule))
            .OfType<PurgeCandidate>();
    }

    // Null when the report is not (or no longer) one the rule erases.
    private static PurgeCandidate? Candidate(BsonDocument document, PurgeRule rule)
    {
        if (document.TryGetValue(PurgedOn, out var purged) && purged.IsString)
        {
            return null;
        }
        var status = Enum.Parse<ReportStatus>(document[ReportDocuments.Status].AsString);
        var history = ReportDocuments.ArrayOf(document, ReportDocuments.History);
        var endedOn = ReportDocuments.Day(history.Count > 0 ? history[^1]["on"] : document[ReportDocuments.SubmittedOn]);
        return rule.Statuses.Contains(status) && endedOn < rule.EndedBefore
            ? new PurgeCandidate(document["_id"].AsGuid, document[ReportDocuments.Label].AsString, status, endedOn)
            : null;
    }

    private static bool Erase(LiteDatabase db, Guid id, PurgeRule rule, DateOnly today)
    {
        var reports = Reports(db);
        // Looked at again inside the transaction: the report may have changed since it was found.
        if (reports.FindById(id) is not { } document || Candidate(document, rule) is null)
        {
            return false;
        }
        document[ReportDocuments.Answers] = new BsonArray(ReportDocuments.ArrayOf(document, ReportDocuments.Answers)
            .Where(answer => answer.IsDocument && answer["kind"].AsString != "text")
            .Select(answer =>
            {
                if (answer.AsDocument.ContainsKey("other"))
                {
                    answer["other"] = BsonValue.Null;
                }
                return answer;
            }));
        document[ReportDocuments.Additions] = new BsonArray();
        document[ReportDocuments.Notes] = new BsonArray();
        document[ReportDocuments.Receipt] = RandomNumberGenerator.GetBytes(ReceiptBytes);
        SearchIndex.Erase(document);
        document[PurgedOn] = ReportDocuments.Day(today);
        reports.Update(document);
        SearchIndex.Store(db, document);
        ReportFactsCollection.Save(db, document);
        db.GetCollection(ReportCollections.FollowUpCollection, BsonAutoId.Guid).Delete(id);
        FollowUpQuestions.Erase(db, id);
        OwedEvents.Forget(db, id);
        return true;
    }

    private static ILiteCollection<BsonDocument> Reports(LiteDatabase db) => db.GetCollection(ReportDocuments.Collection, BsonAutoId.Guid);
}
