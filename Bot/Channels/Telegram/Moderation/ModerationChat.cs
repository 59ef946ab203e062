using System.Globalization;
using System.Text;
using CommunityBot.Channels.Telegram.Letters;
using CommunityBot.Conversations;
using CommunityBot.Moderation;
using CommunityBot.Privacy;
using CommunityBot.Reports;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace CommunityBot.Channels.Telegram.Moderation;

/// <summary>
/// The moderators' group: triage by the buttons of the cards (<see cref="ModeratorsBoard"/> keeps the cards), notes,
/// questions and duplicates by replies, and the commands. Every action is checked against current membership of the
/// group and written to the audit log under a moderator pseudonym.
/// </summary>
internal sealed class ModerationChat(
    ReportStore reports,
    AuditLog audit,
    ReportStatistics statistics,
    StatsChart chart,
    ReportExport export,
    ExportScratch scratch,
    FlowBundle flow,
    ReportCard cards,
    ModeratorsBoard board,
    ReportEvents events,
    FollowUpRelay relay,
    ModeratorAccess access,
    TelegramSender sender,
    TextCatalog texts,
    Communities communities,
    Pseudonyms pseudonyms,
    LetterChat letters,
    TimeProvider time,
    CalendarSettings calendar,
    ActivityCounts counts)
{
    private const int PageSize = 10;
    private string Language => texts.DefaultLanguage;

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
                await board.ShowAsync(chatId, report, cancellationToken).ConfigureAwait(false);
                await sender.AnswerCallbackAsync(query.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
                return;
            case CardAction.FullText when report.Status == ReportStatus.Withdrawn:
                await sender.AnswerCallbackAsync(query.Id, Refusal(report.Status), cancellationToken: cancellationToken).ConfigureAwait(false);
                return;
            case CardAction.FullText:
                await board.FullTextAsync(chatId, report, query.Message?.MessageId, cancellationToken).ConfigureAwait(false);
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
            case CardAction.Ask or CardAction.Duplicate:
                await board.PromptAsync(chatId, report, press.Action == CardAction.Ask ? CardMessageKind.AskPrompt : CardMessageKind.DuplicatePrompt,
                    query.Message?.MessageId, cancellationToken).ConfigureAwait(false);
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
            audit: new Audited(moderator, press.Action.ToString()), assign: press.Action == CardAction.Take,
            shownOn: query.Message is { } pressed && communities.IsModerators(pressed.Chat.Id) ? pressed.MessageId : null).ConfigureAwait(false);
        if (result.Outcome != StatusOutcome.Changed || result.Report is not { } changed)
        {
            await sender.AnswerCallbackAsync(query.Id, Refusal(result.Current ?? report.Status), cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }
        counts.Add(Activity.ModeratorActions, press.Action.ToString());
        if (query.Message is { } message)
        {
            var (html, keyboard) = await board.CardAsync(changed, ReportCard.FormOf(changed.Status)).ConfigureAwait(false);
            await sender.EditAsync(message.Chat.Id, message.MessageId, html, keyboard, cancellationToken).ConfigureAwait(false);
        }
        // The card elsewhere and the clearing of a closed case are owed with the change itself.
        events.Add(new ReportEvent(changed.Id, ReportEventKind.StatusChanged));
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
            await board.ShowAsync(chatId, report, cancellationToken).ConfigureAwait(false);
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

    /// <summary>A moderator's reply to one of the bot's messages about a report, recognised by the message's id as
    /// the bot stored it when it posted it (never by its text, which a member's story could imitate): to "what is your
    /// question?" it is the question to relay to the member; to "which report does it repeat?" it names the original;
    /// to the card or anything else about the report it is an internal note.</summary>
    public async Task OnReplyAsync(Message message, string text, CancellationToken cancellationToken)
    {
        if (message.From is not { } from || message.ReplyToMessage is not { } repliedTo
            || await board.FindAsync(repliedTo.MessageId).ConfigureAwait(false) is not { } about
            || !await access.IsModeratorAsync(from.Id, cancellationToken).ConfigureAwait(false)
            || await reports.FindByIdAsync(about.ReportId).ConfigureAwait(false) is not { } report)
        {
            return;
        }
        var kind = about.Kind switch
        {
            CardMessageKind.AskPrompt => CardAction.Ask,
            CardMessageKind.DuplicatePrompt => CardAction.Duplicate,
            _ => CardAction.Take,
        };
        var moderator = ModeratorPseudonym(from.Id);
        switch (kind)
        {
            case CardAction.Ask:
                var delivered = await relay.AskAsync(Label(moderator), new Audited(moderator, "Question"), report, text, cancellationToken).ConfigureAwait(false);
                // Without the member's consent nothing is sent: the question waits on the report for their /status.
                var outcome = delivered ? "mod.ask.sent" : report.FollowUpAvailable ? "mod.ask.not_sent" : "mod.ask.no_consent";
                await ReplyAsync(message, texts.Get(Language, outcome, ("label", report.Label)), cancellationToken).ConfigureAwait(false);
                break;
            case CardAction.Duplicate:
                await MarkDuplicateAsync(message, moderator, report, text, cancellationToken).ConfigureAwait(false);
                break;
            default:
                if (await reports.AddNoteAsync(report.Id, Label(moderator), text, audit: new Audited(moderator, "Note")).ConfigureAwait(false))
                {
                    await board.RefreshAsync(report.Id, cancellationToken).ConfigureAwait(false);
                    await ReplyAsync(message, texts.Get(Language, "mod.note.added", ("label", report.Label)), cancellationToken).ConfigureAwait(false);
                }
                break;
        }
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
        if (result is { Outcome: StatusOutcome.Changed, Report: { } changed })
        {
            counts.Add(Activity.ModeratorActions, nameof(CardAction.Duplicate));
            events.Add(new ReportEvent(changed.Id, ReportEventKind.StatusChanged));
        }
        await ReplyAsync(message, answer, cancellationToken).ConfigureAwait(false);
    }

    private string Refusal(ReportStatus current) =>
        texts.Get(Language, "mod.illegal", ("status", texts.Get(Language, ReportCard.StatusKey(current))));

    private Task<Message?> ReplyAsync(Message message, string text, CancellationToken cancellationToken) =>
        sender.SendAsync(message.Chat.Id, TelegramHtml.Escape(text), replyTo: message.MessageId, cancellationToken: cancellationToken);

    public static bool IsModerationCommand(string name) => name is "queue" or "show" or "find" or "stats" or "export" or "audit" or "help";

    /// <summary><c>/stats [filter words]</c>: the summary and a chart. <c>/export csv|json [filter words]</c>: a file.
    /// Both stay inside the moderators' group, so counts are not suppressed here. A word that is not understood is
    /// answered by name, with the usage: nothing falls back to "everything" without saying so.</summary>
    private async Task FilesAsync(long chatId, MemberCommand command, CancellationToken cancellationToken)
    {
        var today = calendar.Today(time.GetUtcNow());
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

    private string Refusal(FilterWords.Refused refused, bool isStats, FilterVocabulary vocabulary) =>
        FilterWordTexts.Problem(texts, Language, refused) + "\n\n" + texts.Get(Language, isStats ? "mod.stats.usage" : "mod.export.usage")
        + "\n" + FilterWordTexts.Words(texts, Language, vocabulary);

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
}
