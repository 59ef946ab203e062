using CommunityBot.Tests.Benchmarks.Soak;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>The small version of <c>benchmark-soak</c>: the real program killed with SIGKILL under members who resend.</summary>
public sealed class KillSoakTests
{
    [Fact]
    public async Task TwentyMembersThroughThreeKillsLoseNothingAndGetEveryAnswerAndEveryCardOnce()
    {
        var soak = new SoakRun(new SoakSettings(Members: 20, Parallel: 10, Kills: 3, Seed: 7,
            Patience: TimeSpan.FromSeconds(5), UpTime: TimeSpan.FromSeconds(3)) { Limit = TimeSpan.FromMinutes(5) });

        using var progress = new StringWriter();
        var result = await soak.RunAsync(progress);
        SoakCommand.Print(result, Console.Out);

        Assert.Equal(3, result.Kills);
        Assert.Equal(20, result.Receipts);
        Assert.Equal(20, result.Reports);
        Assert.Equal(0, result.Lost);
        Assert.Equal(0, result.Duplicated);
        Assert.Equal(0, result.Orphaned);
        Assert.Equal(0, result.Unanswered);
        Assert.Equal(0, result.UnexpectedExits);
        Assert.Equal(0, result.CardsStillOwed);
        // Every owed card went up; twice only when a kill fell between Telegram accepting it and the store hearing so.
        Assert.Equal(20, result.CardsPostedOnce + result.CardsPostedTwice);
        Assert.Equal(0, result.CardsPostedMore);
    }
}
