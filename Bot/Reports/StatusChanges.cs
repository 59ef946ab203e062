using CommunityBot.Conversations;
using CommunityBot.Moderation;
using CommunityBot.Privacy;

namespace CommunityBot.Reports;

/// <summary>Moves reports through their lifecycle: the moderators' decisions, each recorded in the report's history
/// with the running counts, the audit entry and the owed card update in the same transaction.</summary>
internal sealed class StatusChanges(Storage.Database database, FieldCipher cipher, TimeProvider time, CalendarSettings calendar)
{
    /// <summary>Moves the report to another status, if its lifecycle allows it, and records the move in its history.
    /// Closing it (resolved, rejected, duplicate) erases the member's follow-up contact in the same transaction.</summary>
    /// <param name="by">The moderator's display label (M-3F9A), never a Telegram id.</param>
    /// <param name="audit">The audit entry to write with the change (nothing is written when the change is refused).</param>
    /// <param name="assign">The moderator also takes the report.</param>
    /// <param name="shownOn">The bot's message in the moderators' group that already shows the change (where the
    /// button was pressed), so that it is not edited twice.</param>
    public async Task<StatusResult> DecideAsync(
        Guid id, StatusDecision decision, string by, string? updateMarker = null, Audited? audit = null, bool assign = false, int? shownOn = null)
    {
        ReportCollections.RequireLabel(by);
        var to = decision.To;
        var now = time.GetUtcNow();
        var today = calendar.Today(now);
        var (outcome, document, followUp) = await database.RunAsync(db =>
        {
            var reports = ReportCollections.Reports(db);
            var document = reports.FindById(id);
            if (document is null)
            {
                return (StatusOutcome.NotFound, document, false);
            }
            var followUps = ReportCollections.FollowUps(db);
            var from = Enum.Parse<ReportStatus>(document[ReportDocuments.Status].AsString);
            if (!ReportLifecycle.CanMove(from, to))
            {
                return (StatusOutcome.Refused, document, ReportCollections.HasFollowUp(db, id));
            }
            // A report its member deleted cannot be the original: the duplicate would close the only copy of the case.
            if (decision is StatusDecision.Duplicate { Of: var original }
                && (original == id || reports.FindById(original) is not { } found || found[ReportDocuments.Status].AsString == nameof(ReportStatus.Withdrawn)))
            {
                return (StatusOutcome.UnknownOriginal, document, ReportCollections.HasFollowUp(db, id));
            }
            // B marked a duplicate of A after A was marked one of B would close both, and the case with them.
            if (decision is StatusDecision.Duplicate { Of: var first } && LeadsBackTo(reports, first, id))
            {
                return (StatusOutcome.CircularOriginal, document, ReportCollections.HasFollowUp(db, id));
            }

            document[ReportDocuments.Status] = to.ToString();
            document[ReportDocuments.History].AsArray.Add(ReportDocuments.Change(new StatusChange(to, today, by)));
            switch (decision)
            {
                case StatusDecision.Reject reject:
                    document[ReportDocuments.RejectReason] = reject.Reason;
                    break;
                case StatusDecision.Duplicate duplicate:
                    document[ReportDocuments.DuplicateOf] = duplicate.Of;
                    break;
            }
            if (assign)
            {
                document[ReportDocuments.AssignedTo] = by;
            }
            var closes = ReportLifecycle.Closes(to);
            var erased = false;
            Storage.Transactions.Run(db, () =>
            {
                reports.Update(document);
                ReportFactsCollection.Save(db, document);
                erased = closes && followUps.Delete(id);
                if (erased)
                {
                    FollowUpQuestions.Erase(db, id);
                }
                if (audit is not null)
                {
                    AuditLog.Append(db, audit, document[ReportDocuments.Label].AsString, now);
                }
                OwedEvents.Owe(db, cipher, id, ReportEventKind.StatusChanged, shownOn: shownOn);
                Storage.UpdateMarkers.Mark(db, updateMarker, now);
            });
            if (erased)
            {
                db.Checkpoint();
            }
            return (StatusOutcome.Changed, document, !closes && ReportCollections.HasFollowUp(db, id));
        });

        return new StatusResult(outcome, document is null ? null : ReportDocuments.FromDocument(document, cipher, followUp));
    }

    /// <summary>Whether the originals named from <paramref name="original"/> on, one after another, come to
    /// <paramref name="id"/>.</summary>
    private static bool LeadsBackTo(LiteDB.ILiteCollection<LiteDB.BsonDocument> reports, Guid original, Guid id)
    {
        var seen = new HashSet<Guid>();
        Guid? next = original;
        while (next is { } current && seen.Add(current))
        {
            if (current == id)
            {
                return true;
            }
            next = reports.FindById(current) is { } found && found.TryGetValue(ReportDocuments.DuplicateOf, out var of) && of.IsGuid
                ? of.AsGuid
                : null;
        }
        return false;
    }
}
