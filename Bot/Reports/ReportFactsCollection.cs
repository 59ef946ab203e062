using System.Globalization;
using CommunityBot.Moderation;
using LiteDB;

namespace CommunityBot.Reports;

/// <summary>
/// The fields of every report that are stored in clear anyway (<see cref="ReportFacts"/>), in a collection of their
/// own: statistics and filters read a few dozen bytes per report there instead of its whole document. A report's
/// facts are written in the same transaction as every change to it that may alter them, and databases written before
/// the collection existed get it built once (see <see cref="BuildAsync"/>). It holds nothing the report does not hold
/// in clear, and nothing of what a withdrawn report erased.
/// </summary>
internal static class ReportFactsCollection
{
    public const string Collection = "report_facts";

    // Written in the transaction of the build's last page: once it is there, every report has its facts.
    private const string MarkerCollection = "migrations";
    private const string Marker = "report_facts/1";

    private const string Status = "status";
    private const string SubmittedOn = "submittedOn";
    private const string Community = "community";
    private const string Category = "category";
    private const string IncidentDate = "incidentDate";
    private const string Region = "region";
    private const string DateFormat = "yyyy-MM-dd";

    private const int BuildPageSize = 2000;

    // Only what ReportFacts.Of reads, so that LiteDB need not build history, notes and additions while building.
    private static readonly BsonExpression Projection = BsonExpression.Create(
        $"{{ _id: $._id, {ReportDocuments.Status}: $.{ReportDocuments.Status}, {ReportDocuments.SubmittedOn}: $.{ReportDocuments.SubmittedOn}, "
        + $"community: $.community, {ReportDocuments.Answers}: $.{ReportDocuments.Answers} }}");

    /// <summary>Stores the facts of <paramref name="report"/> (a report document as stored). Call it on the database
    /// thread, inside the transaction that stores the report.</summary>
    /// <param name="fresh">The report is being inserted: it has no facts yet to look up and count out.</param>
    public static void Save(LiteDatabase db, BsonDocument report, bool fresh = false)
    {
        var facts = ReportFacts.Of(report);
        var collection = Facts(db);
        if (ReportTallies.Kept(db))
        {
            ReportTallies.Move(db, !fresh && collection.FindById(facts.Id) is { } old ? FromDocument(old) : null, facts);
        }
        if (fresh)
        {
            collection.Insert(ToDocument(facts));
        }
        else
        {
            collection.Upsert(ToDocument(facts));
        }
    }

    /// <summary>Every report's facts, read one at a time (on the database thread).</summary>
    public static IEnumerable<ReportFacts> All(LiteDatabase db) => Facts(db).FindAll().Select(FromDocument);

    /// <summary>Builds the facts of every report, if a database written before they existed lacks them: a page of
    /// reports per call through the gate, so that members and moderators are not kept waiting. Cheap once built
    /// (one look-up); safe to run twice or beside writes, which keep the facts of what they change.</summary>
    /// <returns>How many reports' facts were written (0 when they were all there).</returns>
    public static async Task<int> BuildAsync(Storage.Database database)
    {
        var written = 0;
        var after = BsonValue.MinValue;
        while (true)
        {
            var last = after;
            var (count, next, done) = await database.RunAsync(db => BuildPage(db, last));
            written += count;
            if (done)
            {
                // Counted only once every report has its facts.
                await ReportTallies.BuildAsync(database);
                return written;
            }
            after = next;
        }
    }

    /// <summary>Up to <paramref name="size"/> reports' facts with ids after <paramref name="after"/>, in id order.</summary>
    /// <returns>The facts, and how many were read (which the filter may have thinned) with the last id read.</returns>
    public static (List<ReportFacts> Page, int Read, BsonValue Last) Page(LiteDatabase db, BsonValue after, int size, ReportFilter filter)
    {
        var documents = Facts(db).Query()
            .Where(BsonExpression.Create("$._id > @0", after))
            .OrderBy("$._id")
            .Limit(size)
            .ToList();
        var page = new List<ReportFacts>(documents.Count);
        foreach (var document in documents)
        {
            var facts = FromDocument(document);
            if (filter.Matches(facts))
            {
                page.Add(facts);
            }
        }
        return (page, documents.Count, documents.Count > 0 ? documents[^1]["_id"] : after);
    }

    private static (int Count, BsonValue Last, bool Done) BuildPage(LiteDatabase db, BsonValue after)
    {
        var markers = db.GetCollection(MarkerCollection);
        if (markers.Exists(Storage.Queries.Equal("_id", Marker)))
        {
            return (0, after, true);
        }
        var reports = db.GetCollection(ReportDocuments.Collection, BsonAutoId.Guid).Query()
            .Where(BsonExpression.Create("$._id > @0", after))
            .OrderBy("$._id")
            .Select(Projection)
            .Limit(BuildPageSize)
            .ToList();
        var done = reports.Count < BuildPageSize;
        Storage.Transactions.Run(db, () =>
        {
            var facts = Facts(db);
            foreach (var report in reports)
            {
                facts.Upsert(ToDocument(ReportFacts.Of(report)));
            }
            if (done)
            {
                markers.Upsert(new BsonDocument { ["_id"] = Marker });
            }
        });
        return (reports.Count, reports.Count > 0 ? reports[^1]["_id"] : after, done);
    }

    private static ILiteCollection<BsonDocument> Facts(LiteDatabase db) => db.GetCollection(Collection, BsonAutoId.Guid);

    private static BsonDocument ToDocument(ReportFacts facts) => new()
    {
        ["_id"] = facts.Id,
        [Status] = facts.Status.ToString(),
        [SubmittedOn] = Day(facts.SubmittedOn),
        [Community] = Text(facts.Community),
        [Category] = Text(facts.Category),
        [IncidentDate] = facts.IncidentDate is { } day ? Day(day) : BsonValue.Null,
        [Region] = Text(facts.Region),
    };

    private static ReportFacts FromDocument(BsonDocument document) => new(
        document["_id"].AsGuid,
        Enum.Parse<ReportStatus>(document[Status].AsString),
        ParseDay(document[SubmittedOn]),
        TextOf(document[Community]),
        TextOf(document[Category]),
        document[IncidentDate].IsString ? ParseDay(document[IncidentDate]) : null,
        TextOf(document[Region]));

    private static BsonValue Text(string? text) => text is null ? BsonValue.Null : new BsonValue(text);

    private static string? TextOf(BsonValue value) => value.IsString ? value.AsString : null;

    private static string Day(DateOnly day) => day.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static DateOnly ParseDay(BsonValue value) => DateOnly.ParseExact(value.AsString, DateFormat, CultureInfo.InvariantCulture);
}
