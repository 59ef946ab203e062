namespace CommunityBot.Reports;

/// <summary>A moderator's decision on a report's status. Each kind carries exactly what it needs: a rejection its
/// reason, a duplicate its original; any other status is a plain move.</summary>
internal abstract record StatusDecision
{
    private StatusDecision()
    {
    }

    /// <summary>The status the report moves to.</summary>
    public abstract ReportStatus To { get; }

    /// <summary>To any status that needs nothing more than the move.</summary>
    public sealed record Move : StatusDecision
    {
        public Move(ReportStatus to)
        {
            if (to is ReportStatus.Rejected or ReportStatus.Duplicate)
            {
                throw new ArgumentException($"{to} is decided with its own record, which carries its reason or original.", nameof(to));
            }
            To = to;
        }

        public override ReportStatus To { get; }
    }

    /// <summary>Rejected, for one of <see cref="RejectReasons"/>.</summary>
    public sealed record Reject : StatusDecision
    {
        public Reject(string reason)
        {
            if (!RejectReasons.All.Contains(reason))
            {
                throw new ArgumentException($"A reject reason is one of {string.Join(", ", RejectReasons.All)}.", nameof(reason));
            }
            Reason = reason;
        }

        public string Reason { get; }

        public override ReportStatus To => ReportStatus.Rejected;
    }

    /// <summary>A duplicate of another report.</summary>
    public sealed record Duplicate(Guid Of) : StatusDecision
    {
        public override ReportStatus To => ReportStatus.Duplicate;
    }
}
