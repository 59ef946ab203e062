using CommunityBot.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommunityBot.Conversations;

/// <summary>Erases unfinished reports once they pass their lifetime, whether or not their member ever comes
/// back (an abandoned draft is someone's story sitting on a disk), and update markers after theirs; then destroys the
/// pseudonym keys nothing can be alive under any more.</summary>
internal sealed partial class DraftExpiryService(
    DraftStore drafts,
    MemberLimits limits,
    UpdateMarkers markers,
    TimeProvider time,
    IOptions<IntakeOptions> options,
    ILogger<DraftExpiryService> log) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Sweeps.RunAsync(Interval, time, async () =>
        {
            var lifetime = options.Value.DraftLifetime;
            var erased = await drafts.PurgeOlderThanAsync(time.GetUtcNow() - lifetime);
            if (erased > 0)
            {
                LogErased(log, erased);
            }
            await drafts.DestroyOldKeysAsync(lifetime);
            await limits.DestroyOldKeysAsync();
            await markers.PurgeAsync();
        }, ex => LogFailed(log, ex), stoppingToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Erased {Count} expired drafts")]
    private static partial void LogErased(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Erasing expired drafts failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
