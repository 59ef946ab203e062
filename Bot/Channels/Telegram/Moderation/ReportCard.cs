using System.Globalization;
using System.Text;
using CommunityBot.Conversations;
using CommunityBot.Moderation;
using CommunityBot.Reports;
using Telegram.Bot.Types.ReplyMarkups;

namespace CommunityBot.Channels.Telegram.Moderation;

/// <summary>What a moderator can do to a report from its card.</summary>
internal enum CardAction { Take, Verify, ActionTaken, Resolve, Reject, RejectSpam, RejectUnverifiable, RejectOutOfScope, RejectBack, Ask, Duplicate, Show, Letter, FullText }

/// <summary>How much of the report a card shows: all of it that fits one message while the case is open, the facts
/// without the member's words once it is closed (they stay readable with <c>/show</c>).</summary>
internal enum CardForm { Open, Closed }

/// <summary>A card's text, and whether anything was cut from it (then a "Full text" button goes with it).</summary>
internal sealed record CardText(string Html, bool Cut);

/// <summary>
/// A report as moderators see it in their group: every answer in words, the story (cut to fit one message, with a
/// "Full text" button for the rest), the consents, the status and who took it (by moderator label), with buttons for
/// the next steps. Never anything about who reported, and of when only the day.
/// </summary>
internal sealed class ReportCard(FlowRunner runner, TextCatalog texts)
{
    /// <summary>How every press on a card or a page of the queue begins: the router sends these to the moderation.</summary>
    public const string PressPrefix = PressLetter + ":";

    internal const string PressLetter = "m";

    /// <summary>A card is one Telegram message (4,096 characters at most): this leaves room for the marks of a cut.</summary>
    public const int CardLimit = 3600;

    /// <summary>The most of the member's story a card shows; the rest is one press away.</summary>
    public const int StoryLimit = 1500;

    /// <summary>The most of one answer, addition or note a card shows.</summary>
    private const int PieceLimit = 300;

    private const string Ellipsis = "…";

    private static readonly Dictionary<string, CardAction> Codes = new()
    {
        ["t"] = CardAction.Take, ["v"] = CardAction.Verify, ["a"] = CardAction.ActionTaken, ["r"] = CardAction.Resolve,
        ["x"] = CardAction.Reject, ["xs"] = CardAction.RejectSpam, ["xu"] = CardAction.RejectUnverifiable, ["xo"] = CardAction.RejectOutOfScope, ["xb"] = CardAction.RejectBack,
        ["q"] = CardAction.Ask, ["d"] = CardAction.Duplicate, ["s"] = CardAction.Show, ["l"] = CardAction.Letter, ["f"] = CardAction.FullText,
    };

    /// <summary>Starts the bot's message asking a moderator for a question to relay, and the relayed question in the
    /// member's chat, for people to read: replies to them are recognised by their stored message ids, never by this.</summary>
    public const string QuestionMark = FollowUpTexts.QuestionMark;

    /// <summary>Starts the bot's message asking a moderator which report this one repeats.</summary>
    public const string DuplicateMark = "🔁 ";

    /// <summary>Starts a member's answer or addition relayed to the moderators, as a reply to the card.</summary>
    public const string MemberMark = "💬 ";

    /// <summary>The status as moderators speak of it (members see gentler words for the same status).</summary>
    public static string StatusKey(ReportStatus status) => "mod." + ReportStatusIds.TextKey(status);

    /// <summary>The form a report's card takes in the moderators' group now.</summary>
    public static CardForm FormOf(ReportStatus status) =>
        ReportLifecycle.Closes(status) && status != ReportStatus.Withdrawn ? CardForm.Closed : CardForm.Open;

