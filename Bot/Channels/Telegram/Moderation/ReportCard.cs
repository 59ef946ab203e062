using System.Globalization;
using System.Text;
using CommunityBot.Conversations;
using CommunityBot.Reports;
using Telegram.Bot.Types.ReplyMarkups;

namespace CommunityBot.Channels.Telegram.Moderation;

/// <summary>What a moderator can do to a report from its card.</summary>
internal enum CardAction { Take, Verify, ActionTaken, Resolve, Reject, RejectSpam, RejectUnverifiable, RejectOutOfScope }

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
    };

    public string Html(IncidentReport report, string language)
    {
        var html = new StringBuilder();
        html.Append("<b>").Append(TelegramHtml.Escape(report.Label)).Append("</b> · <i>")
            .Append(TelegramHtml.Escape(texts.Get(language, ReportIntake.StatusKey(report.Status)))).Append("</i> · ")
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
            html.Append("\n\n+ ").Append(FlowRunner.FormatDate(addition.On)).Append(": ").Append(TelegramHtml.Escape(addition.Text));
        }
        return html.ToString();
    }

    public InlineKeyboardMarkup? Keyboard(IncidentReport report, string language)
    {
        var id = report.Id.ToString("N", CultureInfo.InvariantCulture);
        InlineKeyboardButton Button(string key, string code) => InlineKeyboardButton.WithCallbackData(texts.Get(language, key), $"m:{code}:{id}");
        List<List<InlineKeyboardButton>> rows = report.Status switch
        {
            ReportStatus.New => [[Button("mod.take", "t"), Button("mod.verify", "v")], [Button("mod.reject", "x")]],
            ReportStatus.InReview => [[Button("mod.verify", "v")], [Button("mod.reject", "x")]],
            ReportStatus.Verified => [[Button("mod.action_taken", "a")], [Button("mod.reject", "x")]],
            ReportStatus.ActionTaken => [[Button("mod.resolve", "r")]],
            _ => [],
        };
        return rows.Count == 0 ? null : new InlineKeyboardMarkup(rows);
    }

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
