using CommunityBot.Conversations;
using CommunityBot.Privacy;
using LiteDB;

namespace CommunityBot.Reports;

internal sealed class ReportStore(
    Storage.Database database,
    FieldCipher cipher,
    Pseudonyms pseudonyms,
    IReportCodes codes,
    TimeProvider time)
{
    private const int LabelAttempts = 64;

    // Touched only on the database thread.
    private bool _indexed;

    /// <summary>Stores the report, removes the member's draft and marks the update that asked for it as handled,
    /// in one transaction: either all happen or none does. The returned receipt code exists nowhere else; show it once.</summary>
    public async Task<SubmittedReport> SubmitAsync(string draftPseudonym, NewReport report, string? updateMarker = null)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var incident = new IncidentReport(
            Guid.NewGuid(),
            codes.NewLabel(),
            today,
            report.FlowId,
            report.FlowVersion,
            report.Language,
            report.Community,
            report.Answers,
            ReportStatus.New,
            [new StatusChange(ReportStatus.New, today)],
            []);
        var receipt = codes.NewReceiptCode();
        var document = ReportDocuments.ToDocument(incident, cipher);
        document[ReportDocuments.Receipt] = pseudonyms.Hash(PseudonymPurpose.Receipts, receipt);

        var label = await database.RunAsync(db =>
        {
            var reports = Reports(db);
            var draftRemoved = false;
            var label = incident.Label;
            Storage.Transactions.Run(db, () =>
            {
                draftRemoved = DraftStore.Remove(db, draftPseudonym);
                label = FreeLabel(reports, incident.Label);
                document[ReportDocuments.Label] = label;
                reports.Insert(document);
                Storage.UpdateMarkers.Mark(db, updateMarker, time.GetUtcNow());
            });
            if (draftRemoved)
            {
                // The draft's blob must not outlive the next checkpoint in the log file.
                db.Checkpoint();
            }
            return label;
        }).ConfigureAwait(false);

        return new SubmittedReport(incident.Id, label, ReceiptCode.Format(receipt));
    }

    /// <summary>The report for a typed receipt code. Malformed and unknown codes get the same null.</summary>
    public async Task<IncidentReport?> FindByReceiptAsync(string typedCode)
    {
        if (ReceiptCode.Normalize(typedCode) is not { } normalized)
        {
            return null;
        }

        var hash = pseudonyms.Hash(PseudonymPurpose.Receipts, normalized);
        var document = await database.RunAsync(db => Reports(db).FindOne(Storage.Queries.Equal(ReportDocuments.Receipt, hash)))
            .ConfigureAwait(false);
        return document is null ? null : ReportDocuments.FromDocument(document, cipher);
    }

    /// <summary>Adds what the member wrote later to the report their code opens.</summary>
    /// <returns>The report's label, or null for a malformed, unknown or withdrawn code (the same answer for all).</returns>
    public Task<string?> AddInformationAsync(string typedCode, string text, string? updateMarker = null) =>
        ChangeByReceiptAsync(typedCode, updateMarker, (document, today) =>
        {
            if (document[ReportDocuments.Status].AsString == nameof(ReportStatus.Withdrawn))
            {
                return false;
            }
            var additions = document[ReportDocuments.Additions].IsArray ? document[ReportDocuments.Additions].AsArray : [];
            additions.Add(ReportDocuments.Addition(document["_id"].AsGuid, additions.Count, new ReportAddition(today, text), cipher));
            document[ReportDocuments.Additions] = additions;
            return true;
        }, erases: false);

    /// <summary>The member withdraws their report: every answer and addition is erased (and checkpointed out of the
    /// log file); the label, day and status history stay, with the status <see cref="ReportStatus.Withdrawn"/>.</summary>
    /// <returns>The label, or null for a malformed or unknown code.</returns>
    public Task<string?> WithdrawAsync(string typedCode, string? updateMarker = null) =>
        ChangeByReceiptAsync(typedCode, updateMarker, (document, today) =>
        {
            document["answers"] = new BsonArray();
            document[ReportDocuments.Additions] = new BsonArray();
            if (document[ReportDocuments.Status].AsString != nameof(ReportStatus.Withdrawn))
            {
                document[ReportDocuments.Status] = nameof(ReportStatus.Withdrawn);
                document["history"].AsArray.Add(new BsonDocument
                {
                    ["status"] = nameof(ReportStatus.Withdrawn),
                    ["on"] = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                });
            }
            return true;
        }, erases: true);

    /// <summary>Finds the report a receipt code opens, lets <paramref name="change"/> edit it (false: leave it), and
    /// stores it with the update's marker in one transaction.</summary>
    /// <returns>The label, or null when the code opens nothing or the change declined.</returns>
    private async Task<string?> ChangeByReceiptAsync(string typedCode, string? updateMarker, Func<BsonDocument, DateOnly, bool> change, bool erases)
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
            if (document is null || !change(document, DateOnly.FromDateTime(now.UtcDateTime)))
            {
                return null;
            }
            Storage.Transactions.Run(db, () =>
            {
                reports.Update(document);
                Storage.UpdateMarkers.Mark(db, updateMarker, now);
            });
            if (erases)
            {
                // The erased texts must not outlive the next checkpoint in the log file.
                db.Checkpoint();
            }
            return document[ReportDocuments.Label].AsString;
        }).ConfigureAwait(false);
    }

    /// <summary>The report with a label as a person types it ("r-7k3q" works).</summary>
    public async Task<IncidentReport?> FindByLabelAsync(string label)
    {
        if (ReportLabel.Normalize(label) is not { } normalized)
        {
            return null;
        }

        var document = await database.RunAsync(db => Reports(db).FindOne(Storage.Queries.Equal(ReportDocuments.Label, normalized)))
            .ConfigureAwait(false);
        return document is null ? null : ReportDocuments.FromDocument(document, cipher);
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
