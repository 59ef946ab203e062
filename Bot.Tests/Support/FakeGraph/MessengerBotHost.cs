using System.Text;
using System.Text.Json.Nodes;
using CommunityBot.Channels.Messenger;
using CommunityBot.Channels.Telegram;
using CommunityBot.Reports;
using CommunityBot.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CommunityBot.Tests.Support.FakeGraph;

/// <summary>The real service host with the Messenger channel (real Graph client, real LiteDB, real keys) pointed at the
/// fake Graph API server, on a data folder of the test's own. Deliveries are signed as Meta signs them.</summary>
internal sealed class MessengerBotHost : IAsyncDisposable
{
    public const string CommunityLink = "almaty-fb";
    public const string ClosedCommunityLink = "shymkent-fb";

    private readonly IHost _host;
    private bool _disposed;

    private MessengerBotHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public ReportStore Reports => Services.GetRequiredService<ReportStore>();

    public ReportQueue Queue => Services.GetRequiredService<ReportQueue>();

    public StatusChanges StatusChanges => Services.GetRequiredService<StatusChanges>();

    public FollowUpContacts FollowUps => Services.GetRequiredService<FollowUpContacts>();

    public MessengerWebhook Webhook => Services.GetRequiredService<MessengerWebhook>();

    /// <summary>The web server's address, when the test set <c>Web:Urls</c>.</summary>
    public Uri WebAddress => Services.GetRequiredService<WebHostService>().Addresses[0];

    /// <param name="telegram">With a fake Bot API server, the host runs Telegram beside Messenger, as a service with
    /// both configured does (the moderators' group is in Telegram).</param>
    /// <param name="time">The host's clock, when the test moves time on itself.</param>
    public static async Task<MessengerBotHost> StartAsync(
        FakeGraphServer graph, string dataDirectory, IReadOnlyDictionary<string, string?>? overrides = null, FakeTelegram.FakeTelegramServer? telegram = null,
        TimeProvider? time = null)
    {
        var settings = telegram is null ? [] : TelegramBotHost.Settings(telegram);
        foreach (var (key, value) in new Dictionary<string, string?>
        {
            ["Messenger:PageId"] = FakeGraphServer.PageId,
            ["Messenger:AppSecret"] = FakeGraphServer.AppSecret,
            ["Messenger:VerifyToken"] = FakeGraphServer.VerifyToken,
            ["Messenger:PageAccessToken"] = FakeGraphServer.PageAccessToken,
            ["Messenger:GraphApiBaseUrl"] = graph.BaseUrl,
            ["Messenger:GraphApiVersion"] = FakeGraphServer.Version,
            ["Messenger:RateLimitBackoff"] = "00:00:00.010",
            ["Messenger:TemporaryFailureBackoff"] = "00:00:00.010",
            ["Messenger:Communities:0:Key"] = "almaty",
            ["Messenger:Communities:0:LinkToken"] = CommunityLink,
            ["Messenger:Communities:1:Key"] = "shymkent",
            ["Messenger:Communities:1:LinkToken"] = ClosedCommunityLink,
            ["Messenger:Communities:1:Intake"] = "false",
        })
        {
            settings[key] = value;
        }
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        var builder = BotHost.CreateBuilder(dataDirectory, interactive: true, settings);
        BotHost.UseLocalKeyFile(builder);
        if (telegram is not null)
        {
            builder.Services.AddTelegram();
        }
        builder.Services.AddMessenger().AddWeb(builder.Configuration);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }
        var host = builder.Build();
        await host.StartAsync();
        return new MessengerBotHost(host);
    }

    /// <summary>Posts one delivery holding these events, signed with the app secret (or not, or wrongly), and waits
    /// until the bot has handled what it took.</summary>
    public async Task<int> DeliverAsync(IEnumerable<JsonObject> messaging, IEnumerable<JsonObject>? changes = null, string? signature = null)
    {
        var body = Delivery(messaging, changes);
        var status = await Webhook.HandleAsync(body, signature ?? Sign(body), CancellationToken.None);
        await Services.GetRequiredService<MessengerInbox>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return status;
    }

    public static byte[] Delivery(IEnumerable<JsonObject> messaging, IEnumerable<JsonObject>? changes = null)
    {
        var entry = new JsonObject { ["id"] = FakeGraphServer.PageId, ["time"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() };
        entry["messaging"] = new JsonArray([.. messaging.Select(m => (JsonNode)m.DeepClone())]);
        if (changes is not null)
        {
            entry["changes"] = new JsonArray([.. changes.Select(c => (JsonNode)c.DeepClone())]);
        }
        return Encoding.UTF8.GetBytes(new JsonObject { ["object"] = "page", ["entry"] = new JsonArray(entry) }.ToJsonString());
    }

    public static string Sign(byte[] body) => WebhookSignature.Sign(body, Encoding.UTF8.GetBytes(FakeGraphServer.AppSecret));

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        await _host.StopAsync();
        _host.Dispose();
    }
}
