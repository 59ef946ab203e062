using System.Collections.Concurrent;
using CommunityBot.Privacy;
using LiteDB;

namespace CommunityBot.Reports;

/// <summary>
/// The questions relayed to members, so that a member's reply to one is recognised by the message it answers, never by
/// the text that message starts with. Each is kept as a keyed hash of the member's chat (a Telegram chat or a Messenger
/// PSID) and the question's message id, pointing at the report, for as long as the report's follow-up contact is kept: it goes with the contact when
/// the case closes or the member deletes the report. Beside it, a keyed hash of the member's chat alone points at each
/// report with an open question, in the order they were asked, so that a member who types "1" or "Answer" instead of
/// pressing it answers the latest; it goes the same way.
/// </summary>
internal sealed class FollowUpQuestions(Storage.Database database, Pseudonyms pseudonyms)
{
    private const string Collection = "followup_questions";
    private const string FollowUpCollection = ReportCollections.FollowUpCollection;
    private const string ReportField = "report";
    private const string ContactField = "contact";

    /// <summary>A count of the questions asked through one contact, not a time: the latest is the highest.</summary>
    private const string OrderField = "order";

    // Every contact key that may have an open question: those stored when first looked at, and every one asked about
    // since. A contact not in it has none, so the usual short text ("1" at an interview's question) is told so without
    // the database thread; one in it is looked up. Keys whose questions were erased since stay until the next start (the
    // look-up then finds nothing): the set holds no more than the collection held. Loaded and added to on the database
    // thread.
    private ConcurrentDictionary<string, byte>? _mayBeAsked;

    /// <summary>The question went out as <paramref name="messageId"/> in the member's chat. Nothing is kept once the
    /// contact is gone (the case closed in the meantime).</summary>
    public Task AskedAsync(Guid reportId, FollowUpContact contact, string messageId)
    {
        var key = Key(contact, messageId);
        var asked = ContactKey(contact);
        return database.RunAsync(db =>
        {
            if (!db.GetCollection(FollowUpCollection, BsonAutoId.Guid).Exists(Storage.Queries.Equal("_id", reportId)))
            {
                return;
            }
            var questions = Questions(db);
            Storage.Transactions.Run(db, () =>
            {
                questions.Upsert(new BsonDocument { ["_id"] = key, [ReportField] = reportId });
                var earlier = questions.Find(Storage.Queries.Equal(ContactField, asked)).ToList();
                var order = earlier.Count == 0 ? 1 : earlier.Max(d => d[OrderField].AsInt32) + 1;
                questions.DeleteMany(BsonExpression.Create($"$.{ContactField} = @0 AND $.{ReportField} = @1", asked, reportId));
                questions.Insert(new BsonDocument { [ContactField] = asked, [ReportField] = reportId, [OrderField] = order });
            });
            MayBeAsked(questions).TryAdd(asked, 0);
        });
    }

    /// <summary>The report whose question the member replied to, when the message is a question still open.</summary>
    public async Task<Guid?> AnsweredAsync(FollowUpContact contact, string messageId)
    {
        var key = Key(contact, messageId);
        var document = await database.RunAsync(db => Questions(db).FindById(key));
        return document?[ReportField].AsGuid;
    }

    /// <summary>The report of the latest question relayed through this contact whose case is still open, if any.</summary>
    public async Task<Guid?> LatestAsync(FollowUpContact contact)
    {
        var asked = ContactKey(contact);
        if (_mayBeAsked is { } known && !known.ContainsKey(asked))
        {
            return null;
        }
        var latest = await database.RunAsync(db =>
        {
            var questions = Questions(db);
            return MayBeAsked(questions).ContainsKey(asked)
                ? questions.Find(Storage.Queries.Equal(ContactField, asked)).OrderByDescending(d => d[OrderField].AsInt32).FirstOrDefault()
                : null;
        });
        return latest?[ReportField].AsGuid;
    }

    /// <summary>On the database thread: the contacts that may have an open question, read from the store once.</summary>
    private ConcurrentDictionary<string, byte> MayBeAsked(ILiteCollection<BsonDocument> questions) =>
        _mayBeAsked ??= new ConcurrentDictionary<string, byte>(
            questions.Find(BsonExpression.Create($"$.{ContactField} != null")).Select(d => KeyValuePair.Create(d[ContactField].AsString, (byte)0)),
            StringComparer.Ordinal);

    /// <summary>Called wherever the follow-up contact is erased, in the same transaction: both kinds of keys go.</summary>
    public static void Erase(LiteDatabase db, BsonValue reportId) =>
        Questions(db).DeleteMany(Storage.Queries.Equal(ReportField, reportId));

    /// <summary>Telegram's keys are those stored before other channels existed (chat id and message id alone).</summary>
    private string Key(FollowUpContact contact, string messageId) =>
        pseudonyms.Of(PseudonymPurpose.FollowUpQuestions, contact.Channel == ReportChannel.Telegram
            ? contact.Address + ":" + messageId
            : ReportChannels.Id(contact.Channel) + ":" + contact.Address + ":" + messageId);

    /// <summary>The contact alone, under a prefix no question's key has (those start with a number or a channel).</summary>
    private string ContactKey(FollowUpContact contact) =>
        pseudonyms.Of(PseudonymPurpose.FollowUpQuestions, "contact:" + ReportChannels.Id(contact.Channel) + ":" + contact.Address);

    private static ILiteCollection<BsonDocument> Questions(LiteDatabase db)
    {
        var questions = db.GetCollection(Collection, BsonAutoId.Guid);
        questions.EnsureIndex(ReportField);
        questions.EnsureIndex(ContactField);
        return questions;
    }
}
