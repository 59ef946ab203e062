using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using CommunityBot.Privacy;
using LiteDB;

namespace CommunityBot.Reports;

/// <summary>
/// A keyed blind index of the words in a report's free texts (answers, additions, notes). Each word (lower case,
/// letters and digits) stands as keyed hashes of its beginning — its first <see cref="ShortStem"/> and, when it is that
/// long, <see cref="LongStem"/> characters — under their own key (<see cref="PseudonymPurpose.SearchWords"/>), cut to
/// <see cref="KeyBits"/> bits. A report's keys are kept in its own document and, compactly, in
/// <see cref="ReportWords"/> (one small document per report, held in memory too), both written in the same transaction
/// as the text they index and erased with it: a search finds the reports that may hold a word or the beginning of one
/// and decrypts only those, and a word found nowhere reads no report. Words shorter than
/// <see cref="ShortStem"/> characters are not indexed. See THREAT_MODEL.md for what the index tells a key holder.
/// </summary>
internal static class SearchIndex
{
    public const string Field = "words";

    public const int ShortStem = 3;

    public const int LongStem = 6;

    /// <summary>Bits kept of each keyed hash: about a million values, so that a word found nowhere meets a handful of
    /// other words' keys among a hundred thousand reports (read and checked), and equal keys on two reports do not
    /// prove that they share a word.</summary>
    public const int KeyBits = 20;

    private const string MarkerCollection = "migrations";

    // Every report's keys are in ReportWords. Databases indexed before (report_words/2) kept them in a database index on
    // the reports as well, which nothing reads any more (ReportCollections drops it).
    private const string Marker = "report_words/3";
    private const string IndexedInReports = "report_words/2";

    // Small pages: each decrypts its reports on the database thread, and members wait behind it.
    private const int BuildPageSize = 100;

    /// <summary>Whether every report is indexed (built once for this database); until then searches read every report.</summary>
    public static bool Built(LiteDatabase db) => db.GetCollection(MarkerCollection).Exists(Storage.Queries.Equal("_id", Marker));

    /// <summary>Indexes a new report's texts (replacing whatever its document held).</summary>
    public static void Set(BsonDocument report, IEnumerable<string> texts, Pseudonyms pseudonyms) =>
        report[Field] = new BsonArray(KeysOf(texts, pseudonyms).Order().Select(key => new BsonValue(key)));

    /// <summary>Adds a text added to a report. A report not indexed yet is left for the build, which reads all its texts.</summary>
    public static void Add(BsonDocument report, string text, Pseudonyms pseudonyms)
    {
        if (!report.TryGetValue(Field, out var words) || !words.IsArray)
        {
            return;
        }
        var keys = words.AsArray.Select(word => word.AsInt32).ToHashSet();
        keys.UnionWith(KeysOf([text], pseudonyms));
        report[Field] = new BsonArray(keys.Order().Select(key => new BsonValue(key)));
    }

    /// <summary>The texts were erased: so are their words.</summary>
    public static void Erase(BsonDocument report) => report[Field] = new BsonArray();

    /// <summary>Keeps the keys that <paramref name="report"/>'s document holds in <see cref="ReportWords"/>; call it in the
    /// transaction that stores the document, after every change that may have changed its words.</summary>
    /// <param name="fresh">The report is being inserted.</param>
    public static void Store(LiteDatabase db, BsonDocument report, bool fresh = false) =>
        ReportWords.Store(db, report["_id"].AsGuid, KeysIn(report), fresh);

    /// <summary>One key per indexable word of what a moderator typed, the longest word first; empty when no word is
    /// long enough to be indexed.</summary>
    public static IReadOnlyList<int> NeedleKeys(string needle, Pseudonyms pseudonyms) =>
        [.. Words(needle)
            .Where(word => word.Length >= ShortStem)
            .OrderByDescending(word => word.Length)
            .Select(word => Key(word.Length >= LongStem ? word[..LongStem] : word[..ShortStem], pseudonyms))
            .Distinct()];

