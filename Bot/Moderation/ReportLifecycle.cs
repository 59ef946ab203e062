using System.Collections.Immutable;
using CommunityBot.Reports;

namespace CommunityBot.Moderation;

/// <summary>Which status a report may move to from which. Resolved, rejected, duplicate and withdrawn end it.</summary>
internal static class ReportLifecycle
{
    private static readonly ImmutableDictionary<ReportStatus, ImmutableArray<ReportStatus>> Moves =
        new Dictionary<ReportStatus, ImmutableArray<ReportStatus>>
        {
            // A moderator who can confirm a report at once need not pass through review first.
            [ReportStatus.New] = [ReportStatus.InReview, ReportStatus.Verified, ReportStatus.Rejected, ReportStatus.Duplicate],
            [ReportStatus.InReview] = [ReportStatus.Verified, ReportStatus.Rejected, ReportStatus.Duplicate],
            [ReportStatus.Verified] = [ReportStatus.ActionTaken, ReportStatus.Rejected, ReportStatus.Duplicate],
            [ReportStatus.ActionTaken] = [ReportStatus.Resolved, ReportStatus.Rejected, ReportStatus.Duplicate],
        }.ToImmutableDictionary();

    public static bool CanMove(ReportStatus from, ReportStatus to) => Next(from).Contains(to);

    /// <summary>The statuses reachable in one step, in lifecycle order; empty for a report that has ended.</summary>
    public static ImmutableArray<ReportStatus> Next(ReportStatus from) =>
        Moves.TryGetValue(from, out var next) ? next : [];

    /// <summary>The report has ended: nothing leaves this status.</summary>
    public static bool IsFinal(ReportStatus status) => Next(status).IsEmpty;

    /// <summary>Moving here closes the report: the member's follow-up contact is erased with it.</summary>
    public static bool Closes(ReportStatus status) =>
        status is ReportStatus.Resolved or ReportStatus.Rejected or ReportStatus.Duplicate or ReportStatus.Withdrawn;
}
