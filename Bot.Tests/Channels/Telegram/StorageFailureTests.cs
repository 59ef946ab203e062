using System.Text;
using CommunityBot.Privacy;
using CommunityBot.Tests.Benchmarks.Soak;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>A disk that fills up under the running service (the file size limit of its process, which needs no
/// privileges): it says so, stops with exit code 74, and after a start on a healthy disk nothing is half-written and no
/// member loses a receipt.</summary>
public sealed class StorageFailureTests : TelegramScenario
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(4);

    /// <summary>KiB the files may grow by: two pages of LiteDB's, so that it fills during the members' interviews.</summary>
    private const int Room = 16;

    private static string FirstError(string log)
    {
        var at = Math.Max(0, log.IndexOf("ERR]", StringComparison.Ordinal));
        return log[at..Math.Min(log.Length, at + 2500)];
    }

    [Fact]
    public async Task AFullDiskStopsTheServiceWithExitCode74AndAfterARestartEveryMemberHasTheirReport()
    {
        var keys = KeyRing.CreateKeyFile(Data.File("keys.json"));
        var environment = new Dictionary<string, string>
        {
            ["Telegram__BotToken"] = Server.Token,
            ["Telegram__ApiBaseUrl"] = Server.BaseUrl,
            ["Telegram__Rates__PerChatPerSecond"] = "1000",
            ["Telegram__Rates__PerGroupPerMinute"] = "10000",
            ["Telegram__Rates__GlobalPerSecond"] = "10000",
            ["Privacy__KeyFile"] = Data.File("keys.json"),
        };
        var log = new StringBuilder();
        var members = Enumerable.Range(1, 6)
            .Select(i => new SoakMember(Server.PrivateChatWith(userId: 740000 + i, firstName: "M", username: null, languageCode: "ru"), i, Patience))
            .ToList();

        // A first life on a healthy disk: one member files a report.
        using (var healthy = BotProcess.StartService(["--data", Data.File("data")], environment, log))
        {
            await members[0].RunAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
            healthy.Kill();
            await healthy.WaitForExitAsync();
        }
        Assert.Single(members[0].Receipts);

        // Then the disk has room for little more than what is there.
        var largest = Directory.EnumerateFiles(Data.File("data"), "*.db").Max(file => new FileInfo(file).Length);
        using (var full = BotProcess.StartService(["--data", Data.File("data")], environment, log, fileSizeLimitKb: (largest / 1024) + Room))
        {
            using var stopped = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var exited = full.WaitForExitAsync(stopped.Token);
            using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(stopped.Token);
            _ = exited.ContinueWith(_ => giveUp.Cancel(), TaskScheduler.Default);
            await Task.WhenAll(members.Skip(1).Select(m => m.RunAsync(giveUp.Token)));
            try
            {
                await exited;
            }
            catch (OperationCanceledException)
            {
                full.Kill();
                Assert.Fail($"The service did not stop; receipts: {members.Sum(m => m.Receipts.Count)}; its log from the first error: " + FirstError(log.ToString()));
            }
            Assert.Equal(74, full.ExitCode);
        }
        Assert.Contains("could not be written", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("74", log.ToString(), StringComparison.Ordinal);

        // On a healthy disk again, the members who have no receipt yet go on (their last message comes again too).
        using (var again = BotProcess.StartService(["--data", Data.File("data")], environment, log))
        {
            var rest = members.Where(m => m.Receipts.Count == 0).Select(m => new SoakMember(m.Chat, m.Number, Patience)).ToList();
            await Task.WhenAll(rest.Select(m => m.RunAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token)));
            await Server.WaitUntilIdleAsync(TimeSpan.FromSeconds(60), quietPeriod: TimeSpan.FromSeconds(1));
            again.Kill();
            await again.WaitForExitAsync();
            members = [.. members.Where(m => m.Receipts.Count > 0), .. rest];
        }

        using var stores = new TestStores(Data, keys);
        var (stored, total) = await stores.Queue.QueueAsync(null, 0, 100);
        var receipts = members.SelectMany(m => m.Receipts).ToList();
        Assert.Equal(6, receipts.Count);
        Assert.Equal(6, total);
        foreach (var code in receipts)
        {
            Assert.NotNull(await stores.Reports.FindByReceiptAsync(code));
        }
        // Every report reads back whole: its story decrypts to the one its member told.
        Assert.Equal(
            Enumerable.Range(1, 6).Select(SoakMember.Story).Order(StringComparer.Ordinal),
            stored.Select(r => r.Answers["narrative"] is CommunityBot.Conversations.TextAnswer { Text: var story } ? story : "").Order(StringComparer.Ordinal));
        Assert.DoesNotContain("Unhandled", log.ToString(), StringComparison.Ordinal);
        Console.WriteLine($"disk full after {largest / 1024} KiB + {Room} KiB: {members.Count(m => m.Number > 1)} members went on after the restart");
    }
}
