using System.Globalization;
using System.Text;
using CommunityBot.Conversations;
using CommunityBot.Moderation;
using CommunityBot.Reports;
using Telegram.Bot.Types;

namespace CommunityBot.Channels.Telegram.Moderation;

/// <summary>The moderators' commands, in their group or from a moderator in private: <c>/queue</c>, <c>/show</c>,
/// <c>/find</c>, <c>/audit</c>, the files of <c>/stats</c> and <c>/export</c>, and the help for anything else.</summary>
internal sealed class ModerationCommands(
    ModeratorAccess access,
    QueuePages pages,
    ModerationFiles files,
    ModeratorsBoard board,
    ReportQueue reports,
    AuditLog audit,
    TelegramSender sender,
    TextCatalog texts)
{
    /// <summary>The latest moderator actions <c>/audit</c> shows.</summary>
    private const int AuditLines = 20;

    private string Language => texts.DefaultLanguage;

    public async Task OnCommandAsync(Message message, MemberCommand command, CancellationToken cancellationToken)
    {
        var chatId = message.Chat.Id;
        // In a group with topics every answer goes to the topic the command was typed in.
        var topic = ForumTopic.Of(message);
        if (message.From is not { } from || !await access.IsModeratorAsync(from.Id, cancellationToken))
        {
            await sender.SendAsync(chatId, TelegramHtml.Escape(texts.Get(Language, "mod.refused")), topic: topic, cancellationToken: cancellationToken);
            return;
        }
        if (command.Name is CommandNames.Stats or CommandNames.Export)
        {
            await files.SendAsync(chatId, topic, command, cancellationToken);
            return;
        }
        if (command.Name == CommandNames.Queue)
        {
            // A word that is no status is not repeated: it may be a phone number or a code pasted by mistake.
            var word = command.Argument.Trim();
            var (queue, keyboard) = (word.Length == 0 ? ReportStatus.New : ReportFilterWords.Status(word, FilterPhrases.Of(texts))) is { } status
                ? await pages.PageAsync(status, 0)
                : (TelegramHtml.Escape(texts.Get(Language, "mod.queue.unknown", ("statuses", FilterPhrases.Listed(texts, Language)))), null);
            await sender.SendAsync(chatId, queue, keyboard, topic: topic, cancellationToken: cancellationToken);
            return;
        }
        if (command.Name == CommandNames.Show && await FindAsync(command.Argument) is { } report)
        {
            await board.ShowAsync(chatId, topic, report, cancellationToken);
            return;
        }
        var html = command.Name switch
        {
            CommandNames.Find => await FindTextAsync(command.Argument),
            CommandNames.Show => TelegramHtml.Escape(texts.Get(Language, ShowRefusal(command.Argument))),
            CommandNames.Audit => await AuditAsync(),
            _ => TelegramHtml.Escape(texts.Get(Language, "mod.help")),
        };
        await sender.SendAsync(chatId, html, topic: topic, cancellationToken: cancellationToken);
    }

    /// <summary>"/show" without a label in reply to one of the bot's messages about a report in the moderators' group:
    /// that report is meant, as a note in reply is about it. False when the message answers anything else, which leaves
    /// it the usual <c>/show</c> (its usage). Only the group's messages are known by id, so this is for the group only.</summary>
    public async Task<bool> ShowRepliedAsync(Message message, CancellationToken cancellationToken)
    {
        if (message.ReplyToMessage is not { } repliedTo || await board.FindAsync(repliedTo.MessageId, cancellationToken) is not { } about
            || await reports.FindByIdAsync(about.ReportId) is not { } report)
        {
            return false;
        }
        await OnCommandAsync(message, new MemberCommand(CommandNames.Show, report.Label), cancellationToken);
        return true;
    }

    /// <summary>A moderator's reply in a private chat to a card <c>/show</c> sent there (its first word is the report's
    /// label): notes are read only in the moderators' group, where the bot keeps its messages' ids, so nothing is kept
    /// and the moderator is told where to write it. False for anyone else's reply, which is their own conversation's.</summary>
    public async Task<bool> RefusePrivateNoteAsync(Message message, CancellationToken cancellationToken)
    {
        if (message is not { From: { } from, ReplyToMessage: { From.IsBot: true, Text: { } quoted } }
            || quoted.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() is not { } first
            || !first.StartsWith(ReportLabel.Prefix, StringComparison.Ordinal) || ReportLabel.Normalize(first) != first
            || !await access.IsModeratorAsync(from.Id, cancellationToken))
        {
            return false;
        }
        await sender.SendAsync(message.Chat.Id, TelegramHtml.Escape(texts.Get(Language, "mod.note.group_only", ("label", first))),
            replyTo: message.MessageId, cancellationToken: cancellationToken);
        return true;
    }

    private async Task<string> FindTextAsync(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return TelegramHtml.Escape(texts.Get(Language, "mod.find.usage"));
        }
        var found = await reports.FindTextAsync(text.Trim(), QueuePages.PageSize);
        if (found.Count == 0)
        {
            return TelegramHtml.Escape(texts.Get(Language, "mod.queue.empty"));
        }
        return string.Join("\n", found.Select(r => "• <b>" + TelegramHtml.Escape(r.Label) + "</b> " + FlowRunner.FormatDate(r.SubmittedOn) + " "
            + TelegramHtml.Escape(texts.Get(Language, ReportCard.StatusKey(r.Status)))));
    }

    /// <summary>Why <c>/show</c> found nothing: no label was given, or several words that are no one label ("R-7K3Q
    /// R-XM2P") were, which must not read as "no such report"; or the one label names no report.</summary>
    private static string ShowRefusal(string argument) =>
        ReportLabel.Normalize(argument) is null && argument.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).Length != 1
            ? "mod.show.usage"
            : "mod.show.none";

    private Task<IncidentReport?> FindAsync(string label) =>
        string.IsNullOrWhiteSpace(label) ? Task.FromResult<IncidentReport?>(null) : reports.FindByLabelAsync(label.Trim());

    private async Task<string> AuditAsync()
    {
        var entries = await audit.LatestAsync(AuditLines);
        var html = new StringBuilder(TelegramHtml.Escape(texts.Get(Language, "mod.audit.title")));
        foreach (var entry in entries)
        {
            html.Append('\n').Append(entry.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append(" · ")
                .Append(TelegramHtml.Escape(Moderator.LabelOf(entry.Moderator))).Append(" · ")
                .Append(TelegramHtml.Escape(entry.Report)).Append(" · ").Append(TelegramHtml.Escape(entry.Action));
        }
        return html.ToString();
    }
}
