using CommunityBot.Channels.Telegram.Moderation;
using CommunityBot.Conversations;
using CommunityBot.Moderation;
using CommunityBot.Privacy;
using CommunityBot.Reports;
using Microsoft.Extensions.Options;

namespace CommunityBot.Channels.Messenger;

/// <summary>
/// A moderator's question to a member who reported through Messenger and agreed to be asked, with an "Answer" quick
/// reply under it. Meta lets the Page write first only within 24 hours of the member's last message: the question is
/// simply sent, and Meta's refusal (10 / 2018278) says the window has passed. Nothing about when the member last wrote
/// is kept, on disk or in memory: Meta knows it, and after a restart the bot would not. With the operator's
/// <c>HumanAgentTag</c> on, a refused question is sent again with Meta's <c>HUMAN_AGENT</c> tag (a person wrote it),
/// which Meta takes up to 7 days after the member's last message.
/// </summary>
internal sealed class MessengerFollowUpSender(GraphClient graph, TextCatalog texts, IOptions<MessengerOptions> options) : IFollowUpSender
{
    public ReportChannel Channel => ReportChannel.Messenger;

    public async Task<QuestionDelivery> SendQuestionAsync(IncidentReport report, string address, string question, CancellationToken cancellationToken)
    {
        var parts = PlainTextSplitter.Split(FollowUpTexts.Question(texts, report, question), MessengerRenderer.MaxText);
        var answer = new Choice(MessengerAnswers.Title(texts.Get(report.Language, FollowUpTexts.AnswerButton)), FollowUpPress.Data(report.Id));
        var push = Push.Update;
        SendResult? sent = null;
        for (var i = 0; i < parts.Count; i++)
        {
            var message = i == parts.Count - 1 ? new OutgoingMessage(parts[i], [answer], []) : OutgoingMessage.Plain(parts[i]);
            sent = await graph.PushAsync(new Recipient.Member(address), message, push, cancellationToken);
            if (sent.Outcome == SendOutcome.OutsideWindow && i == 0 && push == Push.Update && options.Value.HumanAgentTag)
            {
                push = Push.HumanAgent;
                sent = await graph.PushAsync(new Recipient.Member(address), message, push, cancellationToken);
            }
            if (sent.Outcome != SendOutcome.Sent)
            {
                return i == 0 && sent.Outcome == SendOutcome.OutsideWindow ? new QuestionDelivery(QuestionOutcome.OutsideWindow) : QuestionDelivery.NotDelivered;
            }
        }
        // The part with "Answer" under it is the question a reply is recognised by.
        return new QuestionDelivery(QuestionOutcome.Sent, sent?.MessageId);
    }
}

/// <summary>Members who pressed "Answer" under a question, so that their next message is the answer: in memory only,
/// by a keyed pseudonym of the member, and for half an hour at most (it ties a member to a report). After a restart the
/// member presses again or replies to the question.</summary>
internal sealed class AwaitedAnswers(TimeProvider time, Pseudonyms pseudonyms) : IDisposable
{
    private readonly FadingMemory<string, Guid> _answering = new(time, FollowUpAnswers.Wait, FollowUpAnswers.MostAwaited, StringComparer.Ordinal);

    public void Await(string psid, Guid reportId) => _answering.Set(Key(psid), reportId);

    /// <summary>Cheap when nobody is writing an answer (the usual case): no pseudonym is computed then.</summary>
    public bool Awaits(string psid) => _answering.Count > 0 && _answering.TryGet(Key(psid), out _);

    public Guid? Take(string psid) => _answering.TryRemove(Key(psid), out var reportId) ? reportId : null;

    public Guid? Peek(string psid) => _answering.TryGet(Key(psid), out var reportId) ? reportId : null;

    public void Stop(string psid)
    {
        if (_answering.Count > 0)
        {
            _answering.Remove(Key(psid));
        }
    }

    public void Dispose() => _answering.Dispose();

    private string Key(string psid) => pseudonyms.Of(PseudonymPurpose.Counters, "messenger-answer:" + psid);
}

