using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CommunityBot.Channels.Messenger;
using CommunityBot.Storage;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeGraph;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityBot.Tests.Benchmarks;

/// <summary>
/// Simulated Messenger members complete the whole interview by typing, each answer a signed webhook POST over real
/// HTTP on loopback to the service's web server, stored in the durable inbox before its 200, with durable state in LiteDB
/// and every reply sent to the fake Graph API. Everything runs in this one process (the fake Graph server and the posting clients included), so the CPU
/// figure is an upper bound of the bot's. Prints signed webhook events handled per second.
/// </summary>
internal static class MessengerBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var members = Option(args, "--members", 400);
        var parallel = Option(args, "--parallel", 50);
        using var data = new TempDirectory();
        await using var graph = new FakeGraphServer();
        await graph.StartAsync();
        await using var bot = await MessengerBotHost.StartAsync(graph, data.Path, new Dictionary<string, string?>
        {
            ["Web:Urls"] = "http://127.0.0.1:0",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        });
        using var http = new HttpClient { BaseAddress = bot.WebAddress };
        var inbox = bot.Services.GetRequiredService<MessengerInbox>();

        await RunAsync(bot, graph, http, inbox, 1_000_000, Math.Min(50, members), parallel);
        Console.WriteLine($"load average before: {TelegramBenchmark.LoadAverage()}");
        var callsBefore = graph.Calls.Count;
        var flushesBefore = bot.Services.GetRequiredService<Database>().DiskFlushes.Count;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var events = await RunAsync(bot, graph, http, inbox, 2_000_000, members, parallel);
        clock.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        Console.WriteLine($"load average after: {TelegramBenchmark.LoadAverage()}");
        var sends = graph.Calls.Skip(callsBefore).Where(c => c.Path.EndsWith("/messages", StringComparison.Ordinal)).ToList();
        var missing = MembersWithoutReceipt(graph, 2_000_000, members);
        if (missing > 0)
        {
            await Console.Error.WriteLineAsync($"{missing} member(s) finished the interview without a receipt code.");
            return 1;
        }

        var (_, reports) = await bot.Queue.QueueAsync(null, 0, 1);
        Console.WriteLine($"messenger members: {members}, posting at a time: {parallel}, signed events: {events}, elapsed: {clock.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"signed webhook events handled/s: {events / clock.Elapsed.TotalSeconds:F0} (each answered through the fake Graph API)");
        Console.WriteLine($"reports stored: {reports} (warm-up included)");
        Console.WriteLine($"process CPU (bot, fake Graph server and clients together): {cpu.TotalMilliseconds / events:F3} ms per event");
        Console.WriteLine($"every member got a receipt code; Send API calls per event: {(double)sends.Count / events:F2}");
        var perCall = await GraphCostAsync(graph, sends);
        var graphShare = perCall * sends.Count / events;
        Console.WriteLine($"fake Graph API with a client, the same calls again on their own: {perCall:F3} ms per call, "
            + $"{graphShare:F3} ms per event ({100 * graphShare / (cpu.TotalMilliseconds / events):F0} % of the process)");
        Console.WriteLine($"flushes to the device: {bot.Services.GetRequiredService<Database>().DiskFlushes.Count - flushesBefore}; events left in the inbox: {await bot.Services.GetRequiredService<InboxStore>().CountAsync()}");
        return 0;
    }

    /// <summary>Members whose replies hold no receipt code (one pass over the calls recorded).</summary>
    private static int MembersWithoutReceipt(FakeGraphServer graph, long firstPsid, int members)
    {
        var withReceipt = graph.Sent.Where(m => m.To is not null && Scripts.ReceiptCode().IsMatch(m.Text)).Select(m => m.To).ToHashSet();
        return Enumerable.Range(0, members).Count(i => !withReceipt.Contains((firstPsid + i).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// The fake Graph API's own cost: the Send API calls the bot made during the run are posted again, as they were,
    /// by one client, 50 at a time, and this process's CPU per call is measured. That includes a client's side of
    /// each call (as the bot's own HTTP client spends it), so it is an upper bound of the fake's share.
    /// </summary>
    private static async Task<double> GraphCostAsync(FakeGraphServer graph, List<GraphCall> sends)
    {
        using var client = new HttpClient { BaseAddress = new Uri(graph.BaseUrl) };
        using var gate = new SemaphoreSlim(50);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        await Task.WhenAll(sends.Select(async call =>
        {
            await gate.WaitAsync();
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(call.Path.TrimStart('/'), UriKind.Relative));
                request.Content = new ReadOnlyMemoryContent(call.BodyJson);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.TryAddWithoutValidation("Authorization", call.Authorization);
                using var answer = await client.SendAsync(request);
                answer.EnsureSuccessStatusCode();
            }
            finally
            {
                gate.Release();
            }
        }));
        return (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / Math.Max(1, sends.Count);
    }

    /// <summary>Round by round: every member's next answer is posted (so each member's events stay in order), then
    /// the next round; the clock stops when the bot has handled them all.</summary>
    private static async Task<int> RunAsync(MessengerBotHost bot, FakeGraphServer graph, HttpClient http, MessengerInbox inbox, long firstPsid, int members, int parallel)
    {
        var script = Scripts.WholeReport(Scripts.RussianStory);
        var people = Enumerable.Range(0, members).Select(i => new FakeMessengerMember(bot, graph, (firstPsid + i).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        using var gate = new SemaphoreSlim(parallel);
        var events = 0;
        foreach (var line in script)
        {
            await Task.WhenAll(people.Select(async person =>
            {
                var body = MessengerBotHost.Delivery([person.Message(new JsonObject { ["text"] = line })]);
                await gate.WaitAsync();
                try
                {
                    using var content = new ByteArrayContent(body);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    content.Headers.Add(WebhookSignature.Header, MessengerBotHost.Sign(body));
                    using var answer = await http.PostAsync(new Uri(MessengerWebhook.Path, UriKind.Relative), content);
                    answer.EnsureSuccessStatusCode();
                }
                finally
                {
                    gate.Release();
                }
            }));
            events += people.Count;
        }
        await inbox.WhenIdleAsync();
        return events;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
