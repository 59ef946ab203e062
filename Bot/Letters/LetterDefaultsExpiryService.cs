using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommunityBot.Letters;

/// <summary>Erases remembered letter answers nobody has used for their lifetime.</summary>
internal sealed partial class LetterDefaultsExpiryService(LetterDefaults defaults, TimeProvider time, ILogger<LetterDefaultsExpiryService> log)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var erased = await defaults.PurgeAsync().ConfigureAwait(false);
                if (erased > 0)
                {
                    LogErased(log, erased);
                }
            }
#pragma warning disable CA1031 // The sweep runs again in a few hours; one failure must not stop the service.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogFailed(log, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Erased {Count} unused letter defaults")]
    private static partial void LogErased(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Erasing unused letter defaults failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
