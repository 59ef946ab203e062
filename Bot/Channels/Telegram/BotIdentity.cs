namespace CommunityBot.Channels.Telegram;

/// <summary>Who the bot is, as <c>getMe</c> answered at start-up: its username makes the deep links.</summary>
internal sealed class BotIdentity
{
    public string Username { get; set; } = "";

    public string DeepLink(string payload) => $"https://t.me/{Username}?start={payload}";
}