/// <summary>
/// A Messenger member's answer to a moderator's question (<see cref="MessengerFollowUpSender"/> sends it), as in
/// Telegram: the "Answer" quick reply makes their next message the answer, and a reply to the question
/// (<c>reply_to.mid</c>) is one. Only the member kept for that report's follow-up can answer; the answer is masked for
/// contact details, joins the report and comes to the card.
/// </summary>
internal sealed class MessengerAnswers(
    ReportStore reports,
    FollowUpContacts followUps,
    ReportEvents events,
    GraphClient graph,
    TextCatalog texts,
    ContactMasking masking,
    AwaitedAnswers awaited,
    ActivityCounts counts)
{
    /// <summary>A quick reply's title within Meta's limit.</summary>
    public static string Title(string title) =>
        title.Length <= MessengerRenderer.MaxTitle ? title : title[..(MessengerRenderer.MaxTitle - 1)] + "…";

    /// <summary>Takes the message when it is about a question relayed to the member.</summary>
    /// <returns>Null when the message is not about a question (the conversation takes it); else whether the event's
    /// marker was stored with the answer.</returns>
    public async Task<bool?> TakeAsync(MemberMessage message, string marker, CancellationToken cancellationToken)
    {
        var psid = message.Psid;
        if (message.QuickReply is { } payload && FollowUpPress.Parse(payload) is { } pressed)
        {
            await OnAnswerPressAsync(psid, pressed, cancellationToken);
            return false;
        }
        if (message is { ReplyTo: { } mid, Text: { } reply } && MessengerCommand.Parse(reply) is null
            && await followUps.QuestionAsync(FollowUpContact.Messenger(psid), mid) is { } asked)
        {
            awaited.Stop(psid);
            return await AnswerAsync(psid, await reports.FindByIdAsync(asked), reply, marker, FollowUpTexts.AnswerSent, cancellationToken);
        }
        if (!awaited.Awaits(psid))
        {
            return null;
        }
        if (message.QuickReply is not null || (message.Text is { } typed && MessengerCommand.Parse(typed) is not null))
        {
            // The member turned to something else: their next message is no longer an answer.
            awaited.Stop(psid);
            return null;
        }
        if (message.Text is null)
        {
            // A like, a sticker or a photo: only words reach the moderators, and the answer is still awaited.
            await OnNotTextAsync(psid, awaited.Peek(psid), cancellationToken);
            return false;
        }
        var answer = message.Text;
        var report = awaited.Take(psid) is { } reportId ? await reports.FindByIdAsync(reportId) : null;
        return await AnswerAsync(psid, report, answer, marker, FollowUpTexts.AnswerSent, cancellationToken);
    }

    /// <summary>Something else than words where the answer to <paramref name="question"/> is awaited: the member is asked
    /// again to write it.</summary>
    public async Task OnNotTextAsync(string psid, Guid? question, CancellationToken cancellationToken)
    {
        var waiting = question is { } id ? await reports.FindByIdAsync(id) : null;
        var language = waiting?.Language ?? texts.DefaultLanguage;
        var again = waiting is null ? "" : "\n\n" + texts.Get(language, "followup.write_answer", ("label", waiting.Label));
        await SayAsync(psid, texts.Get(language, "error.not_text") + again, cancellationToken);
    }

    /// <summary>The member pressed a button or a menu item: their next message is no longer an answer.</summary>
    public void TurnedAway(string psid) => awaited.Stop(psid);

    private async Task OnAnswerPressAsync(string psid, Guid reportId, CancellationToken cancellationToken)
    {
        var report = await reports.FindByIdAsync(reportId);
        if (report is null || await followUps.FindAsync(report.Id) != FollowUpContact.Messenger(psid))
        {
            await SayAsync(psid, texts.Get(report?.Language ?? texts.DefaultLanguage, "followup.not_awaited"), cancellationToken);
            return;
        }
        await AwaitAsync(psid, report, cancellationToken);
    }

    /// <summary>The member typed "1", "Answer" or <c>answer</c> outside an interview, or wrote while the question waits
    /// for its answer (<see cref="AnswerRequests"/>): as a press of "Answer" under the latest question relayed to them,
    /// or the answer itself.</summary>
    /// <returns>Null when the question is no longer open (the case closed a moment ago): nothing was said. Else whether
    /// the event's marker was stored with an answer.</returns>
    public async Task<bool?> OnTypedRequestAsync(string psid, AnswerRequest request, string marker, CancellationToken cancellationToken)
    {
        var report = await reports.FindByIdAsync(request.Report);
        if (report is null || await followUps.FindAsync(report.Id) != FollowUpContact.Messenger(psid))
        {
            return null;
        }
        if (request.Answer.Length > 0)
        {
            return await AnswerAsync(psid, report, request.Answer, marker, FollowUpTexts.Thanks(request), cancellationToken);
        }
        await AwaitAsync(psid, report, cancellationToken);
        return false;
    }

    private async Task AwaitAsync(string psid, IncidentReport report, CancellationToken cancellationToken)
    {
        awaited.Await(psid, report.Id);
        await SayAsync(psid, texts.Get(report.Language, "followup.write_answer", ("label", report.Label)), cancellationToken);
    }

    private async Task<bool> AnswerAsync(string psid, IncidentReport? report, string text, string marker, string thanksKey, CancellationToken cancellationToken)
    {
        var language = report?.Language ?? texts.DefaultLanguage;
        var (kept, masked) = masking.Mask(language, text);
        var outcome = report is null ? AnswerOutcome.NotFound : await followUps.AnswerAsync(report.Id, FollowUpContact.Messenger(psid), kept, marker);
        if (outcome != AnswerOutcome.Added || report is null)
        {
            await SayAsync(psid, texts.Get(language, "followup.not_awaited"), cancellationToken);
            return false;
        }
        counts.Add(Activity.AnswersRelayed);
        var thanks = texts.Get(language, thanksKey, ("label", report.Label));
        await SayAsync(psid, masked ? thanks + "\n\n" + texts.Get(language, "add.masked") : thanks, cancellationToken);
        // The answer is owed to the moderators with the report itself; this only wakes the cards up.
        events.Add(new ReportEvent(report.Id, ReportEventKind.Answered));
        return true;
    }

    private Task<SendOutcome> SayAsync(string psid, string text, CancellationToken cancellationToken) =>
        graph.SendAsync(new Recipient.Member(psid), OutgoingMessage.Plain(text), cancellationToken);
}
