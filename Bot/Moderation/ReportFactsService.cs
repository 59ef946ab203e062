using CommunityBot.Reports;
using CommunityBot.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommunityBot.Moderation;

/// <summary>At start, builds the reports' facts for a database written before they existed (a single look-up when
/// they are there), in the background so that the first poll does not wait for it.</summary>
internal sealed partial class ReportFactsService(Database database, ILogger<ReportFactsService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var written = await ReportFactsCollection.BuildAsync(database).ConfigureAwait(false);
            if (written > 0)
            {
                LogBuilt(log, written);
            }
        }
#pragma warning disable CA1031 // The first statistics or export builds them again; a failure here must not stop the host.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailed(log, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Built the facts of {Count} reports for statistics")]
    private static partial void LogBuilt(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Building the reports' facts failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
