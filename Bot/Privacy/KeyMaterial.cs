using System.Security.Cryptography;

namespace CommunityBot.Privacy;

/// <summary>The two keys as raw bytes, on their way into a <see cref="KeyRing"/> or a key file; zeroed when
/// disposed.</summary>
internal sealed class KeyMaterial(byte[] dataKey, byte[] pseudonymKey) : IDisposable
{
    public byte[] DataKey => dataKey;

    public byte[] PseudonymKey => pseudonymKey;

    public static KeyMaterial Fresh() =>
        new(RandomNumberGenerator.GetBytes(KeyRing.DataKeyLength), RandomNumberGenerator.GetBytes(KeyRing.MinPseudonymKeyLength));

    public bool SameAs(KeyMaterial other) =>
        CryptographicOperations.FixedTimeEquals(dataKey, other.DataKey) &&
        CryptographicOperations.FixedTimeEquals(pseudonymKey, other.PseudonymKey);

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(dataKey);
        CryptographicOperations.ZeroMemory(pseudonymKey);
    }
}
