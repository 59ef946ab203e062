using System.Net;
using System.Text.Json;
using CommunityBot.Tests.Support.FakeGraph;
using CommunityBot.Web;

namespace CommunityBot.Tests.Web;

/// <summary>/healthz of a service that runs Facebook Messenger only: no Telegram token, so nothing polls Telegram.</summary>
public sealed class MessengerHealthTests : MessengerScenario
{
    private static readonly Dictionary<string, string?> Web = new() { ["Web:Urls"] = "http://127.0.0.1:0" };

    [Fact]
    public async Task AMessengerOnlyServiceIsHealthyAndJudgedByMessengerAlone()
    {
        await StartBotAsync(Web);
        using var http = new HttpClient { BaseAddress = Bot.WebAddress, Timeout = TimeSpan.FromSeconds(30) };
        var member = Member("7005100000000001");
        await member.TypeAsync("help");

        using var response = await http.GetAsync(new Uri(HealthEndpoint.Path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var messenger = Assert.Single(json.RootElement.GetProperty("channels").EnumerateObject());
        Assert.Equal("messenger", messenger.Name);
        Assert.True(messenger.Value.GetProperty("healthy").GetBoolean());
        Assert.True(messenger.Value.GetProperty("secondsSinceContact").GetInt64() >= 0);
        Assert.DoesNotContain(member.Psid, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMessengerServiceWhosePageTokenMetaRefusesIsUnhealthyUntilMetaTakesItAgain()
    {
        await StartBotAsync(Web);
        using var http = new HttpClient { BaseAddress = Bot.WebAddress, Timeout = TimeSpan.FromSeconds(30) };
        var member = Member("7005100000000002");

        Graph.FailNext(190);
        await member.TypeAsync("help");
        using var refused = await http.GetAsync(new Uri(HealthEndpoint.Path, UriKind.Relative));
        using var refusedJson = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        await member.TypeAsync("help");
        using var again = await http.GetAsync(new Uri(HealthEndpoint.Path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("Meta refused the Page access token (code 190)",
            refusedJson.RootElement.GetProperty("channels").GetProperty("messenger").GetProperty("problem").GetString());
        Assert.True(refusedJson.RootElement.GetProperty("database").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task AMessengerServiceMetaRefusesAPermissionIsUnhealthyWithThatReasonUntilMetaTakesACallAgain()
    {
        await StartBotAsync(Web);
        using var http = new HttpClient { BaseAddress = Bot.WebAddress, Timeout = TimeSpan.FromSeconds(30) };
        var member = Member("7005100000000003");

        Graph.FailNext(10, subcode: 200);
        await member.TypeAsync("help");
        using var refused = await http.GetAsync(new Uri(HealthEndpoint.Path, UriKind.Relative));
        var body = await refused.Content.ReadAsStringAsync();
        using var refusedJson = JsonDocument.Parse(body);
        await member.TypeAsync("help");
        using var again = await http.GetAsync(new Uri(HealthEndpoint.Path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        var problem = refusedJson.RootElement.GetProperty("channels").GetProperty("messenger").GetProperty("problem").GetString();
        Assert.Equal("Meta refused a call as not permitted (code 10): the app lacks a permission for the Page, such as pages_messaging", problem);
        Assert.DoesNotContain(member.Psid, body, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeGraphServer.PageAccessToken, body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }
}
