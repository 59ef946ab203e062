#pragma warning disable CA1822, CA1812
namespace CommunityBot.Channels.Telegram
{
    internal sealed record SendRates(int PerChatPerSecond = 1, int PerGroupPerMinute = 20, int GlobalPerSecond = 30);
    internal sealed class SendRateLimiter(TimeProvider time, SendRates rates)
    {
        public ValueTask WaitTurnAsync(long chatId, bool isGroup, CancellationToken ct) { _ = time; _ = rates; return ValueTask.CompletedTask; }
        public void Pause(long? chatId, TimeSpan retryAfter) { }
    }
    internal static class TextSplitter { public static IReadOnlyList<string> Split(string html, int limit = 4096) => [html]; }
    internal static class TelegramHtml { public static string Escape(string s) => s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal); }
}
