using CommunityBot.Conversations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommunityBot.Reports.Retention;

/// <summary>The scheduled purge of the service: at start and then every <see cref="RetentionOptions.Every"/>, the
/// reports that ended longer ago than <see cref="RetentionOptions.PurgeOlderThan"/> lose their content. Logs counts
/// only, never a label.</summary>
internal sealed partial class RetentionService(
    ReportPurge purge, IOptions<RetentionOptions> options, TimeProvider time, CalendarSettings calendar, ILogger<RetentionService> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.Rule(calendar.Today(time.GetUtcNow())) is null)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (settings.Rule(calendar.Today(time.GetUtcNow())) is { } rule)
                {
                    var result = await purge.PurgeAsync(rule, calendar.Today(time.GetUtcNow()));
                    if (result.Erased > 0)
                    {
                        LogPurged(log, result.Erased, result.FileBefore, result.FileAfter);
                    }
                }
            }
#pragma warning disable CA1031 // Tried again at the next round; a failure here must not stop the service.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogFailed(log, ex);
            }
            await Task.Delay(settings.Every, time, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Retention: the content of {Count} ended reports was erased; the database file went from {Before} to {After} bytes")]
    private static partial void LogPurged(ILogger logger, int count, long before, long after);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention: the scheduled purge failed; it is tried again at the next round")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
