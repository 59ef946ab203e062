using CommunityBot.Conversations;
using CommunityBot.Moderation;
using CommunityBot.Privacy;
using CommunityBot.Reports;

namespace CommunityBot.Channels.Telegram.Moderation;

/// <summary>
/// A moderator's question to the member who reported, without either side learning who the other is. It reaches the
/// member only through the chat they agreed to be asked in (kept encrypted with the report until it closes), through
/// the sender of that chat's channel; the answer comes back through that channel's relay (<see cref="FollowUpRelay"/>
/// in Telegram).
/// </summary>
internal sealed class ModeratorQuestions(
    ReportStore reports,
    FollowUpContacts followUps,
    FollowUpQuestions questions,
    ModeratorsBoard board,
    IEnumerable<IFollowUpSender> senders,
    ActivityCounts counts)
{
    private readonly System.Collections.Frozen.FrozenDictionary<ReportChannel, IFollowUpSender> _senders = System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(senders, sender => sender.Channel);

    /// <summary>Keeps the question on the report (with its audit entry) whether or not it can be delivered, so the
    /// thread shows what was asked, and sends it to the member when they can be reached.</summary>
    /// <param name="by">The moderator's display label.</param>
    public async Task<QuestionOutcome> AskAsync(string by, Audited audit, IncidentReport report, AskedQuestion question, CancellationToken cancellationToken)
    {
        await reports.AddNoteAsync(report.Id, by, question.Kept, audit: audit, question: true);
        var contact = await followUps.FindAsync(report.Id);
        // A contact of a channel this service does not run now (Messenger turned off) cannot be reached.
        var delivery = contact is not null && _senders.TryGetValue(contact.Channel, out var sender)
            ? await sender.SendQuestionAsync(report, contact.Address, question.Relayed, cancellationToken)
            : QuestionDelivery.NotDelivered;
        if (contact is not null && delivery.MessageId is { } messageId)
        {
            // A reply to this message is the answer: it is recognised by this id, not by what the message says.
            await questions.AskedAsync(report.Id, contact, messageId);
        }
        counts.Add(delivery.Outcome == QuestionOutcome.Sent ? Activity.QuestionsRelayed : Activity.QuestionsNotDelivered,
            delivery.Outcome switch
            {
                QuestionOutcome.OutsideWindow => "outside window",
                QuestionOutcome.NotNow => "for now",
                _ => "",
            });
        await board.RefreshAsync(report.Id, cancellationToken);
        return delivery.Outcome;
    }
}

/// <summary>A moderator's question as it is kept on the report (placeholders in the moderators' language) and as it is
/// relayed to the member (the same words, placeholders in the member's language).</summary>
internal sealed record AskedQuestion(string Kept, string Relayed);

/// <summary>A question to a member in their private chat with the bot, with an "Answer" button under it.</summary>
internal sealed class TelegramFollowUpSender(TelegramSender sender, TextCatalog texts) : IFollowUpSender
{
    public ReportChannel Channel => ReportChannel.Telegram;

    public async Task<QuestionDelivery> SendQuestionAsync(IncidentReport report, string address, string question, CancellationToken cancellationToken)
    {
        if (new FollowUpContact(Channel, address).ChatId is not { } chatId)
        {
            return QuestionDelivery.NotDelivered;
        }
        var (sent, failedForNow) = await sender.TrySendAsync(chatId, TelegramHtml.Escape(FollowUpTexts.Question(texts, report, question)),
            FollowUpPress.Keyboard(report, texts.Get(report.Language, FollowUpTexts.AnswerButton)), cancellationToken);
        return sent is not null
            ? new QuestionDelivery(QuestionOutcome.Sent, sent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : failedForNow ? QuestionDelivery.NotNow : QuestionDelivery.NotDelivered;
    }
}
