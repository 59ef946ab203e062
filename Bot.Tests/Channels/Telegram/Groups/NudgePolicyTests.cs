using CommunityBot.Channels.Telegram.Groups;
using Microsoft.Extensions.Time.Testing;

namespace CommunityBot.Tests.Channels.Telegram.Groups;

public sealed class NudgePolicyTests
{
    private const long Group = -100_111;
    private const long OtherGroup = -100_222;
    private const double Incident = 5;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    private NudgePolicy Policy(NudgeSettings? settings = null) => new(_time, settings ?? new NudgeSettings());

    [Fact]
    public void TheDefaultsAreAThresholdOfThreeHalfAnHourPerGroupAndADayPerMember()
    {
        var settings = new NudgeSettings();
        Assert.Equal(3, settings.Threshold);
        Assert.Equal(TimeSpan.FromMinutes(30), settings.GroupCooldown);
        Assert.Equal(TimeSpan.FromHours(24), settings.MemberCooldown);
        Assert.False(settings.DryRun);
    }

    [Fact]
    public void AnIncidentEarnsANudge() =>
        Assert.Equal(NudgeDecision.Nudge, Policy().Decide(Group, "member-a", fromBotOrAdmin: false, Incident));

    [Theory]
    [InlineData(2.99)]
    [InlineData(0)]
    [InlineData(-4)]
    [InlineData(double.NaN)]
    public void AScoreBelowTheThresholdEarnsNothing(double score) =>
        Assert.Equal(NudgeDecision.BelowThreshold, Policy().Decide(Group, "member-a", fromBotOrAdmin: false, score));

    [Fact]
    public void AScoreEqualToTheThresholdEarnsANudge() =>
        Assert.Equal(NudgeDecision.Nudge, Policy().Decide(Group, "member-a", fromBotOrAdmin: false, 3));

    [Fact]
    public void ASecondIncidentInTheSameGroupWaitsForTheGroupCooldown()
    {
        var policy = Policy();
        policy.Decide(Group, "member-a", fromBotOrAdmin: false, Incident);

        _time.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(NudgeDecision.GroupCoolingDown, policy.Decide(Group, "member-b", fromBotOrAdmin: false, Incident));

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(NudgeDecision.Nudge, policy.Decide(Group, "member-b", fromBotOrAdmin: false, Incident));
    }

    [Fact]
    public void AnIncidentInAnotherGroupIsNotHeldBackByThisGroupsCooldown()
    {
        var policy = Policy();
        policy.Decide(Group, "member-a", fromBotOrAdmin: false, Incident);

        Assert.Equal(NudgeDecision.Nudge, policy.Decide(OtherGroup, "member-b", fromBotOrAdmin: false, Incident));
    }

    [Fact]
    public void TheSameMemberInAnotherGroupIsNotNudgedAgainWithinADay()
    {
        var policy = Policy();
        policy.Decide(Group, "member-a", fromBotOrAdmin: false, Incident);

        _time.Advance(TimeSpan.FromHours(23));
        Assert.Equal(NudgeDecision.MemberCoolingDown, policy.Decide(OtherGroup, "member-a", fromBotOrAdmin: false, Incident));
        Assert.Equal(NudgeDecision.MemberCoolingDown, policy.Decide(Group, "member-a", fromBotOrAdmin: false, Incident));

        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(NudgeDecision.Nudge, policy.Decide(OtherGroup, "member-a", fromBotOrAdmin: false, Incident));
    }

    [Fact]
    public void AMemberHeldBackByTheirCooldownDoesNotStartTheGroupsCooldown()
    {
        var policy = Policy();
        policy.Decide(Group, "member-a", fromBotOrAdmin: false, Incident);
        _time.Advance(TimeSpan.FromHours(1));

        policy.Decide(OtherGroup, "member-a", fromBotOrAdmin: false, Incident);

        Assert.Equal(NudgeDecision.Nudge, policy.Decide(OtherGroup, "member-b", fromBotOrAdmin: false, Incident));
    }

    [Fact]
    public void BotsAndAdminsAreIgnoredAndStartNoCooldown()
    {
        var policy = Policy();

        Assert.Equal(NudgeDecision.Ignored, policy.Decide(Group, "admin", fromBotOrAdmin: true, Incident));
        Assert.Equal(NudgeDecision.Nudge, policy.Decide(Group, "member-a", fromBotOrAdmin: false, Incident));
    }

