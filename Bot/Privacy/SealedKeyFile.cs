using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Konscious.Security.Cryptography;

namespace CommunityBot.Privacy;

/// <summary>The cost of deriving the sealing key from a passphrase with Argon2id. It is stored in each sealed file,
/// so it can be raised later: a file sealed with the old cost still opens, and changing the passphrase re-seals it
/// with the current one.</summary>
internal sealed record Argon2Cost(int MemoryKiB, int Iterations, int Parallelism)
{
    /// <summary>64 MiB, 3 passes (RFC 9106's second recommended choice), 2 lanes for a 2-core server.</summary>
    public static readonly Argon2Cost Default = new(64 * 1024, 3, 2);
}

/// <summary>A key file encrypted under a passphrase, so that a copy of the disk without the passphrase yields neither
/// key. The file is versioned JSON:
/// <c>{"format":"communitybot-sealed-keys/1","kdf":{"algorithm":"argon2id","version":19,"memoryKiB":65536,
/// "iterations":3,"parallelism":2,"salt":"..."},"nonce":"...","ciphertext":"..."}</c>; the ciphertext is AES-256-GCM
/// (its 16-byte tag appended) of the data key's 32 bytes followed by the pseudonym key's bytes, with the format
/// string as associated data.</summary>
internal static class SealedKeyFile
{
    public const string Format = "communitybot-sealed-keys/1";

    /// <summary>Shorter passphrases fall to guessing however costly each guess is.</summary>
    public const int MinPassphraseLength = 12;

    private const string FormatFamily = "communitybot-sealed-keys/";
    private const string Algorithm = "argon2id";
    private const int Argon2Version = 0x13;
    private const int SaltLength = 16;
    private const int KeyLength = 32;
    private const int NonceLength = 12;
    private const int TagLength = 16;

    // Bounds against a file that was altered to make opening it take all memory or forever.
    private const int MaxMemoryKiB = 4 * 1024 * 1024;
    private const int MaxIterations = 64;
    private const int MaxParallelism = 16;

    private static readonly JsonSerializerOptions FileJson = new() { WriteIndented = true };

