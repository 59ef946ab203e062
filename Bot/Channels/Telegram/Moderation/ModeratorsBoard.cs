using CommunityBot.Conversations;
using CommunityBot.Reports;

namespace CommunityBot.Channels.Telegram.Moderation;

/// <summary>
/// The report cards in the moderators' group: each new report's card goes up once, is edited in place whenever the
/// report changes, and collects what the member adds as replies to it. Where a card is comes from
/// <see cref="ReportCards"/>, so this survives a restart.
/// </summary>
internal sealed class ModeratorsBoard(
    ReportStore reports,
    ReportCards places,
    ReportCard cards,
    TelegramSender sender,
    TextCatalog texts,
    Communities communities)
{
    private string Language => texts.DefaultLanguage;

    /// <summary>Posts the card of a report that still owes one (a report whose card is up already is left alone, so
    /// a report both owed at start-up and announced just now gets one card).</summary>
    public async Task PostAsync(Guid reportId, CancellationToken cancellationToken)
    {
        if (communities.ModeratorsChatId is not { } moderators || !await places.IsOwedAsync(reportId).ConfigureAwait(false))
        {
            return;
        }
        if (await reports.FindByIdAsync(reportId).ConfigureAwait(false) is not { } report)
        {
            await places.ForgetOwedAsync(reportId).ConfigureAwait(false);
            return;
        }
        var card = await sender.SendAsync(moderators, await HtmlAsync(report).ConfigureAwait(false), cards.Keyboard(report, Language),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (card is not null)
        {
            await places.PostedAsync(report.Id, card.MessageId).ConfigureAwait(false);
        }
    }

    /// <summary>What the member did to their report reaches its card: an addition comes as a reply to the card, a
    /// withdrawal empties the card.</summary>
    public async Task OnReportEventAsync(ReportEvent happened, CancellationToken cancellationToken)
    {
        if (happened.Kind == ReportEventKind.Submitted)
        {
            await PostAsync(happened.ReportId, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (await reports.FindByIdAsync(happened.ReportId).ConfigureAwait(false) is not { } report)
        {
            return;
        }
        await RefreshAsync(report, cancellationToken).ConfigureAwait(false);
        if (happened.Kind == ReportEventKind.Withdrawn)
        {
            await ReplyToCardAsync(report.Id, TelegramHtml.Escape(texts.Get(Language, "mod.withdrawn", ("label", report.Label))), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var heading = happened.Kind == ReportEventKind.Answered ? "mod.answer" : "mod.added";
            await MemberWroteAsync(report, heading, happened.Text ?? "", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The member's words (an addition, an answer) as a reply to the report's card.</summary>
    public Task MemberWroteAsync(IncidentReport report, string headingKey, string text, CancellationToken cancellationToken) =>
        ReplyToCardAsync(report.Id,
            TelegramHtml.Escape(ReportCard.MemberMark + report.Label + "\n" + texts.Get(Language, headingKey)) + "\n" + TelegramHtml.Escape(text),
            cancellationToken);

    public async Task RefreshAsync(Guid reportId, CancellationToken cancellationToken)
    {
        if (await reports.FindByIdAsync(reportId).ConfigureAwait(false) is { } report)
        {
            await RefreshAsync(report, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Shows the report as it is now on its card, wherever the card is.</summary>
    public async Task RefreshAsync(IncidentReport report, CancellationToken cancellationToken)
    {
        if (communities.ModeratorsChatId is { } moderators && await places.MessageOfAsync(report.Id).ConfigureAwait(false) is { } card)
        {
            await sender.EditAsync(moderators, card, await HtmlAsync(report).ConfigureAwait(false), cards.Keyboard(report, Language), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The card's text, naming the original when the report is a duplicate.</summary>
    public async Task<string> HtmlAsync(IncidentReport report)
    {
        var original = report.DuplicateOf is { } id ? (await reports.FindByIdAsync(id).ConfigureAwait(false))?.Label : null;
        return cards.Html(report, Language, original);
    }

    private async Task ReplyToCardAsync(Guid reportId, string html, CancellationToken cancellationToken)
    {
        if (communities.ModeratorsChatId is { } moderators)
        {
            await sender.SendAsync(moderators, html, replyTo: await places.MessageOfAsync(reportId).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
