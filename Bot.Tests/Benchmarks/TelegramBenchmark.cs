using System.Diagnostics;
using System.Globalization;
using CommunityBot.Privacy;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;

namespace CommunityBot.Tests.Benchmarks;

/// <summary>
/// Simulated members complete the whole interview through the fake Bot API on loopback, against the real program
/// running as its own process (so its CPU time is its own), with durable state in LiteDB. Prints updates per second,
/// interviews per second, latency per update (from the member's message to the bot's answer arriving) and the
/// bot's CPU time per update. With <c>--flood N</c> the members run once more while one chat sends N messages at
/// once, and the latencies the others see are printed beside those without it; <c>--chat-rate</c> sets the
/// messages a second allowed to one chat (Telegram's pace is 1; the default does not slow anything down). With
/// <c>--webhook</c> the bot runs in webhook mode: the fake posts each update to the bot's web server and the bot answers
/// the post once the update is stored, instead of being polled. The bot runs with the runtime settings of the deployed
/// service (<see cref="BotRuntime"/>); <c>--perf</c> adds the perf map for <c>perf record</c>, and <c>--published DIR</c> runs
/// the published program (as deployed, ReadyToRun) instead of the build output. <c>--rounds N</c> measures N rounds in
/// the same bot and prints their median.
/// </summary>
internal static class TelegramBenchmark
{
    /// <summary>The interview's last answer, which must be met by a receipt code rather than by a question.</summary>
    private const string ReceiptStep = "receipt";

    private static readonly CommunityBot.Conversations.TextCatalog Texts = ShippedFlow.Load().Texts;