    /// <summary>Whether the bytes of a key file are a sealed key file (of any version) rather than a plain one.</summary>
    public static bool IsSealed(ReadOnlySpan<byte> file)
    {
        try
        {
            var reader = new Utf8JsonReader(file);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("format", out var format) &&
                format.ValueKind == JsonValueKind.String &&
                format.GetString() is { } name && name.StartsWith(FormatFamily, StringComparison.Ordinal);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Seals the keys into a new file, readable only by its owner.</summary>
    /// <exception cref="IOException">The file already exists: a key file is never overwritten by this.</exception>
    public static void Create(string path, KeyMaterial keys, byte[] passphrase, Argon2Cost cost)
    {
        var content = Seal(keys, passphrase, cost);
        OwnerOnlyFiles.CreateNew(path, content);
    }

    /// <summary>Seals the keys under a passphrase in place of the key file at <paramref name="path"/> (plain or sealed):
    /// the new file is written beside it and checked to open with the passphrase before it takes the old one's name;
    /// the old content is then overwritten.</summary>
    /// <exception cref="IOException">A file left by an interrupted earlier attempt is in the way.</exception>
    public static void Replace(string path, KeyMaterial keys, byte[] passphrase, Argon2Cost cost)
    {
        var fullPath = Path.GetFullPath(path);
        var staged = fullPath + ".sealing";
        var content = Seal(keys, passphrase, cost);
        using (var check = Open(content, passphrase, staged))
        {
            if (check is null || !check.SameAs(keys))
            {
                throw new CryptographicException("The newly sealed keys did not open again; nothing was changed.");
            }
        }

        OwnerOnlyFiles.CreateNew(staged, content);
        OwnerOnlyFiles.ReplaceAndOverwriteOld(staged, fullPath);
    }

    /// <summary>Opens a sealed key file's bytes; null when the passphrase is not the one it was sealed with (or the
    /// file was altered). The passphrase is left to the caller to zero.</summary>
    /// <exception cref="InvalidOperationException">The file is not a sealed key file this program can read; the
    /// message names <paramref name="path"/>.</exception>
    public static KeyMaterial? Open(ReadOnlySpan<byte> file, byte[] passphrase, string path)
    {
        var (content, kdf) = Parse(file, path);
        var salt = Base64(kdf.Salt, "kdf.salt", path);
        var nonce = Base64(content.Nonce, "nonce", path);
        var sealedBytes = Base64(content.Ciphertext, "ciphertext", path);
        if (salt.Length < SaltLength || nonce.Length != NonceLength || sealedBytes.Length < KeyRing.DataKeyLength + KeyRing.MinPseudonymKeyLength + TagLength)
        {
            throw Malformed(path, "its salt, nonce or ciphertext has the wrong length");
        }

        var key = Derive(passphrase, salt, new Argon2Cost(kdf.MemoryKiB, kdf.Iterations, kdf.Parallelism));
        var plain = new byte[sealedBytes.Length - TagLength];
        try
        {
            using var aes = new AesGcm(key, TagLength);
            aes.Decrypt(nonce, sealedBytes.AsSpan(0, plain.Length), sealedBytes.AsSpan(plain.Length), plain, AssociatedData());
            return new KeyMaterial(plain[..KeyRing.DataKeyLength], plain[KeyRing.DataKeyLength..]);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private static byte[] Seal(KeyMaterial keys, byte[] passphrase, Argon2Cost cost)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltLength);
        var nonce = RandomNumberGenerator.GetBytes(NonceLength);
        var key = Derive(passphrase, salt, cost);
        var plain = new byte[keys.DataKey.Length + keys.PseudonymKey.Length];
        var sealedBytes = new byte[plain.Length + TagLength];
        try
        {
            keys.DataKey.CopyTo(plain, 0);
            keys.PseudonymKey.CopyTo(plain, keys.DataKey.Length);
            using var aes = new AesGcm(key, TagLength);
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(0, plain.Length), sealedBytes.AsSpan(plain.Length), AssociatedData());
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(plain);
        }

        var content = new FileContent(
            Format,
            new KdfContent(Algorithm, Argon2Version, cost.MemoryKiB, cost.Iterations, cost.Parallelism, Convert.ToBase64String(salt)),
            Convert.ToBase64String(nonce),
            Convert.ToBase64String(sealedBytes));
        return JsonSerializer.SerializeToUtf8Bytes(content, FileJson);
    }

    private static byte[] Derive(byte[] passphrase, byte[] salt, Argon2Cost cost)
    {
        using var argon2 = new Argon2id(passphrase)
        {
            Salt = salt,
            MemorySize = cost.MemoryKiB,
            Iterations = cost.Iterations,
            DegreeOfParallelism = cost.Parallelism,
        };
        return argon2.GetBytes(KeyLength);
    }

    private static (FileContent Content, KdfContent Kdf) Parse(ReadOnlySpan<byte> file, string path)
    {
        FileContent? content;
        try
        {
            content = JsonSerializer.Deserialize<FileContent>(file);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"The sealed key file {path} is not valid JSON.", e);
        }

        if (content?.Format != Format)
        {
            throw content?.Format is { } other && other.StartsWith(FormatFamily, StringComparison.Ordinal)
                ? new InvalidOperationException($"The sealed key file {path} is in the format '{other}', which this version of the program does not know; run the version that wrote it, or a newer one.")
                : Malformed(path, "it does not say \"format\": \"" + Format + "\"");
        }

        if (content.Kdf is not { Algorithm: Algorithm, Version: Argon2Version } kdf)
        {
            throw Malformed(path, $"its key derivation is not {Algorithm} version {Argon2Version}");
        }

        if (kdf.Parallelism is < 1 or > MaxParallelism || kdf.Iterations is < 1 or > MaxIterations ||
            kdf.MemoryKiB < 8 * kdf.Parallelism || kdf.MemoryKiB > MaxMemoryKiB)
        {
            throw Malformed(path, "its key derivation cost is out of range");
        }

        return (content, kdf);
    }

    private static byte[] Base64(string? text, string field, string path)
    {
        try
        {
            return Convert.FromBase64String(text ?? throw Malformed(path, $"it has no {field}"));
        }
        catch (FormatException)
        {
            throw Malformed(path, $"its {field} is not base64");
        }
    }

    private static InvalidOperationException Malformed(string path, string why) =>
        new($"The sealed key file {path} cannot be read: {why}.");

    private static byte[] AssociatedData() => Encoding.UTF8.GetBytes(Format);

    private sealed record FileContent(
        [property: JsonPropertyName("format")] string? Format,
        [property: JsonPropertyName("kdf")] KdfContent? Kdf,
        [property: JsonPropertyName("nonce")] string? Nonce,
        [property: JsonPropertyName("ciphertext")] string? Ciphertext);

    private sealed record KdfContent(
        [property: JsonPropertyName("algorithm")] string? Algorithm,
        [property: JsonPropertyName("version")] int Version,
        [property: JsonPropertyName("memoryKiB")] int MemoryKiB,
        [property: JsonPropertyName("iterations")] int Iterations,
        [property: JsonPropertyName("parallelism")] int Parallelism,
        [property: JsonPropertyName("salt")] string? Salt);
}
