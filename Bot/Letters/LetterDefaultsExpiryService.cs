using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommunityBot.Letters;

/// <summary>Erases remembered letter answers nobody has used for their lifetime.</summary>
internal sealed partial class LetterDefaultsExpiryService(LetterDefaults defaults, TimeProvider time, ILogger<LetterDefaultsExpiryService> log)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Storage.Sweeps.RunAsync(Interval, time, async () =>
        {
            var erased = await defaults.PurgeAsync();
            if (erased > 0)
            {
                LogErased(log, erased);
            }
        }, ex => LogFailed(log, ex), stoppingToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Erased {Count} unused letter defaults")]
    private static partial void LogErased(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Erasing unused letter defaults failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
