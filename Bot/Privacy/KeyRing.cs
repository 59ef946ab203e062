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

    /// <summary>Resolves the keys from options (directly set keys win over the key file). A sealed key file is opened
    /// with a passphrase from <c>Privacy:PassphraseFd</c>, <c>Privacy:PassphraseFile</c> or the systemd credential.</summary>
    /// <exception cref="InvalidOperationException">A key is missing, not base64, too short, the key
    /// file is readable by other users, or no passphrase opens it; the message names the setting.</exception>
    public static KeyRing Load(PrivacyOptions options) => Load(options, PassphraseSources.Service()).Ring;

    /// <inheritdoc cref="Load(PrivacyOptions)"/>
    internal static LoadedKeys Load(PrivacyOptions options, PassphraseSources passphrases)
    {
        var dataSet = !string.IsNullOrWhiteSpace(options.DataKey);
        var pseudonymSet = !string.IsNullOrWhiteSpace(options.PseudonymKey);
        if ((!dataSet || !pseudonymSet) && string.IsNullOrWhiteSpace(options.KeyFile))
        {
            var missing = dataSet ? "Privacy:PseudonymKey" : "Privacy:DataKey";
            throw new InvalidOperationException(
                $"{missing} is not set. Set Privacy:DataKey (base64 of {DataKeyLength} random bytes) and " +
                $"Privacy:PseudonymKey (base64 of at least {MinPseudonymKeyLength} random bytes), for example " +
                "through the environment variables Privacy__DataKey and Privacy__PseudonymKey, or set " +
                "Privacy:KeyFile to a key file readable only by its owner.");
        }

        var source = KeySource.Settings;
        var dataSource = "Privacy:DataKey";
        var pseudonymSource = "Privacy:PseudonymKey";
        byte[] data;
        byte[] pseudonym;
        if (dataSet && pseudonymSet)
        {
            data = Decode(options.DataKey, dataSource);
            pseudonym = Decode(options.PseudonymKey, pseudonymSource);
        }
        else
        {
            var path = options.KeyFile ?? "";
            var file = ReadKeyFile(path, options, passphrases);
            source = file.Source;
            var fileName = file.Source == KeySource.SealedFile ? $"the sealed Privacy:KeyFile ({path})" : $"Privacy:KeyFile ({path})";
            if (dataSet)
            {
                CryptographicOperations.ZeroMemory(file.Keys.DataKey);
                data = Decode(options.DataKey, dataSource);
            }
            else
            {
                data = file.Keys.DataKey;
                dataSource = $"dataKey in {fileName}";
            }

            if (pseudonymSet)
            {
                CryptographicOperations.ZeroMemory(file.Keys.PseudonymKey);
                pseudonym = Decode(options.PseudonymKey, pseudonymSource);
            }
            else
            {
                pseudonym = file.Keys.PseudonymKey;
                pseudonymSource = $"pseudonymKey in {fileName}";
            }
        }

        try
        {
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

            return new LoadedKeys(new KeyRing(data, pseudonym), source);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(data);
            CryptographicOperations.ZeroMemory(pseudonym);
        }
    }

    /// <summary>The keys of a plain key file, for sealing it.</summary>
    /// <exception cref="InvalidOperationException">The file is missing, readable by others, sealed already, or
    /// malformed; the message names it.</exception>
    internal static KeyMaterial ReadPlainKeyFile(string path)
    {
        var file = ReadKeyFile(path, new PrivacyOptions { KeyFile = path }, new PassphraseSources(null, null), plainOnly: true);
        return file.Keys;
    }

    /// <summary>Fresh random keys.</summary>
    public static KeyRing Generate() =>
        new(RandomNumberGenerator.GetBytes(DataKeyLength), RandomNumberGenerator.GetBytes(MinPseudonymKeyLength));

    /// <summary>Writes a key file with fresh random keys, readable only by its owner. Never overwrites:
    /// a lost key file makes every stored text unreadable.</summary>
    /// <exception cref="IOException">The file already exists.</exception>
    public static KeyRing CreateKeyFile(string path)
    {
        using var keys = KeyMaterial.Fresh();
        var json = JsonSerializer.SerializeToUtf8Bytes(
            new KeyFileContent(Convert.ToBase64String(keys.DataKey), Convert.ToBase64String(keys.PseudonymKey)), FileJson);
        try
        {
            SecretFiles.CreateNew(Path.GetFullPath(path), json);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(json);
        }

        return new KeyRing(keys.DataKey, keys.PseudonymKey);
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
        PseudonymPurpose.SearchWords => "communitybot/search-words",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, null),
    });

    private static KeyFileRead ReadKeyFile(string path, PrivacyOptions options, PassphraseSources passphrases, bool plainOnly = false)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Privacy:KeyFile points at {path}, which does not exist.");
        }

        SecretFiles.RefuseIfOthersCanRead(path, "Privacy:KeyFile");
        var bytes = File.ReadAllBytes(path);
        if (SealedKeyFile.IsSealed(bytes))
        {
            if (plainOnly)
            {
                throw new InvalidOperationException($"The key file {path} is sealed already.");
            }

            using var passphrase = Passphrases.Find(options, passphrases, path);
            var keys = SealedKeyFile.Open(bytes, passphrase.Bytes, path) ?? throw new InvalidOperationException(
                $"The passphrase from {passphrase.Source} does not open the sealed key file {path} (Privacy:KeyFile): " +
                "it is not the passphrase the file was sealed with, or the file was altered.");
            return new KeyFileRead(keys, KeySource.SealedFile);
        }

        KeyFileContent content;
        try
        {
            content = JsonSerializer.Deserialize<KeyFileContent>(bytes)
                ?? throw new InvalidOperationException($"Privacy:KeyFile {path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException(
                $"Privacy:KeyFile {path} is not JSON of the form {{\"dataKey\": \"...\", \"pseudonymKey\": \"...\"}}.", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }

        return new KeyFileRead(
            new KeyMaterial(Decode(content.DataKey, $"dataKey in Privacy:KeyFile ({path})"), Decode(content.PseudonymKey, $"pseudonymKey in Privacy:KeyFile ({path})")),
            KeySource.PlainFile);
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

    private sealed record KeyFileRead(KeyMaterial Keys, KeySource Source);

    private sealed record KeyFileContent(
        [property: JsonPropertyName("dataKey")] string? DataKey,
        [property: JsonPropertyName("pseudonymKey")] string? PseudonymKey);
}

/// <summary>Where the keys came from: a plain key file on disk is worth a warning.</summary>
internal enum KeySource
{
    Settings,
    PlainFile,
    SealedFile,
}

internal sealed record LoadedKeys(KeyRing Ring, KeySource Source);
