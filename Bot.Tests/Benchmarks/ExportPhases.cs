using System.Diagnostics;
using System.Globalization;
using CommunityBot.Moderation;
using CommunityBot.Privacy;
using CommunityBot.Reports;
using CommunityBot.Storage;
using LiteDB;

namespace CommunityBot.Tests.Benchmarks;

/// <summary><c>benchmark-moderation --only phases</c>: where the time of an export of 100,000 reports goes.</summary>
internal static class ExportPhases
{
    /// <summary>Where an export's time goes: reading the documents through the gate, turning them into reports
    /// (decryption included), into rows, and writing CSV (to nowhere).</summary>
    public static async Task RunAsync(Database database, FieldCipher cipher)
    {
        // As the export reads: the reader's pages (facts first, then the reports they choose, only what is exported).
        var reader = new ReportReader(database, cipher);
        {
            using var self = Process.GetCurrentProcess();
            var cpu = self.TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes();
            var started = Stopwatch.StartNew();
            var facts = 0;
            await foreach (var _ in reader.ReadFactsAsync(ReportFilter.All, CancellationToken.None))
            {
                facts++;
            }
            self.Refresh();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"phase: the export's facts (which reports): {started.ElapsedMilliseconds} ms, CPU {(self.TotalProcessorTime - cpu).TotalMilliseconds:F0} ms, "
                + $"{(GC.GetTotalAllocatedBytes() - allocated) >> 20} MB allocated ({facts})"));
        }
        foreach (var making in new[] { false, true })
        {
            using var self = Process.GetCurrentProcess();
            var cpu = self.TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes();
            var started = Stopwatch.StartNew();
            var read = 0;
            await foreach (var report in reader.ReadStoredAsync(ReportFilter.All, CancellationToken.None, answersOnly: true))
            {
                read += making ? ExportRow.Of(report, (_, id) => id).Consequences.Length > 0 ? 1 : 0 : 1;
            }
            self.Refresh();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"phase: the export's reading{(making ? " and rows (decrypting what is exported)" : "")}: {started.ElapsedMilliseconds} ms, "
                + $"CPU {(self.TotalProcessorTime - cpu).TotalMilliseconds:F0} ms, {(GC.GetTotalAllocatedBytes() - allocated) >> 20} MB allocated ({read})"));
        }
        var documents = new List<BsonDocument>(100_000);
        var clock = Stopwatch.StartNew();
        var allocatedReading = GC.GetTotalAllocatedBytes();
        var after = BsonValue.MinValue;
        while (true)
        {
            var last = after;
            var page = await database.RunAsync(db => db.GetCollection(ReportDocuments.Collection, BsonAutoId.Guid).Query()
                .Where(BsonExpression.Create("$._id > @0", last)).OrderBy("$._id").Limit(ReportReader.PageSize).ToList());
            documents.AddRange(page);
            if (page.Count < ReportReader.PageSize)
            {
                break;
            }
            after = page[^1]["_id"];
        }
        Console.WriteLine($"phase: read {documents.Count} documents in pages: {clock.ElapsedMilliseconds} ms, {(GC.GetTotalAllocatedBytes() - allocatedReading) >> 20} MB allocated");
        var ids = documents.Select(document => document["_id"]).ToList();
        foreach (var inTransaction in new[] { false, true })
        {
            clock.Restart();
            var allocated = GC.GetTotalAllocatedBytes();
            foreach (var chunk in ids.Chunk(ReportReader.PageSize))
            {
                await database.RunAsync(db =>
                {
                    var reports = db.GetCollection(ReportDocuments.Collection, BsonAutoId.Guid);
                    var found = inTransaction
                        ? reports.Query().Where(BsonExpression.Create("$._id IN @0", new BsonArray(chunk))).ToList()
                        : chunk.Select(id => reports.FindById(id)).ToList();
                    return found.Count;
                });
            }
            Console.WriteLine($"phase: the same by id (with IN: {inTransaction}): {clock.ElapsedMilliseconds} ms, {(GC.GetTotalAllocatedBytes() - allocated) >> 20} MB allocated");
        }
        clock.Restart();
        var incidents = documents.Select(document => ReportDocuments.FromDocument(document, cipher, followUpAvailable: false)).ToList();
        Console.WriteLine($"phase: documents to reports (decrypting every text): {clock.ElapsedMilliseconds} ms");
        clock.Restart();
        var rows = documents.Select(document => ExportRow.Of(new StoredReport(document, cipher), (_, id) => id)).ToList();
        Console.WriteLine($"phase: documents to rows (decrypting what is exported): {clock.ElapsedMilliseconds} ms");
        clock.Restart();
        var csv = CsvHelper.CsvWriter.Create(Stream.Null, new CsvHelper.CsvWriterOptions(), leaveOpen: true);
        await using (csv)
        {
            foreach (var row in rows)
            {
                csv.WriteField(row.Label);
                csv.WriteField(row.Status);
                csv.WriteField(row.Community ?? "");
                csv.WriteField(row.Category ?? "");
                csv.WriteField(row.Region ?? "");
                csv.WriteField(row.City ?? "");
                csv.WriteField(row.Facility ?? "");
                csv.WriteField(string.Join(';', row.Consequences));
                csv.WriteField(row.Narrative ?? "");
                await csv.EndRecordAsync(CancellationToken.None);
            }
        }
        Console.WriteLine($"phase: rows to CSV: {clock.ElapsedMilliseconds} ms");
    }
}
