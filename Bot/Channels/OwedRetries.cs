namespace CommunityBot.Channels;

/// <summary>The loop both channels try their owed receipts in: a look after <c>first</c>, then, while something is still
/// owed that may get through later, waits doubling up to <c>longest</c>; back to <c>first</c> once nothing is.</summary>
internal static class OwedRetries
{
    /// <param name="tryOwed">Tries what is owed; true when something is still owed that may get through later.</param>
    public static async Task RunAsync(Func<CancellationToken, Task<bool>> tryOwed, TimeSpan first, TimeSpan longest, TimeProvider time,
        CancellationToken stoppingToken)
    {
        var wait = first;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(wait, time, stoppingToken);
                wait = await tryOwed(stoppingToken) ? (wait * 2 < longest ? wait * 2 : longest) : first;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is owed is kept where each channel keeps it.
        }
    }
}
