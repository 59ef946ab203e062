using CommunityBot.Conversations;
using CommunityBot.Moderation;
using CommunityBot.Privacy;
using LiteDB;

namespace CommunityBot.Reports;

internal sealed class ReportStore(
    Storage.Database database,
    FieldCipher cipher,
    Pseudonyms pseudonyms,
    IReportCodes codes,
    TimeProvider time,
    CalendarSettings calendar,
    DraftStore drafts,
    Operations.ServiceVitals vitals)
{
    private const int LabelAttempts = 64;

    /// <summary>Stores the report, removes the member's draft and marks the update that asked for it as handled,
    /// in one transaction: either all happen or none does. The returned receipt code exists nowhere else; show it once.</summary>
    public async Task<SubmittedReport> SubmitAsync(PeriodPseudonym draftPseudonym, NewReport report, string? updateMarker = null) =>
        await StoreAsync(draftPseudonym, report, limit: null, updateMarker)
            ?? throw new InvalidOperationException("A submission without a limit cannot be refused.");

    /// <summary>As <see cref="SubmitAsync(PeriodPseudonym, NewReport, string?)"/>, unless <paramref name="limit"/>
    /// refuses it: then nothing is stored (the draft stays) and the result is null. The submission is counted against
    /// the limit in the same transaction that stores it.</summary>
    public async Task<SubmittedReport?> SubmitWithinLimitAsync(PeriodPseudonym draftPseudonym, NewReport report, LimitCheck limit, string? updateMarker = null) =>
        await StoreAsync(draftPseudonym, report, limit, updateMarker);

    private async Task<SubmittedReport?> StoreAsync(PeriodPseudonym draftPseudonym, NewReport report, LimitCheck? limit, string? updateMarker)
    {
        var today = calendar.Today(time.GetUtcNow());
        var incident = IncidentReport.New(Guid.NewGuid(), codes.NewLabel(), today, report);
        var receipt = codes.NewReceiptCode();
        var document = ReportDocuments.ToDocument(incident, cipher);
        document[ReportDocuments.Receipt] = pseudonyms.Hash(PseudonymPurpose.Receipts, receipt);
        SearchIndex.Set(document, ReportDocuments.FreeTexts(incident), pseudonyms);

        // Durably: the member is about to be shown a receipt for it. One change that may share its commit with others
        // queued beside it (and run again alone if one of them fails), so it writes only to the database.
        var draftRemoved = false;
        var label = await database.ChangeDurablyAsync<string?>(db =>
        {
            if (limit is not null && !limit.Admit(db))
            {
                return null;
            }
            var reports = ReportCollections.Reports(db);
            limit?.Count(db);
            draftRemoved = drafts.Remove(db, draftPseudonym);
            var label = FreeLabel(reports, incident.Label);
            document[ReportDocuments.Label] = label;
            reports.Insert(document);
            SearchIndex.Store(db, document, fresh: true);
            ReportFactsCollection.Save(db, document, fresh: true);
            ReportCards.Owe(db, incident.Id);
            Storage.UpdateMarkers.MarkKeepingReceipt(db, updateMarker, time.GetUtcNow(), marker => Storage.UpdateMarkers.SealReceipt(cipher, marker,
                new Storage.UndeliveredReceipt(report.Language, label, ReceiptCode.Format(receipt))));
            return label;
        }, committed: label =>
        {
            if (label is null)
            {
                return;
            }
            if (draftRemoved)
            {
                // The draft's blob must not linger in the log file; its content lives on in the report, so one
                // checkpoint a second serves a burst of submissions.
                database.CheckpointSoon();
            }
            vitals.ReportStored();
        });

        return label is null ? null : new SubmittedReport(incident.Id, label, ReceiptCode.Format(receipt));
    }

    /// <summary>The report for a typed receipt code. Malformed and unknown codes get the same null.</summary>
    public async Task<IncidentReport?> FindByReceiptAsync(string typedCode)
    {
        if (ReceiptCode.Normalize(typedCode) is not { } normalized)
        {
            return null;
        }

        var hash = pseudonyms.Hash(PseudonymPurpose.Receipts, normalized);
        return await FindOneAsync(reports => reports.FindOne(Storage.Queries.Equal(ReportDocuments.Receipt, hash)));
    }

    /// <summary>Adds what the member wrote later to the report their code opens. While a moderator's question is open
    /// on a case that is not closed, it is the answer to it: the pull path of members who declined follow-up, who
    /// read the question on <c>/status</c>.</summary>
    /// <returns>The report (<see cref="ReportName.Answered"/> when it answered a question), or null for a malformed,
    /// unknown or withdrawn code (the same answer for all).</returns>
    /// <param name="limit">The member's limit on additions: when it refuses, nothing is stored and the result is null
    /// (its <see cref="LimitCheck.BlockedUntil"/> says so); an addition stored is counted in the same transaction.</param>
    public async Task<ReportName?> AddInformationAsync(string typedCode, string text, string? updateMarker = null, LimitCheck? limit = null)
    {
        var answered = false;
        var name = await ChangeByReceiptAsync(typedCode, updateMarker, limit, (document, today) =>
        {
            var status = Enum.Parse<ReportStatus>(document[ReportDocuments.Status].AsString);
            if (status == ReportStatus.Withdrawn)
            {
                return false;
            }
            answered = !ReportLifecycle.IsFinal(status) && ReportDocuments.AnswerOpenQuestions(document);
            var additions = ReportDocuments.ArrayOf(document, ReportDocuments.Additions);
            additions.Add(ReportDocuments.Addition(document["_id"].AsGuid, additions.Count, new ReportAddition(today, text, Answer: answered), cipher));
            document[ReportDocuments.Additions] = additions;
            SearchIndex.Add(document, text, pseudonyms);
            return true;
        }, erases: false, (db, id) => OwedEvents.Owe(db, cipher, id, answered ? ReportEventKind.Answered : ReportEventKind.Added, text));
        return name is null ? null : name with { Answered = answered };
    }

    /// <summary>The member withdraws their report: every answer, addition and note and the follow-up contact are
    /// erased (and checkpointed out of the log file); the label, day and status history stay, with the status
    /// <see cref="ReportStatus.Withdrawn"/>.</summary>
    /// <returns>The report, or null for a malformed or unknown code.</returns>
    public Task<ReportName?> WithdrawAsync(string typedCode, string? updateMarker = null) =>
        ChangeByReceiptAsync(typedCode, updateMarker, limit: null, (document, today) =>
        {
            document[ReportDocuments.Answers] = new BsonArray();
            document[ReportDocuments.Additions] = new BsonArray();
            // Notes are the moderators', but they quote the member and the follow-up answers.
            document[ReportDocuments.Notes] = new BsonArray();
            SearchIndex.Erase(document);
            if (document[ReportDocuments.Status].AsString != nameof(ReportStatus.Withdrawn))
            {
                document[ReportDocuments.Status] = nameof(ReportStatus.Withdrawn);
                document[ReportDocuments.History].AsArray.Add(ReportDocuments.Change(new StatusChange(ReportStatus.Withdrawn, today)));
            }
            return true;
        }, erases: true, (db, id) =>
        {
            // The member's words still owed to the moderators go with the rest; a report whose card never went up
            // leaves nothing in the moderators' group to clear.
            OwedEvents.Forget(db, id);
            if (!ReportCards.ForgetOwed(db, id))
            {
                OwedEvents.Owe(db, cipher, id, ReportEventKind.Withdrawn);
            }
        });

    /// <summary>Finds the report a receipt code opens, lets <paramref name="change"/> edit it (false: leave it), and
    /// stores it with the update's marker in one transaction.</summary>
    /// <returns>The report, or null when the code opens nothing or the change declined.</returns>
    /// <param name="owe">What the moderators are owed for the change, written in the same transaction.</param>
    private async Task<ReportName?> ChangeByReceiptAsync(string typedCode, string? updateMarker, LimitCheck? limit, Func<BsonDocument, DateOnly, bool> change,
        bool erases, Action<LiteDatabase, Guid> owe)
    {
        if (ReceiptCode.Normalize(typedCode) is not { } normalized)
        {
            return null;
        }
        var hash = pseudonyms.Hash(PseudonymPurpose.Receipts, normalized);
        var now = time.GetUtcNow();
        return await database.RunAsync(db =>
        {
            var reports = ReportCollections.Reports(db);
            var document = reports.FindOne(Storage.Queries.Equal(ReportDocuments.Receipt, hash));
            // Checked only for a code that opens a report (the change edits the document in memory only): a mistyped
            // code is not counted, and a member over the limit who typed a wrong code is told so, not to wait.
            if (document is null || !change(document, calendar.Today(now)) || (limit is not null && !limit.Admit(db)))
            {
                return null;
            }
            Storage.Transactions.Run(db, () =>
            {
                limit?.Count(db);
                reports.Update(document);
                SearchIndex.Store(db, document);
                // A withdrawal changes the status and erases the answers the facts come from.
                ReportFactsCollection.Save(db, document);
                if (erases)
                {
                    ReportCollections.FollowUps(db).Delete(document["_id"]);
                    FollowUpQuestions.Erase(db, document["_id"]);
                }
                owe(db, document["_id"].AsGuid);
                Storage.UpdateMarkers.Mark(db, updateMarker, now);
            });
            if (erases)
            {
                // The erased texts must not outlive the next checkpoint in the log file.
                db.Checkpoint();
            }
            return new ReportName(document["_id"].AsGuid, document[ReportDocuments.Label].AsString);
        });
    }

    /// <summary>The report with a label as a person types it ("r-7k3q" works).</summary>
    public async Task<IncidentReport?> FindByLabelAsync(string label)
    {
        if (ReportLabel.Normalize(label) is not { } normalized)
        {
            return null;
        }

        return await FindOneAsync(reports => reports.FindOne(Storage.Queries.Equal(ReportDocuments.Label, normalized)));
    }

    public Task<IncidentReport?> FindByIdAsync(Guid id) => FindOneAsync(reports => reports.FindById(id));

    /// <summary>A moderator takes the report. False when there is no such report or it has ended.</summary>
    /// <param name="by">The moderator's display label (M-3F9A), never a Telegram id.</param>
    public Task<bool> AssignAsync(Guid id, string by, string? updateMarker = null, Audited? audit = null)
    {
        ReportCollections.RequireLabel(by);
        return ChangeByIdAsync(id, updateMarker, (document, _) =>
        {
            document[ReportDocuments.AssignedTo] = by;
            return true;
        }, audit: audit);
    }

    /// <summary>Adds a moderator's internal note (encrypted, like every free text). False when there is no such
    /// report or the member withdrew it; a closed report still takes notes.</summary>
    /// <param name="question">The note is a question the bot relays to the member.</param>
    public Task<bool> AddNoteAsync(Guid id, string by, string text, string? updateMarker = null, Audited? audit = null, bool question = false)
    {
        ReportCollections.RequireLabel(by);
        return ChangeByIdAsync(id, updateMarker, (document, today) =>
        {
            if (document[ReportDocuments.Status].AsString == nameof(ReportStatus.Withdrawn))
            {
                return false;
            }
            var notes = ReportDocuments.ArrayOf(document, ReportDocuments.Notes);
            notes.Add(ReportDocuments.Note(id, notes.Count, new ReportNote(today, by, text, question), cipher));
            document[ReportDocuments.Notes] = notes;
            SearchIndex.Add(document, text, pseudonyms);
            return true;
        }, allowEnded: true, audit: audit);
    }

    private async Task<IncidentReport?> FindOneAsync(Func<ILiteCollection<BsonDocument>, BsonDocument?> find)
    {
        var (document, followUp) = await database.RunAsync(db =>
        {
            var document = find(ReportCollections.Reports(db));
            return (document, document is not null && ReportCollections.HasFollowUp(db, document["_id"]));
        });
        return document is null ? null : ReportDocuments.FromDocument(document, cipher, followUp);
    }

    /// <summary>Lets <paramref name="change"/> edit the report with this id (false: leave it) and stores it with the
    /// update's marker in one transaction. Reports that have ended are left alone unless <paramref name="allowEnded"/>.</summary>
    private Task<bool> ChangeByIdAsync(Guid id, string? updateMarker, Func<BsonDocument, DateOnly, bool> change, bool allowEnded = false, Audited? audit = null)
    {
        var now = time.GetUtcNow();
        return database.RunAsync(db =>
        {
            var reports = ReportCollections.Reports(db);
            var document = reports.FindById(id);
            // Most changes here (taking a case) leave the words alone; a note may add some.
            var words = document?[SearchIndex.Field];
            if (document is null ||
                (!allowEnded && ReportLifecycle.IsFinal(Enum.Parse<ReportStatus>(document[ReportDocuments.Status].AsString))) ||
                !change(document, calendar.Today(now)))
            {
                return false;
            }
            Storage.Transactions.Run(db, () =>
            {
                reports.Update(document);
                if (document[SearchIndex.Field] != words)
                {
                    SearchIndex.Store(db, document);
                }
                if (audit is not null)
                {
                    AuditLog.Append(db, audit, document[ReportDocuments.Label].AsString, now);
                }
                Storage.UpdateMarkers.Mark(db, updateMarker, now);
            });
            return true;
        });
    }

    // Checked before inserting because a failed insert would abort the whole transaction; the
    // unique index stays as the last word. Writes are serialized by the gate, so no race.
    private string FreeLabel(ILiteCollection<BsonDocument> reports, string first)
    {
        var label = first;
        for (var attempt = 0; attempt < LabelAttempts; attempt++)
        {
            if (!reports.Exists(Storage.Queries.Equal(ReportDocuments.Label, label)))
            {
                return label;
            }

            label = codes.NewLabel();
        }

        throw new InvalidOperationException($"No free report label after {LabelAttempts} attempts.");
    }
}
