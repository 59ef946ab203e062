using System.Globalization;
using System.Runtime.CompilerServices;
using CommunityBot.Conversations;
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

    public bool Matches(ReportFacts facts) => Matches(facts.Day, facts.Status, facts.Category, facts.Community);

    public bool Matches(ReportTally tally) => Matches(tally.Day, tally.Status, tally.Category, tally.Community);

    private bool Matches(DateOnly day, ReportStatus status, string? category, string? community) =>
        (From is not { } from || day >= from)
        && (To is not { } to || day <= to)
        && (Status is not { } only || status == only)
        && (Category is null || string.Equals(category, Category, StringComparison.Ordinal))
        && (Community is null || string.Equals(community, Community, StringComparison.Ordinal));
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

/// <summary>A report as stored, for readers that need only part of it: the facts kept in clear, the label, and the
/// answers, each decrypted only when asked for (an export needs the story of some reports, never their notes).</summary>
internal sealed class StoredReport(BsonDocument document, FieldCipher cipher)
{
    // The answers by step, found in one pass when the first is asked for (an export asks for a dozen).
    private Dictionary<string, BsonDocument>? _answers;
    private ReportFacts? _facts;

    public ReportFacts Facts => _facts ??= ReportFacts.Of(document);

    public string Label => document[ReportDocuments.Label].AsString;

    public ReportChannel Channel => ReportDocuments.ChannelOf(document);

    public Answer? Answer(string stepId)
    {
        _answers ??= ReportDocuments.AnswersByStep(document);
        return _answers.TryGetValue(stepId, out var answer) ? ReportDocuments.ToAnswer(Facts.Id, answer, cipher) : null;
    }

    /// <summary>The whole report, every text decrypted.</summary>
    public IncidentReport ToReport() => ReportDocuments.FromDocument(document, cipher, followUpAvailable: false);
}

