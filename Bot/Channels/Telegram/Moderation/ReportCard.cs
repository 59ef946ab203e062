using System.Globalization;
using System.Text;
using CommunityBot.Conversations;
using CommunityBot.Reports;
using Telegram.Bot.Types.ReplyMarkups;

namespace CommunityBot.Channels.Telegram.Moderation;

/// <summary>What a moderator can do to a report from its card.</summary>
internal enum CardAction { Take, Verify, ActionTaken, Resolve, Reject, RejectSpam, RejectUnverifiable, RejectOutOfScope, Ask, Duplicate, Show, Letter }

/// <summary>
/// A report as moderators see it in their group: every answer in words, the story whole, the consents, the status
/// and who took it (by moderator label), with buttons for the next steps. Never anything about who reported.
/// </summary>
internal sealed class ReportCard(FlowRunner runner, TextCatalog texts)
{
    private static readonly Dictionary<string, CardAction> Codes = new()
    {
        ["t"] = CardAction.Take, ["v"] = CardAction.Verify, ["a"] = CardAction.ActionTaken, ["r"] = CardAction.Resolve,
        ["x"] = CardAction.Reject, ["xs"] = CardAction.RejectSpam, ["xu"] = CardAction.RejectUnverifiable, ["xo"] = CardAction.RejectOutOfScope,
        ["q"] = CardAction.Ask, ["d"] = CardAction.Duplicate, ["s"] = CardAction.Show, ["l"] = CardAction.Letter,
    };

    /// <summary>Starts the bot's message asking a moderator for a question to relay, and the relayed question in the
    /// member's chat: a reply to either is read as the question, or the answer, for the report named after it.</summary>
    public const string QuestionMark = "❓ ";

    /// <summary>Starts the bot's message asking a moderator which report this one repeats.</summary>
    public const string DuplicateMark = "🔁 ";

    /// <summary>Starts a member's answer or addition relayed to the moderators, as a reply to the card.</summary>
    public const string MemberMark = "💬 ";

    /// <summary>The status as moderators speak of it (members see gentler words for the same status).</summary>
    public static string StatusKey(ReportStatus status) => "mod." + ReportIntake.StatusKey(status);

    /// <param name="original">The label of the report this one repeats, when it is a duplicate.</param>
    public string Html(IncidentReport report, string language, string? original = null)
    {
        var html = new StringBuilder();
        html.Append("<b>").Append(TelegramHtml.Escape(report.Label)).Append("</b> · <i>")
            .Append(TelegramHtml.Escape(texts.Get(language, StatusKey(report.Status)))).Append("</i> · ")
            .Append(FlowRunner.FormatDate(report.SubmittedOn));
        if (report.Community is { } community)
        {
            html.Append(" · ").Append(TelegramHtml.Escape(community));
        }
        html.Append('\n');
        foreach (var step in runner.Flow.Steps.Where(s => s.Kind is not (StepKind.Consent or StepKind.Review)))
        {
            if (report.Answers.TryGetValue(step.Id, out var answer))
            {
                html.Append('\n').Append(TelegramHtml.Escape(texts.Get(language, step.LabelKey))).Append(": ")
                    .Append(TelegramHtml.Escape(runner.Describe(language, step, answer)));
            }
        }
        foreach (var addition in report.Additions)
        {
            html.Append("\n\n").Append(addition.Answer ? MemberMark.TrimEnd() : "+").Append(' ')
                .Append(FlowRunner.FormatDate(addition.On)).Append(": ").Append(TelegramHtml.Escape(addition.Text));
        }
        if (report.AssignedTo is { } who)
        {
            html.Append("\n\n").Append(TelegramHtml.Escape(texts.Get(language, "mod.assigned", ("moderator", who))));
        }
        if (original is not null)
        {
            html.Append('\n').Append(TelegramHtml.Escape(texts.Get(language, "mod.duplicate_of", ("original", original))));
        }
        foreach (var note in report.Notes)
        {
            html.Append('\n').Append(note.Question ? QuestionMark.TrimEnd() : "✎").Append(' ').Append(FlowRunner.FormatDate(note.On)).Append(' ')
                .Append(TelegramHtml.Escape(note.By)).Append(": ").Append(TelegramHtml.Escape(note.Text));
        }
        return html.ToString();
    }

