using System.Text;

namespace CommunityBot.Tests.Support;

/// <summary>Looks for a text in raw file bytes, as UTF-8 and as UTF-16, the two ways it could land on disk.</summary>
internal static class RawBytes
{
    public static bool Contain(byte[] haystack, string text) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0 ||
        haystack.AsSpan().IndexOf(Encoding.Unicode.GetBytes(text)) >= 0;
}
