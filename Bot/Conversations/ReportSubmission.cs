using System.Collections.Immutable;
using CommunityBot.Privacy;
using CommunityBot.Reports;

namespace CommunityBot.Conversations;

/// <summary>
/// A finished interview becomes a report: within the member's limit it is stored (with the update's marker) and its
/// receipt issued; over the limit the draft waits at its review until the member may send it.
/// </summary>
internal sealed class ReportSubmission(
    FlowRunner runner,
    TextCatalog texts,
    DraftStore drafts,
    ReportStore reports,
    ReportEvents events,
    MemberLimits limits,
    TimeProvider time,
    ActivityCounts counts)
{
    public async Task<IntakeReply> SubmitAsync(MemberKey member, ConversationState draft, ImmutableDictionary<string, Answer> answers, string? marker)
    {
        var limit = await limits.CheckAsync(member.Raw, LimitedAction.Reports);
        var submitted = await reports.SubmitWithinLimitAsync(await DraftPseudonymAsync(member), new NewReport(
            runner.Flow.Id, runner.Flow.Version, draft.Language, draft.Community, answers, member.Channel), limit, marker);
        if (submitted is null)
        {
            return await RefuseSubmissionAsync(member, draft, limit, marker);
        }
        counts.Add(Activity.ReportsSubmitted);
        events.Add(new ReportEvent(submitted.Id, ReportEventKind.Submitted));
        var followUp = answers.GetValueOrDefault(ReportSteps.FollowupConsent) is YesNoAnswer { Yes: true } ? submitted.Id : (Guid?)null;
        return new IntakeReply(
            [Notice(draft.Language, "receipt.issued", ("label", submitted.Label), ("code", submitted.ReceiptCode))],
            draft.Language, FlowOutcome.Completed, Answered: true, Marked: marker is not null, FollowUpFor: followUp, SubmittedLabel: submitted.Label,
            ChatStart: draft.ChatStart);
    }

    /// <summary>Over the limit nothing is stored but the draft, at its review, touched so that it does not expire while
    /// the member waits: they send it when they may.</summary>
    private async Task<IntakeReply> RefuseSubmissionAsync(MemberKey member, ConversationState draft, LimitCheck limit, string? marker)
    {
        counts.Add(Activity.LimitsReached, "reports");
        var now = time.GetUtcNow();
        var kept = draft with { UpdatedOn = now };
        await drafts.SaveAsync(await DraftPseudonymAsync(member), kept, marker);
        return new IntakeReply(
            [Notice(draft.Language, "limits.reports", ("hours", limit.HoursLeft)), runner.Ask(kept, now)],
            draft.Language, Marked: marker is not null);
    }

    private ValueTask<PeriodPseudonym> DraftPseudonymAsync(MemberKey member) => drafts.PseudonymAsync(member.Raw);

    private Prompt Notice(string language, string key, params ReadOnlySpan<(string, string)> values) =>
        Prompt.Notice(texts.Get(language, key, values));
}
