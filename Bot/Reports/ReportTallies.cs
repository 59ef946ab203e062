using CommunityBot.Moderation;
using LiteDB;

namespace CommunityBot.Reports;

/// <summary>How many reports share each combination of the facts statistics count by.</summary>
/// <param name="Day">The incident's day (<see cref="ReportFacts.Day"/>).</param>
internal sealed record ReportTally(DateOnly Day, ReportStatus Status, string? Category, string? Community, string? Region, int Count);

/// <summary>
/// Running counts of reports by day, status, category, community and region, so that statistics read a document per
/// day instead of a hundred thousand facts. They change in the same transaction as the facts they count (every
/// <see cref="ReportFactsCollection.Save"/>), and a database written before they existed gets them built once from the
/// facts, in one call through the gate: until then no change touches them, so none is counted twice. They hold only
/// counts of what the facts hold in clear.
/// </summary>
internal static class ReportTallies
{
    public const string Collection = "report_tallies";

    private const string MarkerCollection = "migrations";
    private const string Marker = "report_tallies/1";

    private const string Counts = "counts";
    private const string Status = "s";
    private const string Category = "k";
    private const string Community = "c";
    private const string Region = "r";
    private const string Count = "n";

    /// <summary>A fresh random value written with every change to a day's counts, so that a reader that kept them
    /// (<see cref="TallyCache"/>) knows by it alone whether they changed. A document without one (written before
    /// stamps) changes only by getting one.</summary>
    private const string Stamp = "v";

    /// <summary>Whether the tallies are kept (built once for this database); until then changes leave them alone.</summary>
    public static bool Kept(LiteDatabase db) => db.GetCollection(MarkerCollection).Exists(Storage.Queries.Equal("_id", Marker));

    /// <summary>Moves one report from the tally of its old facts (null: a new report) to that of its new ones. Call it
    /// on the database thread, inside the transaction that stores the facts, and only when <see cref="Kept"/>.</summary>
    public static void Move(LiteDatabase db, ReportFacts? old, ReportFacts now)
    {
        if (old is not null && SameTally(old, now))
        {
            return;
        }
        if (old is not null)
        {
            Add(db, old, -1);
        }
        Add(db, now, 1);
    }

    /// <summary>Builds the tallies from every report's facts, if they are not kept yet, in one transaction with the
    /// marker that starts their keeping. Call it once the facts are all there.</summary>
    /// <returns>How many reports were counted (0 when the tallies were there already).</returns>
    public static Task<int> BuildAsync(Storage.Database database) =>
        database.RunAsync(db =>
        {
            if (Kept(db))
            {
                return 0;
            }
            var days = new SortedDictionary<string, Dictionary<(ReportStatus, string?, string?, string?), int>>(StringComparer.Ordinal);
            var counted = 0;
            foreach (var facts in ReportFactsCollection.All(db))
            {
                var day = ReportDocuments.Day(facts.Day);
                if (!days.TryGetValue(day, out var tallies))
                {
                    days[day] = tallies = [];
                }
                var key = (facts.Status, facts.Category, facts.Community, facts.Region);
                tallies[key] = tallies.GetValueOrDefault(key) + 1;
                counted++;
            }
            Storage.Transactions.Run(db, () =>
            {
                var collection = Tallies(db);
                collection.DeleteAll();
                collection.InsertBulk(days.Select(pair => new BsonDocument
                {
                    ["_id"] = pair.Key,
                    [Stamp] = Guid.NewGuid(),
                    [Counts] = new BsonArray(pair.Value.Select(tally =>
                        Entry(tally.Key.Item1, tally.Key.Item2, tally.Key.Item3, tally.Key.Item4, tally.Value))),
                }));
                db.GetCollection(MarkerCollection).Upsert(new BsonDocument { ["_id"] = Marker });
            });
            return counted;
        });

