using CommunityBot.Tests.Benchmarks.Fuzz;

namespace CommunityBot.Tests.Fuzz;

/// <summary>The fuzz command with a small count, so it keeps building and running between full runs.</summary>
public sealed class FuzzCommandTests
{
    public static TheoryData<string> Targets => [.. FuzzCommand.TargetNames];

    // The command's own bound (2 s) is for a quiet machine; beside a full parallel test run the first input also
    // pays for starting a host, so here the bound only catches a hang.
    private static readonly TimeSpan HangBound = TimeSpan.FromSeconds(60);

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task TwoHundredGeneratedInputsOfEachTargetEndWithoutAFailure(string target)
    {
        var outcome = await FuzzCommand.RunTargetAsync(target, seed: 20261203, skip: 0, count: 200, TextWriter.Null, HangBound);

        Assert.Equal(200, outcome.Inputs);
        Assert.Empty(outcome.Failures.Select(failure => $"{failure.Index}: {failure.Problem}"));
    }

    [Fact]
    public async Task TheSameSeedAndIndexMakeTheSameInput()
    {
        await using var targets = await FuzzTargets.CreateAsync("filters");

        Assert.Equal(FuzzCommand.InputAt(targets.Target, 7, 42), FuzzCommand.InputAt(targets.Target, 7, 42));
    }
}
