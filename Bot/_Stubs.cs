#pragma warning disable CA1822
using System.Collections.Immutable;
using CommunityBot.Privacy;
namespace CommunityBot.Conversations
{
    internal abstract record DateParse { internal sealed record Parsed(DateOnly Date) : DateParse; internal sealed record Unrecognized : DateParse; }
    internal sealed class DateAnswerParser { public DateParse Parse(string text, string language, DateOnly today) => DateOnly.TryParseExact(text, "dd.MM.yyyy", out var d) ? new DateParse.Parsed(d) : new DateParse.Unrecognized(); }
    internal static class ChoiceNumberParser
    {
        public static bool TryParseOne(string text, int count, out int index) => int.TryParse(text, out index) && index >= 1 && index <= count;
        public static bool TryParseMany(string text, int count, out ImmutableArray<int> indices) { indices = [.. text.Split(',').Select(s => int.TryParse(s, out var i) ? i : -1)]; return indices.All(i => i >= 1 && i <= count); }
    }
}
namespace CommunityBot.Privacy
{
    internal sealed class SensitiveDataScanner { public ImmutableArray<SensitiveFinding> Scan(string text) => []; public static string Mask(string text, IEnumerable<SensitiveFinding> f, Func<SensitiveKind, string> p) => text; }
}
