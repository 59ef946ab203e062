using System.Buffers.Binary;
using System.Security.Cryptography;
using CommunityBot.Privacy;
using LiteDB;
using Microsoft.Extensions.Options;

namespace CommunityBot.Storage;

/// <summary>How <see cref="BackupRestore.RestoreAsync"/> ended.</summary>
internal abstract record RestoreOutcome
{
    private RestoreOutcome()
    {
    }

    public sealed record Restored(BackupManifest Manifest, string DatabasePath) : RestoreOutcome;

    /// <summary>A process holds the database (its lock is taken, or its backup socket answers).</summary>
    public sealed record InUse(string DatabasePath) : RestoreOutcome;

    /// <summary>A database with content is there and <c>--force</c> was not given.</summary>
    public sealed record NotEmpty(string DatabasePath) : RestoreOutcome;

    public sealed record Unreadable(BackupProblem Problem, string Reason) : RestoreOutcome;
}

/// <summary>
/// Puts a backup's database in place of the configured one: only while no process holds it (its lock is taken for
/// the whole restore, so none can start meanwhile), decrypted into a file beside it, checked against the manifest
/// (checksum, then the counts of the database opened from that file), and only then renamed over the old one.
/// An interrupted restore leaves the old database as it was.
/// </summary>
internal sealed class BackupRestore(KeyRing keys, IOptions<StorageOptions> options)
{
    private const string BesideSuffix = "-restoring";

    public async Task<RestoreOutcome> RestoreAsync(string backupFile, bool force, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var target = settings.DatabasePath;
        var folder = Path.GetDirectoryName(target) ?? ".";
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, OwnerOnlyFiles.FolderMode);
            }
        }

        if (await BackupSocket.AnswersAsync(target, cancellationToken))
        {
            return new RestoreOutcome.InUse(target);
        }
        using var held = Database.TryLock(target);
        if (held is null)
        {
            return new RestoreOutcome.InUse(target);
        }
        if (!force && HasContent(target))
        {
            return new RestoreOutcome.NotEmpty(target);
        }

        var beside = Path.Combine(folder, Path.GetFileNameWithoutExtension(target) + BesideSuffix + Path.GetExtension(target));
        try
        {
            var manifest = await DecryptAsync(backupFile, beside, cancellationToken);
            if (Check(beside, settings.Password, manifest) is { } problem)
            {
                return problem;
            }
            // A log left by the old database would be replayed onto the restored one: it goes first.
            File.Delete(Database.LogPathOf(target));
            File.Move(beside, target, overwrite: true);
            return new RestoreOutcome.Restored(manifest, target);
        }
        catch (BackupFileException e)
        {
            return new RestoreOutcome.Unreadable(e.Problem, e.Message);
        }
        finally
        {
            File.Delete(beside);
            File.Delete(Database.LogPathOf(beside));
        }
    }

    private static bool HasContent(string database) =>
        new[] { database, Database.LogPathOf(database) }.Any(file => File.Exists(file) && new FileInfo(file).Length > 0);

    private async Task<BackupManifest> DecryptAsync(string backupFile, string beside, CancellationToken cancellationToken)
    {
        var input = new FileStream(backupFile, FileMode.Open, FileAccess.Read, FileShare.Read, BackupFormat.ChunkSize);
        await using (input)
        {
            using var reader = new BackupReader(input, keys);
            var lengthBytes = new byte[sizeof(long)];
            reader.ReadExactly(lengthBytes, "database");
            var length = BinaryPrimitives.ReadInt64BigEndian(lengthBytes);
            if (length < 0)
            {
                throw Damaged("the database's length is out of bounds");
            }

            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var output = CreateOwnerOnly(beside);
            await using (output)
            {
                var buffer = new byte[BackupFormat.ChunkSize];
                for (long copied = 0; copied < length;)
                {
                    var part = buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - copied));
                    reader.ReadExactly(part.Span, "database");
                    hash.AppendData(part.Span);
                    await output.WriteAsync(part, cancellationToken);
                    copied += part.Length;
                }
                output.Flush(flushToDisk: true);
            }

            using var rest = new MemoryStream();
            var chunk = new byte[BackupFormat.ChunkSize];
            for (var read = reader.Read(chunk); read > 0; read = reader.Read(chunk))
            {
                if (rest.Length + read > BackupManifest.MaxLength)
                {
                    throw Damaged("what follows the database is not a manifest");
                }
                rest.Write(chunk, 0, read);
            }
            var manifest = BackupManifest.FromJson(rest.ToArray()) ?? throw Damaged("its manifest cannot be read");
            if (manifest.DatabaseLength != length || manifest.Sha256 != Convert.ToHexStringLower(hash.GetHashAndReset()))
            {
                throw Damaged("the database's checksum does not match the manifest");
            }
            return manifest;
        }
    }

    /// <returns>Null when the restored file opens and holds what the manifest counts.</returns>
    private static RestoreOutcome.Unreadable? Check(string beside, string? password, BackupManifest manifest)
    {
        SortedDictionary<string, long> counts;
        try
        {
            using var db = new LiteDatabase(new ConnectionString
            {
                Filename = beside,
                Connection = ConnectionType.Direct,
                ReadOnly = true,
                Password = string.IsNullOrEmpty(password) ? null : password,
            }, new BsonMapper());
            counts = BackupManifest.CountsOf(db);
        }
        catch (LiteException e)
        {
            return new RestoreOutcome.Unreadable(BackupProblem.WrongKeys,
                $"The backup's database does not open with the Storage:Password configured here ({e.Message}); nothing was restored.");
        }
        var expected = manifest.Counts.OrderBy(pair => pair.Key, StringComparer.Ordinal);
        if (!counts.SequenceEqual(expected))
        {
            return new RestoreOutcome.Unreadable(BackupProblem.Damaged,
                "The backup is damaged: its database does not hold what its manifest counts. Nothing was restored from it.");
        }
        return null;
    }

    // Owner-only from its creation: the restored database holds what the live one does.
    private static FileStream CreateOwnerOnly(string path)
    {
        // A leftover of an earlier attempt is removed, so the new file is created, with its mode, not reused.
        File.Delete(path);
        return OwnerOnlyFiles.Open(path, FileMode.CreateNew, FileAccess.ReadWrite);
    }

    private static BackupFileException Damaged(string why) =>
        new(BackupProblem.Damaged, $"The backup is damaged: {why}. Nothing was restored from it.");
}
