using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CommunityBot.Channels.Messenger;
using CommunityBot.Privacy;
using CommunityBot.Storage;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeGraph;

namespace CommunityBot.Tests.Channels.Messenger;

/// <summary>The service as it runs, its own process, killed with SIGKILL while events it answered 200 for wait in its
/// inbox: Meta will not deliver them again, so the next start must handle them.</summary>
public sealed class MessengerInboxProcessTests : MessengerScenario
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private const string Reporter = "7011000000000001";
    private const string Asker = "7011000000000002";
    private const string Story = "Врач канарейка-входящие-7f3a не дал метадон в больнице три дня подряд, сказал нет лицензии.";

    [Fact]
    public async Task ASubmissionAnsweredTwoHundredWhenTheServiceWasKilledIsStoredAtTheNextStartAndItsRedeliveryChangesNothing()
    {
        var (keys, environment, data, log, address) = Prepare();
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        var answers = Scripts.WholeReport(Story);
        var submit = Text(Reporter, answers[^1]);
        var help = Text(Asker, "help");

        using (var first = BotProcess.StartService(["--data", data], environment, log))
        {
            try
            {
                await WaitUntilListeningAsync(http, first, log);
                foreach (var answer in answers[..^1])
                {
                    var before = Graph.SentTo(Reporter).Count;
                    Assert.Equal(HttpStatusCode.OK, await PostAsync(http, Text(Reporter, answer)));
                    await Graph.WaitForAsync(_ => Graph.SentTo(Reporter).Count > before, Patience);
                }
                // The asker's answer is on its way slowly (held by the fake Graph API): the events after it wait in the inbox.
                Graph.HoldSends(Asker);
                Assert.Equal(HttpStatusCode.OK, await PostAsync(http, help));
                await Graph.WaitForAsync(_ => Graph.SentTo(Asker).Count == 1, Patience);
                var reporterSeen = Graph.SentTo(Reporter).Count;
                Assert.Equal(HttpStatusCode.OK, await PostAsync(http, submit));

                // Answered 200, not handled: the handling is held up behind the asker's event.
                Assert.Equal(reporterSeen, Graph.SentTo(Reporter).Count);
            }
            finally
            {
                first.Kill();
                await first.WaitForExitAsync();
            }
        }
        Graph.ReleaseSends(Asker);

        // On the disk meanwhile: both events, encrypted.
        using (var stores = new TestStores(Data, keys))
        {
            Assert.Equal(2, await new InboxStore(stores.Database, stores.Cipher).CountAsync());
            Assert.Equal(0, await stores.Database.RunAsync(db => db.GetCollection("reports").Count()));
        }
        AssertNotOnDisk(data, Reporter, Asker, Story);

        using (var second = BotProcess.StartService(["--data", data], environment, log))
        {
            try
            {
                await Graph.WaitForAsync(_ => Graph.SentTo(Reporter).Any(m => Scripts.ReceiptCode().IsMatch(m.Text)), Patience);
                // The asker's help, whose answer never arrived before the kill, is answered again.
                await Graph.WaitForAsync(_ => Graph.SentTo(Asker).Count == 2, Patience);
                var reporterAfterRestart = Graph.SentTo(Reporter).Count;
                var askerAfterRestart = Graph.SentTo(Asker).Count;

                // Meta delivers both again (it may, when it did not hear the 200 in time): nothing changes (no question is
                // open for either). The asker's new message, handled after them (one event after the other), says when
                // they are done.
                Assert.Equal(HttpStatusCode.OK, await PostAsync(http, submit));
                Assert.Equal(HttpStatusCode.OK, await PostAsync(http, help));
                Assert.Equal(HttpStatusCode.OK, await PostAsync(http, Text(Asker, "/report")));
                await Graph.WaitForAsync(_ => Graph.SentTo(Asker).Count > askerAfterRestart, Patience);

                Assert.Equal(reporterAfterRestart, Graph.SentTo(Reporter).Count);
                Assert.Equal(askerAfterRestart + 1, Graph.SentTo(Asker).Count);
                Assert.Single(Graph.SentTo(Reporter), m => Scripts.ReceiptCode().IsMatch(m.Text));
            }
            finally
            {
                second.Kill();
                await second.WaitForExitAsync();
            }
        }

        using (var stores = new TestStores(Data, keys))
        {
            Assert.Equal(1, await stores.Database.RunAsync(db => db.GetCollection("reports").Count()));
            // An event leaves the inbox once its answer was sent; the kill may come just before that for the last one,
            // which the next start would only answer again. None of the others is left.
            Assert.InRange(await new InboxStore(stores.Database, stores.Cipher).CountAsync(), 0, 1);
        }
        AssertNotOnDisk(data, Reporter, Asker, Story);
        var output = log.ToString();
        Assert.DoesNotContain(Reporter, output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", output, StringComparison.Ordinal);
        Assert.Contains("accepted before the last stop are handled first", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnswerStoredWhenTheServiceWasKilledBeforeItsReplyWentOutIsFollowedByTheOpenQuestionAtTheNextStart()
    {
        var (keys, environment, data, log, address) = Prepare();
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        var answers = Scripts.WholeReport(Story);
        const int Stored = 3;
        string heldQuestion;

        using (var first = BotProcess.StartService(["--data", data], environment, log))
        {
            try
            {
                await WaitUntilListeningAsync(http, first, log);
                foreach (var answer in answers[..(Stored - 1)])
                {
                    var before = Graph.SentTo(Reporter).Count;
                    Assert.Equal(HttpStatusCode.OK, await PostAsync(http, Text(Reporter, answer)));
                    await Graph.WaitForAsync(_ => Graph.SentTo(Reporter).Count > before, Patience);
                }
                // The next answer is stored, and the question after it is on its way when the service dies.
                Graph.HoldSends(Reporter);
                var sent = Graph.SentTo(Reporter).Count;
                Assert.Equal(HttpStatusCode.OK, await PostAsync(http, Text(Reporter, answers[Stored - 1])));
                await Graph.WaitForAsync(_ => Graph.SentTo(Reporter).Count > sent, Patience);
                heldQuestion = Graph.SentTo(Reporter)[^1].Text;
            }
            finally
            {
                first.Kill();
                await first.WaitForExitAsync();
            }
        }
        Graph.ReleaseSends(Reporter);
        var beforeRestart = Graph.SentTo(Reporter).Count;

        using (var second = BotProcess.StartService(["--data", data], environment, log))
        {
            try
            {
                // The member is not left waiting: the question open now comes (again), not the one they answered.
                await Graph.WaitForAsync(_ => Graph.SentTo(Reporter).Count > beforeRestart, Patience);
                Assert.Equal(heldQuestion, Graph.SentTo(Reporter)[beforeRestart].Text);
                foreach (var answer in answers[Stored..])
                {
                    var before = Graph.SentTo(Reporter).Count;
                    Assert.Equal(HttpStatusCode.OK, await PostAsync(http, Text(Reporter, answer)));
                    await Graph.WaitForAsync(_ => Graph.SentTo(Reporter).Count > before, Patience);
                }
                await Graph.WaitForAsync(_ => Graph.SentTo(Reporter).Any(m => Scripts.ReceiptCode().IsMatch(m.Text)), Patience);
            }
            finally
            {
                second.Kill();
                await second.WaitForExitAsync();
            }
        }

        using (var stores = new TestStores(Data, keys))
        {
            Assert.Equal(1, await stores.Database.RunAsync(db => db.GetCollection("reports").Count()));
        }
        Assert.Single(Graph.SentTo(Reporter), m => Scripts.ReceiptCode().IsMatch(m.Text));
        AssertNotOnDisk(data, Reporter, Story);
    }

    /// <summary>What every start of the service in a test shares: its keys, settings, data folder, log and web address.</summary>
    private (KeyRing Keys, Dictionary<string, string> Environment, string Data, StringBuilder Log, Uri Address) Prepare()
    {
        var keysFile = Data.File("keys.json");
        var port = LoopbackPort.Free();
        return (KeyRing.CreateKeyFile(keysFile), Environment(keysFile, port), Data.File("data"), new StringBuilder(), new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>Neither the members' Page-scoped ids nor their words, in the database or its log file.</summary>
    private static void AssertNotOnDisk(string data, params string[] canaries)
    {
        foreach (var file in Directory.EnumerateFiles(data, "*.db", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            foreach (var canary in canaries)
            {
                Assert.False(RawBytes.Contain(bytes, canary), $"{Path.GetFileName(file)} holds a canary");
            }
        }
    }

    private Dictionary<string, string> Environment(string keysFile, int port) => new()
    {
        ["Privacy__KeyFile"] = keysFile,
        ["Web__Urls"] = $"http://127.0.0.1:{port}",
        ["Messenger__PageId"] = FakeGraphServer.PageId,
        ["Messenger__AppSecret"] = FakeGraphServer.AppSecret,
        ["Messenger__VerifyToken"] = FakeGraphServer.VerifyToken,
        ["Messenger__PageAccessToken"] = FakeGraphServer.PageAccessToken,
        ["Messenger__GraphApiBaseUrl"] = Graph.BaseUrl,
        ["Messenger__GraphApiVersion"] = FakeGraphServer.Version,
    };

    private static JsonObject Text(string psid, string text) => new()
    {
        ["sender"] = new JsonObject { ["id"] = psid },
        ["recipient"] = new JsonObject { ["id"] = FakeGraphServer.PageId },
        ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        ["message"] = new JsonObject { ["mid"] = "m_" + Guid.NewGuid().ToString("N"), ["text"] = text },
    };

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, JsonObject messaging)
    {
        var body = MessengerBotHost.Delivery([messaging]);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.Add(WebhookSignature.Header, MessengerBotHost.Sign(body));
        using var answer = await http.PostAsync(new Uri(MessengerWebhook.Path, UriKind.Relative), content);
        return answer.StatusCode;
    }

    /// <summary>Until the web server answers (a start on a loaded machine takes seconds).</summary>
    private static async Task WaitUntilListeningAsync(HttpClient http, System.Diagnostics.Process service, StringBuilder log)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                using var answer = await http.GetAsync(new Uri(MessengerWebhook.Path, UriKind.Relative));
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !service.HasExited)
            {
                await Task.Delay(200);
            }
            catch (HttpRequestException) when (service.HasExited)
            {
                throw new InvalidOperationException("The service ended: " + log);
            }
        }
    }
}
