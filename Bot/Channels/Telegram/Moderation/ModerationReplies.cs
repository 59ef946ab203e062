using System.Collections.Concurrent;
using CommunityBot.Conversations;
using CommunityBot.Moderation;
using CommunityBot.Reports;
using Telegram.Bot.Types;

namespace CommunityBot.Channels.Telegram.Moderation;

/// <summary>
/// A moderator's reply to one of the bot's messages about a report, recognised by the message's id as the bot stored
/// it when it posted it (never by its text, which a member's story could imitate): to "what is your question?" it is
/// the question to relay to the member; to "which report does it repeat?" it names the original; to the card or
/// anything else about the report it is an internal note.
/// </summary>
internal sealed class ModerationReplies(
    ModeratorAccess access,
    ModeratorsBoard board,
    CaseDecisions decisions,
    ModeratorQuestions questions,
    ReportStore reports,
    ContactMasking masking,
    TelegramSender sender,
    TextCatalog texts)
{
    private string Language => texts.DefaultLanguage;

    /// <summary>A moderator's reply about a report edited after it was sent: the note kept (or the question relayed) is
    /// the first text, and the moderator must not believe the correction reached it. Other edits are left alone.</summary>
    public async Task OnEditedReplyAsync(Message message, CancellationToken cancellationToken)
    {
        if (message.From is { } from && message.ReplyToMessage is { } repliedTo
            && await access.ModeratorAsync(from.Id, cancellationToken) is not null
            && await board.FindAsync(repliedTo.MessageId, cancellationToken) is not null)
        {
            await ReplyAsync(message, texts.Get(Language, "mod.note.edit_not_seen"), cancellationToken);
        }
    }

    /// <summary>A command or a reply sent as the group or a channel: it is not done, and its author is told how to act
    /// in their own name.</summary>
    public Task RefuseAnonymousAsync(Message message, CancellationToken cancellationToken) =>
        ReplyAsync(message, texts.Get(Language, "mod.anonymous"), cancellationToken);

    /// <summary>A photo, sticker, voice message or file in reply to one of the bot's messages about a report: only
    /// words are kept or relayed, so nothing was (not even a caption, which could be half of what was meant), and the
    /// moderator is told so. Such a reply to a message about no report is the group's own.</summary>
    public async Task OnNotTextReplyAsync(Message message, CancellationToken cancellationToken)
    {
        if (message is not { From: { } from, ReplyToMessage: { } repliedTo }
            || await board.FindAsync(repliedTo.MessageId, cancellationToken) is null)
        {
            return;
        }
        var answer = await access.ModeratorAsync(from.Id, cancellationToken) is null ? "mod.refused" : "mod.reply.not_text";
        await ReplyAsync(message, texts.Get(Language, answer), cancellationToken);
    }

    /// <summary>"/cancel" or "/back" in reply to one of the bot's prompts (the question, the original's label): read as
    /// "отмена" typed there is. False when the message replies to anything else, which leaves it a command.</summary>
    public async Task<bool> CancelPromptAsync(Message message, CancellationToken cancellationToken)
    {
        if (message is not { ReplyToMessage: { } repliedTo }
            || await board.FindAsync(repliedTo.MessageId, cancellationToken) is not { Kind: CardMessageKind.AskPrompt or CardMessageKind.DuplicatePrompt })
        {
            return false;
        }
        await OnReplyAsync(message, CommandNames.Cancel, cancellationToken);
        return true;
    }

    public async Task OnReplyAsync(Message message, string text, CancellationToken cancellationToken)
    {
        if (message.From is not { } from || message.ReplyToMessage is not { } repliedTo)
        {
            return;
        }
        if (await access.ModeratorAsync(from.Id, cancellationToken) is not { } moderator)
        {
            // Someone who may not act here (left, removed or muted) would otherwise believe their words were kept.
            await ReplyAsync(message, texts.Get(Language, "mod.refused"), cancellationToken);
            return;
        }
        if (await board.FindAsync(repliedTo.MessageId, cancellationToken) is not { } about)
        {
            // A reply to the help, a chart or a list: no report to keep it with, and the moderator would otherwise
            // believe it kept.
            await ReplyAsync(message, texts.Get(Language, "mod.reply.not_a_card"), cancellationToken);
            return;
        }
        if (await reports.FindByIdAsync(about.ReportId) is not { Status: not ReportStatus.Withdrawn } report)
        {
            // The member deleted the report: nothing can be kept with it, and the moderator must not believe it was.
            await ReplyAsync(message, texts.Get(Language, "mod.note.withdrawn"), cancellationToken);
            return;
        }
        await (about.Kind switch
        {
            // "Отмена" or "cancel" in reply to "what is your question?" is not a question to put to the member.
            CardMessageKind.AskPrompt when CommandWords.Named(text) is CommandNames.Cancel or CommandNames.Back =>
                ReplyAsync(message, texts.Get(Language, "mod.ask.cancelled", ("label", report.Label)), cancellationToken),
            // "?", "." or an emoji alone is no question: the member would get a riddle about their report and could
            // answer nothing to it.
            CardMessageKind.AskPrompt when !text.Any(char.IsLetterOrDigit) =>
                ReplyAsync(message, texts.Get(Language, "mod.ask.empty", ("label", report.Label)), cancellationToken),
            CardMessageKind.AskPrompt => AskAsync(message, moderator, report, text, cutPart: false, cancellationToken),
            // Nor is it a report's label to look up.
            CardMessageKind.DuplicatePrompt when CommandWords.Named(text) is CommandNames.Cancel or CommandNames.Back =>
                ReplyAsync(message, texts.Get(Language, "mod.duplicate.cancelled", ("label", report.Label)), cancellationToken),
            CardMessageKind.DuplicatePrompt => MarkDuplicateAsync(message, moderator, report, text, cancellationToken),
            _ => NoteAsync(message, moderator, report, text, cutPart: false, cancellationToken),
        });
    }

    private async Task AskAsync(Message message, Moderator moderator, IncidentReport report, string question, bool cutPart, CancellationToken cancellationToken)
    {
        RememberCut(message, report, question, CutKind.Question);
        // As in a note: a phone number or a receipt code would tie the report to a person on the card and in every
        // export. The member gets the same words with the placeholders in their language: their chat may be seen by
        // others, and a receipt code in it beside the report's label would let whoever sees it act as them.
        var (kept, masked) = masking.Mask(Language, question);
        var relayed = masked ? masking.Mask(report.Language, question).Text : question;
        var delivered = await questions.AskAsync(moderator.Label, moderator.Audit("Question"), report, new AskedQuestion(kept, relayed), cancellationToken);
        // Without the member's consent nothing is sent: the question waits on the report for their /status.
        var outcome = delivered switch
        {
            QuestionOutcome.Sent => "mod.ask.sent",
            QuestionOutcome.OutsideWindow => "mod.ask.outside_window",
            QuestionOutcome.NotNow => "mod.ask.not_sent_now",
            _ => report.FollowUpAvailable ? "mod.ask.not_sent" : "mod.ask.no_consent",
        };
        var answer = CutPartLead(cutPart, "mod.cut.question") + texts.Get(Language, outcome, ("label", report.Label));
        await ReplyAsync(message, masked ? answer + "\n" + texts.Get(Language, "mod.ask.masked") : answer, cancellationToken);
    }

    /// <summary>A note or a question longer than half of Telegram's limit may have been cut by the moderator's app:
    /// Telegram Desktop cuts a long text at its last paragraph, line, sentence or word after the first half of the limit,
    /// the phone apps nearer the limit. The next part comes as a message of its own, no longer a reply.</summary>
    private const int CutNoteLength = TelegramSender.MessageLimit / 2 + 1;

    /// <summary>What an app drops where it cuts: the spaces or blank lines between the parts, which Telegram trims.</summary>
    private const int CutSpace = 64;

    /// <summary>The parts of one cut message are sent at once; Telegram dates them within a second or two.</summary>
    private static readonly TimeSpan CutPartsWithin = TimeSpan.FromSeconds(5);

    /// <summary>What a cut message was: its next part is the same kind of thing.</summary>
    private enum CutKind { Note, Question }

    /// <summary>A moderator's last note or question that was long enough to have been cut: about which report, the id of
    /// their message in the moderators' group, when Telegram dated it, and how long it was.</summary>
    private readonly record struct CutNote(Guid Report, int MessageId, DateTime Sent, int Length, CutKind Kind);

    /// <summary>Whose last note or question may have been cut. In memory only, for seconds: a moderator's account and
    /// a message id in the moderators' group, never a member's, never stored or logged.</summary>
    private readonly ConcurrentDictionary<long, CutNote> _cutNotes = new();

    /// <summary>The next part of a moderator's long note or question that their app cut: kept with the same report as a
    /// note of its own, or relayed to the member as the rest of the question, and the moderator is told which. False for
    /// any other message, which is the group's.</summary>
    public async Task<bool> TakeNotePartAsync(Message message, CancellationToken cancellationToken)
    {
        if (message is not { From: { } from, Text: { } text } || !_cutNotes.TryRemove(from.Id, out var cut)
            || !IsNextPart(cut, message, text)
            || await access.ModeratorAsync(from.Id, cancellationToken) is not { } moderator
            || await reports.FindByIdAsync(cut.Report) is not { Status: not ReportStatus.Withdrawn } report)
        {
            return false;
        }
        await (cut.Kind == CutKind.Question
            ? AskAsync(message, moderator, report, text, cutPart: true, cancellationToken)
            : NoteAsync(message, moderator, report, text, cutPart: true, cancellationToken));
        return true;
    }

    /// <summary>Only what can be the rest of a cut text: the moderator's very next message in the group (the app sends
    /// the parts at once, and a group numbers its messages in order, so the bot's answer or a colleague's word makes
    /// anything later the group's), dated with the first part, and long enough that the two together (with the spaces
    /// dropped at the cut) passed the limit, which is why the app cut. A remark sent right after a long question (say,
    /// queued with it while the phone was offline) must never reach the member.</summary>
    private static bool IsNextPart(CutNote cut, Message message, string text) =>
        message.MessageId == cut.MessageId + 1
        && message.Date - cut.Sent <= CutPartsWithin
        && cut.Length + CutSpace + text.Length > TelegramSender.MessageLimit;

    private void RememberCut(Message message, IncidentReport report, string text, CutKind kind)
    {
        if (message.From is { } author && text.Length >= CutNoteLength)
        {
            _cutNotes[author.Id] = new CutNote(report.Id, message.MessageId, message.Date, text.Length, kind);
        }
        else if (message.From is { } other)
        {
            _cutNotes.TryRemove(other.Id, out _);
        }
    }

    /// <summary>The line that tells a moderator their message was taken as the next part of their long note or question,
    /// so that a mistake shows at once.</summary>
    private string CutPartLead(bool cutPart, string key) => cutPart ? texts.Get(Language, key) + "\n" : "";

    private async Task NoteAsync(Message message, Moderator moderator, IncidentReport report, string note, bool cutPart, CancellationToken cancellationToken)
    {
        RememberCut(message, report, note, CutKind.Note);
        // A phone number or a receipt code in a note would tie the report to a person on the card and in every export.
        var (kept, masked) = masking.Mask(Language, note);
        if (await reports.AddNoteAsync(report.Id, moderator.Label, kept, audit: moderator.Audit("Note")))
        {
            await board.RefreshAsync(report.Id, cancellationToken);
            await ReplyAsync(message, CutPartLead(cutPart, "mod.cut.note") + texts.Get(Language, masked ? "mod.note.masked" : "mod.note.added", ("label", report.Label)), cancellationToken);
        }
    }

    private async Task MarkDuplicateAsync(Message message, Moderator moderator, IncidentReport report, string typed, CancellationToken cancellationToken)
    {
        var original = await reports.FindByLabelAsync(typed.Trim());
        // The store refuses an original that is this report or one its member deleted (UnknownOriginal below).
        var result = original is null
            ? new StatusResult(StatusOutcome.UnknownOriginal, report)
            : await decisions.MoveAsync(moderator, CardAction.Duplicate, report, new StatusDecision.Duplicate(original.Id));
        var answer = result.Outcome switch
        {
            StatusOutcome.Changed => texts.Get(Language, "mod.duplicate.done", ("label", report.Label), ("original", original?.Label ?? "")),
            StatusOutcome.UnknownOriginal when original?.Id == report.Id =>
                texts.Get(Language, "mod.duplicate.itself", ("label", report.Label)),
            StatusOutcome.UnknownOriginal when original is { Status: ReportStatus.Withdrawn } =>
                texts.Get(Language, "mod.duplicate.withdrawn", ("label", report.Label), ("original", original.Label)),
            // What was typed is repeated back so the moderator sees the slip, but cut, and with a receipt code or a phone
            // number pasted by mistake hidden: the bot's answer stays in the group after the moderator deletes theirs.
            StatusOutcome.UnknownOriginal => texts.Get(Language, "mod.duplicate.unknown", ("label", report.Label),
                ("original", FilterWordTexts.Shown(masking.Mask(Language, typed.Trim()).Text))),
            StatusOutcome.CircularOriginal when original is not null =>
                texts.Get(Language, "mod.duplicate.circular", ("label", report.Label), ("original", original.Label)),
            _ => decisions.Refusal(result.Current ?? report.Status),
        };
        if (result is { Outcome: StatusOutcome.Changed, Report: { } changed })
        {
            decisions.Announce(changed, CardAction.Duplicate);
        }
        await ReplyAsync(message, answer, cancellationToken);
    }

    private Task<MessageId?> ReplyAsync(Message message, string text, CancellationToken cancellationToken) =>
        sender.SendAsync(message.Chat.Id, TelegramHtml.Escape(text), replyTo: message.MessageId, topic: ForumTopic.Of(message), cancellationToken: cancellationToken);
}
