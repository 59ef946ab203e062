using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CsCheck;

namespace CommunityBot.Tests.Benchmarks.Fuzz;

/// <summary>One thing fed generated inputs: how an input is made from a seed, and what is done with it. The check
/// throws for anything the product must never do; a clean refusal (a problem list, "not a date") returns.</summary>
internal sealed record FuzzTarget(string Name, Gen<string> Inputs, Func<string, Task> Check);

/// <summary>What one target's run found.</summary>
internal sealed record FuzzOutcome(string Target, int Inputs, IReadOnlyList<FuzzFailure> Failures, TimeSpan Slowest, TimeSpan Elapsed);

/// <param name="Index">With the run's seed, makes the same input again (<c>--seed S --skip Index --count 1</c>).</param>
internal sealed record FuzzFailure(string Target, ulong Seed, int Index, string Input, string Problem);

/// <summary>
/// <c>dotnet run --project Bot.Tests -c Release -- fuzz [--target router|dates|choices|filters|flows|letters|all]
/// [--count 100000] [--seed N] [--skip 0] [--out fuzz-failures]</c>. Every input must end within
/// <see cref="TimeBound"/> without an unhandled exception; a failing input is written to a file so it can become a
/// regular test.
/// </summary>
internal static class FuzzCommand
{
    public static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(2);

    public static readonly string[] TargetNames = ["router", "dates", "choices", "filters", "flows", "letters"];

    public static async Task<int> RunAsync(string[] args)
    {
        var target = Option(args, "--target", "all");
        var count = int.Parse(Option(args, "--count", "100000"), CultureInfo.InvariantCulture);
        var skip = int.Parse(Option(args, "--skip", "0"), CultureInfo.InvariantCulture);
        var seed = ulong.Parse(Option(args, "--seed", ((ulong)Random.Shared.NextInt64()).ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var output = Option(args, "--out", "fuzz-failures");
        var names = target == "all" ? TargetNames : [target];
        if (names.Except(TargetNames).Any())
        {
            await Console.Error.WriteLineAsync($"unknown target '{target}'; one of {string.Join(", ", TargetNames)} or all");
            return 2;
        }

        Console.WriteLine($"seed {seed}, {count} inputs per target, each within {TimeBound.TotalSeconds:F0} s");
        var failed = false;
        foreach (var name in names)
        {
            var outcome = await RunTargetAsync(name, seed, skip, count, Console.Out, TimeBound);
            failed |= outcome.Failures.Count > 0;
            if (outcome.Failures.Count > 0)
            {
                Directory.CreateDirectory(output);
                foreach (var failure in outcome.Failures)
                {
                    var file = Path.Combine(output, $"{failure.Target}-{failure.Seed}-{failure.Index}.txt");
                    await File.WriteAllTextAsync(file, $"target: {failure.Target}\nseed: {failure.Seed}\nindex: {failure.Index}\nproblem: {failure.Problem}\ninput as a JSON string:\n{JsonSerializer.Serialize(failure.Input)}\n");
                    Console.WriteLine($"  failed at index {failure.Index}: {FirstLine(failure.Problem)} → {file}");
                }
            }
        }
        return failed ? 1 : 0;
    }

    /// <summary>Runs one target; also what the smoke test in the default test run calls.</summary>
    public static async Task<FuzzOutcome> RunTargetAsync(string name, ulong seed, int skip, int count, TextWriter progress, TimeSpan timeBound)
    {
        await using var targets = await FuzzTargets.CreateAsync(name);
        var target = targets.Target;
        var failures = new List<FuzzFailure>();
        var slowest = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        var ran = 0;
        for (var index = skip; index < skip + count; index++)
        {
            var input = InputAt(target, seed, index);
            var one = Stopwatch.StartNew();
            try
            {
                // Parsers are synchronous; on a thread of their own a hang is noticed instead of waited out.
                await Task.Run(() => target.Check(input)).WaitAsync(timeBound);
            }
            catch (TimeoutException)
            {
                failures.Add(new FuzzFailure(name, seed, index, input, $"did not end within {timeBound.TotalSeconds:F0} s"));
            }
#pragma warning disable CA1031 // Whatever it throws is the finding.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures.Add(new FuzzFailure(name, seed, index, input, ex.ToString()));
            }
            one.Stop();
            slowest = one.Elapsed > slowest ? one.Elapsed : slowest;
            ran++;
            if (ran % 10_000 == 0)
            {
                await progress.WriteLineAsync($"  {name}: {ran} inputs, {ran / clock.Elapsed.TotalSeconds:F0}/s");
            }
            if (failures.Count >= 20)
            {
                break;
            }
        }
        clock.Stop();
        var outcome = new FuzzOutcome(name, ran, failures, slowest, clock.Elapsed);
        await progress.WriteLineAsync(
            $"{name}: {ran} inputs in {clock.Elapsed.TotalSeconds:F1} s ({ran / clock.Elapsed.TotalSeconds:F0}/s), failures {failures.Count}, slowest {slowest.TotalMilliseconds:F1} ms");
        return outcome;
    }

    /// <summary>The same seed and index always make the same input.</summary>
    public static string InputAt(FuzzTarget target, ulong seed, int index) =>
        target.Inputs.Generate(new PCG((uint)index, seed), null, out _);

    private static string FirstLine(string text) => text.Split('\n')[0];

    private static string Option(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }
}
