namespace CommunityBot.Tests.Support;

/// <summary>
/// The system clock moved to noon of the day it is now in <paramref name="zone"/>: time goes on at its real pace (the
/// bot's timers and delays are real), but a test that reads "today" before and after the bot does cannot see midnight
/// or a month's end pass between the two, whenever the test runs.
/// </summary>
internal sealed class ShiftedClock(TimeZoneInfo zone) : TimeProvider
{
    private readonly DateTimeOffset _start = Noon(zone, System.GetUtcNow());
    private readonly long _started = System.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => _start + System.GetElapsedTime(_started);

    private static DateTimeOffset Noon(TimeZoneInfo zone, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var noon = new DateTime(local.Year, local.Month, local.Day, 12, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(noon, zone.GetUtcOffset(noon)).ToUniversalTime();
    }
}
