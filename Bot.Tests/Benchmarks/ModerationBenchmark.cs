using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using CommunityBot.Conversations;
using CommunityBot.Moderation;
using CommunityBot.Reports;
using CommunityBot.Privacy;
using CommunityBot.Storage;
using CommunityBot.Tests.Support;
using LiteDB;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CommunityBot.Tests.Benchmarks;

/// <summary>
/// The moderators' queries on a full database (DESIGN §6: queue and find p95 ≤ 50 ms, stats ≤ 500 ms, CSV export
/// ≤ 5 s with flat memory). Fills a temp database with realistic reports through <see cref="ReportStore"/>, as members
/// and moderators would (submit, then status changes), and prints the figures.
/// </summary>
internal static class ModerationBenchmark
{
    private const int Calls = 200;

    private static readonly string[] Words =
    [
        "метадон", "больница", "врач", "сказали", "не", "дали", "дозу", "три", "дня", "отделение", "медсестра", "отказала",
        "полиция", "у", "кабинета", "ждали", "после", "выдачи", "бупренорфин", "справку", "без", "лицензии", "и", "в",
        "на", "приёмном", "покое", "заведующий", "требовал", "деньги", "участковый", "опека", "ребёнка", "туберкулёз",
    ];

    private static readonly string[] Communities = ["almaty", "shymkent", "karaganda"];

