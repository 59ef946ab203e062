using System.Security.Cryptography;
using CommunityBot.Privacy;

namespace CommunityBot.Tests.Support;

internal static class TestKeys
{
    public static KeyRing Fresh() => KeyRing.Generate();

    public static string Base64(int length) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(length));
}
