namespace CommunityBot.Storage;

/// <summary>The database could not be written (a full disk, a file system turned read-only, a failing device). Nothing
/// more is stored after it: the service stops with <c>ExitCodes.StorageFailed</c> and the update in hand stays
/// unconfirmed, so that it comes again once the service runs on a healthy disk.</summary>
internal sealed class StorageFailedException(Exception cause)
    : IOException("The database could not be written: " + cause.Message, cause);