    public static async Task<int> RunAsync(string[] args)
    {
        var count = Option(args, "--reports", 100_000);
        // --keep DIR keeps the filled database (and its keys) there, so that a second run measures without filling again.
        var keep = Array.IndexOf(args, "--keep") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        var flow = ShippedFlow.Load();
        using var temporary = keep is null ? new TempDirectory() : null;
        var root = keep ?? temporary?.Path ?? "";
        Directory.CreateDirectory(root);
        var keyFile = Path.Combine(root, "keys.json");
        var keys = File.Exists(keyFile) ? KeyRing.Load(new PrivacyOptions { KeyFile = keyFile }) : KeyRing.CreateKeyFile(keyFile);
        var storage = new StorageOptions { DataDirectory = Path.Combine(root, "data") };
        using var database = new Database(Options.Create(storage));
        var cipher = new FieldCipher(keys);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.Zero));
        var drafts = new DraftStore(database, cipher, DraftStore.NewCache(time),
            new PeriodKeys(database, cipher, time), new Pseudonyms(keys), time,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<DraftStore>.Instance);
        var reports = new ReportStore(database, cipher, new Pseudonyms(keys), new RandomReportCodes(), time, TestStores.Calendar, drafts, new Operations.ServiceVitals(time));
        var queue = new ReportQueue(database, cipher, new Pseudonyms(keys), reports);
        var changes = new StatusChanges(database, cipher, time, TestStores.Calendar);
        var random = new Random(20261118);

        var stored = await database.RunAsync(db => db.GetCollection(ReportDocuments.Collection).Count());
        if (stored == 0)
        {
            var fill = Stopwatch.StartNew();
            await FillAsync(reports, changes, time, flow, random, count);
            Console.WriteLine($"filled {count} reports in {fill.Elapsed.TotalSeconds:F0} s");
        }
        var labels = await database.RunAsync(db =>
            db.GetCollection(ReportDocuments.Collection).Query().Select(BsonExpression.Create("{ l: $.label }")).ToList().Select(d => d["l"].AsString).ToList());
        Console.WriteLine($"reports: {labels.Count}, database {new FileInfo(storage.DatabasePath).Length / (1024 * 1024)} MB");

        var reader = new ReportReader(database, cipher);
        // A database filled before the facts existed gets them here, once, as the host's start would build them.
        var building = Stopwatch.StartNew();
        var built = await reader.EnsureFactsAsync();
        Console.WriteLine($"facts built for {built} reports in {building.ElapsedMilliseconds} ms");
        // A database filled before the search index existed gets it here, once, as the host's start would build it.
        var indexing = Stopwatch.StartNew();
        var indexed = await SearchIndex.BuildAsync(database, cipher, new Pseudonyms(keys));
        Console.WriteLine($"search index built for {indexed} reports in {indexing.ElapsedMilliseconds} ms");
        Console.WriteLine($"load average: {TelegramBenchmark.LoadAverage()}");
        var statistics = new ReportStatistics(reader, flow);
        var export = new ReportExport(reader, flow);
        var scratch = new ExportScratch(Options.Create(storage));

        // --only stats,export (of queue, find, stats, export, phases) measures just those.
        var only = Array.IndexOf(args, "--only") is var o and >= 0 && o + 1 < args.Length ? args[o + 1].Split(',') : null;
        bool Runs(string section) => only is null ? section != "phases" : only.Contains(section);

        // The first statistics after a start read every day's counts; later ones only the days that changed.
        var heldBefore = GC.GetTotalMemory(forceFullCollection: true);
        var firstStats = Stopwatch.StartNew();
        await statistics.CountAsync(ReportFilter.All, CancellationToken.None);
        firstStats.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"stats, everything (counts, the first after the start: every day read, code not yet compiled): {firstStats.ElapsedMilliseconds} ms; "
            + $"the days' counts kept for the next: {(GC.GetTotalMemory(forceFullCollection: true) - heldBefore) / 1048576.0:F1} MB of managed heap"));

        // The service reads every day's counts ahead at start (ReportFactsService), a quarter per call through the gate.
        var ahead = new ReportReader(database, cipher);
        var warming = Stopwatch.StartNew();
        await ahead.WarmTalliesAsync(CancellationToken.None);
        warming.Stop();
        var afterWarming = Stopwatch.StartNew();
        await new ReportStatistics(ahead, flow).CountAsync(ReportFilter.All, CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"counts read ahead as the service does at start: {warming.ElapsedMilliseconds} ms; the first stats after it: {afterWarming.ElapsedMilliseconds} ms"));

        // A few calls each so that first-use costs are not counted.
        for (var i = 0; i < 3; i++)
        {
            await queue.QueueAsync(ReportStatus.New, 0, 10);
            await queue.FindTextAsync(labels[random.Next(labels.Count)], 10);
            await statistics.CountAsync(ReportFilter.All, CancellationToken.None);
        }

        // ---- Queue and find ------------------------------------------------------------------------------------------
        var statuses = Enum.GetValues<ReportStatus>();
        if (Runs("queue"))
        {
            Print("queue (first page of a status)", await TimeAsync(() => queue.QueueAsync(statuses[random.Next(statuses.Length)], 0, 10)));
            Print("queue (page 20 of new)", await TimeAsync(() => queue.QueueAsync(ReportStatus.New, 200, 10)));
        }
        if (Runs("find"))
        {
            Print("find by label", await TimeAsync(() => queue.FindTextAsync(labels[random.Next(labels.Count)], 10)));
            Print("find a common word", await TimeAsync(() => queue.FindTextAsync("метадон", 10)));
            Print("find a word nowhere (the blind index's keys, in memory)", await TimeAsync(() => queue.FindTextAsync("канарейка", 10), calls: 20));
            var (inMemory, keysInMemory) = await database.RunAsync(db => (ReportWords.Of(db).Count, ReportWords.Of(db).KeyCount));
            // A dictionary entry (about 40 bytes) and an array of 4-byte keys with its 24-byte header per report.
            Console.WriteLine($"blind index in memory: {inMemory} reports, {keysInMemory} keys, about {(inMemory * 64.0 + keysInMemory * 4) / (1024 * 1024):F1} MB");
        }
        if (Runs("phases"))
        {
            await ExportPhases.RunAsync(database, cipher);
        }

        // ---- Stats ---------------------------------------------------------------------------------------------------
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var month = Assert(ReportFilterWords.ParseFilter("2026-11 almaty", today, FilterVocabulary.Of(flow, Communities)));
        if (Runs("stats"))
        {
            Print("stats, everything (counts)", await TimeAsync(() => statistics.CountAsync(ReportFilter.All, CancellationToken.None), calls: 20));
            Print("stats, 2026-11 almaty (counts)", await TimeAsync(() => statistics.CountAsync(month, CancellationToken.None), calls: 20));
            // A moderator's change between two /stats: the day it touched is read again, the others are kept.
            var moved = await queue.QueueAsync(ReportStatus.InReview, 0, 20);
            var turn = 0;
            Print("stats, everything (counts, a status changed before each)", await TimeAsync(async () =>
            {
                var report = moved.Page[turn++ % moved.Page.Count];
                await changes.DecideAsync(report.Id, new StatusDecision.Move(turn % 2 == 1 ? ReportStatus.Verified : ReportStatus.InReview), "M-BNCH");
                var started = Stopwatch.GetTimestamp();
                await statistics.CountAsync(ReportFilter.All, CancellationToken.None);
                return Stopwatch.GetElapsedTime(started);
            }, calls: 20, timed: result => result));
            // What /stats sends: the counts, the text summary and the chart (a PNG), each timed on its own.
            var chart = new StatsChart(flow);
            var counts = await statistics.CountAsync(ReportFilter.All, CancellationToken.None);
            Print("stats, everything (text summary of the counts)", await TimeAsync(() => Task.FromResult(statistics.Summarize(counts, "ru", suppressSmallCounts: false)), calls: 20));
            Print("stats, everything (chart PNG of the counts)", await TimeAsync(() => Task.FromResult(chart.Render(counts, "ru")), calls: 20));
            Print("stats, everything (all that /stats does: counts, text and chart)", await TimeAsync(async () =>
            {
                var all = await statistics.CountAsync(ReportFilter.All, CancellationToken.None);
                return (statistics.Summarize(all, "ru", suppressSmallCounts: false), chart.Render(all, "ru"));
            }, calls: 20));
        }

        if (Runs("backup"))
        {
            await BackupAsync(database, keys, time, root);
        }

        // ---- Export --------------------------------------------------------------------------------------------------
        foreach (var (name, filter) in Runs("export") ? new[] { ("CSV export, everything", ReportFilter.All), ("CSV export, 2026-11 almaty", month) } : [])
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var rssBefore = process.WorkingSet64;
            var managedBefore = GC.GetTotalMemory(forceFullCollection: false);
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            var peakManaged = managedBefore;
            var peakRss = rssBefore;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(forceFullCollection: false));
                    process.Refresh();
                    peakRss = Math.Max(peakRss, process.WorkingSet64);
                    await Task.Delay(5, CancellationToken.None);
                }
            });
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            long bytes;
            var file = scratch.Create();
            await using (file)
            {
                await export.WriteCsvAsync(file, filter, "ru", CancellationToken.None);
                bytes = file.Length;
            }
            clock.Stop();
            await sampling.CancelAsync();
            await sampler;
            process.Refresh();
            // CPU time of the whole process (the database thread and the writer), less moved by other work than the clock.
            var cpu = process.TotalProcessorTime - cpuBefore;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {clock.Elapsed.TotalMilliseconds:F0} ms (CPU {cpu.TotalMilliseconds:F0} ms), {bytes / 1024.0 / 1024.0:F1} MB written; managed heap peak +{(peakManaged - managedBefore) / 1048576.0:F1} MB, "
                + $"RSS peak +{(peakRss - rssBefore) / 1048576.0:F1} MB, allocated {(GC.GetTotalAllocatedBytes() - allocatedBefore) / 1048576.0:F0} MB in all"));
        }
        Console.WriteLine($"load average after: {TelegramBenchmark.LoadAverage()}");
        return 0;
    }

    /// <summary>A backup of the filled database beside a member's call that waits for the gate, then its restore into a
    /// folder of its own.</summary>
    private static async Task BackupAsync(Database database, KeyRing keys, TimeProvider time, string root)
    {
        var folder = Path.Combine(root, "backup-benchmark");
        Directory.CreateDirectory(folder);
        try
        {
            var file = Path.Combine(folder, "communitybot.backup");
            var allocated = GC.GetTotalAllocatedBytes();
            var clock = Stopwatch.StartNew();
            BackupManifest manifest;
            double waited;
            await using (var output = File.Create(file))
            {
                var taking = new Backups(database, keys, time).WriteAsync(output);
                var member = Stopwatch.StartNew();
                await database.RunAsync(_ => 0);
                waited = member.Elapsed.TotalMilliseconds;
                manifest = await taking;
            }
            var took = clock.Elapsed.TotalMilliseconds;
            var allocatedBackup = GC.GetTotalAllocatedBytes() - allocated;
            clock.Restart();
            var restore = new BackupRestore(keys, Options.Create(new StorageOptions { DataDirectory = Path.Combine(folder, "restored") }));
            var outcome = await restore.RestoreAsync(file, force: false, CancellationToken.None);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"backup of {manifest.ReportCount} reports ({manifest.DatabaseLength / 1048576.0:F0} MB): {took:F0} ms, a member's call waited {waited:F0} ms "
                + $"for the gate, {allocatedBackup / 1048576.0:F1} MB allocated; restore {clock.Elapsed.TotalMilliseconds:F0} ms ({outcome.GetType().Name})"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Two years of reports from the clock's start, submitted and moved along as members and moderators would,
    /// a few at a time as the bot's parallel chats would.</summary>
    private static async Task FillAsync(ReportStore reports, StatusChanges statuses, FakeTimeProvider time, FlowBundle flow, Random random, int count)
    {
        var step = TimeSpan.FromMinutes(2 * 365 * 24 * 60.0 / count);
        const int Parallel = 32;
        for (var done = 0; done < count; done += Parallel)
        {
            var batch = Enumerable.Range(done, Math.Min(Parallel, count - done))
                .Select(i => (Index: i, Report: Report(random, flow, time.GetUtcNow()), Status: Status(random)))
                .ToList();
            var submitted = await Task.WhenAll(batch.Select(b => reports.SubmitAsync(new PeriodPseudonym("draft-" + b.Index, 0, []), b.Report)));
            await Task.WhenAll(batch.Zip(submitted).Select(pair => MoveAsync(statuses, pair.Second.Id, pair.First.Status)));
            time.Advance(step * batch.Count);
            if ((done + Parallel) % 10_000 < Parallel)
            {
                Console.Error.Write($"\rfilled {Math.Min(done + Parallel, count)} of {count}");
            }
        }
        Console.Error.WriteLine();
    }

    private static async Task MoveAsync(StatusChanges statuses, Guid id, ReportStatus status)
    {
        var path = status switch
        {
            ReportStatus.New => [],
            ReportStatus.InReview => [ReportStatus.InReview],
            ReportStatus.Verified => [ReportStatus.InReview, ReportStatus.Verified],
            ReportStatus.ActionTaken => [ReportStatus.Verified, ReportStatus.ActionTaken],
            ReportStatus.Resolved => [ReportStatus.Verified, ReportStatus.ActionTaken, ReportStatus.Resolved],
            ReportStatus.Rejected => [ReportStatus.InReview, ReportStatus.Rejected],
            _ => new[] { ReportStatus.InReview },
        };
        foreach (var next in path)
        {
            await statuses.DecideAsync(id, next == ReportStatus.Rejected ? new StatusDecision.Reject("unverifiable") : new StatusDecision.Move(next), "M-BNCH");
        }
    }

    private static ReportStatus Status(Random random) => random.Next(100) switch
    {
        < 40 => ReportStatus.New,
        < 55 => ReportStatus.InReview,
        < 70 => ReportStatus.Verified,
        < 80 => ReportStatus.ActionTaken,
        < 92 => ReportStatus.Resolved,
        _ => ReportStatus.Rejected,
    };

    /// <summary>A report as the shipped flow collects it, with a story of one to six sentences.</summary>
    private static NewReport Report(Random random, FlowBundle flow, DateTimeOffset now)
    {
        var category = flow.Flow["category"].Choices[random.Next(flow.Flow["category"].Choices.Length)];
        var region = flow.Places.Regions[random.Next(flow.Places.Regions.Length)];
        var city = region.Children.IsEmpty ? null : region.Children[random.Next(region.Children.Length)];
        var facility = city is null || city.Children.IsEmpty ? null : city.Children[random.Next(city.Children.Length)];
        var words = random.Next(15, 90);
        var story = string.Join(' ', Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)])) + ".";
        var answers = new Dictionary<string, Answer>
        {
            ["consent"] = new ChoiceAnswer(ChoiceIds.Accept),
            ["category"] = new ChoiceAnswer(category),
            ["affected"] = new ChoiceAnswer(random.Next(3) == 0 ? "someone" : "me"),
            ["when"] = new DateAnswer(DateOnly.FromDateTime(now.UtcDateTime).AddDays(-random.Next(0, 20))),
            ["region"] = new PlaceAnswer(region.Id, null),
            ["city"] = city is null ? new PlaceAnswer(null, "Посёлок у трассы") : new PlaceAnswer(city.Id, null),
            ["facility_kind"] = new ChoiceAnswer(facility?.Kind ?? "other"),
            ["facility"] = facility is null ? new PlaceAnswer(null, "Кабинет при поликлинике №4") : new PlaceAnswer(facility.Id, null),
            ["narrative"] = new TextAnswer(story),
            ["consequences"] = new ChoicesAnswer(["missed_doses", "health_worse"]),
            ["reported"] = new YesNoAnswer(random.Next(2) == 0),
            ["appeals_consent"] = new YesNoAnswer(random.Next(4) != 0),
            ["followup_consent"] = new YesNoAnswer(random.Next(2) == 0),
        };
        var community = random.Next(4) == 0 ? null : Communities[random.Next(Communities.Length)];
        return new NewReport("incident", flow.Flow.Version, "ru", community, answers.ToImmutableDictionary());
    }

    private static ReportFilter Assert(FilterWords words) =>
        words is FilterWords.Parsed parsed ? parsed.Filter : throw new InvalidOperationException(words.ToString());

    /// <param name="timed">What of the call is timed, when not all of it (it returns the time of its timed part).</param>
    private static async Task<List<double>> TimeAsync<T>(Func<Task<T>> call, int calls = Calls, Func<T, TimeSpan>? timed = null)
    {
        var times = new List<double>(calls);
        for (var i = 0; i < calls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var result = await call();
            times.Add((timed is null ? Stopwatch.GetElapsedTime(started) : timed(result)).TotalMilliseconds);
        }
        times.Sort();
        return times;
    }

    private static void Print(string what, List<double> times) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: p50 {Percentile(times, 0.50):F1} ms, p95 {Percentile(times, 0.95):F1} ms, max {times[^1]:F1} ms ({times.Count} calls)"));

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