    /// <param name="original">The label of the report this one repeats, when it is a duplicate.</param>
    public CardText Html(IncidentReport report, string language, string? original = null, CardForm form = CardForm.Open)
    {
        var cut = false;
        string Piece(string text, int limit)
        {
            if (text.Length <= limit)
            {
                return TelegramHtml.Escape(text);
            }
            cut = true;
            // Never between the halves of a surrogate pair.
            var end = char.IsHighSurrogate(text[limit - 1]) ? limit - 1 : limit;
            return TelegramHtml.Escape(text[..end].TrimEnd()) + Ellipsis;
        }

        var head = new StringBuilder();
        head.Append("<b>").Append(TelegramHtml.Escape(report.Label)).Append("</b> · <i>")
            .Append(TelegramHtml.Escape(texts.Get(language, StatusKey(report.Status)))).Append("</i> · ")
            .Append(FlowRunner.FormatDate(report.SubmittedOn));
        if (report.Community is { } community)
        {
            head.Append(" · ").Append(TelegramHtml.Escape(community));
        }
        if (report.Channel != ReportChannel.Telegram)
        {
            // Only a Telegram member can be checked against a community group: moderators weigh the report knowing so.
            head.Append("\n<i>").Append(TelegramHtml.Escape(texts.Get(language, "mod.channel." + ReportChannels.Id(report.Channel))))
                .Append(" · ").Append(TelegramHtml.Escape(texts.Get(language, "mod.membership_unchecked"))).Append("</i>");
        }
        head.Append('\n');
        var story = new StringBuilder();
        var storyLeft = StoryLimit;
        foreach (var step in runner.Flow.Steps.Where(s => s.Kind is not (StepKind.Consent or StepKind.Review)))
        {
            if (!report.Answers.TryGetValue(step.Id, out var answer))
            {
                continue;
            }
            var name = TelegramHtml.Escape(Label(step, language));
            if (answer is TextAnswer words)
            {
                if (form == CardForm.Closed)
                {
                    continue;
                }
                story.Append("\n\n").Append(name).Append(":\n").Append(Piece(words.Text, Math.Max(storyLeft, PieceLimit)));
                storyLeft -= words.Text.Length;
                continue;
            }
            head.Append('\n').Append(name).Append(": ").Append(Piece(runner.Describe(language, step, answer), PieceLimit));
        }
        head.Append(story);
        if (form == CardForm.Closed && (report.Answers.Values.Any(a => a is TextAnswer) || !report.Additions.IsEmpty))
        {
            head.Append("\n\n<i>").Append(TelegramHtml.Escape(texts.Get(language, "mod.story_removed", ("label", report.Label)))).Append("</i>");
        }

        var tail = new StringBuilder();
        if (report.AssignedTo is { } who)
        {
            tail.Append("\n\n").Append(TelegramHtml.Escape(texts.Get(language, "mod.assigned", ("moderator", who))));
        }
        if (original is not null)
        {
            tail.Append('\n').Append(TelegramHtml.Escape(texts.Get(language, "mod.duplicate_of", ("original", original))));
        }

        // Additions and notes, newest kept first, while the card stays one message.
        var room = CardLimit - TelegramHtml.VisibleLength(head.ToString()) - TelegramHtml.VisibleLength(tail.ToString());
        var additions = new List<string>();
        if (form == CardForm.Open)
        {
            foreach (var addition in report.Additions.Reverse())
            {
                var line = "\n\n" + (addition.Answer ? MemberMark.TrimEnd() : "+") + " " + FlowRunner.FormatDate(addition.On) + ": " + Piece(addition.Text, PieceLimit);
                if (!Fits(ref room, line))
                {
                    cut = true;
                    break;
                }
                additions.Insert(0, line);
            }
        }
        var notes = new List<string>();
        foreach (var note in report.Notes.Reverse())
        {
            var line = "\n" + (note.Question ? QuestionMark.TrimEnd() : "✎") + " " + FlowRunner.FormatDate(note.On) + " "
                + TelegramHtml.Escape(note.By) + ": " + Piece(note.Text, PieceLimit);
            if (!Fits(ref room, line))
            {
                cut = true;
                break;
            }
            notes.Insert(0, line);
        }
        var html = head.Append(string.Concat(additions)).Append(tail).Append(string.Concat(notes)).ToString();
        return new CardText(html, cut && form == CardForm.Open);
    }

    private static bool Fits(ref int room, string line)
    {
        var length = TelegramHtml.VisibleLength(line);
        if (length > room)
        {
            return false;
        }
        room -= length;
        return true;
    }

    /// <summary>Everything the member wrote, uncut, for the "Full text" button: sent as it is, in as many messages as
    /// it takes.</summary>
    public string FullText(IncidentReport report, string language)
    {
        var html = new StringBuilder("<b>").Append(TelegramHtml.Escape(report.Label)).Append("</b>");
        foreach (var step in runner.Flow.Steps)
        {
            if (report.Answers.TryGetValue(step.Id, out var answer) && answer is TextAnswer words)
            {
                html.Append("\n\n").Append(TelegramHtml.Escape(Label(step, language))).Append(":\n").Append(TelegramHtml.Escape(words.Text));
            }
        }
        foreach (var addition in report.Additions)
        {
            html.Append("\n\n").Append(addition.Answer ? MemberMark.TrimEnd() : "+").Append(' ')
                .Append(FlowRunner.FormatDate(addition.On)).Append(": ").Append(TelegramHtml.Escape(addition.Text));
        }
        foreach (var note in report.Notes)
        {
            html.Append("\n\n").Append(note.Question ? QuestionMark.TrimEnd() : "✎").Append(' ').Append(FlowRunner.FormatDate(note.On)).Append(' ')
                .Append(TelegramHtml.Escape(note.By)).Append(": ").Append(TelegramHtml.Escape(note.Text));
        }
        return html.ToString();
    }

