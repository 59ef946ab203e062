namespace CommunityBot.Channels.Telegram.Groups;

/// <summary>What the bot does about one scored group message.</summary>
internal enum NudgeDecision
{
    /// <summary>Reply once with the button to report privately.</summary>
    Nudge,
    BelowThreshold,
    /// <summary>The bot nudged in this group a short while ago.</summary>
    GroupCoolingDown,
    /// <summary>The bot nudged this member (in any group) a short while ago.</summary>
    MemberCoolingDown,
    /// <summary>The message came from a bot or a group admin, or is a channel's post forwarded.</summary>
    Ignored,
    /// <summary>Would have nudged, but the policy only counts (dry run).</summary>
    DryRun,
}

/// <summary>How eagerly the bot nudges. The defaults keep it to one reply in a group per half hour and one per
/// member a day: more would make it a nuisance that admins remove.</summary>
/// <remarks>Init properties rather than a positional record: a <see cref="TimeSpan"/> cannot be a default argument.</remarks>
internal sealed record NudgeSettings
{
    /// <summary>The incident score (see <see cref="IncidentPhrases.Score"/>) at or above which the bot nudges.</summary>
    public double Threshold { get; init; } = 3;

    public TimeSpan GroupCooldown { get; init; } = TimeSpan.FromMinutes(30);

