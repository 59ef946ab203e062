using CommunityBot.Privacy;
using LiteDB;

namespace CommunityBot.Reports;

/// <summary>
/// The questions relayed to members, so that a member's reply to one is recognised by the message it answers, never by
/// the text that message starts with. Each is kept as a keyed hash of the member's chat (a Telegram chat or a Messenger
/// PSID) and the question's message id, pointing at the report, for as long as the report's follow-up contact is kept: it goes with the contact when
/// the case closes or the member deletes the report.
/// </summary>
internal sealed class FollowUpQuestions(Storage.Database database, Pseudonyms pseudonyms)
{
    private const string Collection = "followup_questions";
    private const string FollowUpCollection = ReportCollections.FollowUpCollection;
    private const string ReportField = "report";

    /// <summary>The question went out as <paramref name="messageId"/> in the member's chat. Nothing is kept once the
    /// contact is gone (the case closed in the meantime).</summary>
    public Task AskedAsync(Guid reportId, FollowUpContact contact, string messageId)
    {
        var key = Key(contact, messageId);
        return database.RunAsync(db =>
        {
            if (db.GetCollection(FollowUpCollection, BsonAutoId.Guid).Exists(Storage.Queries.Equal("_id", reportId)))
            {
                Questions(db).Upsert(new BsonDocument { ["_id"] = key, [ReportField] = reportId });
            }
        });
    }

    /// <summary>The report whose question the member replied to, when the message is a question still open.</summary>
    public async Task<Guid?> AnsweredAsync(FollowUpContact contact, string messageId)
    {
        var key = Key(contact, messageId);
        var document = await database.RunAsync(db => Questions(db).FindById(key));
        return document?[ReportField].AsGuid;
    }

    /// <summary>Called wherever the follow-up contact is erased, in the same transaction.</summary>
    public static void Erase(LiteDatabase db, BsonValue reportId) =>
        Questions(db).DeleteMany(Storage.Queries.Equal(ReportField, reportId));

    /// <summary>Telegram's keys are those stored before other channels existed (chat id and message id alone).</summary>
    private string Key(FollowUpContact contact, string messageId) =>
        pseudonyms.Of(PseudonymPurpose.FollowUpQuestions, contact.Channel == ReportChannel.Telegram
            ? contact.Address + ":" + messageId
            : ReportChannels.Id(contact.Channel) + ":" + contact.Address + ":" + messageId);

    private static ILiteCollection<BsonDocument> Questions(LiteDatabase db)
    {
        var questions = db.GetCollection(Collection, BsonAutoId.Guid);
        questions.EnsureIndex(ReportField);
        return questions;
    }
}
