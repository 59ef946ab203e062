using System.Globalization;
using System.Text;
using CommunityBot.Conversations;
using CommunityBot.Moderation;
using CommunityBot.Reports;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace CommunityBot.Channels.Telegram.Moderation;

/// <summary>The queue as moderators page through it (<c>/queue [status]</c>, then ‹ ›): a line per report, a button per
/// report that shows its card.</summary>
internal sealed class QueuePages(ReportQueue reports, TelegramSender sender, TextCatalog texts)
{
    /// <summary>Reports on one page of the queue, and found by <c>/find</c> at most.</summary>
    public const int PageSize = 10;

    /// <summary>The "show" buttons of a page, side by side in rows of this many.</summary>
    private const int ShowButtonsPerRow = 5;

    private string Language => texts.DefaultLanguage;

    /// <summary>‹ or › under a page: the same message shows the page asked for.</summary>
    public async Task TurnAsync(CallbackQuery query, ReportStatus status, int page, CancellationToken cancellationToken)
    {
        if (query.Message is { } queue)
        {
            var (html, keyboard) = await PageAsync(status, page);
            await sender.EditAsync(queue.Chat.Id, queue.MessageId, html, keyboard, cancellationToken);
        }
        await sender.AnswerCallbackAsync(query.Id, cancellationToken: cancellationToken);
    }

    /// <summary>One page of the queue: a line per report, a button per report that shows its card, and ‹ › to page.</summary>
    public async Task<(string Html, InlineKeyboardMarkup? Keyboard)> PageAsync(ReportStatus status, int page)
    {
        var (reportsOnPage, total) = await reports.QueueAsync(status, (int)Math.Min((long)page * PageSize, int.MaxValue), PageSize);
        if (reportsOnPage.Count == 0 && page == 0)
        {
            return (TelegramHtml.Escape(texts.Get(Language, "mod.queue.empty")), null);
        }
        var pages = (total + PageSize - 1) / PageSize;
        if (reportsOnPage.Count == 0)
        {
            // The queue has shrunk since this page was offered (reports taken or closed): its last page instead.
            return await PageAsync(status, Math.Max(pages - 1, 0));
        }
        var html = new StringBuilder(TelegramHtml.Escape(texts.Get(Language, "mod.queue.title",
            ("status", texts.Get(Language, ReportCard.StatusKey(status))), ("count", total.ToString(CultureInfo.InvariantCulture)))));
        if (pages > 1)
        {
            html.Append(" · ").Append(TelegramHtml.Escape(texts.Get(Language, "mod.queue.page",
                ("page", (page + 1).ToString(CultureInfo.InvariantCulture)), ("pages", pages.ToString(CultureInfo.InvariantCulture)))));
        }
        foreach (var report in reportsOnPage)
        {
            var category = report.Answers.GetValueOrDefault(ReportSteps.Category) is ChoiceAnswer c ? texts.Get(Language, "category." + c.Choice) : "";
            html.Append("\n• <b>").Append(TelegramHtml.Escape(report.Label)).Append("</b> ")
                .Append(FlowRunner.FormatDate(report.SubmittedOn)).Append(' ').Append(TelegramHtml.Escape(category));
        }
        List<InlineKeyboardButton[]> rows = [.. reportsOnPage.Select(ReportCard.ShowButton).Chunk(ShowButtonsPerRow)];
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
}
