using System.Security.Cryptography;
using System.Text;

namespace CommunityBot.Privacy;

/// <summary>
/// Encrypts one stored value with AES-GCM under the data key. A blob is
/// <c>version (1) | nonce (12) | tag (16) | ciphertext</c>. The context (for example a record id and a
/// field name) is authenticated with it, so a ciphertext copied into another field or record fails to
/// decrypt instead of being read as that field.
/// </summary>
internal sealed class FieldCipher(KeyRing keys)
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + NonceSize + TagSize;

    public byte[] Encrypt(string plaintext, string context)
    {
        var bytes = Encoding.UTF8.GetBytes(plaintext);
        try
        {
            return Encrypt(bytes, context);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    public byte[] Encrypt(ReadOnlySpan<byte> plaintext, string context)
    {
        var blob = new byte[HeaderSize + plaintext.Length];
        blob[0] = Version;
        var nonce = blob.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keys.DataKey, TagSize);
        aes.Encrypt(
            nonce,
            plaintext,
            blob.AsSpan(HeaderSize),
            blob.AsSpan(1 + NonceSize, TagSize),
            AssociatedData(context));
        return blob;
    }

    /// <exception cref="CryptographicException">The blob was altered, belongs to another context,
    /// or was written under another key.</exception>
    public string Decrypt(byte[] blob, string context)
    {
        var bytes = DecryptBytes(blob, context);
        try
        {
            return Encoding.UTF8.GetString(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <inheritdoc cref="Decrypt"/>
    public byte[] DecryptBytes(ReadOnlySpan<byte> blob, string context)
    {
        if (blob.Length < HeaderSize || blob[0] != Version)
        {
            throw new CryptographicException("The value is not an encrypted field of a known version.");
        }

        var plaintext = new byte[blob.Length - HeaderSize];
        using var aes = new AesGcm(keys.DataKey, TagSize);
        aes.Decrypt(
            blob.Slice(1, NonceSize),
            blob[HeaderSize..],
            blob.Slice(1 + NonceSize, TagSize),
            plaintext,
            AssociatedData(context));
        return plaintext;
    }

    // The version byte is authenticated too, so a future format cannot be passed off as this one.
    private static byte[] AssociatedData(string context)
    {
        var data = new byte[1 + Encoding.UTF8.GetByteCount(context)];
        data[0] = Version;
        Encoding.UTF8.GetBytes(context, data.AsSpan(1));
        return data;
    }
}
