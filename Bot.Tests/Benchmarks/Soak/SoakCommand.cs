using System.Globalization;

namespace CommunityBot.Tests.Benchmarks.Soak;

/// <summary><c>benchmark-soak [--members 300] [--parallel 20] [--kills 50] [--seed N] [--patience-ms 5000] [--up-ms 4000]</c>:
/// prints what the kills cost the members; exits non-zero when anything was lost, duplicated, orphaned or unanswered.</summary>
internal static class SoakCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var settings = new SoakSettings(
            Members: Option(args, "--members", 300),
            Parallel: Option(args, "--parallel", 20),
            Kills: Option(args, "--kills", 50),
            Seed: Option(args, "--seed", 1),
            Patience: TimeSpan.FromMilliseconds(Option(args, "--patience-ms", 5000)),
            UpTime: TimeSpan.FromMilliseconds(Option(args, "--up-ms", 4000)))
        {
            Limit = TimeSpan.FromSeconds(Option(args, "--limit-s", 1200)),
        };
        Console.WriteLine($"soak: {settings.Members} members, {settings.Parallel} at a time, {settings.Kills} kills, seed {settings.Seed}");
        var run = new SoakRun(settings);
        var result = await run.RunAsync(Console.Out);
        Print(result, Console.Out);
        foreach (var stuck in result.Stuck)
        {
            Console.WriteLine("  no receipt: " + stuck);
        }
        foreach (var unheard in result.Unheard)
        {
            Console.WriteLine("  unanswered: " + unheard);
        }
        return result.Clean ? 0 : 1;
    }

    public static void Print(SoakResult result, TextWriter output)
    {
        output.WriteLine($"kills: {result.Kills} (unexpected exits: {result.UnexpectedExits}), elapsed {result.Elapsed.TotalSeconds:F0} s");
        output.WriteLine($"receipts seen by members: {result.Receipts}; reports stored: {result.Reports}");
        output.WriteLine($"lost: {result.Lost}; duplicated: {result.Duplicated}; orphaned: {result.Orphaned}");
        output.WriteLine($"unanswered messages: {result.Unanswered}; members who never got a receipt: {result.Unfinished}");
        output.WriteLine($"messages sent again by members: {result.Resends}; updates delivered again by the Bot API: {result.Redeliveries}");
        output.WriteLine($"cards owed: {result.CardsOwed}; posted once: {result.CardsPostedOnce}, twice: {result.CardsPostedTwice}, more: {result.CardsPostedMore}; still owed in the store: {result.CardsStillOwed}");
        output.WriteLine($"error lines in the service log: {result.ErrorLines}");
        output.WriteLine(result.Clean ? "result: clean" : "result: NOT clean");
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