    [Fact]
    public void ADryRunCountsWhatItWouldDoAndNeverNudges()
    {
        var policy = Policy(new NudgeSettings { DryRun = true });

        var decisions = new[]
        {
            policy.Decide(Group, "member-a", fromBotOrAdmin: false, Incident),
            policy.Decide(Group, "member-b", fromBotOrAdmin: false, Incident),
            policy.Decide(OtherGroup, "member-a", fromBotOrAdmin: false, Incident),
            policy.Decide(OtherGroup, "member-c", fromBotOrAdmin: false, Incident),
            policy.Decide(OtherGroup, "member-c", fromBotOrAdmin: false, 1),
        };

        Assert.DoesNotContain(NudgeDecision.Nudge, decisions);
        Assert.Equal(
            [NudgeDecision.DryRun, NudgeDecision.GroupCoolingDown, NudgeDecision.MemberCoolingDown, NudgeDecision.DryRun, NudgeDecision.BelowThreshold],
            decisions);
        Assert.Equal(new NudgeCounts(Nudge: 0, BelowThreshold: 1, GroupCoolingDown: 1, MemberCoolingDown: 1, Ignored: 0, DryRun: 2), policy.Counts);
    }

    [Fact]
    public void EveryDecisionIsCounted()
    {
        var policy = Policy();
        policy.Decide(Group, "member-a", fromBotOrAdmin: false, Incident);
        policy.Decide(Group, "member-b", fromBotOrAdmin: false, Incident);
        policy.Decide(OtherGroup, "member-a", fromBotOrAdmin: false, Incident);
        policy.Decide(OtherGroup, "member-b", fromBotOrAdmin: false, 0);
        policy.Decide(OtherGroup, "admin", fromBotOrAdmin: true, Incident);
        policy.Decide(OtherGroup, "member-b", fromBotOrAdmin: false, Incident);

        Assert.Equal(new NudgeCounts(Nudge: 2, BelowThreshold: 1, GroupCoolingDown: 1, MemberCoolingDown: 1, Ignored: 1, DryRun: 0), policy.Counts);
    }

    [Fact]
    public void EntriesAreForgottenOnceTheirCooldownIsOver()
    {
        var policy = Policy();
        for (var i = 0; i < 50; i++)
        {
            policy.Decide(Group + i, $"member-{i}", fromBotOrAdmin: false, Incident);
        }
        Assert.Equal(100, policy.Remembered);

        _time.Advance(TimeSpan.FromHours(24));
        policy.Decide(Group, "member-new", fromBotOrAdmin: false, Incident);

        Assert.Equal(2, policy.Remembered);
    }

    [Fact]
    public void InAQuietGroupMembersAreForgottenOnTimeWithoutAnotherMessage()
    {
        using var policy = Policy();
        policy.Decide(Group, "member-a", fromBotOrAdmin: false, Incident);

        _time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));

        Assert.Equal(0, policy.Remembered);
    }

    [Fact]
    public void GroupEntriesAreForgottenBeforeMemberEntries()
    {
        var policy = Policy();
        policy.Decide(Group, "member-a", fromBotOrAdmin: false, Incident);

        _time.Advance(TimeSpan.FromHours(1));
        policy.Decide(OtherGroup, "member-b", fromBotOrAdmin: false, Incident);

        // Group one has cooled down and is gone; both members and group two remain.
        Assert.Equal(3, policy.Remembered);
    }

    [Fact]
    public void ManyThreadsDecidingAtOnceNudgeAGroupOnlyOnce()
    {
        var policy = Policy();
        var decisions = new NudgeDecision[64];

        Parallel.For(0, decisions.Length, i => decisions[i] = policy.Decide(Group, $"member-{i}", fromBotOrAdmin: false, Incident));

        Assert.Single(decisions, d => d == NudgeDecision.Nudge);
        Assert.Equal(decisions.Length - 1, decisions.Count(d => d == NudgeDecision.GroupCoolingDown));
    }

    [Fact]
    public void ANegativeCooldownIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Policy(new NudgeSettings { GroupCooldown = TimeSpan.FromMinutes(-1) }));
}
