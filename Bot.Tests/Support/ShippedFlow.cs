using CommunityBot.Conversations;
using CommunityBot.Privacy;

namespace CommunityBot.Tests.Support;

/// <summary>The flow, texts and places that ship with the bot, as the program loads them.</summary>
internal static class ShippedFlow
{
    public static string FlowsDirectory => Path.Combine(AppContext.BaseDirectory, "Flows");

    public static FlowBundle Load() => FlowBundle.Load(
        Path.Combine(FlowsDirectory, "incident.yaml"),
        Path.Combine(FlowsDirectory, "texts"),
        Path.Combine(FlowsDirectory, "places.yaml"),
        "ru");

    /// <summary>Sunday 29 November 2026, midday in Almaty.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.FromHours(5));

    public static CalendarSettings Calendar { get; } =
        new(TimeZoneInfo.FindSystemTimeZoneById("Asia/Almaty"), new DateOnly(2015, 1, 1));

    private static readonly Lazy<FlowRunner> SharedRunner = new(() =>
        new FlowRunner(Load(), new DateAnswerParser(), new SensitiveDataScanner(), Calendar));

    /// <summary>One runner for all tests: the recognizers behind it are slow to build and safe to share.</summary>
    public static FlowRunner Runner => SharedRunner.Value;
}
