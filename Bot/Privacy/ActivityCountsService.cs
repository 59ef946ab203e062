using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommunityBot.Privacy;

/// <summary>Writes the <see cref="ActivityCounts"/> to the log once per period, on the clock's ten-minute marks, so a
/// line's time says nothing about the events in it. What is counted after the last mark is not written when the service
/// stops: that line's time would be the stop's, and would place the events between the mark and a known moment.</summary>
internal sealed partial class ActivityCountsService(ActivityCounts counts, TimeProvider time, ILogger<ActivityCountsService> log) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(UntilNextMark(time.GetUtcNow()), time, stoppingToken);
                Write();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    internal static TimeSpan UntilNextMark(DateTimeOffset now)
    {
        var ticks = Period.Ticks - (now.UtcTicks % Period.Ticks);
        return TimeSpan.FromTicks(ticks);
    }

    private void Write()
    {
        var taken = counts.Take();
        if (taken.Count > 0)
        {
            var described = ActivityCounts.Describe(taken);
            LogCounts(log, (int)Period.TotalMinutes, described);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Activity in the last {Minutes} minutes or less: {Counts}")]
    private static partial void LogCounts(ILogger logger, int minutes, string counts);
}