    /// <summary>The tallies of the days from <paramref name="from"/> to <paramref name="to"/> (inclusive; null: open), a
    /// day at a time. Only the stamps are read of the days <paramref name="cache"/> holds unchanged.</summary>
    public static List<ReportTally[]> Read(LiteDatabase db, DateOnly? from, DateOnly? to, TallyCache cache)
    {
        var collection = Tallies(db);
        var query = collection.Query();
        // Days as yyyy-MM-dd sort as their text does (LiteDB compares strings by culture, so no sentinel past digits).
        var first = from is { } start ? ReportDocuments.Day(start) : null;
        var last = to is { } end ? ReportDocuments.Day(end) : null;
        if (first is not null)
        {
            query = query.Where(BsonExpression.Create("$._id >= @0", first));
        }
        if (last is not null)
        {
            query = query.Where(BsonExpression.Create("$._id <= @0", last));
        }
        // LiteDB reads only the fields a query names: the counts of a day are not parsed to learn its stamp.
        var stamps = query.Select(BsonExpression.Create($"{{ _id: $._id, {Stamp}: $.{Stamp} }}")).ToList();
        var days = new List<ReportTally[]>(stamps.Count);
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stamped in stamps)
        {
            var day = stamped["_id"].AsString;
            var stamp = stamped[Stamp];
            present.Add(day);
            var tallies = cache.Find(day, stamp);
            if (tallies is null && collection.FindById(day) is { } document)
            {
                tallies = Parse(document, cache);
                cache.Keep(day, stamp, tallies);
            }
            if (tallies is not null)
            {
                days.Add(tallies);
            }
        }
        cache.KeepOnly(first, last, present);
        return days;
    }

    /// <summary>The first and last day that has counts, or null when no report is counted.</summary>
    public static (DateOnly First, DateOnly Last)? DaysCounted(LiteDatabase db)
    {
        var collection = Tallies(db);
        if (collection.Count() == 0)
        {
            return null;
        }
        static DateOnly Day(BsonValue id) => DateOnly.ParseExact(id.AsString, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return (Day(collection.Min()), Day(collection.Max()));
    }

    private static ReportTally[] Parse(BsonDocument document, TallyCache cache)
    {
        var day = DateOnly.ParseExact(document["_id"].AsString, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var counts = document[Counts].AsArray;
        var tallies = new ReportTally[counts.Count];
        for (var i = 0; i < counts.Count; i++)
        {
            var entry = counts[i];
            tallies[i] = new ReportTally(day, Enum.Parse<ReportStatus>(entry[Status].AsString), cache.Name(TextOf(entry[Category])),
                cache.Name(TextOf(entry[Community])), cache.Name(TextOf(entry[Region])), entry[Count].AsInt32);
        }
        return tallies;
    }

    private static bool SameTally(ReportFacts a, ReportFacts b) =>
        a.Day == b.Day && a.Status == b.Status && a.Category == b.Category && a.Community == b.Community && a.Region == b.Region;

    private static void Add(LiteDatabase db, ReportFacts facts, int delta)
    {
        var collection = Tallies(db);
        var day = ReportDocuments.Day(facts.Day);
        var document = collection.FindById(day) ?? new BsonDocument { ["_id"] = day, [Counts] = new BsonArray() };
        var counts = document[Counts].AsArray;
        var status = facts.Status.ToString();
        var at = -1;
        for (var i = 0; i < counts.Count && at < 0; i++)
        {
            var entry = counts[i];
            if (entry[Status].AsString == status && TextOf(entry[Category]) == facts.Category
                && TextOf(entry[Community]) == facts.Community && TextOf(entry[Region]) == facts.Region)
            {
                at = i;
            }
        }
        var count = (at >= 0 ? counts[at][Count].AsInt32 : 0) + delta;
        if (at >= 0)
        {
            counts.RemoveAt(at);
        }
        if (count > 0)
        {
            counts.Add(Entry(facts.Status, facts.Category, facts.Community, facts.Region, count));
        }
        if (counts.Count > 0)
        {
            document[Stamp] = Guid.NewGuid();
            collection.Upsert(document);
        }
        else
        {
            collection.Delete(day);
        }
    }

    private static BsonDocument Entry(ReportStatus status, string? category, string? community, string? region, int count) => new()
    {
        [Status] = status.ToString(),
        [Category] = Text(category),
        [Community] = Text(community),
        [Region] = Text(region),
        [Count] = count,
    };

    private static ILiteCollection<BsonDocument> Tallies(LiteDatabase db) => db.GetCollection(Collection);

    private static BsonValue Text(string? text) => text is null ? BsonValue.Null : new BsonValue(text);

    private static string? TextOf(BsonValue value) => value.IsString ? value.AsString : null;
}
