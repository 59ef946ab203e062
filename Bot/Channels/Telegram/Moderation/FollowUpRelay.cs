using CommunityBot.Channels;
using CommunityBot.Conversations;
using CommunityBot.Moderation;
using CommunityBot.Privacy;
using CommunityBot.Reports;
using Telegram.Bot.Types;

namespace CommunityBot.Channels.Telegram.Moderation;

/// <summary>
/// The member's answer to a moderator's question (<see cref="ModeratorQuestions"/> sends it), with neither side
/// learning who the other is: the answer is taken only from the chat the member agreed to be asked in, joins the
/// report and comes to the card.
/// </summary>
internal sealed class FollowUpRelay(
    ReportStore reports,
    FollowUpContacts followUps,
    ReportEvents events,
    TelegramSender sender,
    TextCatalog texts,
    ContactMasking masking,
    TimeProvider time,
    ActivityCounts counts) : IDisposable
{
    /// <summary>Members who pressed "Answer" under a question, by private chat. Memory only, and only for half an
    /// hour: it ties a chat to a report. After a restart the member presses again or replies to the question.</summary>
    private readonly FadingMemory<long, Guid> _answering = new(time, FollowUpAnswers.Wait, FollowUpAnswers.MostAwaited);

    /// <summary>The report whose relayed question a message in a member's private chat is, while it may be answered.</summary>
    public Task<Guid?> QuestionAsync(long chatId, int messageId) =>
        followUps.QuestionAsync(FollowUpContact.Telegram(chatId), messageId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The member replied to the question (Telegram's reply) in their private chat.</summary>
    /// <returns>True when the update's marker was stored with the answer.</returns>
    public async Task<bool> OnReplyAsync(Message message, Guid reportId, string text, string marker, CancellationToken cancellationToken) =>
        await AnswerAsync(message, await reports.FindByIdAsync(reportId), text, marker, FollowUpTexts.AnswerSent, cancellationToken);

    /// <summary>Whether the member of this private chat pressed "Answer" under a question, so their next message is the answer.</summary>
    public bool AwaitsAnswer(long chatId) => _answering.TryGet(chatId, out _);

    /// <summary>The member turned to something else (a command): their next message is no longer an answer.</summary>
    public void StopAwaiting(long chatId) => _answering.Remove(chatId);

    /// <summary>How many chats are remembered now as writing an answer.</summary>
    internal int Awaiting => _answering.Count;

    public void Dispose() => _answering.Dispose();

    /// <summary>"Answer" under a relayed question, for members who do not know Telegram's reply: the next message is
    /// the answer. Only the chat kept for that report's follow-up can start it.</summary>
    public async Task OnAnswerPressAsync(CallbackQuery query, CancellationToken cancellationToken)
    {
        var chatId = query.Message?.Chat.Id ?? query.From.Id;
        var report = FollowUpPress.Parse(query.Data) is { } id ? await reports.FindByIdAsync(id) : null;
        if (report is null || await followUps.FindAsync(report.Id) != FollowUpContact.Telegram(chatId))
        {
            await sender.AnswerCallbackAsync(query.Id, texts.Get(report?.Language ?? texts.DefaultLanguage, "followup.not_awaited"), showAlert: true, cancellationToken);
            return;
        }
        await sender.AnswerCallbackAsync(query.Id, cancellationToken: cancellationToken);
        await AwaitAsync(chatId, report, cancellationToken);
    }

    /// <summary>The member typed "1", "Answer" or /answer outside an interview, or wrote while the question waits for
    /// its answer (<see cref="AnswerRequests"/>): as a press of "Answer" under the latest question relayed to this chat,
    /// or the answer itself.</summary>
    /// <returns>Null when the question is no longer open (the case closed a moment ago): nothing was said. Else whether
    /// the update's marker was stored with an answer.</returns>
    public async Task<bool?> OnTypedRequestAsync(Message message, AnswerRequest request, string marker, CancellationToken cancellationToken)
    {
        var report = await reports.FindByIdAsync(request.Report);
        if (report is null || await followUps.FindAsync(report.Id) != FollowUpContact.Telegram(message.Chat.Id))
        {
            return null;
        }
        if (request.Answer.Length > 0)
        {
            return await AnswerAsync(message, report, request.Answer, marker, FollowUpTexts.Thanks(request), cancellationToken);
        }
        await AwaitAsync(message.Chat.Id, report, cancellationToken);
        return false;
    }

    private async Task AwaitAsync(long chatId, IncidentReport report, CancellationToken cancellationToken)
    {
        _answering.Set(chatId, report.Id);
        await sender.SendAsync(chatId, TelegramHtml.Escape(texts.Get(report.Language, "followup.write_answer", ("label", report.Label))), cancellationToken: cancellationToken);
    }

    /// <summary>A sticker, photo or voice message where the answer was awaited (or while <paramref name="open"/> waits
    /// for its answer): only text reaches the moderators, and the member is asked again (still awaited).</summary>
    public async Task OnNotTextAsync(Message message, CancellationToken cancellationToken, Guid? open = null)
    {
        var asked = _answering.TryGet(message.Chat.Id, out var waiting) ? waiting : open;
        var report = asked is { } id ? await reports.FindByIdAsync(id) : null;
        var language = report?.Language ?? texts.DefaultLanguage;
        var again = report is null ? "" : "\n\n" + texts.Get(language, "followup.write_answer", ("label", report.Label));
        await sender.SendAsync(message.Chat.Id, TelegramHtml.Escape(texts.Get(language, "error.not_text") + again), cancellationToken: cancellationToken);
    }

    /// <summary>The message after "Answer" was pressed.</summary>
    /// <returns>True when the update's marker was stored with the answer.</returns>
    public async Task<bool> OnAwaitedAnswerAsync(Message message, string text, string marker, CancellationToken cancellationToken)
    {
        var report = _answering.TryRemove(message.Chat.Id, out var waiting) ? await reports.FindByIdAsync(waiting) : null;
        return await AnswerAsync(message, report, text, marker, FollowUpTexts.AnswerSent, cancellationToken);
    }

    private async Task<bool> AnswerAsync(Message message, IncidentReport? report, string text, string marker, string thanksKey, CancellationToken cancellationToken)
    {
        var language = report?.Language ?? texts.DefaultLanguage;
        var (kept, masked) = masking.Mask(language, text);
        var outcome = report is null ? AnswerOutcome.NotFound
            : await followUps.AnswerAsync(report.Id, FollowUpContact.Telegram(message.Chat.Id), kept, marker);
        if (outcome != AnswerOutcome.Added || report is null)
        {
            await sender.SendAsync(message.Chat.Id, TelegramHtml.Escape(texts.Get(language, "followup.not_awaited")), cancellationToken: cancellationToken);
            return false;
        }
        counts.Add(Activity.AnswersRelayed);
        // An answer written under a photo or file: the member learns that only the words went on.
        var thanks = (message.Text is null ? texts.Get(language, MediaNotice.Key) + " " : "") + texts.Get(language, thanksKey, ("label", report.Label));
        await sender.SendAsync(message.Chat.Id, TelegramHtml.Escape(masked ? thanks + "\n\n" + texts.Get(language, "add.masked") : thanks), cancellationToken: cancellationToken);
        // The answer is owed to the moderators with the report itself; this only wakes the cards up.
        events.Add(new ReportEvent(report.Id, ReportEventKind.Answered));
        return true;
    }
}