    /// <summary>The label named at the start of a message the bot sent with <paramref name="mark"/>.</summary>
    public static string? LabelAfter(string mark, string text) =>
        text.StartsWith(mark, StringComparison.Ordinal) ? LabelIn(text[mark.Length..]) : null;

    public InlineKeyboardMarkup? Keyboard(IncidentReport report, string language)
    {
        var id = report.Id.ToString("N", CultureInfo.InvariantCulture);
        InlineKeyboardButton Button(string key, string code) => InlineKeyboardButton.WithCallbackData(texts.Get(language, key), $"m:{code}:{id}");
        List<InlineKeyboardButton> next = report.Status switch
        {
            ReportStatus.New => [Button("mod.take", "t"), Button("mod.verify", "v")],
            ReportStatus.InReview => [Button("mod.verify", "v")],
            ReportStatus.Verified => [Button("mod.action_taken", "a")],
            ReportStatus.ActionTaken => [Button("mod.resolve", "r")],
            _ => [],
        };
        // A letter can be written about a case still open or already closed, but not about one thrown out or deleted.
        InlineKeyboardButton? letter = report.Status is ReportStatus.Withdrawn or ReportStatus.Rejected ? null : Button("letters.tg.card_button", "l");
        if (next.Count == 0)
        {
            return letter is null ? null : new InlineKeyboardMarkup([[letter]]);
        }
        // Asking stays possible while the case is open; the press explains it when the member cannot be reached.
        return new InlineKeyboardMarkup([next, [Button("mod.ask", "q"), Button("mod.duplicate", "d")],
            letter is null ? [Button("mod.reject", "x")] : [Button("mod.reject", "x"), letter]]);
    }

    /// <summary>A button in a list of reports (the queue) that shows the report's card.</summary>
    public static InlineKeyboardButton ShowButton(IncidentReport report) =>
        InlineKeyboardButton.WithCallbackData(report.Label, $"m:s:{report.Id.ToString("N", CultureInfo.InvariantCulture)}");

    public InlineKeyboardMarkup RejectReasons(IncidentReport report, string language)
    {
        var id = report.Id.ToString("N", CultureInfo.InvariantCulture);
        return new InlineKeyboardMarkup(new[] { ("mod.reject.spam", "xs"), ("mod.reject.unverifiable", "xu"), ("mod.reject.out_of_scope", "xo") }
            .Select(r => new[] { InlineKeyboardButton.WithCallbackData(texts.Get(language, r.Item1), $"m:{r.Item2}:{id}") }));
    }

    /// <summary>The report label a card starts with.</summary>
    public static string? LabelIn(string cardText) =>
        cardText.StartsWith("R-", StringComparison.Ordinal) && cardText.Length >= 6 ? cardText[..6] : null;

    /// <summary>Card buttons carry <c>m:{action}:{report id}</c>: 36 bytes at most.</summary>
    public static (CardAction Action, Guid ReportId)? Parse(string? data)
    {
        var parts = data?.Split(':');
        return parts is ["m", var code, var id] && Codes.TryGetValue(code, out var action)
            && Guid.TryParseExact(id, "N", out var reportId)
            ? (action, reportId)
            : null;
    }
}

/// <summary>The ‹ › buttons under a page of the queue: <c>m:p:{status id}:{page}</c>.</summary>
internal static class QueueTurn
{
    public static string Data(ReportStatus status, int page) =>
        $"m:p:{CommunityBot.Moderation.ExportRow.StatusId(status)}:{page.ToString(CultureInfo.InvariantCulture)}";

    public static (ReportStatus Status, int Page)? Parse(string? data) =>
        data?.Split(':') is ["m", "p", var status, var page]
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
        new(InlineKeyboardButton.WithCallbackData(label, Prefix + report.Id.ToString("N", CultureInfo.InvariantCulture)));

    public static Guid? Parse(string? data) =>
        Is(data) && Guid.TryParseExact(data.AsSpan(Prefix.Length), "N", out var id) ? id : null;
}
