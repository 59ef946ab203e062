namespace CommunityBot.Privacy;

/// <summary>Times linked to a member's action are stored no finer than the hour: a stored second (or minute) lines up
/// with a message the member sent, whose time Telegram, the group's members or whoever holds the phone can see.</summary>
internal static class CoarseTime
{
    private const long Hour = 3600;

    /// <summary>The whole hour at or before <paramref name="at"/>.</summary>
    public static DateTimeOffset HourFloor(DateTimeOffset at) => DateTimeOffset.FromUnixTimeSeconds(FloorSeconds(at));

    /// <summary>The whole hour at or after <paramref name="at"/>: a lifetime counted from it is never cut short, and
    /// runs over by less than an hour.</summary>
    public static DateTimeOffset HourCeiling(DateTimeOffset at)
    {
        var floor = HourFloor(at);
        return floor == at ? floor : floor.AddHours(1);
    }

    private static long FloorSeconds(DateTimeOffset at)
    {
        var seconds = at.ToUnixTimeSeconds();
        return seconds - (((seconds % Hour) + Hour) % Hour);
    }
}
