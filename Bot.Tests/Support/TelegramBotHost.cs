using CommunityBot.Channels.Telegram;
using CommunityBot.Reports;
using CommunityBot.Web;
using CommunityBot.Tests.Support.FakeTelegram;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CommunityBot.Tests.Support;

/// <summary>The real service host (real <c>TelegramBotClient</c>, real LiteDB, real keys) pointed at the fake Bot API
/// server, on a data folder of the test's own. Dispose it and start another on the same folder to restart.</summary>
internal sealed class TelegramBotHost : IAsyncDisposable
{
    public const long CommunityChatId = -1001000000001;
    public const long ModeratorsChatId = -1009000000001;
    public const string CommunityLink = "almaty-ost";

    private readonly IHost _host;

    private TelegramBotHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public ReportStore Reports => Services.GetRequiredService<ReportStore>();

    public ReportQueue Queue => Services.GetRequiredService<ReportQueue>();

    public StatusChanges StatusChanges => Services.GetRequiredService<StatusChanges>();

    public FollowUpContacts FollowUps => Services.GetRequiredService<FollowUpContacts>();

    /// <param name="services">Replaces services after the channel's own (a clock and dice for the card batches).</param>
    public static async Task<TelegramBotHost> StartAsync(
        FakeTelegramServer server, string dataDirectory, IReadOnlyDictionary<string, string?>? overrides = null, Action<IServiceCollection>? services = null)
    {
        var settings = Settings(server);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        var builder = BotHost.CreateBuilder(dataDirectory, interactive: true, settings);
        BotHost.UseLocalKeyFile(builder);
        builder.Services.AddTelegram().AddWeb(builder.Configuration);
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new TelegramBotHost(host);
    }

    /// <summary>The Telegram settings of a test host pointed at <paramref name="server"/> (the moderators' group, one
    /// community, limits out of the way, cards at once).</summary>
    public static Dictionary<string, string?> Settings(FakeTelegramServer server) => new()
    {
        ["Telegram:BotToken"] = server.Token,
        ["Telegram:ApiBaseUrl"] = server.BaseUrl,
        ["Telegram:ModeratorsChatId"] = ModeratorsChatId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Telegram:Communities:0:ChatId"] = CommunityChatId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Telegram:Communities:0:Key"] = "almaty",
        ["Telegram:Communities:0:Name"] = "ОЗТ Алматы",
        ["Telegram:Communities:0:Language"] = "ru",
        ["Telegram:Communities:0:LinkToken"] = CommunityLink,
        // Tests are not slowed to Telegram's real pace unless they set the rates themselves.
        ["Telegram:Rates:PerChatPerSecond"] = "1000",
        ["Telegram:Rates:PerGroupPerMinute"] = "10000",
        ["Telegram:Rates:GlobalPerSecond"] = "10000",
        // Cards go up as soon as a report is stored unless a test sets the delay itself.
        ["Moderation:CardDelayMin"] = "00:00:00",
        ["Moderation:CardDelayMax"] = "00:00:00",
    };

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
