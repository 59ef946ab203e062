using System.Globalization;
using System.Text;
using CommunityBot.Channels.Telegram.Letters;
using CommunityBot.Conversations;
using CommunityBot.Moderation;
using CommunityBot.Privacy;
using CommunityBot.Reports;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace CommunityBot.Channels.Telegram.Moderation;

/// <summary>
/// The moderators' group: a card for every new report, triage by buttons, and the commands. Every action is checked
/// against current membership of the group and written to the audit log under a moderator pseudonym.
/// </summary>
internal sealed partial class ModerationChat(
    ReportStore reports,
    AuditLog audit,
    ReportStatistics statistics,
    StatsChart chart,
    ReportExport export,
    ExportScratch scratch,
    FlowBundle flow,
    ReportCard cards,
    ReportCards cardPlaces,
    ModeratorAccess access,
    TelegramSender sender,
    TextCatalog texts,
    Communities communities,
    Pseudonyms pseudonyms,
    LetterChat letters,
    TimeProvider time,
    ILogger<ModerationChat> log)
{
    private const int PageSize = 10;
    private static readonly TimeSpan AnswerWait = TimeSpan.FromMinutes(30);

    /// <summary>Members who pressed "Answer" under a question, by private chat. Memory only: after a restart the
    /// member presses again or replies to the question.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, (Guid Report, DateTimeOffset Until)> _answering = new();
    private string Language => texts.DefaultLanguage;

    /// <summary>Posts the card of a report that still owes one (a report whose card is up already is left alone, so
    /// a report both owed at start-up and announced just now gets one card).</summary>
    public async Task PostCardAsync(Guid reportId, CancellationToken cancellationToken)
    {
        if (communities.ModeratorsChatId is not { } moderators
            || !await cardPlaces.IsOwedAsync(reportId).ConfigureAwait(false))
        {
            return;
        }
        if (await reports.FindByIdAsync(reportId).ConfigureAwait(false) is not { } report)
        {
            await cardPlaces.ForgetOwedAsync(reportId).ConfigureAwait(false);
            return;
        }
        var card = await sender.SendAsync(moderators, await CardHtmlAsync(report).ConfigureAwait(false), cards.Keyboard(report, Language),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (card is not null)
        {
            await cardPlaces.PostedAsync(report.Id, card.MessageId).ConfigureAwait(false);
        }
    }

    /// <summary>What the member did to their report reaches its card: an addition comes as a reply to the card, a
    /// withdrawal empties the card.</summary>
    public async Task OnReportEventAsync(ReportEvent happened, CancellationToken cancellationToken)
    {
        if (happened.Kind == ReportEventKind.Submitted)
        {
            await PostCardAsync(happened.ReportId, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (await reports.FindByIdAsync(happened.ReportId).ConfigureAwait(false) is not { } report)
        {
            return;
        }
        await RefreshCardAsync(report, cancellationToken).ConfigureAwait(false);
        var html = happened.Kind == ReportEventKind.Withdrawn
            ? TelegramHtml.Escape(texts.Get(Language, "mod.withdrawn", ("label", report.Label)))
            : MemberWords(report.Label, "mod.added", happened.Text ?? "");
        await ReplyToCardAsync(report.Id, html, cancellationToken).ConfigureAwait(false);
    }

    public async Task OnCallbackAsync(CallbackQuery query, CancellationToken cancellationToken)
    {
        if (!await access.IsModeratorAsync(query.From.Id, cancellationToken).ConfigureAwait(false))
        {
            await sender.AnswerCallbackAsync(query.Id, texts.Get(Language, "mod.refused"), cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }
        if (QueueTurn.Parse(query.Data) is { } turn)
        {
            if (query.Message is { } queue)
            {
                var (html, keyboard) = await QueuePageAsync(turn.Status, turn.Page).ConfigureAwait(false);
                await sender.EditAsync(queue.Chat.Id, queue.MessageId, html, keyboard, cancellationToken).ConfigureAwait(false);
            }
            await sender.AnswerCallbackAsync(query.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }
        if (ReportCard.Parse(query.Data) is not { } press || await reports.FindByIdAsync(press.ReportId).ConfigureAwait(false) is not { } report)
        {
            await sender.AnswerCallbackAsync(query.Id, texts.Get(Language, "tg.stale_button"), cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }
        var moderator = ModeratorPseudonym(query.From.Id);
        var label = Label(moderator);
        var chatId = query.Message?.Chat.Id ?? communities.ModeratorsChatId ?? 0;
        // The callback is answered last, so that whoever pressed sees the card already changed when the spinner stops.
        switch (press.Action)
        {
            case CardAction.Show:
                await sender.SendAsync(chatId, await CardHtmlAsync(report).ConfigureAwait(false), cards.Keyboard(report, Language), cancellationToken: cancellationToken).ConfigureAwait(false);
                await sender.AnswerCallbackAsync(query.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
                return;
            case CardAction.Reject:
                if (query.Message is { } card)
                {
                    await sender.EditKeyboardAsync(card.Chat.Id, card.MessageId, cards.RejectReasons(report, Language), cancellationToken).ConfigureAwait(false);
                }
                await sender.AnswerCallbackAsync(query.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
                return;
            case CardAction.Ask or CardAction.Duplicate when ReportLifecycle.IsFinal(report.Status):
                // A press on an old card: the case has ended since.
                await sender.AnswerCallbackAsync(query.Id, Refusal(report.Status), cancellationToken: cancellationToken).ConfigureAwait(false);
                return;
            case CardAction.Ask when !report.FollowUpAvailable:
                // Nothing goes to the member: without their consent there is no way back to them.
                await sender.AnswerCallbackAsync(query.Id, texts.Get(Language, "mod.ask.no_consent"), showAlert: true, cancellationToken).ConfigureAwait(false);
                return;
            case CardAction.Ask or CardAction.Duplicate:
                var (mark, key) = press.Action == CardAction.Ask ? (ReportCard.QuestionMark, "mod.ask.prompt") : (ReportCard.DuplicateMark, "mod.duplicate.prompt");
                await sender.SendAsync(chatId, TelegramHtml.Escape(mark + report.Label + "\n" + texts.Get(Language, key, ("label", report.Label))),
                    replyTo: query.Message?.MessageId, cancellationToken: cancellationToken).ConfigureAwait(false);
                await sender.AnswerCallbackAsync(query.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
                return;
            case CardAction.Letter:
                await letters.StartForReportAsync(query, report, cancellationToken).ConfigureAwait(false);
                return;
            default:
                break;
        }

        var (to, reason) = press.Action switch
        {
            CardAction.Take => (ReportStatus.InReview, (string?)null),
            CardAction.Verify => (ReportStatus.Verified, null),
            CardAction.ActionTaken => (ReportStatus.ActionTaken, null),
            CardAction.Resolve => (ReportStatus.Resolved, null),
            CardAction.RejectSpam => (ReportStatus.Rejected, RejectReasons.Spam),
            CardAction.RejectUnverifiable => (ReportStatus.Rejected, RejectReasons.Unverifiable),
            _ => (ReportStatus.Rejected, RejectReasons.OutOfScope),
        };
        var result = await reports.ChangeStatusAsync(report.Id, to, label, reason,
            audit: new Audited(moderator, press.Action.ToString()), assign: press.Action == CardAction.Take).ConfigureAwait(false);
        if (result.Outcome != StatusOutcome.Changed || result.Report is not { } changed)
        {
            await sender.AnswerCallbackAsync(query.Id, Refusal(result.Current ?? report.Status), cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }
        LogAction(log, report.Label, press.Action);
        if (query.Message is { } message)
        {
            await sender.EditAsync(message.Chat.Id, message.MessageId, await CardHtmlAsync(changed).ConfigureAwait(false), cards.Keyboard(changed, Language), cancellationToken).ConfigureAwait(false);
        }
        await sender.AnswerCallbackAsync(query.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Commands in the moderators' group (or from a moderator in private).</summary>
    public async Task OnCommandAsync(Message message, MemberCommand command, CancellationToken cancellationToken)
    {
        var chatId = message.Chat.Id;
        if (message.From is not { } from || !await access.IsModeratorAsync(from.Id, cancellationToken).ConfigureAwait(false))
        {
            await sender.SendAsync(chatId, TelegramHtml.Escape(texts.Get(Language, "mod.refused")), cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }
        if (command.Name is "stats" or "export")
        {
            await FilesAsync(chatId, command, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (command.Name == "queue")
        {
            var word = command.Argument.Trim();
            var (queue, keyboard) = (word.Length == 0 ? ReportStatus.New : ReportFilterWords.Status(word)) is { } status
                ? await QueuePageAsync(status, 0).ConfigureAwait(false)
                : (TelegramHtml.Escape(texts.Get(Language, "mod.queue.unknown", ("word", word), ("statuses", string.Join(", ", ReportFilterWords.StatusIds)))), null);
            await sender.SendAsync(chatId, queue, keyboard, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }
        if (command.Name == "show" && await FindAsync(command.Argument).ConfigureAwait(false) is { } report)
        {
            await sender.SendAsync(chatId, await CardHtmlAsync(report).ConfigureAwait(false), cards.Keyboard(report, Language), cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }
        var html = command.Name switch
        {
            "find" => await FindTextAsync(command.Argument).ConfigureAwait(false),
            "show" => TelegramHtml.Escape(texts.Get(Language, "mod.show.none")),
            "audit" => await AuditAsync().ConfigureAwait(false),
            _ => TelegramHtml.Escape(texts.Get(Language, "mod.help")),
        };
        await sender.SendAsync(chatId, html, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A moderator's reply to one of the bot's messages: to a card it is an internal note; to "what is your
    /// question?" it is the question to relay to the member; to "which report does it repeat?" it names the original.</summary>
    public async Task OnReplyAsync(Message message, string text, CancellationToken cancellationToken)
    {
        if (message.From is not { } from || message.ReplyToMessage?.Text is not { } repliedTo)
        {
            return;
        }
        var (kind, named) = ReportCard.LabelAfter(ReportCard.QuestionMark, repliedTo) is { } asked ? (CardAction.Ask, asked)
            : ReportCard.LabelAfter(ReportCard.DuplicateMark, repliedTo) is { } repeated ? (CardAction.Duplicate, repeated)
            : (CardAction.Take, ReportCard.LabelIn(repliedTo));
        if (named is null || !await access.IsModeratorAsync(from.Id, cancellationToken).ConfigureAwait(false)
            || await reports.FindByLabelAsync(named).ConfigureAwait(false) is not { } report)
        {
            return;
        }
        var moderator = ModeratorPseudonym(from.Id);
        switch (kind)
        {
            case CardAction.Ask:
                await AskAsync(message, moderator, report, text, cancellationToken).ConfigureAwait(false);
                break;
            case CardAction.Duplicate:
                await MarkDuplicateAsync(message, moderator, report, text, cancellationToken).ConfigureAwait(false);
                break;
            default:
                if (await reports.AddNoteAsync(report.Id, Label(moderator), text, audit: new Audited(moderator, "Note")).ConfigureAwait(false))
                {
                    await RefreshCardAsync(report.Id, cancellationToken).ConfigureAwait(false);
                    await ReplyAsync(message, texts.Get(Language, "mod.note.added", ("label", report.Label)), cancellationToken).ConfigureAwait(false);
                }
                break;
        }
    }

    /// <summary>The member answers a relayed question by replying to it in their private chat. Only the chat kept for
    /// follow-up may answer; the answer joins the report and reaches the card as a reply.</summary>
    /// <returns>True when the update's marker was stored with the answer.</returns>
    public async Task<bool> OnMemberAnswerAsync(Message message, string label, string text, string marker, CancellationToken cancellationToken) =>
        await AnswerAsync(message, await reports.FindByLabelAsync(label).ConfigureAwait(false), text, marker, cancellationToken).ConfigureAwait(false);

    /// <summary>Whether the member of this private chat pressed "Answer" under a question, so their next message is the answer.</summary>
    public bool AwaitsAnswer(long chatId) => _answering.TryGetValue(chatId, out var waiting) && waiting.Until > time.GetUtcNow();

    /// <summary>The member turned to something else (a command): their next message is no longer an answer.</summary>
    public void StopAwaitingAnswer(long chatId) => _answering.TryRemove(chatId, out _);

    /// <summary>"Answer" under a relayed question, for members who do not know Telegram's reply: the next message is
    /// the answer. Only the chat kept for that report's follow-up can start it.</summary>
    public async Task OnAnswerPressAsync(CallbackQuery query, CancellationToken cancellationToken)
    {
        var chatId = query.Message?.Chat.Id ?? query.From.Id;
        var report = FollowUpPress.Parse(query.Data) is { } id ? await reports.FindByIdAsync(id).ConfigureAwait(false) : null;
        if (report is null || await reports.FollowUpAsync(report.Id).ConfigureAwait(false) != chatId)
        {
            await sender.AnswerCallbackAsync(query.Id, texts.Get(report?.Language ?? Language, "followup.not_awaited"), showAlert: true, cancellationToken).ConfigureAwait(false);
            return;
        }
        _answering[chatId] = (report.Id, time.GetUtcNow() + AnswerWait);
        await sender.AnswerCallbackAsync(query.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
        await sender.SendAsync(chatId, TelegramHtml.Escape(texts.Get(report.Language, "followup.write_answer", ("label", report.Label))), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The message after "Answer" was pressed.</summary>
    public async Task<bool> OnAwaitedAnswerAsync(Message message, string text, string marker, CancellationToken cancellationToken)
    {
        var report = _answering.TryRemove(message.Chat.Id, out var waiting) ? await reports.FindByIdAsync(waiting.Report).ConfigureAwait(false) : null;
        return await AnswerAsync(message, report, text, marker, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> AnswerAsync(Message message, IncidentReport? report, string text, string marker, CancellationToken cancellationToken)
    {
        var outcome = report is null ? AnswerOutcome.NotFound
            : await reports.AnswerAsync(report.Id, message.Chat.Id, text, marker).ConfigureAwait(false);
        var language = report?.Language ?? Language;
        if (outcome != AnswerOutcome.Added || report is null)
        {
            await sender.SendAsync(message.Chat.Id, TelegramHtml.Escape(texts.Get(language, "followup.not_awaited")), cancellationToken: cancellationToken).ConfigureAwait(false);
            return false;
        }
        LogAnswered(log, report.Label);
        await sender.SendAsync(message.Chat.Id, TelegramHtml.Escape(texts.Get(language, "followup.answer_sent", ("label", report.Label))), cancellationToken: cancellationToken).ConfigureAwait(false);
        await RefreshCardAsync(report.Id, cancellationToken).ConfigureAwait(false);
        await ReplyToCardAsync(report.Id, MemberWords(report.Label, "mod.answer", text), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The question is kept on the report (with the audit entry) whether or not it can be delivered, so the
    /// thread shows what was asked; it reaches the member only through the chat they agreed to be asked in.</summary>
    private async Task AskAsync(Message message, string moderator, IncidentReport report, string question, CancellationToken cancellationToken)
    {
        await reports.AddNoteAsync(report.Id, Label(moderator), question, audit: new Audited(moderator, "Question"), question: true).ConfigureAwait(false);
        var delivered = await reports.FollowUpAsync(report.Id).ConfigureAwait(false) is { } member
            && await sender.SendAsync(member, TelegramHtml.Escape(ReportCard.QuestionMark + report.Label + "\n\n"
                + texts.Get(report.Language, "followup.question", ("label", report.Label), ("question", question))),
                FollowUpPress.Keyboard(report, texts.Get(report.Language, "followup.answer_button")), cancellationToken: cancellationToken).ConfigureAwait(false) is not null;
        LogAsked(log, report.Label, delivered);
        await RefreshCardAsync(report.Id, cancellationToken).ConfigureAwait(false);
        await ReplyAsync(message, texts.Get(Language, delivered ? "mod.ask.sent" : "mod.ask.not_sent", ("label", report.Label)), cancellationToken).ConfigureAwait(false);
    }

    private async Task MarkDuplicateAsync(Message message, string moderator, IncidentReport report, string typed, CancellationToken cancellationToken)
    {
        var original = await reports.FindByLabelAsync(typed.Trim()).ConfigureAwait(false);
        var result = original is null
            ? new StatusResult(StatusOutcome.UnknownOriginal, report)
            : await reports.ChangeStatusAsync(report.Id, ReportStatus.Duplicate, Label(moderator), duplicateOf: original.Id,
                audit: new Audited(moderator, nameof(CardAction.Duplicate))).ConfigureAwait(false);
        var answer = result.Outcome switch
        {
            StatusOutcome.Changed => texts.Get(Language, "mod.duplicate.done", ("label", report.Label), ("original", original?.Label ?? "")),
            StatusOutcome.UnknownOriginal => texts.Get(Language, "mod.duplicate.unknown", ("label", report.Label), ("original", typed.Trim())),
            _ => Refusal(result.Current ?? report.Status),
        };
        if (result.Outcome == StatusOutcome.Changed)
        {
            LogAction(log, report.Label, CardAction.Duplicate);
            await RefreshCardAsync(report.Id, cancellationToken).ConfigureAwait(false);
        }
        await ReplyAsync(message, answer, cancellationToken).ConfigureAwait(false);
    }

    private string Refusal(ReportStatus current) =>
        texts.Get(Language, "mod.illegal", ("status", texts.Get(Language, ReportCard.StatusKey(current))));

    private string MemberWords(string label, string key, string text) =>
        TelegramHtml.Escape(ReportCard.MemberMark + label + "\n" + texts.Get(Language, key)) + "\n" + TelegramHtml.Escape(text);

    private Task<Message?> ReplyAsync(Message message, string text, CancellationToken cancellationToken) =>
        sender.SendAsync(message.Chat.Id, TelegramHtml.Escape(text), replyTo: message.MessageId, cancellationToken: cancellationToken);

    private async Task ReplyToCardAsync(Guid reportId, string html, CancellationToken cancellationToken)
    {
        if (communities.ModeratorsChatId is { } moderators)
        {
            await sender.SendAsync(moderators, html, replyTo: await cardPlaces.MessageOfAsync(reportId).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RefreshCardAsync(Guid reportId, CancellationToken cancellationToken)
    {
        if (await reports.FindByIdAsync(reportId).ConfigureAwait(false) is { } report)
        {
            await RefreshCardAsync(report, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Shows the report as it is now on its card, wherever the card is.</summary>
    private async Task RefreshCardAsync(IncidentReport report, CancellationToken cancellationToken)
    {
        if (communities.ModeratorsChatId is { } moderators && await cardPlaces.MessageOfAsync(report.Id).ConfigureAwait(false) is { } card)
        {
            await sender.EditAsync(moderators, card, await CardHtmlAsync(report).ConfigureAwait(false), cards.Keyboard(report, Language), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string> CardHtmlAsync(IncidentReport report)
    {
        var original = report.DuplicateOf is { } id ? (await reports.FindByIdAsync(id).ConfigureAwait(false))?.Label : null;
        return cards.Html(report, Language, original);
    }

    public static bool IsModerationCommand(string name) => name is "queue" or "show" or "find" or "stats" or "export" or "audit" or "help";

    /// <summary><c>/stats [filter words]</c>: the summary and a chart. <c>/export csv|json [filter words]</c>: a file.
    /// Both stay inside the moderators' group, so counts are not suppressed here. A word that is not understood is
    /// answered by name, with the usage: nothing falls back to "everything" without saying so.</summary>
    private async Task FilesAsync(long chatId, MemberCommand command, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var vocabulary = FilterVocabulary.Of(flow, communities.Keys);
        var isStats = command.Name == "stats";
        var words = isStats
            ? ReportFilterWords.ParseFilter(command.Argument, today, vocabulary)
            : ReportFilterWords.ParseExport(command.Argument, today, vocabulary);
        if (words is not FilterWords.Parsed { Filter: var filter, Format: var format })
        {
            // The only other outcome.
            var refusal = Refusal((FilterWords.Refused)words, isStats, vocabulary);
            await sender.SendAsync(chatId, TelegramHtml.Escape(refusal), cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        // Whoever reads the answer sees what it covers, in words they can type again.
        var applied = ReportFilterWords.Describe(filter, vocabulary) is { Length: > 0 } described
            ? texts.Get(Language, "mod.filter.applied", ("words", described))
            : texts.Get(Language, "mod.filter.everything");
        var stamp = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (isStats)
        {
            var counts = await statistics.CountAsync(filter, cancellationToken).ConfigureAwait(false);
            var summary = applied + "\n\n" + statistics.Summarize(counts, Language, suppressSmallCounts: false);
            await sender.SendAsync(chatId, TelegramHtml.Escape(summary), cancellationToken: cancellationToken).ConfigureAwait(false);
            await sender.SendFileAsync(chatId, chart.Render(counts, Language), $"stats-{stamp}.png", applied, asPhoto: true, cancellationToken).ConfigureAwait(false);
            return;
        }
        await ExportAsync(chatId, filter, format ?? ExportFormat.Csv, $"reports-{stamp}", applied, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the export to a scratch file (never all in memory) and sends that file; the file is gone
    /// afterwards, whether sending worked or not.</summary>
    private async Task ExportAsync(long chatId, ReportFilter filter, ExportFormat format, string name, string caption, CancellationToken cancellationToken)
    {
        var file = scratch.Create();
        await using (file.ConfigureAwait(false))
        {
            if (format == ExportFormat.Json)
            {
                await export.WriteJsonAsync(file, filter, Language, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await export.WriteCsvAsync(file, filter, Language, cancellationToken).ConfigureAwait(false);
            }
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            file.Position = 0;
            var extension = format == ExportFormat.Json ? "json" : "csv";
            await sender.SendFileAsync(chatId, file, $"{name}.{extension}", caption, asPhoto: false, cancellationToken).ConfigureAwait(false);
        }
    }

    private string Refusal(FilterWords.Refused refused, bool isStats, FilterVocabulary vocabulary)
    {
        var problem = refused switch
        {
            { Problem: FilterWordProblem.NoFormat } => texts.Get(Language, "mod.filter.no_format"),
            { Problem: FilterWordProblem.Repeated, Word: var word } => texts.Get(Language, "mod.filter.repeated", ("word", word)),
            { Problem: FilterWordProblem.Reversed, Word: var word } => texts.Get(Language, "mod.filter.reversed", ("word", word)),
            { Problem: FilterWordProblem.Ambiguous, Word: var word } => texts.Get(Language, "mod.filter.ambiguous", ("word", word)),
            { Word: var word } => texts.Get(Language, "mod.filter.unknown", ("word", word)),
        };
        var none = texts.Get(Language, "mod.filter.none");
        var categories = vocabulary.Categories.Select(id => "• " + id + " — " + texts.Get(Language, "category." + id));
        var words = texts.Get(Language, "mod.filter.words",
            ("statuses", string.Join(", ", ReportFilterWords.StatusIds)),
            ("communities", vocabulary.Communities.IsEmpty ? none : string.Join(", ", vocabulary.Communities)),
            ("categories", vocabulary.Categories.IsEmpty ? none : string.Join("\n", categories)));
        return problem + "\n\n" + texts.Get(Language, isStats ? "mod.stats.usage" : "mod.export.usage") + "\n" + words;
    }

    private async Task<string> FindTextAsync(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return TelegramHtml.Escape(texts.Get(Language, "mod.find.usage"));
        }
        var found = await reports.FindTextAsync(text.Trim(), PageSize).ConfigureAwait(false);
        if (found.Count == 0)
        {
            return TelegramHtml.Escape(texts.Get(Language, "mod.queue.empty"));
        }
        return string.Join("\n", found.Select(r => "• <b>" + TelegramHtml.Escape(r.Label) + "</b> " + FlowRunner.FormatDate(r.SubmittedOn) + " "
            + TelegramHtml.Escape(texts.Get(Language, ReportCard.StatusKey(r.Status)))));
    }

    /// <summary>One page of the queue: a line per report, a button per report that shows its card, and ‹ › to page.</summary>
    private async Task<(string Html, InlineKeyboardMarkup? Keyboard)> QueuePageAsync(ReportStatus status, int page)
    {
        var (reportsOnPage, total) = await reports.QueueAsync(status, page * PageSize, PageSize).ConfigureAwait(false);
        if (reportsOnPage.Count == 0 && page == 0)
        {
            return (TelegramHtml.Escape(texts.Get(Language, "mod.queue.empty")), null);
        }
        var pages = (total + PageSize - 1) / PageSize;
        var html = new StringBuilder(TelegramHtml.Escape(texts.Get(Language, "mod.queue.title",
            ("status", texts.Get(Language, ReportCard.StatusKey(status))), ("count", total.ToString(CultureInfo.InvariantCulture)))));
        if (pages > 1)
        {
            html.Append(" · ").Append(TelegramHtml.Escape(texts.Get(Language, "mod.queue.page",
                ("page", (page + 1).ToString(CultureInfo.InvariantCulture)), ("pages", pages.ToString(CultureInfo.InvariantCulture)))));
        }
        foreach (var report in reportsOnPage)
        {
            var category = report.Answers.GetValueOrDefault("category") is ChoiceAnswer c ? texts.Get(Language, "category." + c.Choice) : "";
            html.Append("\n• <b>").Append(TelegramHtml.Escape(report.Label)).Append("</b> ")
                .Append(FlowRunner.FormatDate(report.SubmittedOn)).Append(' ').Append(TelegramHtml.Escape(category));
        }
        List<InlineKeyboardButton[]> rows = [.. reportsOnPage.Select(ReportCard.ShowButton).Chunk(5)];
        List<InlineKeyboardButton> turn = [];
        if (page > 0)
        {
            turn.Add(InlineKeyboardButton.WithCallbackData("‹", QueueTurn.Data(status, page - 1)));
        }
        if (page + 1 < pages)
        {
            turn.Add(InlineKeyboardButton.WithCallbackData("›", QueueTurn.Data(status, page + 1)));
        }
        if (turn.Count > 0)
        {
            rows.Add([.. turn]);
        }
        return (html.ToString(), new InlineKeyboardMarkup(rows));
    }

    private string ModeratorPseudonym(long userId) => pseudonyms.OfModerator(userId);

    /// <summary>How moderators see each other on cards and in the audit: a short form of the pseudonym.</summary>
    private static string Label(string moderatorPseudonym) => "M-" + moderatorPseudonym[..4].ToUpperInvariant();

    private Task<IncidentReport?> FindAsync(string label) =>
        string.IsNullOrWhiteSpace(label) ? Task.FromResult<IncidentReport?>(null) : reports.FindByLabelAsync(label.Trim());

    private async Task<string> AuditAsync()
    {
        var entries = await audit.LatestAsync(20).ConfigureAwait(false);
        var html = new StringBuilder(TelegramHtml.Escape(texts.Get(Language, "mod.audit.title")));
        foreach (var entry in entries)
        {
            html.Append('\n').Append(entry.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append(" · ")
                .Append(TelegramHtml.Escape(Label(entry.Moderator))).Append(" · ")
                .Append(TelegramHtml.Escape(entry.Report)).Append(" · ").Append(TelegramHtml.Escape(entry.Action));
        }
        return html.ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {Label}: {Action}")]
    private static partial void LogAction(ILogger logger, string label, CardAction action);

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {Label}: question relayed to the member: {Delivered}")]
    private static partial void LogAsked(ILogger logger, string label, bool delivered);

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {Label}: the member answered a question")]
    private static partial void LogAnswered(ILogger logger, string label);
}
