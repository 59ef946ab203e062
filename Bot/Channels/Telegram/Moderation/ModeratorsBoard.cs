using CommunityBot.Conversations;
using CommunityBot.Reports;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace CommunityBot.Channels.Telegram.Moderation;

/// <summary>
/// The report cards in the moderators' group: each new report's card goes up once, as one message, is edited in place
/// whenever the report changes, and collects what the member adds as replies to it. Every message the bot posts there
/// about a report is kept by id in <see cref="ReportCards"/>, so that a reply is read by what it answers and so that
/// a deleted or closed report leaves none of the member's words in the chat, across restarts.
/// </summary>
internal sealed class ModeratorsBoard(
    ReportStore reports,
    ReportCards places,
    OwedEvents events,
    ReportCard cards,
    TelegramSender sender,
    TextCatalog texts,
    Communities communities)
{
    private readonly PostsUnderWay _underWay = new();

    private string Language => texts.DefaultLanguage;

    /// <summary>Whether a moderators' group is configured: without one, no card or message can go up.</summary>
    public bool HasGroup => communities.ModeratorsChatId is not null;

    /// <summary>Posts the card of a report that still owes one (a report whose card is up already is left alone, so
    /// a report both owed at start-up and announced just now gets one card).</summary>
    public async Task PostAsync(Guid reportId, CancellationToken cancellationToken)
    {
        using var post = _underWay.Begin();
        if (communities.ModeratorsChatId is not { } moderators || !await places.IsOwedAsync(reportId))
        {
            return;
        }
        if (await reports.FindByIdAsync(reportId) is not { Status: not ReportStatus.Withdrawn } report)
        {
            // Deleted by the member before the card was due: the moderators never see it.
            await places.ForgetOwedAsync(reportId);
            return;
        }
        var (html, keyboard) = await CardAsync(report, ReportCard.FormOf(report.Status));
        var card = await sender.SendAsync(moderators, html, keyboard, cancellationToken: cancellationToken);
        if (card is not null)
        {
            await places.PostedAsync(report.Id, card.Id);
        }
    }

    /// <summary>What the member did to their report reaches its card: an addition or an answer comes as a reply to
    /// the card, a withdrawal empties the card and clears everything else posted about the report. The event stays
    /// owed until Telegram took its message.</summary>
    /// <param name="cardCurrent">The card was brought up to date a moment ago, in the same pass over what is owed (it
    /// shows the report as stored, this event's change included): an addition need not edit it again.</param>
    /// <returns>False when it could not be posted now and must be tried again.</returns>
    public async Task<bool> DeliverAsync(OwedEvent owed, bool cardCurrent, CancellationToken cancellationToken)
    {
        using var post = _underWay.Begin();
        if (communities.ModeratorsChatId is null)
        {
            return false;
        }
        if (await reports.FindByIdAsync(owed.ReportId) is not { } report
            || await places.MessageOfAsync(report.Id) is null)
        {
            // No card, and none owed: the report is gone, or was deleted before its card went up.
            await events.DropAsync(owed);
            return true;
        }
        if (owed.Kind == ReportEventKind.StatusChanged)
        {
            await StatusChangedAsync(report, owed.ShownOn, cancellationToken);
            await events.SentAsync(owed, [], CardMessageKind.Card);
            return true;
        }
        if (!cardCurrent || owed.Kind == ReportEventKind.Withdrawn)
        {
            await RefreshAsync(report, cancellationToken);
        }
        CardMessageKind kind;
        string html;
        if (owed.Kind == ReportEventKind.Withdrawn)
        {
            await ClearAsync(report, cancellationToken);
            (kind, html) = (CardMessageKind.Withdrawal, TelegramHtml.Escape(texts.Get(Language, "mod.withdrawn", ("label", report.Label))));
        }
        else
        {
            var heading = owed.Kind == ReportEventKind.Answered ? "mod.answer" : "mod.added";
            (kind, html) = (CardMessageKind.Member,
                TelegramHtml.Escape(ReportCard.MemberMark + report.Label + "\n" + texts.Get(Language, heading)) + "\n" + TelegramHtml.Escape(owed.Text ?? ""));
        }
        var sent = await ReplyToCardAsync(report.Id, html, cancellationToken);
        if (sent.Count == 0)
        {
            return false;
        }
        await events.SentAsync(owed, sent, kind);
        return true;
    }

    public async Task RefreshAsync(Guid reportId, CancellationToken cancellationToken)
    {
        if (await reports.FindByIdAsync(reportId) is { } report)
        {
            await RefreshAsync(report, cancellationToken);
        }
    }

    /// <summary>Shows the report as it is now on its card, wherever the card is.</summary>
    public async Task RefreshAsync(IncidentReport report, CancellationToken cancellationToken)
    {
        if (communities.ModeratorsChatId is { } moderators && await places.MessageOfAsync(report.Id) is { } card)
        {
            var (html, keyboard) = await CardAsync(report, ReportCard.FormOf(report.Status));
            await sender.EditAsync(moderators, card, html, keyboard, cancellationToken);
        }
    }

    /// <summary>A moderator changed the report's status. The card shows it (unless it is the message already edited
    /// where the button was pressed); when the case closed, the card keeps its status but the member's words leave
    /// the chat (they stay readable with <c>/show</c>), and everything else posted about the report is deleted or
    /// emptied.</summary>
    /// <param name="shownOn">The message that already shows the change.</param>
    private async Task StatusChangedAsync(IncidentReport report, int? shownOn, CancellationToken cancellationToken)
    {
        if (await places.MessageOfAsync(report.Id) != shownOn)
        {
            await RefreshAsync(report, cancellationToken);
        }
        if (ReportCard.FormOf(report.Status) == CardForm.Closed)
        {
            await ClearAsync(report, cancellationToken);
        }
    }

    /// <summary>Finishes what a stop may have cut short: a report deleted or closed whose messages were not all
    /// cleared yet is cleared now. Only reports with messages besides their card are read.</summary>
    public async Task FinishClearingAsync(CancellationToken cancellationToken)
    {
        foreach (var id in await places.WithMessagesAsync())
        {
            var report = await reports.FindByIdAsync(id);
            if (report is { Status: ReportStatus.Withdrawn } || (report is not null && ReportCard.FormOf(report.Status) == CardForm.Closed))
            {
                await RefreshAsync(report, cancellationToken);
                await ClearAsync(report, cancellationToken);
            }
        }
    }

    /// <summary>The report in full (as far as one message goes) where a moderator asked for it: <c>/show</c>, or a
    /// button in the queue.</summary>
    /// <param name="topic">The forum topic it was asked for in (<see cref="ForumTopic.Of"/>).</param>
    public async Task ShowAsync(long chatId, int? topic, IncidentReport report, CancellationToken cancellationToken)
    {
        var (html, keyboard) = await CardAsync(report, CardForm.Open);
        var sent = await sender.SendPartsAsync(chatId, html, keyboard, topic: topic, cancellationToken: cancellationToken);
        await TrackAsync(chatId, report.Id, sent, CardMessageKind.Copy);
    }

    /// <summary>"Full text": the member's whole story and additions, in as many messages as it takes.</summary>
    public async Task FullTextAsync(long chatId, int? topic, IncidentReport report, int? replyTo, CancellationToken cancellationToken)
    {
        var sent = await sender.SendPartsAsync(chatId, cards.FullText(report, Language), replyTo: replyTo, topic: topic, cancellationToken: cancellationToken);
        await TrackAsync(chatId, report.Id, sent, CardMessageKind.FullText);
    }

    /// <summary>"Reply to this with…": kept by id, so that a reply to it is read as what it asked for.</summary>
    public async Task PromptAsync(long chatId, int? topic, IncidentReport report, CardMessageKind kind, int? replyTo, CancellationToken cancellationToken)
    {
        // Without the member's consent nothing is sent: the question waits on the report for their /status.
        var (mark, key) = kind == CardMessageKind.AskPrompt
            ? (ReportCard.QuestionMark, report.FollowUpAvailable ? "mod.ask.prompt" : "mod.ask.prompt_kept")
            : (ReportCard.DuplicateMark, "mod.duplicate.prompt");
        var sent = await sender.SendPartsAsync(chatId, TelegramHtml.Escape(mark + report.Label + "\n" + texts.Get(Language, key, ("label", report.Label))),
            replyTo: replyTo, topic: topic, cancellationToken: cancellationToken);
        await TrackAsync(chatId, report.Id, sent, kind);
    }

    /// <summary>Where the answer to a press goes: the chat of the pressed message, else the moderators' group.</summary>
    public long ChatOf(Message? pressed) => pressed?.Chat.Id ?? communities.ModeratorsChatId ?? 0;

    /// <summary>"Reject": the card's buttons become the reasons to choose from.</summary>
    public Task OfferRejectReasonsAsync(Message card, IncidentReport report, CancellationToken cancellationToken) =>
        sender.EditKeyboardAsync(card.Chat.Id, card.MessageId, cards.RejectReasons(report, Language), cancellationToken);

    /// <summary>"Back" under the reasons to reject: the card's own buttons again, for the report as it is now.</summary>
    public async Task RestoreButtonsAsync(Message card, IncidentReport report, CancellationToken cancellationToken)
    {
        var (_, keyboard) = await CardAsync(report, ReportCard.FormOf(report.Status));
        await sender.EditKeyboardAsync(card.Chat.Id, card.MessageId, keyboard, cancellationToken);
    }

    /// <summary>The pressed card, showing the report as it is after the press.</summary>
    public async Task EditCardAsync(Message card, IncidentReport report, CancellationToken cancellationToken)
    {
        var (html, keyboard) = await CardAsync(report, ReportCard.FormOf(report.Status));
        await sender.EditAsync(card.Chat.Id, card.MessageId, html, keyboard, cancellationToken);
    }

    /// <summary>Which report, and which of its messages, one of the bot's messages in the moderators' group is. One not
    /// kept may be a post still under way (Telegram showed it before its answer was back): it is looked for again once
    /// those have ended.</summary>
    public async Task<CardMessage?> FindAsync(int messageId, CancellationToken cancellationToken)
    {
        var underWay = _underWay.WhenEnded(cancellationToken);
        var kept = await places.FindAsync(messageId);
        if (kept is not null || underWay is null)
        {
            return kept;
        }
        await underWay;
        return await places.FindAsync(messageId);
    }

    /// <summary>The card's text and buttons, naming the original when the report is a duplicate.</summary>
    public async Task<(string Html, InlineKeyboardMarkup? Keyboard)> CardAsync(IncidentReport report, CardForm form)
    {
        var original = report.DuplicateOf is { } id ? (await reports.FindByIdAsync(id))?.Label : null;
        var card = cards.Html(report, Language, original, form);
        return (card.Html, cards.Keyboard(report, Language, card.Cut));
    }

    /// <summary>Deletes every message posted about the report but its card; one Telegram no longer lets the bot delete
    /// (a bot's messages in a group can be deleted for 48 hours) is emptied instead, as editing has no time limit.</summary>
    private async Task ClearAsync(IncidentReport report, CancellationToken cancellationToken)
    {
        if (communities.ModeratorsChatId is not { } moderators)
        {
            return;
        }
        var messages = (await places.MessagesAsync(report.Id))
            .Where(m => m.Kind is not (CardMessageKind.Card or CardMessageKind.Withdrawal))
            .Select(m => m.MessageId)
            .ToList();
        var removed = TelegramHtml.Escape(texts.Get(Language, "mod.removed"));
        List<int> cleared = [];
        foreach (var message in messages)
        {
            if (await sender.DeleteOneAsync(moderators, message, cancellationToken)
                || await sender.TryEditAsync(moderators, message, removed, null, cancellationToken))
            {
                cleared.Add(message);
            }
        }
        await places.ForgetAsync(cleared);
    }

    private async Task<IReadOnlyList<int>> ReplyToCardAsync(Guid reportId, string html, CancellationToken cancellationToken)
    {
        if (communities.ModeratorsChatId is not { } moderators)
        {
            return [];
        }
        var sent = await sender.SendPartsAsync(moderators, html, replyTo: await places.MessageOfAsync(reportId), cancellationToken: cancellationToken);
        return [.. sent.Select(m => m.Id)];
    }

    /// <summary>Only the bot's messages in the moderators' group are kept: a moderator's private chat is theirs.</summary>
    private Task TrackAsync(long chatId, Guid reportId, IReadOnlyList<MessageId> sent, CardMessageKind kind) =>
        communities.IsModerators(chatId) ? places.TrackAsync(reportId, [.. sent.Select(m => m.Id)], kind) : Task.CompletedTask;
}
