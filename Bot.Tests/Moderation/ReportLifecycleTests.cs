using CommunityBot.Moderation;
using CommunityBot.Reports;

namespace CommunityBot.Tests.Moderation;

public sealed class ReportLifecycleTests
{
    private static readonly (ReportStatus From, ReportStatus To)[] Legal =
    [
        (ReportStatus.New, ReportStatus.InReview),
        (ReportStatus.New, ReportStatus.Verified),
        (ReportStatus.New, ReportStatus.Rejected),
        (ReportStatus.New, ReportStatus.Duplicate),
        (ReportStatus.InReview, ReportStatus.Verified),
        (ReportStatus.InReview, ReportStatus.Rejected),
        (ReportStatus.InReview, ReportStatus.Duplicate),
        (ReportStatus.Verified, ReportStatus.ActionTaken),
        (ReportStatus.Verified, ReportStatus.Rejected),
        (ReportStatus.Verified, ReportStatus.Duplicate),
        (ReportStatus.ActionTaken, ReportStatus.Resolved),
        (ReportStatus.ActionTaken, ReportStatus.Rejected),
        (ReportStatus.ActionTaken, ReportStatus.Duplicate),
    ];

    // Names, not the internal enum: a public test method cannot take an internal type.
    public static TheoryData<string, string> EveryPair()
    {
        var data = new TheoryData<string, string>();
        foreach (var from in Enum.GetNames<ReportStatus>())
        {
            foreach (var to in Enum.GetNames<ReportStatus>())
            {
                data.Add(from, to);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void OnlyTheListedMovesAreAllowed(string from, string to)
    {
        var (origin, target) = (Enum.Parse<ReportStatus>(from), Enum.Parse<ReportStatus>(to));
        Assert.Equal(Legal.Contains((origin, target)), ReportLifecycle.CanMove(origin, target));
    }

    [Fact]
    public void TheTableCoversThirteenMoves() =>
        Assert.Equal(13, Enum.GetValues<ReportStatus>().Sum(from => ReportLifecycle.Next(from).Length));

    [Theory]
    [InlineData(nameof(ReportStatus.Resolved))]
    [InlineData(nameof(ReportStatus.Rejected))]
    [InlineData(nameof(ReportStatus.Duplicate))]
    [InlineData(nameof(ReportStatus.Withdrawn))]
    public void NothingLeavesAnEndedReport(string status)
    {
        var ended = Enum.Parse<ReportStatus>(status);
        Assert.Empty(ReportLifecycle.Next(ended));
        Assert.True(ReportLifecycle.IsFinal(ended));
    }

    [Fact]
    public void NextListsTheMovesInLifecycleOrder()
    {
        Assert.Equal(
            [ReportStatus.InReview, ReportStatus.Verified, ReportStatus.Rejected, ReportStatus.Duplicate],
            ReportLifecycle.Next(ReportStatus.New).AsEnumerable());
        Assert.Equal(
            [ReportStatus.Resolved, ReportStatus.Rejected, ReportStatus.Duplicate],
            ReportLifecycle.Next(ReportStatus.ActionTaken).AsEnumerable());
    }

    [Fact]
    public void NoStatusMovesToItself() =>
        Assert.All(Enum.GetValues<ReportStatus>(), status => Assert.False(ReportLifecycle.CanMove(status, status)));
}