/// <summary>
/// Reads every report a filter covers, a page at a time, so that a hundred thousand reports never sit in memory at
/// once and the database gate is never held for long: each page is one short call through the gate, keyed on the id
/// after the last one seen (ids are random, so the order says nothing about when a report came in). The filter is
/// applied to the reports' facts (<see cref="ReportFactsCollection"/>), and only the reports it chooses are read whole.
/// While one page is used, the next is read on the database thread.
/// </summary>
/// <param name="pageSize">Reports per call through the gate; tests lower it to cross page boundaries with few reports.</param>
/// <param name="factsPageSize">Facts per call through the gate (they are small: many fit in a short call).</param>
internal sealed class ReportReader(
    Database database,
    FieldCipher cipher,
    int pageSize = ReportReader.PageSize,
    int factsPageSize = ReportReader.FactsPageSize)
{
    public const int PageSize = 500;

    public const int FactsPageSize = 5000;

    // Reports per call when every report is read in id order: each read document is some 13 KB of objects, and a page
    // that outgrows the service's 4 MB allowance of young objects while it waits to be used lives on into the older
    // generations (500 a page grew the heap by about 175 MB over an export of 100,000 reports; 100, by 80-120 MB).
    private const int WholePageSize = 100;

    /// <summary>Days of counts read per call through the gate when they are read ahead at start.</summary>
    private const int TallyWarmDays = 90;

    // What ReportFacts.Of and StoredReport (and so an export's columns) read: LiteDB reads only the fields a query names.
    private static readonly BsonExpression AnswersOnly = BsonExpression.Create(
        $"{{ _id: $._id, {ReportDocuments.Label}: $.{ReportDocuments.Label}, {ReportDocuments.Status}: $.{ReportDocuments.Status}, "
        + $"{ReportDocuments.SubmittedOn}: $.{ReportDocuments.SubmittedOn}, community: $.community, "
        + $"{ReportDocuments.Channel}: $.{ReportDocuments.Channel}, {ReportDocuments.Answers}: $.{ReportDocuments.Answers} }}");

    private volatile bool _factsBuilt;

    // Touched only on the database thread.
    private readonly TallyCache _tallies = new();

    /// <summary>The reports, decrypted. Decryption runs on the caller's side, not on the database thread.</summary>
    public async IAsyncEnumerable<IncidentReport> ReadAsync(ReportFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var report in ReadStoredAsync(filter, ct))
        {
            yield return report.ToReport();
        }
    }

    /// <summary>The reports as stored, nothing decrypted until asked for.</summary>
    /// <param name="answersOnly">Only the label, the facts and the answers are read (<see cref="StoredReport.ToReport"/>
    /// cannot be used): LiteDB then leaves a report's history, notes, additions and search words unread.</param>
    public async IAsyncEnumerable<StoredReport> ReadStoredAsync(ReportFilter filter, [EnumeratorCancellation] CancellationToken ct, bool answersOnly = false)
    {
        // Every report wanted (an export of everything): they are read in id order, and no facts are read to choose them.
        var pages = filter == ReportFilter.All ? EveryPageAsync(answersOnly, ct) : ChosenPagesAsync(filter, answersOnly, ct);
        await foreach (var page in pages)
        {
            foreach (var document in page)
            {
                // The facts are checked again against the document, off the database thread: a moderator may have
                // moved the report since they were read.
                var report = new StoredReport(document, cipher);
                if (filter.Matches(report.Facts))
                {
                    yield return report;
                }
            }
        }
    }

    /// <summary>Every report, a page per call through the gate; the next page is read while one is used.</summary>
    private async IAsyncEnumerable<List<BsonDocument>> EveryPageAsync(bool answersOnly, [EnumeratorCancellation] CancellationToken ct)
    {
        var size = Math.Min(pageSize, WholePageSize);
        var next = database.RunAsync(db => EveryPage(db, BsonValue.MinValue, size, answersOnly));
        while (next is not null)
        {
            ct.ThrowIfCancellationRequested();
            var page = await next;
            var last = page.Count > 0 ? page[^1]["_id"] : BsonValue.MinValue;
            next = page.Count < size ? null : database.RunAsync(db => EveryPage(db, last, size, answersOnly));
            yield return page;
        }
    }

    private static List<BsonDocument> EveryPage(LiteDatabase db, BsonValue after, int size, bool answersOnly)
    {
        var query = db.GetCollection(ReportDocuments.Collection, BsonAutoId.Guid).Query()
            .Where(BsonExpression.Create("$._id > @0", after))
            .OrderBy("$._id");
        return (answersOnly ? query.Select(AnswersOnly) : query).Limit(size).ToList();
    }

    /// <summary>The reports the facts choose, a page per call through the gate; the next page is read while one is used.</summary>
    private async IAsyncEnumerable<List<BsonDocument>> ChosenPagesAsync(ReportFilter filter, bool answersOnly, [EnumeratorCancellation] CancellationToken ct)
    {
        Task<List<BsonDocument>>? reading = null;
        var chosen = new List<Guid>(pageSize);
        await foreach (var facts in ReadFactsAsync(filter, ct))
        {
            chosen.Add(facts.Id);
            if (chosen.Count < pageSize)
            {
                continue;
            }
            var previous = reading;
            reading = DocumentsAsync(chosen, answersOnly);
            chosen = new List<Guid>(pageSize);
            if (previous is not null)
            {
                yield return await previous;
            }
        }
        var rest = chosen.Count > 0 ? DocumentsAsync(chosen, answersOnly) : null;
        foreach (var last in new[] { reading, rest })
        {
            if (last is not null)
            {
                yield return await last;
            }
        }
    }

    /// <summary>Only the fields kept in clear, from their own small collection: nothing is decrypted, and no report
    /// document is read, which is what counting needs.</summary>
    public async IAsyncEnumerable<ReportFacts> ReadFactsAsync(ReportFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        await EnsureFactsAsync();
        var next = database.RunAsync(db => ReportFactsCollection.Page(db, BsonValue.MinValue, factsPageSize, filter));
        while (next is not null)
        {
            ct.ThrowIfCancellationRequested();
            var (page, read, last) = await next;
            next = read < factsPageSize ? null : database.RunAsync(db => ReportFactsCollection.Page(db, last, factsPageSize, filter));
            foreach (var facts in page)
            {
                yield return facts;
            }
        }
    }

    /// <summary>The running counts of the reports the filter covers (<see cref="ReportTallies"/>): a document per day,
    /// read in one short call through the gate.</summary>
    /// <returns>The tallies of each day in the filter's period (each day's kept as they are: use only those the filter
    /// <see cref="ReportFilter.Matches(ReportTally)"/>); days read before and unchanged since are not read again.</returns>
    public async Task<List<ReportTally[]>> ReadTalliesAsync(ReportFilter filter)
    {
        await EnsureFactsAsync();
        return await database.RunAsync(db => ReportTallies.Read(db, filter.From, filter.To, _tallies));
    }

    /// <summary>How many days' counts are kept read (<see cref="WarmTalliesAsync"/>).</summary>
    internal int TallyDaysKept => _tallies.Days;

    /// <summary>Reads every day's counts once, a quarter per call through the gate so that no member waits long behind
    /// it, so that the first statistics after a start read stamps only, as every later one does.</summary>
    public async Task WarmTalliesAsync(CancellationToken cancellationToken)
    {
        await EnsureFactsAsync();
        if (await database.RunAsync(ReportTallies.DaysCounted) is not var (first, last))
        {
            return;
        }
        for (var from = first; from <= last && !cancellationToken.IsCancellationRequested; from = from.AddDays(TallyWarmDays))
        {
            var to = from.AddDays(TallyWarmDays - 1);
            await database.RunAsync(db => ReportTallies.Read(db, from, to, _tallies));
        }
    }

    /// <summary>Builds the reports' facts if this database predates them (once; a single look-up after that).</summary>
    /// <returns>How many reports' facts were written.</returns>
    public async Task<int> EnsureFactsAsync()
    {
        if (_factsBuilt)
        {
            return 0;
        }
        var written = await ReportFactsCollection.BuildAsync(database);
        _factsBuilt = true;
        return written;
    }

    // One query for the page: FindById per report costs LiteDB a query plan and a snapshot each (measured: twice the
    // time, twice the garbage).
    private Task<List<BsonDocument>> DocumentsAsync(List<Guid> ids, bool answersOnly) =>
        database.RunAsync(db =>
        {
            // Ids come in order. When most reports between the first and the last are wanted (a broad filter) one range
            // read is far cheaper than a look-up per id; when few are, the range would read the whole collection, so
            // each is looked up.
            var range = BsonExpression.Create("$._id BETWEEN @0 AND @1", new BsonValue(ids[0]), new BsonValue(ids[^1]));
            var dense = db.GetCollection(ReportFactsCollection.Collection, BsonAutoId.Guid).Count(range) <= 2 * ids.Count;
            var query = db.GetCollection(ReportDocuments.Collection, BsonAutoId.Guid).Query()
                .Where(dense ? range : BsonExpression.Create("$._id IN @0", new BsonArray(ids.Select(id => new BsonValue(id)))));
            var found = (answersOnly ? query.Select(AnswersOnly) : query)
                .ToList()
                .ToDictionary(document => document["_id"].AsGuid);
            var page = new List<BsonDocument>(ids.Count);
            foreach (var id in ids)
            {
                if (found.GetValueOrDefault(id) is { } document)
                {
                    page.Add(document);
                }
            }
            return page;
        });
}