    /// <param name="cut">The card does not show everything: a "Full text" button goes under it.</param>
    public InlineKeyboardMarkup? Keyboard(IncidentReport report, string language, bool cut = false)
    {
        InlineKeyboardButton Button(string key, CardAction action) => InlineKeyboardButton.WithCallbackData(texts.Get(language, key), PressData(action, report.Id));
        InlineKeyboardButton[] whole = cut ? [Button("mod.full_text", CardAction.FullText)] : [];
        List<InlineKeyboardButton> next = report.Status switch
        {
            ReportStatus.New => [Button("mod.take", CardAction.Take), Button("mod.verify", CardAction.Verify)],
            ReportStatus.InReview => [Button("mod.verify", CardAction.Verify)],
            ReportStatus.Verified => [Button("mod.action_taken", CardAction.ActionTaken)],
            ReportStatus.ActionTaken => [Button("mod.resolve", CardAction.Resolve)],
            _ => [],
        };
        // A letter can be written about a case still open or already closed, but not about one thrown out or deleted.
        InlineKeyboardButton? letter = report.Status is ReportStatus.Withdrawn or ReportStatus.Rejected ? null : Button("letters.tg.card_button", CardAction.Letter);
        if (next.Count == 0)
        {
            InlineKeyboardButton[] last = letter is null ? whole : [.. whole, letter];
            return last.Length == 0 ? null : new InlineKeyboardMarkup([last]);
        }
        // Asking stays possible while the case is open; the press explains it when the member cannot be reached.
        List<InlineKeyboardButton[]> rows = [[.. next], [Button("mod.ask", CardAction.Ask), Button("mod.duplicate", CardAction.Duplicate)],
            letter is null ? [Button("mod.reject", CardAction.Reject)] : [Button("mod.reject", CardAction.Reject), letter]];
        if (whole.Length > 0)
        {
            rows.Insert(0, whole);
        }
        return new InlineKeyboardMarkup(rows);
    }

    /// <summary>A button in a list of reports (the queue) that shows the report's card.</summary>
    public static InlineKeyboardButton ShowButton(IncidentReport report) =>
        InlineKeyboardButton.WithCallbackData(report.Label, PressData(CardAction.Show, report.Id));

    /// <summary>The reasons to reject for, and a way back to the card's own buttons after a press on Reject by mistake.</summary>
    public InlineKeyboardMarkup RejectReasons(IncidentReport report, string language) =>
        new(new[]
            {
                ("mod.reject.spam", CardAction.RejectSpam), ("mod.reject.unverifiable", CardAction.RejectUnverifiable),
                ("mod.reject.out_of_scope", CardAction.RejectOutOfScope), ("mod.reject.back", CardAction.RejectBack),
            }
            .Select(r => new[] { InlineKeyboardButton.WithCallbackData(texts.Get(language, r.Item1), PressData(r.Item2, report.Id)) }));

    /// <summary>What a card's button carries: <c>m:{action}:{report id}</c>.</summary>
    public static string PressData(CardAction action, Guid reportId) =>
        PressPrefix + Codes.Single(code => code.Value == action).Key + ":" + reportId.ToString("N", CultureInfo.InvariantCulture);

    /// <summary>Card buttons carry <c>m:{action}:{report id}</c>: 36 bytes at most.</summary>
    public static (CardAction Action, Guid ReportId)? Parse(string? data)
    {
        var parts = data?.Split(':');
        return parts is [PressLetter, var code, var id] && Codes.TryGetValue(code, out var action)
            && Guid.TryParseExact(id, "N", out var reportId)
            ? (action, reportId)
            : null;
    }

    /// <summary>The moderators' own name for a question where they have one ("Рассказ", not the member's "Ваш рассказ").</summary>
    private string Label(Step step, string language) =>
        texts.Has(language, ModeratorLabelPrefix + step.Id) ? texts.Get(language, ModeratorLabelPrefix + step.Id) : texts.Get(language, step.LabelKey);

    private const string ModeratorLabelPrefix = "mod.label.";
}

/// <summary>The ‹ › buttons under a page of the queue: <c>m:p:{status id}:{page</c>.</summary>
internal static class QueueTurn
{
    public static string Data(ReportStatus status, int page) =>
        $"{ReportCard.PressPrefix}p:{ReportStatusIds.Id(status)}:{page.ToString(CultureInfo.InvariantCulture)}";

    public static (ReportStatus Status, int Page)? Parse(string? data) =>
        data?.Split(':') is [ReportCard.PressLetter, "p", var status, var page]
            && CommunityBot.Moderation.ReportFilterWords.Status(status) is { } parsed
            && int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? (parsed, number)
            : null;
}

/// <summary>"Answer" under a question relayed to a member: <c>f:{report id}</c>.</summary>
internal static class FollowUpPress
{
    private const string Prefix = "f:";

    public static bool Is(string? data) => data?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    public static InlineKeyboardMarkup Keyboard(IncidentReport report, string label) =>
        new(InlineKeyboardButton.WithCallbackData(label, Data(report.Id)));

    /// <summary>The press's data; Messenger's "Answer" quick reply carries the same.</summary>
    public static string Data(Guid reportId) => Prefix + reportId.ToString("N", CultureInfo.InvariantCulture);

    public static Guid? Parse(string? data) =>
        Is(data) && Guid.TryParseExact(data.AsSpan(Prefix.Length), "N", out var id) ? id : null;
}
