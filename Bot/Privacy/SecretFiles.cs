using System.Runtime.InteropServices;

namespace CommunityBot.Privacy;

/// <summary>Files that hold secrets (keys, passphrases): created readable by their owner only, and refused when
/// others could read them.</summary>
internal static class SecretFiles
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode OwnerOnlyDirectory = OwnerOnly | UnixFileMode.UserExecute;

    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

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

    /// <summary>Writes a new file that must not exist yet, readable only by its owner from its first moment, and
    /// flushed to the disk before this returns.</summary>
    /// <exception cref="IOException">The file already exists.</exception>
    public static void CreateNew(string path, ReadOnlySpan<byte> content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null && !Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, OwnerOnlyDirectory);
            }
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            // Set at creation so the file is never readable by others, not even for a moment.
            options.UnixCreateMode = OwnerOnly;
        }

        using var stream = new FileStream(path, options);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
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
            var zeros = new byte[old.Length];
            old.Position = 0;
            old.Write(zeros);
            old.Flush(flushToDisk: true);
        }
    }

    private static void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fd = Native.Open(System.Text.Encoding.UTF8.GetBytes(directory + "\0"), 0);
        if (fd < 0)
        {
            throw new IOException($"{directory} could not be opened to make the new key file durable (errno {Marshal.GetLastPInvokeError()}).");
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
