namespace CommunityBot.Web;

/// <summary>
/// What one running channel says about itself for <c>/healthz</c>: each channel the service runs registers one, and
/// the service is healthy when every one of them is (and the database takes writes). A channel that is not configured
/// registers nothing, so it cannot make the service look ill.
/// </summary>
internal interface IChannelHealth
{
    /// <summary>The channel's name in the health answer (<c>telegram</c>, <c>messenger</c>).</summary>
    string Channel { get; }

    ChannelHealth Check();
}

/// <param name="Mode">How the channel receives: <c>polling</c> or <c>webhook</c>.</param>
/// <param name="SecondsSinceContact">Since the channel's platform last answered the service; null before the first.</param>
/// <param name="Problem">What is wrong, in a few words for the operator; null when healthy. Never names anyone.</param>
internal sealed record ChannelHealth(bool Healthy, string Mode, long? SecondsSinceContact, string? Problem)
{
    public static long? WholeSeconds(TimeSpan? age) => age is { } known ? (long)Math.Max(0, known.TotalSeconds) : null;
}
