using System.Security.Cryptography;

namespace CommunityBot.Channels.Messenger;

/// <summary>Meta's <c>X-Hub-Signature-256</c>: <c>sha256=</c> and the hex HMAC-SHA256 of the raw request body under the
/// app secret. Checked before anything in the body is read, and compared in constant time.</summary>
internal static class WebhookSignature
{
    public const string Header = "X-Hub-Signature-256";

    private const string Prefix = "sha256=";
    private const int HashBytes = 32;

    public static bool IsValid(ReadOnlySpan<byte> body, string? header, byte[] appSecret)
    {
        if (header is null || header.Length != Prefix.Length + 2 * HashBytes || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        Span<byte> given = stackalloc byte[HashBytes];
        if (Convert.FromHexString(header.AsSpan(Prefix.Length), given, out _, out var written) != System.Buffers.OperationStatus.Done || written != HashBytes)
        {
            return false;
        }
        Span<byte> expected = stackalloc byte[HashBytes];
        HMACSHA256.HashData(appSecret, body, expected);
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    /// <summary>The header Meta would send with this body (for the fake Graph API's deliveries and the benchmark).</summary>
    public static string Sign(ReadOnlySpan<byte> body, byte[] appSecret) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(appSecret, body));
}
