using System.Globalization;
using CommunityBot.Conversations;
using CommunityBot.Moderation;
using CommunityBot.Privacy;
using LiteDB;

namespace CommunityBot.Reports;

/// <summary>Where a member agreed to be asked: a Telegram chat id, or a Messenger Page-scoped id (PSID). It is kept
/// only encrypted, apart from the report, and never logged.</summary>
internal sealed record FollowUpContact(ReportChannel Channel, string Address)
{
    public override string ToString() => "(contact)";

    public static FollowUpContact Telegram(long chatId) => new(ReportChannel.Telegram, chatId.ToString(CultureInfo.InvariantCulture));

    public static FollowUpContact Messenger(string psid) => new(ReportChannel.Messenger, psid);

    /// <summary>The Telegram chat, when the contact is one.</summary>
    public long? ChatId =>
        Channel == ReportChannel.Telegram && long.TryParse(Address, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chatId) ? chatId : null;
}

/// <summary>The member's chat kept, with their consent, for a moderator's follow-up questions: encrypted, apart from
/// the report (which never holds it), until the report is closed or withdrawn; and the answers that come through it.
/// The channel is kept beside it in clear: the report says it anyway. Contacts kept before the channel was recorded
/// are Telegram chats.</summary>
internal sealed class FollowUpContacts(
    Storage.Database database,
    FieldCipher cipher,
    Pseudonyms pseudonyms,
    TimeProvider time,
    CalendarSettings calendar,
    FollowUpQuestions questions) : IDisposable
{
    /// <summary>How long after an answer what the member writes next still belongs to it: on a phone an answer often
    /// comes in several messages.</summary>
    public static readonly TimeSpan AnswerGoesOn = TimeSpan.FromMinutes(10);

    /// <summary>Contacts that answered a moment ago, and the report: memory only, forgotten <see cref="AnswerGoesOn"/>
    /// after their last message.</summary>
    private readonly FadingMemory<FollowUpContact, Guid> _answeredLately = new(time, AnswerGoesOn, Moderation.FollowUpAnswers.MostAwaited);

    private const string FollowUpChat = "chat";
    private const string FollowUpChannel = "channel";

    /// <summary>Keeps the member's chat for follow-up questions. False when there is no such report or it has ended.</summary>
    public async Task<bool> KeepAsync(Guid id, FollowUpContact contact, string? updateMarker = null)
    {
        var blob = cipher.Encrypt(contact.Address, Context(id));
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
                ReportCollections.FollowUps(db).Upsert(new BsonDocument
                {
                    ["_id"] = id, [FollowUpChat] = blob, [FollowUpChannel] = ReportChannels.Id(contact.Channel),
                });
                Storage.UpdateMarkers.Mark(db, updateMarker, now);
            });
            return true;
        });
    }

    /// <summary>The member's chat for a follow-up question, or null when none is kept.</summary>
    public async Task<FollowUpContact?> FindAsync(Guid id)
    {
        var document = await database.RunAsync(db => ReportCollections.FollowUps(db).FindById(id));
        return document is null ? null : Read(id, document);
    }

    private FollowUpContact Read(Guid id, BsonDocument document) => new(
        ReportChannels.Parse(document.TryGetValue(FollowUpChannel, out var channel) && channel.IsString ? channel.AsString : null),
        cipher.Decrypt(document[FollowUpChat].AsBinary, Context(id)));

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
    public async Task<AnswerOutcome> AnswerAsync(Guid id, FollowUpContact from, string text, string? updateMarker = null)
    {
        var outcome = await StoreAnswerAsync(id, from, text, updateMarker);
        if (outcome == AnswerOutcome.Added)
        {
            _answeredLately.Set(from, id);
        }
        return outcome;
    }

    /// <summary>Whether this contact answered a question of the report a moment ago (<see cref="AnswerGoesOn"/>), so that
    /// what they write next goes on with that answer. Asking counts as a use: a long answer in many messages stays one.</summary>
    public bool AnsweredLately(FollowUpContact contact, Guid id) => _answeredLately.TryGet(contact, out var lately) && lately == id;

    public void Dispose() => _answeredLately.Dispose();

    private async Task<AnswerOutcome> StoreAnswerAsync(Guid id, FollowUpContact from, string text, string? updateMarker)
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
            if (contact is null || Read(id, contact) != from)
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
                SearchIndex.Store(db, document);
                OwedEvents.Owe(db, cipher, id, ReportEventKind.Answered, text);
                Storage.UpdateMarkers.Mark(db, updateMarker, now);
            });
            return AnswerOutcome.Added;
        });
    }

    /// <summary>The report whose relayed question a message in a member's private chat is, while it may be answered.</summary>
    public Task<Guid?> QuestionAsync(FollowUpContact contact, string messageId) => questions.AnsweredAsync(contact, messageId);

    /// <summary>The report of the latest question relayed to this contact while its case is open: the one a member who
    /// types "Answer" (rather than pressing it or replying) means.</summary>
    public Task<Guid?> LatestQuestionAsync(FollowUpContact contact) => questions.LatestAsync(contact);

    private static string Context(Guid id) => $"report/{id}/followup";
}
