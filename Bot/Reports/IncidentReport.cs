using System.Collections.Immutable;
using CommunityBot.Conversations;

namespace CommunityBot.Reports;

/// <summary>A submitted report. It holds nothing that identifies the member: no user or chat id, no
/// name, no message id, no time finer than the day.</summary>
/// <param name="Label">Short random name for people to speak of it (R-7K3Q); not sequential.</param>
/// <param name="Community">The community group the report came through, if any; not the member.</param>
internal sealed record IncidentReport(
    Guid Id,
    string Label,
    DateOnly SubmittedOn,
    string FlowId,
    int FlowVersion,
    string Language,
    string? Community,
    ImmutableDictionary<string, Answer> Answers,
    ReportStatus Status,
    ImmutableArray<StatusChange> History,
    ImmutableArray<ReportAddition> Additions);

/// <summary>Information the member added later with their receipt code (<c>/add</c>); the day only.</summary>
internal sealed record ReportAddition(DateOnly On, string Text);

internal enum ReportStatus
{
    New,
    InReview,
    Verified,
    ActionTaken,
    Resolved,
    Rejected,
    Duplicate,

    /// <summary>The member deleted the report with their receipt code: its content is erased, the label stays
    /// so that moderators see what happened to it.</summary>
    Withdrawn,
}

internal sealed record StatusChange(ReportStatus Status, DateOnly On);

/// <summary>What the conversation hands over on submit.</summary>
internal sealed record NewReport(
    string FlowId,
    int FlowVersion,
    string Language,
    string? Community,
    ImmutableDictionary<string, Answer> Answers);

/// <param name="ReceiptCode">Formatted (XXXX-XXXX-XXXX-XXXX). Show it once; it is not stored.</param>
internal sealed record SubmittedReport(Guid Id, string Label, string ReceiptCode);
