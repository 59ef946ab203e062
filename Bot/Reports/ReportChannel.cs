namespace CommunityBot.Reports;

/// <summary>How a report came in. Coarse on purpose: it says which kind of chat the member used, never which chat.</summary>
internal enum ReportChannel
{
    Telegram,

    /// <summary>Facebook Messenger, through the Page: membership of a community cannot be checked there.</summary>
    Messenger,

    /// <summary>The operator's terminal (<c>Bot chat</c>).</summary>
    Terminal,
}

/// <summary>The one name of each channel, as reports store it, exports write it and the language files key its wording
/// (<c>mod.channel.{id}</c>).</summary>
internal static class ReportChannels
{
    public static string Id(ReportChannel channel) => channel switch
    {
        ReportChannel.Messenger => "messenger",
        ReportChannel.Terminal => "terminal",
        _ => "telegram",
    };

    /// <summary>A stored name read back; reports stored before the channel was recorded all came through Telegram.</summary>
    public static ReportChannel Parse(string? id) => id switch
    {
        "messenger" => ReportChannel.Messenger,
        "terminal" => ReportChannel.Terminal,
        _ => ReportChannel.Telegram,
    };
}
