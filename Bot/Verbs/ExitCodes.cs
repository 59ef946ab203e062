namespace CommunityBot.Verbs;

internal static class ExitCodes
{
    /// <summary>The operation failed for a reason its message gives (a template not found, a refused letter).</summary>
    public const int Failed = 1;

    /// <summary>A value on the command line that is not known (the shells' usage error).</summary>
    public const int Usage = 2;

    /// <summary>An export that no report matched: nothing was written, and a file already at <c>--out</c> is as it was
    /// (so that a script does not mistake "nothing this month" for a file, nor for a failure).</summary>
    public const int NothingMatched = 3;

    /// <summary>EX_CONFIG from sysexits.h: the configuration is missing or wrong.</summary>
    public const int Configuration = 78;

    /// <summary>EX_IOERR from sysexits.h: the database could not be written (disk full, read-only, failing); see
    /// <see cref="Storage.StorageFailedException"/>.</summary>
    public const int StorageFailed = 74;
}
