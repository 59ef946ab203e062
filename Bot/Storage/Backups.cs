using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using LiteDB;

namespace CommunityBot.Storage;

/// <summary>What a backup holds, written inside it after the database: enough to check a restore against.</summary>
/// <param name="Format">The backup format (<see cref="BackupFormat.Version"/>).</param>
/// <param name="SchemaVersion">The database's user version (LiteDB's <c>USER_VERSION</c> pragma).</param>
/// <param name="TakenOn">When, in UTC, to the minute.</param>
/// <param name="Counts">Documents per collection.</param>
/// <param name="DatabaseLength">Bytes of the database file.</param>
/// <param name="Sha256">Checksum of the database file's bytes, lowercase hex.</param>
internal sealed record BackupManifest(
    int Format,
    int SchemaVersion,
    string TakenOn,
    IReadOnlyDictionary<string, long> Counts,
    long DatabaseLength,
    string Sha256)
{
    /// <summary>A manifest is a few hundred bytes; anything far larger is not one.</summary>
    public const int MaxLength = 1024 * 1024;

    public long ReportCount => Counts.GetValueOrDefault(Reports.ReportDocuments.Collection);

    public byte[] ToJson() => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(this, BackupJsonContext.Default.BackupManifest);

    /// <returns>Null when <paramref name="json"/> is not a manifest.</returns>
    public static BackupManifest? FromJson(ReadOnlySpan<byte> json)
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize(json, BackupJsonContext.Default.BackupManifest);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Documents per collection of an open database, in name order.</summary>
    public static SortedDictionary<string, long> CountsOf(LiteDatabase db) =>
        new(db.GetCollectionNames().ToDictionary(name => name, name => db.GetCollection(name).LongCount()), StringComparer.Ordinal);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(BackupManifest))]
internal sealed partial class BackupJsonContext : JsonSerializerContext;

/// <summary>
/// Takes a backup of the live database. Through the gate, so no write interleaves: a checkpoint moves every committed
/// page from LiteDB's log into the data file, and the data file is then read whole before the gate lets the next work
/// in. Nothing between the checkpoint and the end of the copy writes to it (LiteDB writes the data file only when it
/// checkpoints, and only the gate's thread does that). The copy is the file's own bytes: LiteDB's own encryption, if
/// set, and every index come back exactly as they were, with none of <c>Rebuild</c>'s traps (LiteDB #2827, #2777).
/// </summary>
internal sealed class Backups(Database database, Privacy.KeyRing keys, TimeProvider time)
{
    /// <summary>Writes an encrypted backup to <paramref name="output"/>. The gate is held for the copy, so members wait
    /// that long (the time to read the database file once).</summary>
    public Task<BackupManifest> WriteAsync(Stream output) => database.RunAsync(db => Write(db, output));

    private BackupManifest Write(LiteDatabase db, Stream output)
    {
        db.Checkpoint();
        var counts = BackupManifest.CountsOf(db);
        using var writer = new BackupWriter(output, keys);
        using var file = new FileStream(database.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var length = file.Length;
        Span<byte> lengthBytes = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(lengthBytes, length);
        writer.Write(lengthBytes);

        var buffer = new byte[BackupFormat.ChunkSize];
        for (long copied = 0; copied < length;)
        {
            var read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, length - copied));
            if (read == 0)
            {
                throw new IOException($"The database file {database.Path} ended while it was being copied.");
            }
            hash.AppendData(buffer, 0, read);
            writer.Write(buffer.AsSpan(0, read));
            copied += read;
        }

        var manifest = new BackupManifest(
            BackupFormat.Version,
            db.UserVersion,
            time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture),
            counts,
            length,
            Convert.ToHexStringLower(hash.GetHashAndReset()));
        writer.Write(manifest.ToJson());
        writer.Finish();
        return manifest;
    }
}
