using System.Collections.Immutable;
using CommunityBot.Conversations;

namespace CommunityBot.Reports;

/// <summary>A submitted report. It holds nothing that identifies the member: no user or chat id, no
/// name, no message id, no time finer than the day.</summary>
/// <param name="Label">Short random name for people to speak of it (R-7K3Q); not sequential.</param>
/// <param name="Community">The community group the report came through, if any; not the member.</param>
/// <param name="Channel">The kind of chat the report came through (Telegram, Messenger, the terminal); not the chat.</param>
/// <param name="AssignedTo">The display label of the moderator who took it (M-3F9A), never a Telegram id.</param>
/// <param name="RejectReason">One of <see cref="RejectReasons"/> when rejected.</param>
/// <param name="DuplicateOf">The report this one repeats, when marked a duplicate.</param>
/// <param name="Notes">Moderators' internal notes, oldest first.</param>
/// <param name="FollowUpAvailable">The member agreed to follow-up questions and their contact is still kept
/// (elsewhere, encrypted); false once the report is closed or withdrawn.</param>
internal sealed record IncidentReport(
    Guid Id,
    string Label,
    DateOnly SubmittedOn,
    string FlowId,
    int FlowVersion,
    string Language,
    string? Community,
    ReportChannel Channel,
    ImmutableDictionary<string, Answer> Answers,
    ReportStatus Status,
    ImmutableArray<StatusChange> History,
    ImmutableArray<ReportAddition> Additions,
    string? AssignedTo,
    string? RejectReason,
    Guid? DuplicateOf,
    ImmutableArray<ReportNote> Notes,
    bool FollowUpAvailable)
{
    /// <summary>The moderators' questions the member has not answered yet: shown to them on <c>/status</c>, so that
    /// a member who declined follow-up can still read them and answer with <c>/add</c>.</summary>
    public IEnumerable<ReportNote> OpenQuestions => Notes.Where(note => note is { Question: true, Answered: false });

    /// <summary>A report as a member submits it: new, its one history entry today, nothing added, assigned or noted.</summary>
    public static IncidentReport New(Guid id, string label, DateOnly today, NewReport report) => new(
        id, label, today, report.FlowId, report.FlowVersion, report.Language, report.Community, report.Channel, report.Answers,
        ReportStatus.New, [new StatusChange(ReportStatus.New, today)], Additions: [], AssignedTo: null, RejectReason: null, DuplicateOf: null,
        Notes: [], FollowUpAvailable: false);
}

/// <summary>A moderator's internal note; <paramref name="By"/> is their display label.</summary>
/// <param name="Question">The note is a question for the member: relayed by the bot when they agreed to follow-up,
/// shown on <c>/status</c> with their code in any case (see <see cref="ReportAddition.Answer"/>).</param>
/// <param name="Answered">The member has answered since the question was asked.</param>
internal sealed record ReportNote(DateOnly On, string By, string Text, bool Question = false, bool Answered = false);

/// <summary>Why a report was rejected, as stored.</summary>
internal static class RejectReasons
{
    public const string Spam = "spam";
    public const string Unverifiable = "unverifiable";
    public const string OutOfScope = "out_of_scope";

    public static readonly ImmutableArray<string> All = [Spam, Unverifiable, OutOfScope];
}

/// <summary>Information the member added later with their receipt code (<c>/add</c>), or their answer to a
/// moderator's question; the day only.</summary>
/// <param name="Answer">The member wrote it in answer to a question relayed by the bot.</param>
internal sealed record ReportAddition(DateOnly On, string Text, bool Answer = false);

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

/// <param name="By">The moderator's display label; null for changes the member made (submit, withdraw).</param>
internal sealed record StatusChange(ReportStatus Status, DateOnly On, string? By = null);

/// <summary>What became of a status change. <see cref="Report"/> is the report as it is now (changed or not);
/// null only when no report has the id.</summary>
internal sealed record StatusResult(StatusOutcome Outcome, IncidentReport? Report)
{
    public ReportStatus? Current => Report?.Status;
}

internal enum StatusOutcome
{
    Changed,

    /// <summary>The lifecycle does not allow the move from the current status.</summary>
    Refused,
    NotFound,

    /// <summary>Marked a duplicate of a report that does not exist (or of itself).</summary>
    UnknownOriginal,

    /// <summary>Marked a duplicate of a report that is already, itself or through others, a duplicate of this one.</summary>
    CircularOriginal,
}

/// <summary>What the conversation hands over on submit.</summary>
/// <param name="Channel">The channel the member reported through (the intake sets it from the member's key).</param>
internal sealed record NewReport(
    string FlowId,
    int FlowVersion,
    string Language,
    string? Community,
    ImmutableDictionary<string, Answer> Answers,
    ReportChannel Channel = ReportChannel.Telegram);

/// <param name="ReceiptCode">Formatted (XXXX-XXXX-XXXX-XXXX). Show it once; it is not stored.</param>
internal sealed record SubmittedReport(Guid Id, string Label, string ReceiptCode);

/// <summary>What became of a member's answer to a moderator's question.</summary>
internal enum AnswerOutcome
{
    Added,
    NotFound,

    /// <summary>No question waits for this chat: the member did not consent, or the case closed and the contact went with it.</summary>
    NotAwaited,
}

/// <summary>A report by its id and its label, for what a member's receipt code opened.</summary>
/// <param name="Answered">What the member added answered a moderator's open question.</param>
internal sealed record ReportName(Guid Id, string Label, bool Answered = false);
