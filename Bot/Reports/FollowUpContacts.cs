using System.Globalization;
using CommunityBot.Conversations;
using CommunityBot.Moderation;
using CommunityBot.Privacy;
using LiteDB;

namespace CommunityBot.Reports;

/// <summary>The member's chat kept, with their consent, for a moderator's follow-up questions: encrypted, apart from
/// the report (which never holds it), until the report is closed or withdrawn; and the answers that come through it.</summary>
internal sealed class FollowUpContacts(
    Storage.Database database,
    FieldCipher cipher,
    Pseudonyms pseudonyms,
    TimeProvider time,
    CalendarSettings calendar,
    FollowUpQuestions questions)
{
    private const string FollowUpChat = "chat";

    /// <summary>Keeps the member's chat for follow-up questions. False when there is no such report or it has ended.</summary>
    public async Task<bool> KeepAsync(Guid id, long chatId, string? updateMarker = null)
    {
        var blob = cipher.Encrypt(chatId.ToString(CultureInfo.InvariantCulture), Context(id));
        var now = time.GetUtcNow();
        return await database.RunAsync(db =>
        {
            var document = ReportCollections.Reports(db).FindById(id);
            if (document is null || ReportLifecycle.IsFinal(Enum.Parse<ReportStatus>(document[ReportDocuments.Status].AsString)))
            {
                return false;
            }
            Storage.Transactions.Run(db, () =>
            {
                ReportCollections.FollowUps(db).Upsert(new BsonDocument { ["_id"] = id, [FollowUpChat] = blob });
                Storage.UpdateMarkers.Mark(db, updateMarker, now);
            });
            return true;
        });
    }

    /// <summary>The member's chat for a follow-up question, or null when none is kept.</summary>
    public async Task<long?> FindAsync(Guid id)
    {
        var document = await database.RunAsync(db => ReportCollections.FollowUps(db).FindById(id));
        return document is null
            ? null
            : long.Parse(cipher.Decrypt(document[FollowUpChat].AsBinary, Context(id)), CultureInfo.InvariantCulture);
    }

    public Task EraseAsync(Guid id) =>
        database.RunAsync(db =>
        {
            FollowUpQuestions.Erase(db, id);
            if (ReportCollections.FollowUps(db).Delete(id))
            {
                // The contact must not outlive the next checkpoint in the log file.
                db.Checkpoint();
            }
        });

    /// <summary>The member's answer to a moderator's question, taken only from the chat kept for follow-up with the
    /// member's consent: anyone else, or anyone after the case closed (when the contact is erased), is refused.</summary>
    public async Task<AnswerOutcome> AnswerAsync(Guid id, long chatId, string text, string? updateMarker = null)
    {
        var now = time.GetUtcNow();
        return await database.RunAsync(db =>
        {
            var reports = ReportCollections.Reports(db);
            var document = reports.FindById(id);
            if (document is null)
            {
                return AnswerOutcome.NotFound;
            }
            var contact = ReportCollections.FollowUps(db).FindById(id);
            if (contact is null || cipher.Decrypt(contact[FollowUpChat].AsBinary, Context(id)) != chatId.ToString(CultureInfo.InvariantCulture))
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
        });
    }

    /// <summary>The report whose relayed question a message in a member's private chat is, while it may be answered.</summary>
    public Task<Guid?> QuestionAsync(long chatId, int messageId) => questions.AnsweredAsync(chatId, messageId);

    private static string Context(Guid id) => $"report/{id}/followup";
}