    public TimeSpan MemberCooldown { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Decide and count, but never nudge: to tune the threshold in a group before going live.</summary>
    public bool DryRun { get; init; }
}

/// <summary>How many decisions of each kind the policy has made since start; for the log.</summary>
internal sealed record NudgeCounts(
    long Nudge, long BelowThreshold, long GroupCoolingDown, long MemberCoolingDown, long Ignored, long DryRun);

/// <summary>Decides whether a scored group message earns a nudge, with cool-downs per group and per member.</summary>
/// <remarks>State lives in memory only and is lost on restart, which at worst costs one extra nudge. Members are
/// known by the pseudonym the caller derives (an HMAC), never by a Telegram id, and forgotten once their
/// cool-down is over.</remarks>
internal sealed class NudgePolicy : IDisposable
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);
    private readonly ITimer _sweeper;
    private readonly TimeProvider _time;
    private readonly NudgeSettings _settings;
    private readonly Lock _lock = new();
    private readonly Dictionary<long, DateTimeOffset> _groupCoolsUntil = [];
    private readonly Dictionary<string, DateTimeOffset> _memberCoolsUntil = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _replyAnsweredUntil = new(StringComparer.Ordinal);
    private readonly long[] _counts = new long[Enum.GetValues<NudgeDecision>().Length];
    private DateTimeOffset _nextPrune = DateTimeOffset.MinValue;

    public NudgePolicy(TimeProvider time, NudgeSettings settings)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.GroupCooldown, TimeSpan.Zero, nameof(settings));
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MemberCooldown, TimeSpan.Zero, nameof(settings));
        if (double.IsNaN(settings.Threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(settings), "The threshold must be a number.");
        }
        _time = time;
        _settings = settings;
        // A quiet group sends no message that would prune: a timer does, so no member's pseudonym outlives its cool-down.
        _sweeper = time.CreateTimer(_ => Sweep(), null, SweepEvery, SweepEvery);
    }

    public void Dispose() => _sweeper.Dispose();

    private void Sweep()
    {
        lock (_lock)
        {
            Prune(_time.GetUtcNow());
        }
    }

    /// <summary>Group and member entries held now; bounded because each one is dropped after its cool-down.</summary>
    internal int Remembered
    {
        get
        {
            lock (_lock)
            {
                return _groupCoolsUntil.Count + _memberCoolsUntil.Count + _replyAnsweredUntil.Count;
            }
        }
    }

    public NudgeCounts Counts
    {
        get
        {
            lock (_lock)
            {
                return new NudgeCounts(
                    _counts[(int)NudgeDecision.Nudge], _counts[(int)NudgeDecision.BelowThreshold],
                    _counts[(int)NudgeDecision.GroupCoolingDown], _counts[(int)NudgeDecision.MemberCoolingDown],
                    _counts[(int)NudgeDecision.Ignored], _counts[(int)NudgeDecision.DryRun]);
            }
        }
    }

    /// <param name="memberPseudonym">The member's HMAC pseudonym; never a raw Telegram id.</param>
    /// <param name="fromBotOrAdmin">Admins describe incidents to explain them, not to report them.</param>
    public NudgeDecision Decide(long groupId, string memberPseudonym, bool fromBotOrAdmin, double score)
    {
        ArgumentException.ThrowIfNullOrEmpty(memberPseudonym);
        lock (_lock)
        {
            var decision = DecideLocked(groupId, memberPseudonym, fromBotOrAdmin, score);
            _counts[(int)decision]++;
            return decision;
        }
    }

    /// <summary>Whether a member's reply to one of the bot's messages in a group is answered (that nothing written in
    /// the group is kept): once per member cool-down, and no nudge follows it for as long, since the answer points at
    /// the button already there.</summary>
    /// <param name="memberPseudonym">The member's HMAC pseudonym; never a raw Telegram id.</param>
    public bool AnswerReply(string memberPseudonym)
    {
        ArgumentException.ThrowIfNullOrEmpty(memberPseudonym);
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            Prune(now);
            if (_replyAnsweredUntil.TryGetValue(memberPseudonym, out var until) && now < until)
            {
                return false;
            }
            var coolsUntil = now + _settings.MemberCooldown;
            _replyAnsweredUntil[memberPseudonym] = coolsUntil;
            if (!_memberCoolsUntil.TryGetValue(memberPseudonym, out var nudgeUntil) || nudgeUntil < coolsUntil)
            {
                _memberCoolsUntil[memberPseudonym] = coolsUntil;
            }
            return true;
        }
    }

    private NudgeDecision DecideLocked(long groupId, string memberPseudonym, bool fromBotOrAdmin, double score)
    {
        if (fromBotOrAdmin)
        {
            return NudgeDecision.Ignored;
        }
        // Written so that a NaN score is below any threshold.
        if (!(score >= _settings.Threshold))
        {
            return NudgeDecision.BelowThreshold;
        }
        var now = _time.GetUtcNow();
        Prune(now);
        if (_groupCoolsUntil.TryGetValue(groupId, out var groupUntil) && now < groupUntil)
        {
            return NudgeDecision.GroupCoolingDown;
        }
        if (_memberCoolsUntil.TryGetValue(memberPseudonym, out var memberUntil) && now < memberUntil)
        {
            return NudgeDecision.MemberCoolingDown;
        }
        // A dry run cools down as a live one would, so its counts tell what going live would do.
        _groupCoolsUntil[groupId] = now + _settings.GroupCooldown;
        _memberCoolsUntil[memberPseudonym] = now + _settings.MemberCooldown;
        return _settings.DryRun ? NudgeDecision.DryRun : NudgeDecision.Nudge;
    }

    /// <summary>Drops entries whose cool-down is over, at most once per group cool-down (and at least once a
    /// minute apart), so memory holds only what a day of nudges leaves behind.</summary>
    private void Prune(DateTimeOffset now)
    {
        if (now < _nextPrune)
        {
            return;
        }
        foreach (var (group, until) in _groupCoolsUntil)
        {
            if (until <= now)
            {
                _groupCoolsUntil.Remove(group);
            }
        }
        foreach (var (member, until) in _memberCoolsUntil)
        {
            if (until <= now)
            {
                _memberCoolsUntil.Remove(member);
            }
        }
        foreach (var (member, until) in _replyAnsweredUntil)
        {
            if (until <= now)
            {
                _replyAnsweredUntil.Remove(member);
            }
        }
        _nextPrune = now + TimeSpan.FromTicks(Math.Max(_settings.GroupCooldown.Ticks, TimeSpan.TicksPerMinute));
    }
}
