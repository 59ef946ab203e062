using CommunityBot.Conversations;
using CommunityBot.Moderation;
using CommunityBot.Privacy;
using CommunityBot.Reports;

namespace CommunityBot.Channels.Telegram.Moderation;

/// <summary>
/// A moderator's question to the member who reported, without either side learning who the other is. It reaches the
/// member only through the chat they agreed to be asked in (kept encrypted with the report until it closes); the
/// answer comes back through <see cref="FollowUpRelay"/>.
/// </summary>
internal sealed class ModeratorQuestions(
    ReportStore reports,
    FollowUpContacts followUps,
    FollowUpQuestions questions,
    ModeratorsBoard board,
    TelegramSender sender,
    TextCatalog texts,
    ActivityCounts counts)
{
    /// <summary>Keeps the question on the report (with its audit entry) whether or not it can be delivered, so the
    /// thread shows what was asked, and sends it to the member when they can be reached.</summary>
    /// <param name="by">The moderator's display label.</param>
    /// <returns>Whether the member was reached.</returns>
    public async Task<bool> AskAsync(string by, Audited audit, IncidentReport report, string question, CancellationToken cancellationToken)
    {
        await reports.AddNoteAsync(report.Id, by, question, audit: audit, question: true);
        var member = await followUps.FindAsync(report.Id);
        var sent = member is { } chatId
            ? await sender.SendAsync(chatId, TelegramHtml.Escape(ReportCard.QuestionMark + report.Label + "\n\n"
                + texts.Get(report.Language, "followup.question", ("label", report.Label), ("question", question))),
                FollowUpPress.Keyboard(report, texts.Get(report.Language, "followup.answer_button")), cancellationToken: cancellationToken)
            : null;
        if (member is { } chat && sent is not null)
        {
            // A reply to this message is the answer: it is recognised by this id, not by what the message says.
            await questions.AskedAsync(report.Id, chat, sent.MessageId);
        }
        counts.Add(sent is not null ? Activity.QuestionsRelayed : Activity.QuestionsNotDelivered);
        await board.RefreshAsync(report.Id, cancellationToken);
        return sent is not null;
    }
}
