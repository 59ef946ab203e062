using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace CommunityBot.Privacy;

/// <summary>Keyed hashes that stand in for a channel's user key (or a receipt code) in storage. Without
/// the key they cannot be reversed or recomputed from a list of user ids.</summary>
internal sealed class Pseudonyms(KeyRing keys)
{
    /// <summary>HMAC-SHA256 of the value under the purpose's key, base64url (43 characters).</summary>
    public string Of(PseudonymPurpose purpose, string value) => Base64Url.EncodeToString(Hash(purpose, value));

    public byte[] Hash(PseudonymPurpose purpose, string value) =>
        HMACSHA256.HashData(keys.KeyFor(purpose), Encoding.UTF8.GetBytes(value));
}
