using CommunityBot.Privacy;
using CommunityBot.Reports;
using CommunityBot.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommunityBot.Moderation;

/// <summary>At start, builds the reports' facts, their running counts and the blind index of their words for a database
/// written before they existed (a single look-up each when they are there), then reads the counts ahead for the first
/// statistics, in the background so that the first poll does not wait for it.</summary>
internal sealed partial class ReportFactsService(Database database, FieldCipher cipher, Pseudonyms pseudonyms, ReportReader reader, ILogger<ReportFactsService> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await database.RunAsync(db => ReportCollections.DropUnusedIndexesAtClose(db, database));
            var written = await ReportFactsCollection.BuildAsync(database);
            if (written > 0)
            {
                LogBuilt(log, written);
            }
            var indexed = await SearchIndex.BuildAsync(database, cipher, pseudonyms);
            if (indexed > 0)
            {
                LogIndexed(log, indexed);
            }
            await reader.WarmTalliesAsync(stoppingToken);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Indexed the words of {Count} reports for search")]
    private static partial void LogIndexed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Building the reports' facts or search index failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