    public static async Task<int> RunAsync(string[] args)
    {
        var members = Option(args, "--members", 2000);
        var parallel = Option(args, "--parallel", 50);
        var warmUp = Option(args, "--warmup", Math.Min(members, 300));
        var flood = Option(args, "--flood", 0);
        // --rounds N measures N - 1 more rounds of as many members in the same bot after the first, one line each, and
        // their median: runs of the same bot differ by a tenth on a shared machine, more than most steps change.
        var rounds = Option(args, "--rounds", 1);
        var chatRate = Option(args, "--chat-rate", 100_000);
        var webhook = args.Contains("--webhook");
        var perf = args.Contains("--perf");
        // --published DIR runs the output of `dotnet publish Bot -c Release -r linux-x64 --self-contained -o DIR` by its
        // own launcher, as the service runs it, instead of the build output beside this program.
        var published = Array.IndexOf(args, "--published") is var folder and >= 0 && folder + 1 < args.Length ? Path.GetFullPath(args[folder + 1]) : null;
        using var data = new TempDirectory();
        await using var server = new FakeTelegramServer();
        await server.StartAsync();
        // --reports-from DIR starts the bot on a copy of a filled database and its keys (benchmark-moderation --keep DIR),
        // for start-up time and resident memory with as many reports as that holds.
        if (Array.IndexOf(args, "--reports-from") is var from and >= 0 && from + 1 < args.Length)
        {
            CopyFilled(args[from + 1], data);
        }
        else
        {
            KeyRing.CreateKeyFile(data.File("keys.json"));
        }
        Console.WriteLine($"load average before: {LoadAverage()}");

        using var bot = StartBot(server, data, chatRate, webhook, perf, published);
        try
        {
            var ready = Stopwatch.StartNew();
            // In webhook mode the menus are set once the webhook takes posts.
            while ((webhook ? server.Calls("setMyCommands") : server.Calls("getUpdates")).Count == 0)
            {
                if (bot.HasExited || ready.Elapsed > TimeSpan.FromSeconds(60))
                {
                    await Console.Error.WriteLineAsync("The bot did not start: " + await bot.StandardError.ReadToEndAsync());
                    return 1;
                }
                await Task.Delay(20);
            }
            Console.WriteLine($"start-up to first {(webhook ? "webhook open" : "poll")}: {ready.Elapsed.TotalMilliseconds:F0} ms (including process start); bot pid {bot.Id}");

            // A warm-up so JIT and first-use costs are not counted (tiered compilation keeps recompiling hot code
            // for a while; on a busy machine a short warm-up leaves much of that inside the measurement).
            await RunMembersAsync(server, 1_000_000, parallel, warmUp);
            bot.Refresh();
            var cpuBefore = bot.TotalProcessorTime;
            // This process is the fake Bot API server and the simulated members: its CPU is what the bot is not.
            using var self = Process.GetCurrentProcess();
            var serverCpuBefore = self.TotalProcessorTime;
            var callsBefore = server.AllCalls.Count;
            var redeliveredBefore = server.Redeliveries;
            var clock = Stopwatch.StartNew();
            var submissions = new List<double>(members);
            var latencies = await RunMembersAsync(server, 2_000_000, parallel, members, submissions);
            clock.Stop();
            bot.Refresh();
            self.Refresh();
            var cpu = bot.TotalProcessorTime - cpuBefore;
            var serverCpu = self.TotalProcessorTime - serverCpuBefore;

            latencies.Sort();
            var updates = latencies.Count;
            Console.WriteLine($"updates by: {(webhook ? "webhook (each post answered once its update is stored)" : "polling")}");
            Console.WriteLine($"members: {members}, at a time: {parallel}, updates: {updates}, elapsed: {clock.Elapsed.TotalSeconds:F1} s");
            Console.WriteLine($"updates/s: {updates / clock.Elapsed.TotalSeconds:F0}");
            Console.WriteLine($"interviews/s: {members / clock.Elapsed.TotalSeconds:F1}");
            Console.WriteLine($"latency per update: p50 {Percentile(latencies, 0.50):F2} ms, p99 {Percentile(latencies, 0.99):F2} ms, max {latencies[^1]:F2} ms");
            // The last answer waits for its report to reach the disk; one answer in fifteen, so its tail is the p99's.
            submissions.Sort();
            Console.WriteLine($"  of which the submission (answered once durable): p50 {Percentile(submissions, 0.50):F2} ms, p90 {Percentile(submissions, 0.90):F2} ms, p99 {Percentile(submissions, 0.99):F2} ms");
            if (chatRate < 100_000)
            {
                Console.WriteLine($"messages a second per chat: {chatRate}");
            }
            Console.WriteLine($"bot CPU: {cpu.TotalMilliseconds:F0} ms in all, {cpu.TotalMilliseconds / updates:F3} ms per update");
            // A method the bot gave in its answer to a webhook post costs it no request of its own: shown apart.
            var calls = server.AllCalls.Skip(callsBefore).GroupBy(c => c.InWebhookAnswer ? c.Method + " (in webhook answers)" : c.Method).OrderByDescending(g => g.Count());
            Console.WriteLine("Bot API calls per update: " + string.Join(", ", calls.Select(g => $"{g.Key} {(double)g.Count() / updates:F2}")));
            // The offset never passes an update still in hand, so a poll brings those back again (they are not handled twice).
            Console.WriteLine($"updates polled again while in hand: {(double)(server.Redeliveries - redeliveredBefore) / updates:F2} per update");
            Console.WriteLine($"fake server and members CPU: {serverCpu.TotalMilliseconds:F0} ms in all, {serverCpu.TotalMilliseconds / updates:F3} ms per update, "
                + $"{100 * serverCpu.TotalMilliseconds / (serverCpu.TotalMilliseconds + cpu.TotalMilliseconds):F0} % of the two; "
                + $"of the 2 cores' time: bot {100 * cpu.TotalMilliseconds / (Environment.ProcessorCount * clock.Elapsed.TotalMilliseconds):F0} %, "
                + $"server {100 * serverCpu.TotalMilliseconds / (Environment.ProcessorCount * clock.Elapsed.TotalMilliseconds):F0} %");
            Console.WriteLine($"load average after: {LoadAverage()}");
            bot.Refresh();
            Console.WriteLine(BotRuntime.Memory(bot));
            if (rounds > 1)
            {
                await MoreRoundsAsync(bot, server, parallel, members, rounds,
                    new Round(updates / clock.Elapsed.TotalSeconds, Percentile(latencies, 0.99), Percentile(submissions, 0.50), cpu.TotalMilliseconds / updates, serverCpu.TotalMilliseconds / updates));
            }
            if (flood > 0)
            {
                await FloodAsync(server, parallel, members, flood, latencies);
            }
            return 0;
        }
        finally
        {
            if (!bot.HasExited)
            {
                bot.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>What one measured round showed: updates a second, p99 and the submissions' p50 in ms, and the CPU
    /// per update of the bot and of the fake server with its members, in ms.</summary>
    private sealed record Round(double UpdatesPerSecond, double P99, double SubmissionP50, double BotCpu, double ServerCpu)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{UpdatesPerSecond:F0} updates/s, p99 {P99:F1} ms, submission p50 {SubmissionP50:F1} ms, bot CPU {BotCpu:F3} ms per update, server {ServerCpu:F3} ms");
    }

    private static async Task MoreRoundsAsync(Process bot, FakeTelegramServer server, int parallel, int members, int rounds, Round first)
    {
        using var self = Process.GetCurrentProcess();
        var all = new List<Round> { first };
        Console.WriteLine($"round 1: {first}");
        for (var round = 2; round <= rounds; round++)
        {
            bot.Refresh();
            self.Refresh();
            var cpuBefore = bot.TotalProcessorTime;
            var serverCpuBefore = self.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var submissions = new List<double>(members);
            // Members of their own: ids apart from the first round's, the flood's and its flooder's.
            var latencies = await RunMembersAsync(server, 10_000_000 + (round * 1_000_000L), parallel, members, submissions);
            clock.Stop();
            bot.Refresh();
            self.Refresh();
            latencies.Sort();
            submissions.Sort();
            var measured = new Round(latencies.Count / clock.Elapsed.TotalSeconds, Percentile(latencies, 0.99), Percentile(submissions, 0.50),
                (bot.TotalProcessorTime - cpuBefore).TotalMilliseconds / latencies.Count, (self.TotalProcessorTime - serverCpuBefore).TotalMilliseconds / latencies.Count);
            all.Add(measured);
            Console.WriteLine($"round {round}: {measured}");
        }
        double Median(Func<Round, double> figure) => all.Select(figure).Order().ElementAt(all.Count / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median of {all.Count} rounds: {Median(r => r.UpdatesPerSecond):F0} updates/s, p99 {Median(r => r.P99):F1} ms, submission p50 {Median(r => r.SubmissionP50):F1} ms, bot CPU {Median(r => r.BotCpu):F3} ms per update (from {all.Min(r => r.BotCpu):F3} to {all.Max(r => r.BotCpu):F3}), server {Median(r => r.ServerCpu):F3} ms"));
        bot.Refresh();
        Console.WriteLine(BotRuntime.Memory(bot));
    }

    /// <summary>The same members again while one chat sends <paramref name="flood"/> messages as fast as it can.</summary>
    private static async Task FloodAsync(FakeTelegramServer server, int parallel, int members, int flood, List<double> without)
    {
        const long flooderId = 9_000_000;
        var flooder = server.PrivateChatWith(userId: flooderId, firstName: "F", username: null, languageCode: "ru");
        var redeliveredBefore = server.Redeliveries;
        var clock = Stopwatch.StartNew();
        var sending = Task.Run(async () =>
        {
            for (var i = 0; i < flood; i++)
            {
                await flooder.SendsAsync("флуд " + i.ToString(CultureInfo.InvariantCulture));
            }
        });
        var with = await RunMembersAsync(server, 3_000_000, parallel, members);
        await sending;
        clock.Stop();
        with.Sort();
        var answers = server.SentMessages(flooderId);
        var slowDowns = answers.Count(m => m.Text == Texts.Get("ru", "tg.slow_down"));
        Console.WriteLine($"the other members, without a flood: p50 {Percentile(without, 0.50):F2} ms, p99 {Percentile(without, 0.99):F2} ms, max {without[^1]:F2} ms");
        Console.WriteLine($"the other members, while one chat sends {flood} messages: p50 {Percentile(with, 0.50):F2} ms, p99 {Percentile(with, 0.99):F2} ms, max {with[^1]:F2} ms ({clock.Elapsed.TotalSeconds:F1} s)");
        Console.WriteLine($"the flooding chat got {answers.Count - slowDowns} answers and {slowDowns} slow-down notice(s); updates delivered again: {server.Redeliveries - redeliveredBefore}");
    }

    private static Process StartBot(FakeTelegramServer server, TempDirectory data, int chatRate, bool webhook, bool perf, string? published)
    {
        var start = new ProcessStartInfo(published is null ? "dotnet" : Path.Combine(published, "Bot"))
        {
            RedirectStandardOutput = false,
            RedirectStandardError = true,
            WorkingDirectory = published ?? AppContext.BaseDirectory,
        };
        if (published is null)
        {
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Bot.dll"));
        }
        start.ArgumentList.Add("--data");
        start.ArgumentList.Add(data.File("data"));
        start.Environment["Telegram__BotToken"] = server.Token;
        start.Environment["Telegram__ApiBaseUrl"] = server.BaseUrl;
        start.Environment["Telegram__Rates__PerChatPerSecond"] = chatRate.ToString(CultureInfo.InvariantCulture);
        start.Environment["Telegram__Rates__PerGroupPerMinute"] = "1000000";
        start.Environment["Telegram__Rates__GlobalPerSecond"] = "1000000";
        start.Environment["Privacy__KeyFile"] = data.File("keys.json");
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        if (webhook)
        {
            var port = LoopbackPort.Free();
            start.Environment["Web__Urls"] = $"http://127.0.0.1:{port}";
            start.Environment["Telegram__Webhook__Url"] = $"http://127.0.0.1:{port}/telegram/benchmark";
            start.Environment["Telegram__Webhook__SecretToken"] = "benchmark-secret";
        }
        Console.WriteLine(BotRuntime.Configure(start, perf, start.WorkingDirectory));
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

    /// <summary>Each member goes through the interview, one answer after the bot's reply to the previous one.</summary>
    /// <param name="submissions">When given, also gets the latency of each interview's last answer (the submission).</param>
    private static async Task<List<double>> RunMembersAsync(FakeTelegramServer server, long firstUserId, int parallel, int members, List<double>? submissions = null)
    {
        var latencies = new List<double>();
        using var gate = new SemaphoreSlim(parallel);
        var tasks = Enumerable.Range(0, members).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var member = server.PrivateChatWith(userId: firstUserId + i, firstName: "M", username: null, languageCode: "ru");
                var mine = await InterviewAsync(member);
                lock (latencies)
                {
                    latencies.AddRange(mine);
                    submissions?.Add(mine[^1]);
                }
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(tasks);
        return latencies;
    }

    /// <summary>
    /// One member's whole interview by typed answers and buttons; the time each answer took to come back. Each answer
    /// is checked: the bot must reply with the next question of the shipped interview (by its text in the language
    /// file), and the last reply must carry a receipt code, so a bot that answers fast but wrongly fails the run.
    /// </summary>
    internal static async Task<List<double>> InterviewAsync(FakeMember member)
    {
        var times = new List<double>(20);
        async Task Step(Func<FakeMember, Task> action, string expected)
        {
            var started = Stopwatch.GetTimestamp();
            await action(member);
            var reply = await member.WaitForReplyAsync(timeout: TimeSpan.FromSeconds(60));
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var right = expected == ReceiptStep
                ? Scripts.ReceiptCode().IsMatch(reply.Text ?? "")
                : reply.Text?.Contains(Texts.Get("ru", expected), StringComparison.Ordinal) == true;
            if (!right)
            {
                throw new InvalidOperationException($"Member {member.UserId} expected \"{expected}\" after answer {times.Count}, got {reply}.");
            }
        }
        await Step(m => m.SendsAsync("/report"), "consent.prompt");
        await Step(m => m.PressesAsync(Texts.Get("ru", "consent.accept")), "category.prompt");
        await Step(m => m.PressesAsync(Texts.Get("ru", "category.hospital")), "affected.prompt");
        await Step(m => m.SendsAsync("1"), "when.prompt");
        await Step(m => m.SendsAsync("вчера"), "region.prompt");
        await Step(m => m.SendsAsync("1"), "city.prompt");
        await Step(m => m.SendsAsync("1"), "facility_kind.prompt");
        await Step(m => m.SendsAsync("1"), "facility.prompt");
        await Step(m => m.SendsAsync("1"), "narrative.prompt");
        await Step(m => m.SendsAsync("В больнице три дня не давали метадон, сказали что у них нет лицензии на это."), "consequences.prompt");
        await Step(m => m.SendsAsync("1, 4"), "reported.prompt");
        await Step(m => m.SendsAsync("нет"), "appeals_consent.prompt");
        await Step(m => m.SendsAsync("да"), "followup_consent.prompt");
        await Step(m => m.SendsAsync("нет"), "review.prompt");
        await Step(m => m.SendsAsync("1"), ReceiptStep);
        return times;
    }

    private static void CopyFilled(string filled, TempDirectory data)
    {
        File.Copy(Path.Combine(filled, "keys.json"), data.File("keys.json"));
        Directory.CreateDirectory(data.File("data"));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(filled, "data")).Where(path => !path.EndsWith(".lock", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(data.File("data"), Path.GetFileName(file)));
        }
    }

    /// <summary>The machine's load (1, 5, 15 minutes), from /proc/loadavg; figures on a loaded machine are wide.</summary>
    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
