using CommunityBot.Conversations;
using CommunityBot.Privacy;
using CommunityBot.Reports;

namespace CommunityBot.Channels.Telegram.Moderation;

/// <summary>A moderator's decision on a report (a press on its card, or the original named for a duplicate): the
/// change with its audit entry, then the count and the owed card updates once it is made.</summary>
internal sealed class CaseDecisions(StatusChanges statuses, ReportEvents events, ActivityCounts counts, TextCatalog texts)
{
    private string Language => texts.DefaultLanguage;

    /// <param name="shownOn">The card the press came from, when it is in the moderators' group.</param>
    public Task<StatusResult> MoveAsync(Moderator moderator, CardAction action, IncidentReport report, StatusDecision decision, int? shownOn = null) =>
        statuses.DecideAsync(report.Id, decision, moderator.Label,
            audit: moderator.Audit(action.ToString()), assign: action == CardAction.Take, shownOn: shownOn);

    /// <summary>After a change: counted, and the card elsewhere and the clearing of a closed case are owed.</summary>
    public void Announce(IncidentReport changed, CardAction action)
    {
        counts.Add(Activity.ModeratorActions, action.ToString());
        events.Add(new ReportEvent(changed.Id, ReportEventKind.StatusChanged));
    }

    /// <summary>Why a press cannot change the report: its status now.</summary>
    public string Refusal(ReportStatus current) =>
        texts.Get(Language, "mod.illegal", ("status", texts.Get(Language, ReportCard.StatusKey(current))));
}
