using System.Globalization;
using System.Text;
using CommunityBot.Conversations;
using CommunityBot.Moderation;
using CommunityBot.Privacy;
using CommunityBot.Reports;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Types;

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
    ModeratorAccess access,
    TelegramSender sender,
    TextCatalog texts,
    Communities communities,
    Pseudonyms pseudonyms,
    TimeProvider time,
    ILogger<ModerationChat> log)
{
    private const int PageSize = 10;
    private string Language => texts.DefaultLanguage;

    public async Task PostCardAsync(Guid reportId, CancellationToken cancellationToken)
    {
        if (communities.ModeratorsChatId is not { } moderators || await reports.FindByIdAsync(reportId).ConfigureAwait(false) is not { } report)
        {
            return;
        }
        await sender.SendAsync(moderators, cards.Html(report, Language), cards.Keyboard(report, Language), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task OnCallbackAsync(CallbackQuery query, CancellationToken cancellationToken)
    {
        if (!await access.IsModeratorAsync(query.From.Id, cancellationToken).ConfigureAwait(false))
        {
            await sender.AnswerCallbackAsync(query.Id, texts.Get(Language, "mod.refused"), cancellationToken).ConfigureAwait(false);
            return;
        }
        if (ReportCard.Parse(query.Data) is not { } press || await reports.FindByIdAsync(press.ReportId).ConfigureAwait(false) is not { } report)
        {
            await sender.AnswerCallbackAsync(query.Id, texts.Get(Language, "tg.stale_button"), cancellationToken).ConfigureAwait(false);
            return;
        }
        var moderator = ModeratorPseudonym(query.From.Id);
        var label = Label(moderator);
        // The callback is answered last, so that whoever pressed sees the card already changed when the spinner stops.
        if (press.Action == CardAction.Reject)
        {
            if (query.Message is { } card)
            {
                await sender.EditKeyboardAsync(card.Chat.Id, card.MessageId, cards.RejectReasons(report, Language), cancellationToken).ConfigureAwait(false);
            }
            await sender.AnswerCallbackAsync(query.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        var (to, reason) = press.Action switch
        {
            CardAction.Take => (ReportStatus.InReview, (string?)null),
            CardAction.Verify => (ReportStatus.Verified, null),
            CardAction.ActionTaken => (ReportStatus.ActionTaken, null),
            CardAction.Resolve => (ReportStatus.Resolved, null),
            CardAction.RejectSpam => (ReportStatus.Rejected, "spam"),
            CardAction.RejectUnverifiable => (ReportStatus.Rejected, "unverifiable"),
            _ => (ReportStatus.Rejected, "out_of_scope"),
        };
        if (press.Action == CardAction.Take)
        {
            await reports.AssignAsync(report.Id, label).ConfigureAwait(false);
        }
        var result = await reports.ChangeStatusAsync(report.Id, to, label, reason).ConfigureAwait(false);
        if (result.Outcome != StatusOutcome.Changed)
        {
            await sender.AnswerCallbackAsync(query.Id, texts.Get(Language, "mod.illegal",
                ("status", texts.Get(Language, ReportIntake.StatusKey(result.Current ?? report.Status)))), cancellationToken).ConfigureAwait(false);
            return;
        }
        await audit.AppendAsync(moderator, report.Label, press.Action.ToString()).ConfigureAwait(false);
        LogAction(log, report.Label, press.Action);
        if (query.Message is { } message && await reports.FindByIdAsync(report.Id).ConfigureAwait(false) is { } updated)
        {
            await sender.EditAsync(message.Chat.Id, message.MessageId, cards.Html(updated, Language) + Footer(updated), cards.Keyboard(updated, Language), cancellationToken).ConfigureAwait(false);
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
        if (command.Name == "show" && await FindAsync(command.Argument).ConfigureAwait(false) is { } report)
        {
            await sender.SendAsync(chatId, cards.Html(report, Language) + Footer(report), cards.Keyboard(report, Language), cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }
        var html = command.Name switch
        {
            "queue" => await QueueAsync(command.Argument).ConfigureAwait(false),
            "find" => await FindTextAsync(command.Argument).ConfigureAwait(false),
            "show" => TelegramHtml.Escape(texts.Get(Language, "mod.show.none")),
            "audit" => await AuditAsync().ConfigureAwait(false),
            _ => TelegramHtml.Escape(texts.Get(Language, "mod.help")),
        };
        await sender.SendAsync(chatId, html, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A moderator's reply to a card becomes an internal note on that report.</summary>
    public async Task OnReplyAsync(Message message, string text, CancellationToken cancellationToken)
    {
        if (message.From is not { } from || message.ReplyToMessage?.Text is not { } card
            || ReportCard.LabelIn(card) is not { } label
            || !await access.IsModeratorAsync(from.Id, cancellationToken).ConfigureAwait(false)
            || await reports.FindByLabelAsync(label).ConfigureAwait(false) is not { } report)
        {
            return;
        }
        var moderator = ModeratorPseudonym(from.Id);
        if (await reports.AddNoteAsync(report.Id, Label(moderator), text).ConfigureAwait(false))
        {
            await audit.AppendAsync(moderator, report.Label, "Note").ConfigureAwait(false);
            await sender.SendAsync(message.Chat.Id, TelegramHtml.Escape(texts.Get(Language, "mod.note.added", ("label", report.Label))),
                replyTo: message.MessageId, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
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
            + TelegramHtml.Escape(texts.Get(Language, ReportIntake.StatusKey(r.Status)))));
    }

    private async Task<string> QueueAsync(string argument)
    {
        var word = argument.Trim();
        if ((word.Length == 0 ? ReportStatus.New : ReportFilterWords.Status(word)) is not { } status)
        {
            return TelegramHtml.Escape(texts.Get(Language, "mod.queue.unknown",
                ("word", word), ("statuses", string.Join(", ", ReportFilterWords.StatusIds))));
        }
        var (page, total) = await reports.QueueAsync(status, 0, PageSize).ConfigureAwait(false);
        if (page.Count == 0)
        {
            return TelegramHtml.Escape(texts.Get(Language, "mod.queue.empty"));
        }
        var html = new StringBuilder(TelegramHtml.Escape(texts.Get(Language, "mod.queue.title",
            ("status", texts.Get(Language, ReportIntake.StatusKey(status))), ("count", total.ToString(CultureInfo.InvariantCulture)))));
        foreach (var report in page)
        {
            var category = report.Answers.GetValueOrDefault("category") is ChoiceAnswer c ? texts.Get(Language, "category." + c.Choice) : "";
            html.Append("\n• <b>").Append(TelegramHtml.Escape(report.Label)).Append("</b> ")
                .Append(FlowRunner.FormatDate(report.SubmittedOn)).Append(' ').Append(TelegramHtml.Escape(category));
        }
        return html.ToString();
    }

    private string ModeratorPseudonym(long userId) =>
        pseudonyms.Of(PseudonymPurpose.Moderators, "telegram:" + userId.ToString(CultureInfo.InvariantCulture));

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

    private string Footer(IncidentReport report)
    {
        var footer = new StringBuilder();
        if (report.AssignedTo is { } who)
        {
            footer.Append("\n\n").Append(TelegramHtml.Escape(texts.Get(Language, "mod.assigned", ("moderator", who))));
        }
        foreach (var note in report.Notes)
        {
            footer.Append("\n✎ ").Append(FlowRunner.FormatDate(note.On)).Append(' ').Append(TelegramHtml.Escape(note.By))
                .Append(": ").Append(TelegramHtml.Escape(note.Text));
        }
        return footer.ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {Label}: {Action}")]
    private static partial void LogAction(ILogger logger, string label, CardAction action);
}
