using CommunityBot.Reports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommunityBot.Channels.Telegram.Moderation;

/// <summary>Posts a card to the moderators' group for each report as it is submitted.</summary>
internal sealed partial class ModerationCardsService(Submissions submissions, ModerationChat moderation, ILogger<ModerationCardsService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var id in submissions.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await moderation.PostCardAsync(id, stoppingToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // One card that cannot be posted must not stop the next.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogFailed(log, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A report card could not be posted to the moderators")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
