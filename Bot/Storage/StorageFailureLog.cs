using Microsoft.Extensions.Logging;

namespace CommunityBot.Storage;

internal static partial class StorageFailureLog
{
    [LoggerMessage(Level = LogLevel.Critical, Message = "The database {Path} could not be written (disk full, read-only or failing): {Reason}. The service stops with exit code {Code}; what it could not store stays unconfirmed with Telegram. Free or repair the disk and start it again.")]
    public static partial void Stopping(ILogger log, string path, string reason, int code);
}
