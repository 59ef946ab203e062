using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CommunityBot.Tests.Support.FakeGraph;

namespace CommunityBot.Tests.Channels.Messenger;

/// <summary>The webhook through the service's web server, over real HTTP on loopback, as Meta reaches it behind the proxy.</summary>
public sealed class MessengerHttpTests : MessengerScenario
{
    private static readonly Dictionary<string, string?> Web = new() { ["Web:Urls"] = "http://127.0.0.1:0" };

    private HttpClient Client() => new() { BaseAddress = Bot.WebAddress, Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task MetaVerifiesTheWebhookOverHttpAndAWrongTokenIsForbidden()
    {
        await StartBotAsync(Web);
        using var http = Client();

        var ok = await http.GetAsync(new Uri($"/messenger/webhook?hub.mode=subscribe&hub.verify_token={FakeGraphServer.VerifyToken}&hub.challenge=1158201444", UriKind.Relative));
        var wrong = await http.GetAsync(new Uri("/messenger/webhook?hub.mode=subscribe&hub.verify_token=nope-nope-nope-nope&hub.challenge=1158201444", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("1158201444", await ok.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
    }

    [Fact]
    public async Task ASignedPostOverHttpStartsTheInterviewAndAnUnsignedOneIsForbidden()
    {
        await StartBotAsync(Web);
        using var http = Client();
        var member = Member("7005000000000001");
        var body = MessengerBotHost.Delivery([member.Message(new JsonObject { ["text"] = "report" })]);

        using var unsigned = new ByteArrayContent(body);
        unsigned.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var refused = await http.PostAsync(new Uri("/messenger/webhook", UriKind.Relative), unsigned);
        using var signed = new ByteArrayContent(body);
        signed.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        signed.Headers.Add("X-Hub-Signature-256", MessengerBotHost.Sign(body));
        var taken = await http.PostAsync(new Uri("/messenger/webhook", UriKind.Relative), signed);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        await Graph.WaitForAsync(_ => Graph.SentTo(member.Psid).Count == 1);
        Assert.Equal(Texts.Get("ru", "consent.accept"), Graph.SentTo(member.Psid)[0].QuickReplies[0].Title);
    }

    [Fact]
    public async Task ABodyOverTheLimitIsRefusedBeforeItIsRead()
    {
        await StartBotAsync(new Dictionary<string, string?>(Web) { ["Web:MaxRequestBodyBytes"] = "1024" });
        using var http = Client();
        var member = Member("7005000000000002");
        var body = MessengerBotHost.Delivery([member.Message(new JsonObject { ["text"] = new string('a', 4000) })]);
        using var content = new ByteArrayContent(body);
        content.Headers.Add("X-Hub-Signature-256", MessengerBotHost.Sign(body));

        var answer = await http.PostAsync(new Uri("/messenger/webhook", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
        Assert.Empty(Graph.Sent);
        await Bot.DisposeAsync();
        var logs = string.Concat(Directory.EnumerateFiles(Path.Combine(Data.Path, "logs")).Select(File.ReadAllText));
        Assert.Contains("Web:MaxRequestBodyBytes", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("BadHttpRequestException", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeliveryOfThreeLongStoriesAsMetaEscapesThemIsTaken()
    {
        await StartBotAsync(Web);
        using var http = Client();
        var members = new[] { Member("7005000000000003"), Member("7005000000000004"), Member("7005000000000005") };
        foreach (var line in Support.Scripts.UpToStory(Support.Scripts.RussianStory).SkipLast(1))
        {
            foreach (var member in members)
            {
                await member.TypeAsync(line);
            }
        }
        var before = members.Select(m => Graph.SentTo(m.Psid).Count).ToList();
        var story = string.Concat(Enumerable.Repeat("Мне отказали в метадоне. ", 180));
        var json = Encoding.UTF8.GetString(MessengerBotHost.Delivery(members.Select(m => m.Message(new JsonObject { ["text"] = story }))));
        // Meta writes every character beyond ASCII as \uXXXX: 6 bytes for one Cyrillic letter.
        var body = Encoding.ASCII.GetBytes(string.Concat(json.Select(c => c < 128 ? c.ToString() : $"\\u{(int)c:x4}")));
        Assert.True(body.Length > 64 * 1024);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.Add("X-Hub-Signature-256", MessengerBotHost.Sign(body));

        var answer = await http.PostAsync(new Uri("/messenger/webhook", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        await Graph.WaitForAsync(_ => members.Select((m, i) => Graph.SentTo(m.Psid).Count > before[i]).All(answered => answered));
    }
}
