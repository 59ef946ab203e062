using Telegram.Bot;

namespace CommunityBot.Channels.Telegram;

/// <summary>
/// Where the Bot API calls go and the one HTTP client they go through (<see cref="BotApiHttp"/>): the library's client
/// and the poller's own reading of <c>getUpdates</c> share it, and so its kept connections and its proxy.
/// </summary>
/// <remarks>The addresses hold the token: nothing here is ever logged.</remarks>
internal sealed class BotApiConnection(HttpClient http, TelegramBotClientOptions client)
{
    public HttpClient Http => http;

    /// <summary>The library's settings for the same token and server.</summary>
    public TelegramBotClientOptions Client => client;

    /// <summary>The address of a Bot API method, as the library builds it.</summary>
    public Uri MethodAddress(string method) => new($"{client.BaseRequestUrl}/{method}");
}