    private static int[] KeysIn(BsonDocument report) =>
        report.TryGetValue(Field, out var words) && words.IsArray ? [.. words.AsArray.Select(word => word.AsInt32).Order().Distinct()] : [];

    /// <summary>Indexes the reports of a database written before the index existed, or copies the keys of one indexed
    /// before they were kept in <see cref="ReportWords"/> (from the reports' documents): a page of reports
    /// per call through the gate. Safe beside writes, which keep the keys of what they change; until it is done searches
    /// read every report.</summary>
    /// <returns>How many reports were indexed (0 when all were).</returns>
    public static async Task<int> BuildAsync(Storage.Database database, FieldCipher cipher, Pseudonyms pseudonyms)
    {
        var written = 0;
        var after = BsonValue.MinValue;
        while (true)
        {
            var last = after;
            var (count, next, done) = await database.RunAsync(db => BuildPage(db, last, cipher, pseudonyms));
            written += count;
            if (done)
            {
                return written;
            }
            after = next;
        }
    }

    private static (int Count, BsonValue Last, bool Done) BuildPage(LiteDatabase db, BsonValue after, FieldCipher cipher, Pseudonyms pseudonyms)
    {
        if (Built(db))
        {
            return (0, after, true);
        }
        var collection = db.GetCollection(ReportDocuments.Collection, BsonAutoId.Guid);
        var markers = db.GetCollection(MarkerCollection);
        var indexedInReports = markers.Exists(Storage.Queries.Equal("_id", IndexedInReports));
        var page = collection.Query()
            .Where(BsonExpression.Create("$._id > @0", after))
            .OrderBy("$._id")
            .Limit(BuildPageSize)
            .ToList();
        var done = page.Count < BuildPageSize;
        // A report indexed before keeps its keys; any other is indexed again from its texts, whatever words it held.
        var derived = page.Where(report => !indexedInReports || !report.TryGetValue(Field, out var words) || !words.IsArray).ToList();
        foreach (var report in derived)
        {
            Set(report, ReportDocuments.FreeTexts(ReportDocuments.FromDocument(report, cipher, followUpAvailable: false)), pseudonyms);
        }
        Storage.Transactions.Run(db, () =>
        {
            foreach (var report in derived)
            {
                collection.Update(report);
            }
            foreach (var report in page)
            {
                Store(db, report);
            }
            if (done)
            {
                markers.Upsert(new BsonDocument { ["_id"] = Marker });
                markers.Delete(IndexedInReports);
            }
        });
        return (page.Count, page.Count > 0 ? page[^1]["_id"] : after, done);
    }

    private static HashSet<int> KeysOf(IEnumerable<string> texts, Pseudonyms pseudonyms)
    {
        var keys = new HashSet<int>();
        foreach (var word in texts.SelectMany(Words).Where(word => word.Length >= ShortStem).Distinct(StringComparer.Ordinal))
        {
            keys.Add(Key(word[..ShortStem], pseudonyms));
            if (word.Length >= LongStem)
            {
                keys.Add(Key(word[..LongStem], pseudonyms));
            }
        }
        return keys;
    }

    /// <summary>The index key of a word beginning: its keyed hash cut to <see cref="KeyBits"/> bits.</summary>
    internal static int Key(string stem, Pseudonyms pseudonyms) =>
        BinaryPrimitives.ReadInt32LittleEndian(pseudonyms.Hash(PseudonymPurpose.SearchWords, stem)) & ((1 << KeyBits) - 1);

    /// <summary>Runs of letters and digits, in lower case; invisible format characters (a soft hyphen) inside a word
    /// are dropped, as the culture-aware comparison that checks a match ignores them.</summary>
    internal static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var c in Composed(text))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                continue;
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }
        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    // A lone surrogate or a noncharacter (U+FFFE) cannot be normalized, and a story holding one must still be stored:
    // such a text is read as it is.
    private static string Composed(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return text;
        }
    }
}
