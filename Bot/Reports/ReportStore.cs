using System.Globalization;
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
    internal const string FollowUpCollection = "followups";
    private const string FollowUpChat = "chat";

    // Touched only on the database thread.
    private bool _indexed;

    /// <summary>Stores the report, removes the member's draft and marks the update that asked for it as handled,
    /// in one transaction: either all happen or none does. The returned receipt code exists nowhere else; show it once.</summary>
    public async Task<SubmittedReport> SubmitAsync(PeriodPseudonym draftPseudonym, NewReport report, string? updateMarker = null) =>
        await StoreAsync(draftPseudonym, report, limit: null, updateMarker).ConfigureAwait(false)
            ?? throw new InvalidOperationException("A submission without a limit cannot be refused.");

    /// <summary>As <see cref="SubmitAsync(PeriodPseudonym, NewReport, string?)"/>, unless <paramref name="limit"/>
    /// refuses it: then nothing is stored (the draft stays) and the result is null. The submission is counted against
    /// the limit in the same transaction that stores it.</summary>
    public async Task<SubmittedReport?> SubmitWithinLimitAsync(PeriodPseudonym draftPseudonym, NewReport report, LimitCheck limit, string? updateMarker = null) =>
        await StoreAsync(draftPseudonym, report, limit, updateMarker).ConfigureAwait(false);

    private async Task<SubmittedReport?> StoreAsync(PeriodPseudonym draftPseudonym, NewReport report, LimitCheck? limit, string? updateMarker)
    {
        var today = calendar.Today(time.GetUtcNow());
        var incident = IncidentReport.New(Guid.NewGuid(), codes.NewLabel(), today, report);
        var receipt = codes.NewReceiptCode();
        var document = ReportDocuments.ToDocument(incident, cipher);
        document[ReportDocuments.Receipt] = pseudonyms.Hash(PseudonymPurpose.Receipts, receipt);
        SearchIndex.Set(document, ReportDocuments.FreeTexts(incident), pseudonyms);

        // Durably: the member is about to be shown a receipt for it.
        var label = await database.RunDurablyAsync<string?>(db =>
        {
            if (limit is not null && !limit.Admit(db))
            {
                return null;
            }
            var reports = Reports(db);
            var draftRemoved = false;
            var label = incident.Label;
            Storage.Transactions.Run(db, () =>
            {
                limit?.Count(db);
                draftRemoved = drafts.Remove(db, draftPseudonym);
                label = FreeLabel(reports, incident.Label);
                document[ReportDocuments.Label] = label;
                reports.Insert(document);
                ReportFactsCollection.Save(db, document);
                ReportCards.Owe(db, incident.Id);
                Storage.UpdateMarkers.Mark(db, updateMarker, time.GetUtcNow());
                if (updateMarker is not null)
                {
                    Storage.UpdateMarkers.KeepReceipt(db, updateMarker, Storage.UpdateMarkers.SealReceipt(cipher, updateMarker,
                        new Storage.UndeliveredReceipt(report.Language, label, ReceiptCode.Format(receipt))));
                }
            });
            if (draftRemoved)
            {
                // The draft's blob must not linger in the log file; its content lives on in the report, so one
                // checkpoint a second serves a burst of submissions.
                database.CheckpointSoon();
            }
            vitals.ReportStored();
            return label;
        }).ConfigureAwait(false);

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
        return await FindOneAsync(reports => reports.FindOne(Storage.Queries.Equal(ReportDocuments.Receipt, hash))).ConfigureAwait(false);
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
        }, erases: false, (db, id) => OwedEvents.Owe(db, cipher, id, answered ? ReportEventKind.Answered : ReportEventKind.Added, text)).ConfigureAwait(false);
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
            var reports = Reports(db);
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
                // A withdrawal changes the status and erases the answers the facts come from.
                ReportFactsCollection.Save(db, document);
                if (erases)
                {
                    FollowUps(db).Delete(document["_id"]);
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
        }).ConfigureAwait(false);
    }

    /// <summary>The report with a label as a person types it ("r-7k3q" works).</summary>
    public async Task<IncidentReport?> FindByLabelAsync(string label)
    {
        if (ReportLabel.Normalize(label) is not { } normalized)
        {
            return null;
        }

        return await FindOneAsync(reports => reports.FindOne(Storage.Queries.Equal(ReportDocuments.Label, normalized))).ConfigureAwait(false);
    }

    public Task<IncidentReport?> FindByIdAsync(Guid id) => FindOneAsync(reports => reports.FindById(id));

    /// <summary>Moves the report to another status, if its lifecycle allows it, and records the move in its history.
    /// Closing it (resolved, rejected, duplicate) erases the member's follow-up contact in the same transaction.</summary>
    /// <param name="by">The moderator's display label (M-3F9A), never a Telegram id.</param>
    /// <param name="reason">One of <see cref="RejectReasons"/>; required for, and only for, <see cref="ReportStatus.Rejected"/>.</param>
    /// <param name="duplicateOf">The original; required for, and only for, <see cref="ReportStatus.Duplicate"/>.</param>
    /// <param name="audit">The audit entry to write with the change (nothing is written when the change is refused).</param>
    /// <param name="assign">The moderator also takes the report.</param>
    /// <param name="shownOn">The bot's message in the moderators' group that already shows the change (where the
    /// button was pressed), so that it is not edited twice.</param>
    /// <exception cref="ArgumentException">A reason or original missing, unknown or given where it does not belong:
    /// the caller's mistake, not the moderator's.</exception>
    public async Task<StatusResult> ChangeStatusAsync(
        Guid id, ReportStatus to, string by, string? reason = null, Guid? duplicateOf = null, string? updateMarker = null,
        Audited? audit = null, bool assign = false, int? shownOn = null)
    {
        RequireLabel(by);
        if ((to == ReportStatus.Rejected) != (reason is not null) || (reason is not null && !RejectReasons.All.Contains(reason)))
        {
            throw new ArgumentException($"A reject reason ({string.Join(", ", RejectReasons.All)}) goes with, and only with, {nameof(ReportStatus.Rejected)}.", nameof(reason));
        }
        if ((to == ReportStatus.Duplicate) != duplicateOf.HasValue)
        {
            throw new ArgumentException($"The original goes with, and only with, {nameof(ReportStatus.Duplicate)}.", nameof(duplicateOf));
        }

        var now = time.GetUtcNow();
        var today = calendar.Today(now);
        var (outcome, document, followUp) = await database.RunAsync(db =>
        {
            var reports = Reports(db);
            var document = reports.FindById(id);
            if (document is null)
            {
                return (StatusOutcome.NotFound, document, false);
            }
            var followUps = FollowUps(db);
            var from = Enum.Parse<ReportStatus>(document[ReportDocuments.Status].AsString);
            if (!ReportLifecycle.CanMove(from, to))
            {
                return (StatusOutcome.Refused, document, followUps.Exists(Storage.Queries.Equal("_id", id)));
            }
            if (duplicateOf is { } original && (original == id || !reports.Exists(Storage.Queries.Equal("_id", original))))
            {
                return (StatusOutcome.UnknownOriginal, document, followUps.Exists(Storage.Queries.Equal("_id", id)));
            }

            document[ReportDocuments.Status] = to.ToString();
            document[ReportDocuments.History].AsArray.Add(ReportDocuments.Change(new StatusChange(to, today, by)));
            if (reason is not null)
            {
                document[ReportDocuments.RejectReason] = reason;
            }
            if (duplicateOf is { } duplicate)
            {
                document[ReportDocuments.DuplicateOf] = duplicate;
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
            return (StatusOutcome.Changed, document, !closes && followUps.Exists(Storage.Queries.Equal("_id", id)));
        }).ConfigureAwait(false);

        return new StatusResult(outcome, document is null ? null : ReportDocuments.FromDocument(document, cipher, followUp));
    }

    /// <summary>A moderator takes the report. False when there is no such report or it has ended.</summary>
    /// <param name="by">The moderator's display label (M-3F9A), never a Telegram id.</param>
    public Task<bool> AssignAsync(Guid id, string by, string? updateMarker = null, Audited? audit = null)
    {
        RequireLabel(by);
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
        RequireLabel(by);
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

    /// <summary>The member's answer to a moderator's question, taken only from the chat kept for follow-up with the
    /// member's consent: anyone else, or anyone after the case closed (when the contact is erased), is refused.</summary>
    public async Task<AnswerOutcome> AnswerAsync(Guid id, long chatId, string text, string? updateMarker = null)
    {
        var now = time.GetUtcNow();
        return await database.RunAsync(db =>
        {
            var reports = Reports(db);
            var document = reports.FindById(id);
            if (document is null)
            {
                return AnswerOutcome.NotFound;
            }
            var contact = FollowUps(db).FindById(id);
            if (contact is null || cipher.Decrypt(contact[FollowUpChat].AsBinary, FollowUpContext(id)) != chatId.ToString(CultureInfo.InvariantCulture))
            {
                return AnswerOutcome.NotAwaited;
            }
            ReportDocuments.AnswerOpenQuestions(document);
            var additions = ReportDocuments.ArrayOf(document, ReportDocuments.Additions);
            additions.Add(ReportDocuments.Addition(id, additions.Count, new ReportAddition(calendar.Today(now), text, Answer: true), cipher));
            document[ReportDocuments.Additions] = additions;
            SearchIndex.Add(document, text, pseudonyms);
            Storage.Transactions.Run(db, () =>
            {
                reports.Update(document);
                OwedEvents.Owe(db, cipher, id, ReportEventKind.Answered, text);
                Storage.UpdateMarkers.Mark(db, updateMarker, now);
            });
            return AnswerOutcome.Added;
        }).ConfigureAwait(false);
    }

    /// <summary>One page of the moderators' queue, newest day first (ties by label), with the count of all reports
    /// it pages through. Only the reports on the page are read and decrypted.</summary>
    /// <param name="status">Only reports in this status; null for all.</param>
    public async Task<(IReadOnlyList<IncidentReport> Page, int Total)> QueueAsync(ReportStatus? status, int skip, int take)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        var (documents, total) = await database.RunAsync(db =>
        {
            var reports = Reports(db);
            var followUps = FollowUps(db);
            var query = QueueQuery(reports, status);
            // Counted from the index keys alone: selecting just the indexed field lets LiteDB skip loading the
            // documents, which Count() would load one by one (tens of thousands in a long queue).
            var total = (status is { } counted
                    ? reports.Query().Where(Storage.Queries.Equal(ReportDocuments.Status, counted.ToString()))
                        .Select(BsonExpression.Create("$." + ReportDocuments.Status))
                    : reports.Query().Select(BsonExpression.Create("$._id")))
                .ToEnumerable().Count();
            var page = query.Skip(skip).Limit(take).ToList()
                .Select(document => (document, followUps.Exists(Storage.Queries.Equal("_id", document["_id"]))))
                .ToList();
            return (page, total);
        }).ConfigureAwait(false);

        return ([.. documents.Select(found => ReportDocuments.FromDocument(found.document, cipher, found.Item2))], total);
    }

    /// <summary>The queue's query, read in index order: no sort, and no document loaded beyond the page.</summary>
    internal static ILiteQueryable<BsonDocument> QueueQuery(ILiteCollection<BsonDocument> reports, ReportStatus? status) =>
        status is { } only
            ? reports.Query()
                // "New/" up to "New0" ('0' follows '/'): exactly the keys of one status. Not LIKE: LiteDB 5.0.21
                // returns nothing for LIKE over an index read in descending order.
                .Where(BsonExpression.Create($"{ReportDocuments.QueueExpression} BETWEEN @0 AND @1", only + "/", only + "0"))
                .OrderByDescending(ReportDocuments.QueueExpression)
            : reports.Query().OrderByDescending(ReportDocuments.NewestExpression);

    /// <summary>The report whose label is <paramref name="text"/> (as typed), or else reports whose decrypted free text
    /// (answers, additions, notes) contains it, ignoring case, at the beginning of a word; newest first. A text search
    /// decrypts only the reports the blind index points at (<see cref="ReportSearch"/>).</summary>
    public async Task<IReadOnlyList<IncidentReport>> FindTextAsync(string text, int take)
    {
        var needle = text.Trim();
        if (needle.Length == 0 || take <= 0)
        {
            return [];
        }
        // Through the label's index: whoever types a label wants that report, not a scan of every story.
        if (ReportLabel.Normalize(needle) is not null && await FindByLabelAsync(needle).ConfigureAwait(false) is { } labelled)
        {
            return [labelled];
        }

        var page = await ReportSearch.FindAsync(database, cipher, pseudonyms, Reports, needle, take).ConfigureAwait(false);
        var followUp = await database.RunAsync(db =>
        {
            var followUps = FollowUps(db);
            return page.Select(report => followUps.Exists(Storage.Queries.Equal("_id", report.Id))).ToList();
        }).ConfigureAwait(false);
        return [.. page.Select((report, i) => report with { FollowUpAvailable = followUp[i] })];
    }

    /// <summary>Keeps the member's chat for follow-up questions, encrypted, apart from the report (which never holds
    /// it), until the report is closed or withdrawn. False when there is no such report or it has ended.</summary>
    public async Task<bool> SetFollowUpAsync(Guid id, long chatId, string? updateMarker = null)
    {
        var blob = cipher.Encrypt(chatId.ToString(CultureInfo.InvariantCulture), FollowUpContext(id));
        var now = time.GetUtcNow();
        return await database.RunAsync(db =>
        {
            var document = Reports(db).FindById(id);
            if (document is null || ReportLifecycle.IsFinal(Enum.Parse<ReportStatus>(document[ReportDocuments.Status].AsString)))
            {
                return false;
            }
            Storage.Transactions.Run(db, () =>
            {
                FollowUps(db).Upsert(new BsonDocument { ["_id"] = id, [FollowUpChat] = blob });
                Storage.UpdateMarkers.Mark(db, updateMarker, now);
            });
            return true;
        }).ConfigureAwait(false);
    }

    /// <summary>The member's chat for a follow-up question, or null when none is kept.</summary>
    public async Task<long?> FollowUpAsync(Guid id)
    {
        var document = await database.RunAsync(db => FollowUps(db).FindById(id)).ConfigureAwait(false);
        return document is null
            ? null
            : long.Parse(cipher.Decrypt(document[FollowUpChat].AsBinary, FollowUpContext(id)), CultureInfo.InvariantCulture);
    }

    public Task EraseFollowUpAsync(Guid id) =>
        database.RunAsync(db =>
        {
            FollowUpQuestions.Erase(db, id);
            if (FollowUps(db).Delete(id))
            {
                // The contact must not outlive the next checkpoint in the log file.
                db.Checkpoint();
            }
        });

    private static string FollowUpContext(Guid id) => $"report/{id}/followup";

    private static ILiteCollection<BsonDocument> FollowUps(LiteDatabase db) => db.GetCollection(FollowUpCollection, BsonAutoId.Guid);

    // Display labels only: a bare number is what a Telegram id looks like, and must never land in a report.
    private static void RequireLabel(string by)
    {
        if (string.IsNullOrWhiteSpace(by) || by.All(c => char.IsAsciiDigit(c) || c == '-'))
        {
            throw new ArgumentException("A moderator is named by a display label, not a number.", nameof(by));
        }
    }

    private async Task<IncidentReport?> FindOneAsync(Func<ILiteCollection<BsonDocument>, BsonDocument?> find)
    {
        var (document, followUp) = await database.RunAsync(db =>
        {
            var document = find(Reports(db));
            return (document, document is not null && FollowUps(db).Exists(Storage.Queries.Equal("_id", document["_id"])));
        }).ConfigureAwait(false);
        return document is null ? null : ReportDocuments.FromDocument(document, cipher, followUp);
    }

    /// <summary>Lets <paramref name="change"/> edit the report with this id (false: leave it) and stores it with the
    /// update's marker in one transaction. Reports that have ended are left alone unless <paramref name="allowEnded"/>.</summary>
    private Task<bool> ChangeByIdAsync(Guid id, string? updateMarker, Func<BsonDocument, DateOnly, bool> change, bool allowEnded = false, Audited? audit = null)
    {
        var now = time.GetUtcNow();
        return database.RunAsync(db =>
        {
            var reports = Reports(db);
            var document = reports.FindById(id);
            if (document is null ||
                (!allowEnded && ReportLifecycle.IsFinal(Enum.Parse<ReportStatus>(document[ReportDocuments.Status].AsString))) ||
                !change(document, calendar.Today(now)))
            {
                return false;
            }
            Storage.Transactions.Run(db, () =>
            {
                reports.Update(document);
                if (audit is not null)
                {
                    AuditLog.Append(db, audit, document[ReportDocuments.Label].AsString, now);
                }
                Storage.UpdateMarkers.Mark(db, updateMarker, now);
            });
            return true;
        });
    }

    private ILiteCollection<BsonDocument> Reports(LiteDatabase db)
    {
        var reports = db.GetCollection(ReportDocuments.Collection, BsonAutoId.Guid);
        if (!_indexed)
        {
            reports.EnsureIndex(ReportDocuments.Label, $"$.{ReportDocuments.Label}", unique: true);
            reports.EnsureIndex(ReportDocuments.Receipt, $"$.{ReportDocuments.Receipt}", unique: true);
            reports.EnsureIndex(ReportDocuments.Status, $"$.{ReportDocuments.Status}");
            reports.EnsureIndex(ReportDocuments.SubmittedOn, $"$.{ReportDocuments.SubmittedOn}");
            reports.EnsureIndex(ReportDocuments.QueueIndex, ReportDocuments.QueueExpression);
            reports.EnsureIndex(ReportDocuments.NewestIndex, ReportDocuments.NewestExpression);
            SearchIndex.EnsureIndex(reports);
            _indexed = true;
        }

        return reports;
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
