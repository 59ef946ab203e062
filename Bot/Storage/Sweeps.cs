namespace CommunityBot.Storage;

/// <summary>The loop every retention service runs: a sweep at start and then at each interval, until the host stops.</summary>
internal static class Sweeps
{
    /// <param name="failed">Told of a sweep that threw; the next one runs at its time regardless, because a sweep
    /// that stops for good would leave expired data on the disk.</param>
    public static async Task RunAsync(TimeSpan interval, TimeProvider time, Func<Task> sweep, Action<Exception> failed, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await sweep();
            }
#pragma warning disable CA1031 // See failed: one failure must not stop the sweeping.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
