using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CommunityBot.Privacy;

/// <summary>The application's secrets, checked once at start-up: the data key for
/// <see cref="FieldCipher"/> and one HMAC key per <see cref="PseudonymPurpose"/>.</summary>
internal sealed class KeyRing
{
    public const int DataKeyLength = 32;
    public const int MinPseudonymKeyLength = 32;

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private static readonly JsonSerializerOptions FileJson = new() { WriteIndented = true };

    private readonly byte[] _dataKey;
    private readonly Dictionary<PseudonymPurpose, byte[]> _purposeKeys;

    public KeyRing(ReadOnlySpan<byte> dataKey, ReadOnlySpan<byte> pseudonymKey)
    {
        if (dataKey.Length != DataKeyLength)
        {
            throw new ArgumentException($"The data key must be exactly {DataKeyLength} bytes.", nameof(dataKey));
        }

        if (pseudonymKey.Length < MinPseudonymKeyLength)
        {
            throw new ArgumentException($"The pseudonym key must be at least {MinPseudonymKeyLength} bytes.", nameof(pseudonymKey));
        }

        _dataKey = dataKey.ToArray();
        var master = pseudonymKey.ToArray();
        _purposeKeys = Enum.GetValues<PseudonymPurpose>().ToDictionary(
            purpose => purpose,
            purpose => HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, salt: [], info: Info(purpose)));
        CryptographicOperations.ZeroMemory(master);
    }

    public ReadOnlySpan<byte> DataKey => _dataKey;

    public ReadOnlySpan<byte> KeyFor(PseudonymPurpose purpose) => _purposeKeys[purpose];

    /// <summary>Resolves the keys from options (directly set keys win over the key file).</summary>
    /// <exception cref="InvalidOperationException">A key is missing, not base64, too short, or the key
    /// file is readable by other users; the message names the setting.</exception>
    public static KeyRing Load(PrivacyOptions options)
    {
        var dataKey = options.DataKey;
        var pseudonymKey = options.PseudonymKey;
        var dataSource = "Privacy:DataKey";
        var pseudonymSource = "Privacy:PseudonymKey";

        if (string.IsNullOrWhiteSpace(dataKey) || string.IsNullOrWhiteSpace(pseudonymKey))
        {
            if (string.IsNullOrWhiteSpace(options.KeyFile))
            {
                var missing = string.IsNullOrWhiteSpace(dataKey) ? "Privacy:DataKey" : "Privacy:PseudonymKey";
                throw new InvalidOperationException(
                    $"{missing} is not set. Set Privacy:DataKey (base64 of {DataKeyLength} random bytes) and " +
                    $"Privacy:PseudonymKey (base64 of at least {MinPseudonymKeyLength} random bytes), for example " +
                    "through the environment variables Privacy__DataKey and Privacy__PseudonymKey, or set " +
                    "Privacy:KeyFile to a key file readable only by its owner.");
            }

            var file = ReadKeyFile(options.KeyFile);
            if (string.IsNullOrWhiteSpace(dataKey))
            {
                dataKey = file.DataKey;
                dataSource = $"dataKey in Privacy:KeyFile ({options.KeyFile})";
            }

            if (string.IsNullOrWhiteSpace(pseudonymKey))
            {
                pseudonymKey = file.PseudonymKey;
                pseudonymSource = $"pseudonymKey in Privacy:KeyFile ({options.KeyFile})";
            }
        }

        var data = Decode(dataKey, dataSource);
        var pseudonym = Decode(pseudonymKey, pseudonymSource);

        if (data.Length != DataKeyLength)
        {
            throw new InvalidOperationException(
                $"{dataSource} must be base64 of exactly {DataKeyLength} bytes; it has {data.Length}.");
        }

        if (pseudonym.Length < MinPseudonymKeyLength)
        {
            throw new InvalidOperationException(
                $"{pseudonymSource} must be base64 of at least {MinPseudonymKeyLength} bytes; it has {pseudonym.Length}.");
        }

        RefuseWeak(data, dataSource);
        RefuseWeak(pseudonym, pseudonymSource);
        if (data.AsSpan().SequenceEqual(pseudonym))
        {
            throw new InvalidOperationException($"{dataSource} and {pseudonymSource} must be different keys.");
        }

        var ring = new KeyRing(data, pseudonym);
        CryptographicOperations.ZeroMemory(data);
        CryptographicOperations.ZeroMemory(pseudonym);
        return ring;
    }

    /// <summary>Fresh random keys.</summary>
    public static KeyRing Generate() =>
        new(RandomNumberGenerator.GetBytes(DataKeyLength), RandomNumberGenerator.GetBytes(MinPseudonymKeyLength));

    /// <summary>Writes a key file with fresh random keys, readable only by its owner. Never overwrites:
    /// a lost key file makes every stored text unreadable.</summary>
    /// <exception cref="IOException">The file already exists.</exception>
    public static KeyRing CreateKeyFile(string path)
    {
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath);
        if (directory is not null && !Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var data = RandomNumberGenerator.GetBytes(DataKeyLength);
        var pseudonym = RandomNumberGenerator.GetBytes(MinPseudonymKeyLength);
        var json = JsonSerializer.SerializeToUtf8Bytes(
            new KeyFileContent(Convert.ToBase64String(data), Convert.ToBase64String(pseudonym)), FileJson);

        var streamOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            // Set at creation so the file is never readable by others, not even for a moment.
            streamOptions.UnixCreateMode = OwnerOnly;
        }

        using (var stream = new FileStream(fullPath, streamOptions))
        {
            stream.Write(json);
            stream.Flush(flushToDisk: true);
        }

        CryptographicOperations.ZeroMemory(json);
        var ring = new KeyRing(data, pseudonym);
        CryptographicOperations.ZeroMemory(data);
        CryptographicOperations.ZeroMemory(pseudonym);
        return ring;
    }

    // These strings are part of every stored hash: changing one orphans the data hashed with it.
    private static byte[] Info(PseudonymPurpose purpose) => Encoding.UTF8.GetBytes(purpose switch
    {
        PseudonymPurpose.Drafts => "communitybot/drafts",
        PseudonymPurpose.Receipts => "communitybot/receipts",
        PseudonymPurpose.Counters => "communitybot/counters",
        PseudonymPurpose.UpdateMarkers => "communitybot/update-markers",
        PseudonymPurpose.Moderators => "communitybot/moderators",
        PseudonymPurpose.FollowUpQuestions => "communitybot/followup-questions",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, null),
    });

    private static KeyFileContent ReadKeyFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Privacy:KeyFile points at {path}, which does not exist.");
        }

        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & GroupOrOthers) != 0)
            {
                throw new InvalidOperationException(
                    $"Privacy:KeyFile {path} may be read by other users (mode {Octal(mode)}); " +
                    $"make it readable only by its owner: chmod 600 {path}");
            }
        }

        try
        {
            return JsonSerializer.Deserialize<KeyFileContent>(File.ReadAllBytes(path))
                ?? throw new InvalidOperationException($"Privacy:KeyFile {path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException(
                $"Privacy:KeyFile {path} is not JSON of the form {{\"dataKey\": \"...\", \"pseudonymKey\": \"...\"}}.", e);
        }
    }

    private static byte[] Decode(string? base64, string source)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            throw new InvalidOperationException($"{source} is not set.");
        }

        var buffer = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64.Trim(), buffer, out var written))
        {
            throw new InvalidOperationException($"{source} is not valid base64.");
        }

        var key = buffer[..written];
        CryptographicOperations.ZeroMemory(buffer);
        return key;
    }

    private static void RefuseWeak(byte[] key, string source)
    {
        if (key.AsSpan().IndexOfAnyExcept(key[0]) < 0)
        {
            throw new InvalidOperationException($"{source} is a placeholder (every byte is the same); generate a random key.");
        }
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');

    private sealed record KeyFileContent(
        [property: JsonPropertyName("dataKey")] string? DataKey,
        [property: JsonPropertyName("pseudonymKey")] string? PseudonymKey);
}
