using System.Globalization;
using System.Runtime.CompilerServices;
using CommunityBot.Privacy;
using CommunityBot.Reports;
using CommunityBot.Storage;
using LiteDB;

namespace CommunityBot.Moderation;

/// <summary>Which reports a statistic or an export covers; a null part means any.</summary>
/// <param name="From">First day, inclusive, of the incident's day (<see cref="ReportFacts.Day"/>).</param>
/// <param name="To">Last day, inclusive, of the incident's day.</param>
/// <param name="Category">A choice id of the <c>category</c> step.</param>
/// <param name="Community">A community key as recorded on reports.</param>
internal sealed record ReportFilter(DateOnly? From, DateOnly? To, ReportStatus? Status, string? Category, string? Community)
{
    public static ReportFilter All { get; } = new(null, null, null, null, null);

    public bool Matches(ReportFacts facts) =>
        (From is not { } from || facts.Day >= from)
        && (To is not { } to || facts.Day <= to)
        && (Status is not { } status || facts.Status == status)
        && (Category is null || string.Equals(facts.Category, Category, StringComparison.Ordinal))
        && (Community is null || string.Equals(facts.Community, Community, StringComparison.Ordinal));
}

/// <summary>The fields of a report that are stored in clear: enough to count and filter without decrypting anything.</summary>
/// <param name="IncidentDate">The <c>when</c> answer; null when the report has none (withdrawn, or an older flow).</param>
/// <param name="Region">The place id of the <c>region</c> answer, when one from the directory was picked.</param>
internal sealed record ReportFacts(
    Guid Id,
    ReportStatus Status,
    DateOnly SubmittedOn,
    string? Community,
    string? Category,
    DateOnly? IncidentDate,
    string? Region)
{
    /// <summary>The day the incident happened, or the day it was reported when that is all there is.</summary>
    public DateOnly Day => IncidentDate ?? SubmittedOn;

    public static ReportFacts Of(BsonDocument document)
    {
        string? category = null;
        string? region = null;
        DateOnly? incidentDate = null;
        if (document.TryGetValue("answers", out var answers) && answers.IsArray)
        {
            foreach (var value in answers.AsArray)
            {
                if (!value.IsDocument)
                {
                    continue;
                }
                var answer = value.AsDocument;
                switch (answer["step"].AsString)
                {
                    case ReportSteps.Category when answer["choice"].IsString:
                        category = answer["choice"].AsString;
                        break;
                    case ReportSteps.When when answer["date"].IsString:
                        incidentDate = ParseDay(answer["date"]);
                        break;
                    case ReportSteps.Region when answer["placeId"].IsString:
                        region = answer["placeId"].AsString;
                        break;
                    default:
                        break;
                }
            }
        }

        var community = document["community"];
        return new ReportFacts(
            document["_id"].AsGuid,
            Enum.Parse<ReportStatus>(document[ReportDocuments.Status].AsString),
            ParseDay(document[ReportDocuments.SubmittedOn]),
            community.IsString ? community.AsString : null,
            category,
            incidentDate,
            region);
    }

    private static DateOnly ParseDay(BsonValue value) =>
        DateOnly.ParseExact(value.AsString, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Step ids of the shipped incident flow that statistics and exports read.</summary>
internal static class ReportSteps
{
    public const string Category = "category";
    public const string Affected = "affected";
    public const string When = "when";
    public const string Region = "region";
    public const string City = "city";
    public const string FacilityKind = "facility_kind";
    public const string Facility = "facility";
    public const string Narrative = "narrative";
    public const string Consequences = "consequences";
    public const string Reported = "reported";
    public const string AppealsConsent = "appeals_consent";
    public const string FollowupConsent = "followup_consent";
}

/// <summary>
/// Reads every report a filter covers, a page at a time, so that a hundred thousand reports never sit in memory at
/// once and the database gate is never held for long: each page is one short call through the gate, keyed on the id
/// after the last one seen (ids are random, so the order says nothing about when a report came in).
/// </summary>
/// <param name="pageSize">Reports per call through the gate; tests lower it to cross page boundaries with few reports.</param>
internal sealed class ReportReader(Database database, FieldCipher cipher, int pageSize = ReportReader.PageSize)
{
    public const int PageSize = 500;

    /// <summary>The reports, decrypted. Decryption runs on the caller's side, not on the database thread.</summary>
    public async IAsyncEnumerable<IncidentReport> ReadAsync(ReportFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var page in PagesAsync(filter, factsOnly: false, ct).ConfigureAwait(false))
        {
            foreach (var (document, _) in page)
            {
                yield return ReportDocuments.FromDocument(document, cipher, followUpAvailable: false);
            }
        }
    }

    /// <summary>Only the fields kept in clear: nothing is decrypted, which is what counting needs.</summary>
    public async IAsyncEnumerable<ReportFacts> ReadFactsAsync(ReportFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var page in PagesAsync(filter, factsOnly: true, ct).ConfigureAwait(false))
        {
            foreach (var (_, facts) in page)
            {
                yield return facts;
            }
        }
    }

    private async IAsyncEnumerable<List<(BsonDocument Document, ReportFacts Facts)>> PagesAsync(
        ReportFilter filter,
        bool factsOnly,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var after = BsonValue.MinValue;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var last = after;
            var (page, read) = await database.RunAsync(db => Page(db, last, filter, factsOnly, pageSize)).ConfigureAwait(false);
            if (page.Count > 0)
            {
                yield return page;
            }
            if (read.Count < pageSize)
            {
                yield break;
            }
            after = read.Last;
        }
    }

    // The filter is applied here rather than in the query: the id index then drives every page, and a filter on
    // status or day cannot make LiteDB sort the whole collection once per page.
    private static readonly BsonExpression FactsProjection = BsonExpression.Create(
        $"{{ _id: $._id, {ReportDocuments.Status}: $.{ReportDocuments.Status}, {ReportDocuments.SubmittedOn}: $.{ReportDocuments.SubmittedOn}, "
        + $"community: $.community, {ReportDocuments.Answers}: $.{ReportDocuments.Answers} }}");

    private static (List<(BsonDocument, ReportFacts)> Page, (int Count, BsonValue Last) Read) Page(
        LiteDatabase db,
        BsonValue after,
        ReportFilter filter,
        bool factsOnly,
        int pageSize)
    {
        var query = db.GetCollection(ReportDocuments.Collection, BsonAutoId.Guid)
            .Query()
            .Where(BsonExpression.Create("$._id > @0", after))
            .OrderBy("$._id");
        // For counting, LiteDB need not build the history, notes and additions of each report.
        var documents = (factsOnly ? query.Select(FactsProjection) : query).Limit(pageSize).ToList();
        var page = new List<(BsonDocument, ReportFacts)>(documents.Count);
        foreach (var document in documents)
        {
            var facts = ReportFacts.Of(document);
            if (filter.Matches(facts))
            {
                page.Add((document, facts));
            }
        }
        return (page, (documents.Count, documents.Count > 0 ? documents[^1]["_id"] : after));
    }
}
