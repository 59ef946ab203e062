using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using CommunityBot.Conversations;
using CommunityBot.Moderation;
using CommunityBot.Reports;
using CommunityBot.Tests.Support;
using Microsoft.Extensions.Options;

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
        var flow = ShippedFlow.Load();
        using var directory = new TempDirectory();
        using var stores = new TestStores(directory);
        var random = new Random(20261118);

        // ---- Fill ----------------------------------------------------------------------------------------------------
        var fill = Stopwatch.StartNew();
        var start = new DateTimeOffset(2024, 11, 1, 9, 0, 0, TimeSpan.Zero);
        var step = TimeSpan.FromMinutes(2 * 365 * 24 * 60.0 / count);
        stores.Time.SetUtcNow(start);
        var labels = new List<string>(count);
        const int Parallel = 32;
        for (var done = 0; done < count; done += Parallel)
        {
            var batch = Enumerable.Range(done, Math.Min(Parallel, count - done))
                .Select(i => (Index: i, Report: Report(random, flow, stores.Time.GetUtcNow()), Status: Status(random)))
                .ToList();
            var submitted = await Task.WhenAll(batch.Select(b => stores.Reports.SubmitAsync("draft-" + b.Index, b.Report)));
            await Task.WhenAll(batch.Zip(submitted).Select(pair => MoveAsync(stores.Reports, pair.Second.Id, pair.First.Status)));
            labels.AddRange(submitted.Select(s => s.Label));
            stores.Time.Advance(step * batch.Count);
            if ((done + Parallel) % 10_000 < Parallel)
            {
                Console.Error.Write($"\rfilled {Math.Min(done + Parallel, count)} of {count}");
            }
        }
        Console.Error.WriteLine();
        var databaseFile = new FileInfo(stores.Options.DatabasePath);
        Console.WriteLine($"reports: {count}, filled in {fill.Elapsed.TotalSeconds:F0} s, database {databaseFile.Length / (1024 * 1024)} MB");

        var reader = new ReportReader(stores.Database, stores.Cipher);
        var statistics = new ReportStatistics(reader, flow);
        var export = new ReportExport(reader, flow);
        var scratch = new ExportScratch(Options.Create(stores.Options));

        // A few calls each so that first-use costs are not counted.
        for (var i = 0; i < 3; i++)
        {
            await stores.Reports.QueueAsync(ReportStatus.New, 0, 10);
            await stores.Reports.FindTextAsync(labels[random.Next(labels.Count)], 10);
            await statistics.CountAsync(ReportFilter.All, CancellationToken.None);
        }

        // ---- Queue and find ------------------------------------------------------------------------------------------
        var statuses = Enum.GetValues<ReportStatus>();
        Print("queue (first page of a status)", await TimeAsync(() => stores.Reports.QueueAsync(statuses[random.Next(statuses.Length)], 0, 10)));
        Print("queue (page 20 of new)", await TimeAsync(() => stores.Reports.QueueAsync(ReportStatus.New, 200, 10)));
        Print("find by label", await TimeAsync(() => stores.Reports.FindTextAsync(labels[random.Next(labels.Count)], 10)));
        Print("find a common word", await TimeAsync(() => stores.Reports.FindTextAsync("метадон", 10)));
        Print("find a word nowhere (reads every report)", await TimeAsync(() => stores.Reports.FindTextAsync("канарейка", 10), calls: 5));

        // ---- Stats ---------------------------------------------------------------------------------------------------
        var today = DateOnly.FromDateTime(stores.Time.GetUtcNow().UtcDateTime);
        var month = Assert(ReportFilterWords.ParseFilter("2025-11 almaty", today, FilterVocabulary.Of(flow, Communities)));
        Print("stats, everything", await TimeAsync(() => statistics.CountAsync(ReportFilter.All, CancellationToken.None), calls: 5));
        Print("stats, 2025-11 almaty", await TimeAsync(() => statistics.CountAsync(month, CancellationToken.None), calls: 5));

        // ---- Export --------------------------------------------------------------------------------------------------
        foreach (var (name, filter) in new[] { ("CSV export, everything", ReportFilter.All), ("CSV export, 2025-11 almaty", month) })
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
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {clock.Elapsed.TotalMilliseconds:F0} ms, {bytes / 1024.0 / 1024.0:F1} MB written; managed heap peak +{(peakManaged - managedBefore) / 1048576.0:F1} MB, "
                + $"RSS peak +{(peakRss - rssBefore) / 1048576.0:F1} MB, allocated {(GC.GetTotalAllocatedBytes() - allocatedBefore) / 1048576.0:F0} MB in all"));
        }
        return 0;
    }

    private static async Task MoveAsync(ReportStore reports, Guid id, ReportStatus status)
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
            await reports.ChangeStatusAsync(id, next, "M-BNCH", reason: next == ReportStatus.Rejected ? "unverifiable" : null);
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

    private static async Task<List<double>> TimeAsync<T>(Func<Task<T>> call, int calls = Calls)
    {
        var times = new List<double>(calls);
        for (var i = 0; i < calls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
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
