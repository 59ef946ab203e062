using LiteDB;

namespace CommunityBot.Storage;

/// <summary>The database could not be written (a full disk, a file system turned read-only, a failing device). Nothing
/// more is stored after it: the service stops with <c>ExitCodes.StorageFailed</c> and the update in hand stays
/// unconfirmed, so that it comes again once the service runs on a healthy disk.</summary>
internal sealed class StorageFailedException(Exception cause)
    : IOException("The database could not be written: " + cause.Message, cause)
{
    /// <summary>Whether <paramref name="e"/> came from the files themselves rather than from the work's own logic.</summary>
    public static bool IsFileFailure(Exception e)
    {
        for (Exception? cause = e; cause is not null; cause = cause.InnerException)
        {
            // .NET reports a file grown past the size limit (EFBIG) as an ArgumentOutOfRangeException from the file API.
            if (cause is IOException or UnauthorizedAccessException
                || (cause is ArgumentOutOfRangeException && cause.StackTrace?.Contains("System.IO.", StringComparison.Ordinal) == true)
                // LiteDB closes its engine after a write it could not finish and throws from this check ever after.
                || (cause is LiteException && cause.StackTrace?.Contains("LiteDB.Engine.EngineState.Validate", StringComparison.Ordinal) == true))
            {
                return true;
            }
        }
        return false;
    }
}
