using System.Runtime.InteropServices;

namespace CommunityBot.Privacy;

/// <summary>
/// Every file this program writes that may hold members' words or the keys to them (keys, passphrases, exports,
/// letters, charts, scratch files, the database and the terminal's log): readable and writable by its owner only
/// from its first moment, whether or not a file of that name was there before. The one place the mode is decided.
/// </summary>
internal static class OwnerOnlyFiles
{
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode FolderMode = Mode | UnixFileMode.UserExecute;

    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private const int DefaultBufferSize = 4096;

    /// <summary>Opens <paramref name="path"/>; a file it creates is owner-only at creation (a mode set afterwards
    /// would leave a moment in which others could open it). An existing file keeps its mode: see
    /// <see cref="WriteAsync(string, Func{Stream, CancellationToken, Task}, CancellationToken)"/> to replace one.</summary>
    public static FileStream Open(string path, FileMode mode, FileAccess access, FileShare share = FileShare.None,
        FileOptions options = FileOptions.None, int bufferSize = DefaultBufferSize)
    {
        var settings = new FileStreamOptions { Mode = mode, Access = access, Share = share, Options = options, BufferSize = bufferSize };
        if (!OperatingSystem.IsWindows())
        {
            settings.UnixCreateMode = Mode;
        }
        return new FileStream(path, settings);
    }

    /// <summary>Creates the folder (and its parents) owner-only when it does not exist; an existing one is left as it is.</summary>
    public static void CreateFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            return;
        }
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, FolderMode);
        }
    }

    /// <summary>Makes an existing file or folder owner-only (one made by an older version keeps its mode otherwise).</summary>
    public static void Tighten(string path, bool folder = false)
    {
        if (!OperatingSystem.IsWindows() && (File.Exists(path) || Directory.Exists(path)))
        {
            File.SetUnixFileMode(path, folder ? FolderMode : Mode);
        }
    }

    /// <summary>Writes a new file that must not exist yet, and flushes it to the disk before this returns (keys).</summary>
    /// <exception cref="IOException">The file already exists.</exception>
    public static void CreateNew(string path, ReadOnlySpan<byte> content)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
        {
            CreateFolder(directory);
        }
        using var stream = Open(path, FileMode.CreateNew, FileAccess.Write);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }

    /// <inheritdoc cref="WriteAsync(string, Func{Stream, CancellationToken, Task}, CancellationToken)"/>
    public static Task WriteAsync(string path, byte[] content, CancellationToken cancellationToken) =>
        WriteAsync(path, (stream, ct) => stream.WriteAsync(content, ct).AsTask(), cancellationToken);

    /// <summary>Writes the file at <paramref name="path"/> as a new file, owner-only from its creation, and puts it in
    /// the place of whatever had the name in one rename: an existing 0644 file is replaced, not written into (whoever
    /// had opened it keeps reading the old content, never the new); a symbolic link is replaced, not followed; and a
    /// write that fails leaves the old file as it was, never half a file.</summary>
    public static Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken) =>
        WriteUnlessDroppedAsync(path, async (stream, ct) =>
        {
            await write(stream, ct);
            return true;
        }, cancellationToken);

    /// <summary>As <see cref="WriteAsync(string, Func{Stream, CancellationToken, Task}, CancellationToken)"/>, except
    /// that when <paramref name="write"/> returns false what it wrote is dropped and whatever had the name stays as it
    /// was (an export that found nothing does not replace last month's file with an empty one).</summary>
    /// <returns>Whether the file was put in place.</returns>
    public static async Task<bool> WriteUnlessDroppedAsync(string path, Func<Stream, CancellationToken, Task<bool>> write, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var staged = Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = Open(staged, FileMode.CreateNew, FileAccess.Write);
            await using (stream)
            {
                if (!await write(stream, cancellationToken))
                {
                    return false;
                }
                await stream.FlushAsync(cancellationToken);
            }
            File.Move(staged, full, overwrite: true);
            return true;
        }
        finally
        {
            File.Delete(staged);
        }
    }

    /// <exception cref="InvalidOperationException">Others may read the file; the message names the setting.</exception>
    public static void RefuseIfOthersCanRead(string path, string setting)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupOrOthers) != 0)
        {
            throw new InvalidOperationException(
                $"{setting} {path} may be read by other users (mode {Octal(mode)}); " +
                $"make it readable only by its owner: chmod 600 {path}");
        }
    }

    /// <summary>Puts <paramref name="replacement"/> in the place of <paramref name="path"/> in one rename, then
    /// overwrites the old content with zeros: the path always holds one whole file, and the old bytes do not stay in
    /// the freed blocks of an ordinary file system (a copy-on-write file system or an SSD's spare blocks may still keep
    /// them).</summary>
    public static void ReplaceAndOverwriteOld(string replacement, string path)
    {
        // Opened before the rename: the handle still reaches the old content once its name points at the new file.
        using (var old = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete))
        {
            File.Move(replacement, path, overwrite: true);
            // The new name must be on the disk before the old content goes: a power cut between the two must not
            // leave the name on a file of zeros.
            SyncDirectory(Path.GetDirectoryName(path) ?? ".");
            Overwrite(old);
        }
    }

    /// <summary>Overwrites a file with zeros, then removes it: for copies of old content that must not stay readable
    /// in the freed blocks of an ordinary file system.</summary>
    public static void OverwriteAndDelete(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }
        using (var old = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete))
        {
            Overwrite(old);
        }
        File.Delete(path);
    }

    private static void Overwrite(FileStream old)
    {
        var zeros = new byte[Math.Min(old.Length, 1 << 20)];
        old.Position = 0;
        for (var left = old.Length; left > 0; left -= zeros.Length)
        {
            old.Write(zeros, 0, (int)Math.Min(left, zeros.Length));
        }
        old.Flush(flushToDisk: true);
    }

    /// <summary>Flushes a folder to the disk, so that the names created or renamed in it survive a power cut.</summary>
    public static void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fd = Native.Open(System.Text.Encoding.UTF8.GetBytes(directory + "\0"), 0);
        if (fd < 0)
        {
            throw new IOException($"{directory} could not be opened to make the new file durable (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Native.Fsync(fd) != 0)
            {
                throw new IOException($"{directory} could not be flushed to the disk (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Native.Close(fd);
        }
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');

    // .NET cannot open a directory as a file, and only a directory's own fsync makes a rename in it durable.
    private static class Native
    {
        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        public static extern int Open(byte[] nulTerminatedPath, int flags);

        [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
        public static extern int Fsync(int fd);

        [DllImport("libc", EntryPoint = "close", SetLastError = true)]
        public static extern int Close(int fd);
    }
}
