using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CommunityBot.Privacy;

namespace CommunityBot.Storage;

/// <summary>
/// The backup file: a header in clear (magic, format version, a random salt, a key check), then the content in chunks
/// of at most <see cref="ChunkSize"/> bytes, each sealed with AES-GCM. The key is derived from the data key and the
/// file's own salt, for this purpose only, so a backup opens with the keys of the data it was taken from and with
/// nothing else. Each chunk's nonce holds its index and whether it is the last, so chunks cannot be dropped,
/// reordered, or cut off at the end unnoticed; the header is bound to every chunk as associated data.
/// </summary>
internal static class BackupFormat
{
    public const byte Version = 1;

    /// <summary>Both ends hold one chunk at a time, whatever the database's size.</summary>
    public const int ChunkSize = 64 * 1024;

    public const int TagLength = 16;

    public const int NonceLength = 12;

    public const int SaltLength = 32;

    public const int KeyCheckLength = 32;

    public const int HeaderLength = MagicLength + 1 + SaltLength + KeyCheckLength;

    /// <summary>The high bit of a chunk's length marks the last chunk.</summary>
    public const uint LastChunkFlag = 0x8000_0000;

    private const int MagicLength = 8;

    private const int KeyLength = 32;

    // Part of every backup's key: changing one makes the backups taken before unreadable.
    private static readonly byte[] ContentInfo = Encoding.UTF8.GetBytes("communitybot/backup/content");
    private static readonly byte[] KeyCheckInfo = Encoding.UTF8.GetBytes("communitybot/backup/key-check");

    public static ReadOnlySpan<byte> Magic => "CBBACKUP"u8;

    /// <summary>A new header with a fresh salt, and the content key that goes with it.</summary>
    public static (byte[] Header, byte[] ContentKey) NewHeader(KeyRing keys)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltLength);
        var header = new byte[HeaderLength];
        Magic.CopyTo(header);
        header[MagicLength] = Version;
        salt.CopyTo(header, MagicLength + 1);
        Derive(keys, salt, KeyCheckInfo).CopyTo(header, MagicLength + 1 + SaltLength);
        return (header, Derive(keys, salt, ContentInfo));
    }

    /// <summary>The content key of a file with this <paramref name="header"/>.</summary>
    /// <exception cref="BackupFileException">Not a backup, a format this build does not know, or other keys.</exception>
    public static byte[] OpenHeader(ReadOnlySpan<byte> header, KeyRing keys)
    {
        if (header.Length < HeaderLength || !header[..MagicLength].SequenceEqual(Magic))
        {
            throw new BackupFileException(BackupProblem.NotABackup, "The file is not a CommunityBot backup.");
        }
        if (header[MagicLength] != Version)
        {
            throw new BackupFileException(BackupProblem.NotABackup,
                $"The backup is in format {header[MagicLength]}; this version of the bot reads format {Version}.");
        }
        var salt = header.Slice(MagicLength + 1, SaltLength).ToArray();
        var check = Derive(keys, salt, KeyCheckInfo);
        if (!CryptographicOperations.FixedTimeEquals(check, header.Slice(MagicLength + 1 + SaltLength, KeyCheckLength)))
        {
            throw new BackupFileException(BackupProblem.WrongKeys,
                "The backup was taken with other keys than the ones configured here; it opens only with the keys of the data it was taken from.");
        }
        return Derive(keys, salt, ContentInfo);
    }

    public static void Nonce(Span<byte> nonce, long index, bool last)
    {
        nonce.Clear();
        nonce[0] = last ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt64BigEndian(nonce[4..], index);
    }

    // From the key in place: no copy of the data key is left behind in memory.
    private static byte[] Derive(KeyRing keys, byte[] salt, byte[] info)
    {
        var key = new byte[KeyLength];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, keys.DataKey, key, salt, info);
        return key;
    }
}

internal enum BackupProblem
{
    NotABackup,
    WrongKeys,
    Damaged,
}

/// <summary>A backup file that cannot be restored, and why, in words for the operator.</summary>
internal sealed class BackupFileException(BackupProblem problem, string message) : Exception(message)
{
    public BackupProblem Problem { get; } = problem;
}

/// <summary>Writes a backup file's chunks to <paramref name="output"/> as content comes in; <see cref="Finish"/> seals
/// the last one. Holds one chunk in memory.</summary>
internal sealed class BackupWriter : IDisposable
{
    private const int LengthPrefix = 4;

    private readonly Stream _output;
    private readonly AesGcm _aes;
    private readonly byte[] _header;
    private readonly byte[] _plain = new byte[BackupFormat.ChunkSize];
    // A chunk as it goes out, length and tag included, so it leaves in one write.
    private readonly byte[] _sealed = new byte[LengthPrefix + BackupFormat.ChunkSize + BackupFormat.TagLength];
    private readonly byte[] _nonce = new byte[BackupFormat.NonceLength];
    private int _filled;
    private long _index;

    public BackupWriter(Stream output, KeyRing keys)
    {
        _output = output;
        var (header, key) = BackupFormat.NewHeader(keys);
        _header = header;
        _aes = new AesGcm(key, BackupFormat.TagLength);
        CryptographicOperations.ZeroMemory(key);
        _output.Write(_header);
    }

    public void Write(ReadOnlySpan<byte> content)
    {
        while (!content.IsEmpty)
        {
            if (_filled == _plain.Length)
            {
                // More is coming, so this full chunk is not the last.
                Seal(last: false);
            }
            var taken = Math.Min(content.Length, _plain.Length - _filled);
            content[..taken].CopyTo(_plain.AsSpan(_filled));
            _filled += taken;
            content = content[taken..];
        }
    }

    public void Finish()
    {
        Seal(last: true);
        _output.Flush();
    }

    public void Dispose()
    {
        _aes.Dispose();
        // A writer disposed before Finish leaves a file without its last chunk: it reads as damaged, never as complete.
        CryptographicOperations.ZeroMemory(_plain);
    }

    private void Seal(bool last)
    {
        BackupFormat.Nonce(_nonce, _index++, last);
        var chunk = _sealed.AsSpan(0, LengthPrefix + _filled + BackupFormat.TagLength);
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)_filled | (last ? BackupFormat.LastChunkFlag : 0));
        _aes.Encrypt(_nonce, _plain.AsSpan(0, _filled), chunk.Slice(LengthPrefix, _filled), chunk[(LengthPrefix + _filled)..], _header);
        _output.Write(chunk);
        _filled = 0;
    }
}
