using System.Buffers.Binary;
using System.Security.Cryptography;
using CommunityBot.Privacy;

namespace CommunityBot.Storage;

/// <summary>Reads a backup file's content back, one chunk at a time (see <see cref="BackupFormat"/>). Every chunk is
/// authenticated before a byte of it is handed out; a file cut short, altered or extended reads as
/// <see cref="BackupProblem.Damaged"/>.</summary>
internal sealed class BackupReader : Stream
{
    private readonly Stream _input;
    private readonly AesGcm _aes;
    private readonly byte[] _header = new byte[BackupFormat.HeaderLength];
    private readonly byte[] _plain = new byte[BackupFormat.ChunkSize];
    private readonly byte[] _sealed = new byte[BackupFormat.ChunkSize];
    private readonly byte[] _tag = new byte[BackupFormat.TagLength];
    private readonly byte[] _nonce = new byte[BackupFormat.NonceLength];
    private int _start;
    private int _end;
    private long _index;
    private bool _last;

    /// <exception cref="BackupFileException">Not a backup, or taken with other keys.</exception>
    public BackupReader(Stream input, KeyRing keys)
    {
        _input = input;
        if (ReadFully(_header) < _header.Length)
        {
            throw new BackupFileException(BackupProblem.NotABackup, "The file is not a CommunityBot backup (it is too short).");
        }
        var key = BackupFormat.OpenHeader(_header, keys);
        _aes = new AesGcm(key, BackupFormat.TagLength);
        CryptographicOperations.ZeroMemory(key);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <exception cref="BackupFileException">The file is damaged.</exception>
    public override int Read(Span<byte> buffer)
    {
        while (_start == _end)
        {
            if (_last)
            {
                return 0;
            }
            Open();
        }
        var given = Math.Min(buffer.Length, _end - _start);
        _plain.AsSpan(_start, given).CopyTo(buffer);
        _start += given;
        return given;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary>Fills <paramref name="buffer"/> or throws: for the parts of the content whose length is known.</summary>
    public void ReadExactly(Span<byte> buffer, string what)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var got = Read(buffer[read..]);
            if (got == 0)
            {
                throw Damaged($"it ends inside the {what}");
            }
            read += got;
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _aes.Dispose();
            CryptographicOperations.ZeroMemory(_plain);
        }
        base.Dispose(disposing);
    }

    private void Open()
    {
        Span<byte> prefix = stackalloc byte[4];
        if (ReadFully(prefix) < prefix.Length)
        {
            throw Damaged("it ends before its last part (a copy cut short?)");
        }
        var word = BinaryPrimitives.ReadUInt32BigEndian(prefix);
        _last = (word & BackupFormat.LastChunkFlag) != 0;
        var length = (int)(word & ~BackupFormat.LastChunkFlag);
        if (length > BackupFormat.ChunkSize)
        {
            throw Damaged("a part's length is out of bounds");
        }
        if (ReadFully(_sealed.AsSpan(0, length)) < length || ReadFully(_tag) < _tag.Length)
        {
            throw Damaged("it ends before its last part (a copy cut short?)");
        }
        BackupFormat.Nonce(_nonce, _index++, _last);
        try
        {
            _aes.Decrypt(_nonce, _sealed.AsSpan(0, length), _tag, _plain.AsSpan(0, length), _header);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw Damaged($"part {_index} does not match its seal (altered, or parts missing or out of order)");
        }
        _start = 0;
        _end = length;
        if (_last && _input.ReadByte() >= 0)
        {
            throw Damaged("there are bytes after its last part");
        }
    }

    private int ReadFully(Span<byte> buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var got = _input.Read(buffer[read..]);
            if (got == 0)
            {
                break;
            }
            read += got;
        }
        return read;
    }

    private static BackupFileException Damaged(string why) =>
        new(BackupProblem.Damaged, $"The backup is damaged: {why}. Nothing was restored from it.");
}
