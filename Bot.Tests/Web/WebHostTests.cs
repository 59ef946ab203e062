using System.Globalization;
using System.Net;
using System.Text.Json;
using CommunityBot.Tests.Support;
using CommunityBot.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityBot.Tests.Web;

/// <summary>The service's web server, through real HTTP on loopback against the real host and the fake Bot API.</summary>
public sealed class WebHostTests : TelegramScenario
{
    private const long MemberId = 640200300;

    private static readonly Dictionary<string, string?> Web = new() { ["Web:Urls"] = "http://127.0.0.1:0" };

    private static readonly Dictionary<string, string?> WebWithMetrics = new(Web) { ["Web:Metrics"] = "true" };

    private static readonly string[] HealthFields = ["healthy", "database", "channels"];

    private static readonly string[] ChannelFields = ["healthy", "mode", "secondsSinceContact", "problem"];

    [Fact]
    public async Task HealthIsOkWithOnlyBooleansAndAgesOnceTelegramAnsweredAPoll()
    {
        await using var bot = await StartBotAsync(Web);
        var member = Server.PrivateChatWith(userId: MemberId, firstName: "Web", username: "web_member_x7", languageCode: "ru");
        await Do(member, m => m.SendsAsync("/start"));

        using var http = Client(bot);
        using var response = await http.GetAsync(new Uri(HealthEndpoint.Path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(HealthFields, json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.True(json.RootElement.GetProperty("database").GetBoolean());
        var telegram = Assert.Single(json.RootElement.GetProperty("channels").EnumerateObject());
        Assert.Equal("telegram", telegram.Name);
        Assert.Equal(ChannelFields, telegram.Value.EnumerateObject().Select(p => p.Name));
        Assert.True(telegram.Value.GetProperty("healthy").GetBoolean());
        Assert.Equal("polling", telegram.Value.GetProperty("mode").GetString());
        Assert.True(telegram.Value.GetProperty("secondsSinceContact").GetInt64() >= 0);
        Assert.Equal(JsonValueKind.Null, telegram.Value.GetProperty("problem").ValueKind);
        foreach (var identifying in new[] { MemberId.ToString(CultureInfo.InvariantCulture), "web_member_x7", Server.BotUser.Username ?? "-", Server.Token })
        {
            Assert.DoesNotContain(identifying, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task HealthIsUnavailableWhileTelegramHasNeverAnsweredAPoll()
    {
        // Nothing listens on port 1: start-up keeps trying Telegram, so no poll ever comes back.
        await using var bot = await StartBotAsync(new Dictionary<string, string?>(Web) { ["Telegram:ApiBaseUrl"] = "http://127.0.0.1:1" });

        using var http = Client(bot);
        using var response = await http.GetAsync(new Uri(HealthEndpoint.Path, UriKind.Relative));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var telegram = json.RootElement.GetProperty("channels").GetProperty("telegram");
        Assert.False(json.RootElement.GetProperty("healthy").GetBoolean());
        Assert.False(telegram.GetProperty("healthy").GetBoolean());
        Assert.Equal("no poll of Telegram has come back yet", telegram.GetProperty("problem").GetString());
        Assert.True(json.RootElement.GetProperty("database").GetBoolean());
        Assert.Equal(JsonValueKind.Null, telegram.GetProperty("secondsSinceContact").ValueKind);
    }

    [Fact]
    public async Task MetricsCountWhatTheServiceDidWithoutALabelThatNamesAnyone()
    {
        await using var bot = await StartBotAsync(WebWithMetrics);
        Server.FailNext("sendMessage", 429, "Too Many Requests: retry after 1", retryAfter: 1);
        var member = await MemberAtCategoryAsync(MemberId);
        var receipt = await ReportFromCategoryAsync(member, followUp: false, "В больнице не дали метадон три дня, история-метрика-17.");
        Assert.Matches(Scripts.ReceiptCode(), receipt.Text ?? "");

        using var http = Client(bot);
        var text = await http.GetStringAsync(new Uri(MetricsEndpoint.Path, UriKind.Relative));
        var values = text.Split('\n').Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' '))
            .ToDictionary(parts => parts[0], parts => double.Parse(parts[1], CultureInfo.InvariantCulture));
        Console.WriteLine(string.Join(", ", values.Select(v => $"{v.Key} {v.Value}")));

        Assert.Equal(
            ["communitybot_cards_owed", "communitybot_errors_total", "communitybot_reports_total", "communitybot_sends_total", "communitybot_telegram_429_total", "communitybot_updates_total"],
            values.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1, values["communitybot_reports_total"]);
        Assert.Equal(1, values["communitybot_telegram_429_total"]);
        // Each update once, however often Telegram delivered it again while it was in hand (the fake numbers them from 100,001).
        var delivered = Enumerable.Range(100_001, 500).Count(id => Server.DeliveriesOf(id) > 0);
        Assert.True(delivered >= 14, "every press and message of the interview is an update");
        Assert.Equal(delivered, values["communitybot_updates_total"]);
        Assert.True(values["communitybot_sends_total"] >= 14, "every step of the interview is answered");
        Assert.DoesNotContain('{', text);
        Assert.DoesNotContain(MemberId.ToString(CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        Assert.DoesNotContain(Scripts.Label().Match(receipt.Text ?? "").Value is { Length: > 0 } label ? label : "R-", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetricsAreNotServedUnlessTurnedOnAndUnknownPathsAreNotFound()
    {
        await using var bot = await StartBotAsync(Web);

        using var http = Client(bot);
        using var metrics = await http.GetAsync(new Uri(MetricsEndpoint.Path, UriKind.Relative));
        using var unknown = await http.GetAsync(new Uri("/admin", UriKind.Relative));
        using var root = await http.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, root.StatusCode);
    }

    [Fact]
    public async Task AFeatureAddsItsEndpointThroughTheSeamAndBodiesOverTheLimitAreRefused()
    {
        await using var bot = await StartBotAsync(
            new Dictionary<string, string?>(Web) { ["Web:MaxRequestBodyBytes"] = "4096" },
            services => services.AddWebEndpoints<LengthEndpoint>());

        using var http = Client(bot);
        using var small = await http.PostAsync(new Uri(LengthEndpoint.Path, UriKind.Relative), new ByteArrayContent(new byte[1000]));
        using var large = await http.PostAsync(new Uri(LengthEndpoint.Path, UriKind.Relative), new ByteArrayContent(new byte[100_000]));

        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Equal("1000", await small.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
    }

    [Fact]
    public async Task TheWebServerIsOffUnlessAddressesAreSet()
    {
        await using var bot = await StartBotAsync();

        Assert.Empty(bot.Services.GetRequiredService<WebHostService>().Addresses);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", false, true)]
    [InlineData("http://localhost:8080", false, true)]
    [InlineData("http://[::1]:8080", false, true)]
    [InlineData("http://0.0.0.0:8080", false, false)]
    [InlineData("http://192.168.1.20:8080", false, false)]
    [InlineData("http://0.0.0.0:8080", true, true)]
    [InlineData("ftp://127.0.0.1:8080", false, false)]
    public void AnAddressBeyondLoopbackIsRefusedUnlessAllowed(string urls, bool allowRemote, bool accepted) =>
        Assert.Equal(accepted, new WebOptionsValidator().Validate(null, new WebOptions { Urls = urls, AllowRemote = allowRemote }).Succeeded);

    private static HttpClient Client(TelegramBotHost bot) =>
        new() { BaseAddress = bot.Services.GetRequiredService<WebHostService>().Addresses[0], Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>What a webhook would be: a POST whose body is read.</summary>
    private sealed class LengthEndpoint : IWebEndpoints
    {
        public const string Path = "/test/length";

        public void Map(IEndpointRouteBuilder endpoints) =>
            endpoints.MapPost(Path, async (HttpRequest request) =>
            {
                using var buffer = new MemoryStream();
                await request.Body.CopyToAsync(buffer);
                return Results.Text(buffer.Length.ToString(CultureInfo.InvariantCulture));
            });
    }
}
