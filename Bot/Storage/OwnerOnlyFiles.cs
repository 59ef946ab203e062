using System.Text;
using Serilog.Sinks.File;

namespace CommunityBot.Storage;

/// <summary>Files written for the operator that may hold members' words (an export, a letter, a chart of counts, the
/// terminal's log): readable and writable by their owner only, whether or not the file was there before.</summary>
internal static class OwnerOnlyFiles
{
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode FolderMode = Mode | UnixFileMode.UserExecute;

    /// <summary>A new file at <paramref name="path"/>, open for writing. A mode given at creation applies only to a new
    /// file, and whoever opened an existing 0644 file before its mode changed could keep reading what is written
    /// next; so an existing file is removed first, and its replacement is a new file created owner-only.</summary>
    public static FileStream Create(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = Mode;
        }
        // A symbolic link is removed, not followed: what is written never lands where the link pointed.
        File.Delete(path);
        return new FileStream(path, options);
    }

    public static async Task WriteAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        var file = Create(path);
        await using (file.ConfigureAwait(false))
        {
            await file.WriteAsync(content, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>Makes each log file the terminal verbs write owner-only as soon as it is opened, before a line is
/// written to it (the file sink creates files with the process's default mode, usually 0644).</summary>
internal sealed class OwnerOnlyLogFiles : FileLifecycleHooks
{
    public override Stream OnFileOpened(string path, Stream underlyingStream, Encoding encoding)
    {
        // By path: the sink hands over its own wrapper, not the file stream. The folder is the owner's alone (0700), so
        // nobody else can swap the file under the name in between.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, OwnerOnlyFiles.Mode);
        }
        return underlyingStream;
    }
}
