using System.Net;

namespace CommunityBot.Channels.Telegram;

/// <summary>
/// The HTTP client the Bot API calls go through: a plain one, because the factory's handlers would log request URLs,
/// and those contain the token. It does only what the Bot API needs and skips the rest on every call.
/// </summary>
internal static class BotApiHttp
{
    /// <summary>Telegram's own address, when no local Bot API server is configured.</summary>
    public static readonly Uri TelegramAddress = new("https://api.telegram.org");

    /// <summary>Long polls wait 30 s; this is the most any call may take before it counts as failed.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(100);

    /// <param name="apiAddress">Where the calls go.</param>
    /// <param name="systemProxy">The proxy the environment asks for (<see cref="HttpClient.DefaultProxy"/>: HTTPS_PROXY,
    /// ALL_PROXY and NO_PROXY on Linux).</param>
    public static HttpClient Create(Uri apiAddress, IWebProxy systemProxy) =>
        new(Handler(apiAddress, systemProxy)) { Timeout = CallTimeout };

    internal static SocketsHttpHandler Handler(Uri apiAddress, IWebProxy systemProxy) => new()
    {
        // The Bot API neither redirects, sets cookies nor compresses its answers; skipping these saves work on every call.
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        // A proxy the environment sets for this address is used as before; when there is none, the handler does not
        // ask on every call.
        UseProxy = GoesThroughProxy(apiAddress, systemProxy),
        // Connections are kept and reused across calls (HTTP/1.1 keep-alive), and renewed now and then, so that a
        // changed address is picked up.
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
    };

    internal static bool GoesThroughProxy(Uri apiAddress, IWebProxy systemProxy) =>
        !systemProxy.IsBypassed(apiAddress) && systemProxy.GetProxy(apiAddress) is { } proxy && proxy != apiAddress;
}
