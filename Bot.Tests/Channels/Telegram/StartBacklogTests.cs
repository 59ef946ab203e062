using CommunityBot.Channels.Telegram;
using Telegram.Bot.Types;

namespace CommunityBot.Tests.Channels.Telegram;

public sealed class StartBacklogTests
{
    private const int Limit = 100;

    private static PolledUpdates Batch(int count, params int[] newIds) => new([.. newIds.Select(id => new Update { Id = id })], count);

    [Fact]
    public void EveryUpdateMayHaveBeenHandledBeforeUntilAPollShowsWhereTheBacklogEnds()
    {
        var backlog = new StartBacklog();
        Assert.True(backlog.MayHoldHandled(5));

        backlog.Polled(Batch(Limit, [.. Enumerable.Range(1, Limit)]), Limit);

        Assert.True(backlog.MayHoldHandled(100_000));
    }

    [Fact]
    public void UpdatesUpToTheEndOfTheBacklogAreLookedUpAndNoneAfterIt()
    {
        var backlog = new StartBacklog();
        backlog.Polled(Batch(Limit, [.. Enumerable.Range(1, Limit)]), Limit);
        backlog.Polled(Batch(3, 101, 102, 103), Limit);

        Assert.True(backlog.MayHoldHandled(101));
        Assert.True(backlog.MayHoldHandled(103));
        Assert.False(backlog.MayHoldHandled(104));

        // Once past it, a lower id (Telegram beginning again after a quiet week) is new too, and later polls change nothing.
        backlog.Polled(Batch(1, 2), Limit);
        Assert.False(backlog.MayHoldHandled(2));
    }

    [Fact]
    public void AFirstPollThatBringsNothingNewEndsTheBacklogAtOnce()
    {
        var backlog = new StartBacklog();
        backlog.Polled(Batch(0), Limit);

        Assert.False(backlog.MayHoldHandled(1));
    }
}
