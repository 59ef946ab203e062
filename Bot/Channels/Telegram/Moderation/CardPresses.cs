using CommunityBot.Channels.Telegram.Letters;
using CommunityBot.Conversations;
using CommunityBot.Moderation;
using CommunityBot.Reports;
using Telegram.Bot.Types;

namespace CommunityBot.Channels.Telegram.Moderation;

/// <summary>
/// Presses on the buttons of report cards and of the queue's pages. Every press is checked against current
/// membership of the moderators' group; a decision is written to the audit log under the moderator's pseudonym.
/// </summary>
internal sealed class CardPresses(
    ModeratorAccess access,
    ModeratorsBoard board,
    CaseDecisions decisions,
    ReportStore reports,
    QueuePages pages,
    LetterChat letters,
    TelegramSender sender,
    TextCatalog texts)
{
    private string Language => texts.DefaultLanguage;

    public async Task OnPressAsync(CallbackQuery query, UpdateContext context, CancellationToken cancellationToken)
    {
        if (await access.ModeratorAsync(query.From.Id, cancellationToken) is not { } moderator)
        {
            await sender.AnswerCallbackAsync(query.Id, texts.Get(Language, "mod.refused"), cancellationToken: cancellationToken);
            return;
        }
        if (QueueTurn.Parse(query.Data) is { } turn)
        {
            await pages.TurnAsync(query, turn.Status, turn.Page, cancellationToken);
            return;
        }
        if (ReportCard.Parse(query.Data) is not { } press || await reports.FindByIdAsync(press.ReportId) is not { } report)
        {
            await sender.AnswerCallbackAsync(query.Id, texts.Get(Language, "tg.stale_button"), cancellationToken: cancellationToken);
            return;
        }
        var inGroup = context.Parsed.Chat == ChatKind.Moderators;
        var card = new PressedCard(query, report, moderator, board.ChatOf(query.Message), inGroup ? query.Message?.MessageId : null,
            query.Message is { } pressed ? ForumTopic.Of(pressed) : null, inGroup || query.Message is null);
        // Every action has its arm and there is no default: an action added without one does not build (CS8509).
#pragma warning disable CS8524 // A number that names no action cannot come from Parse, which only knows the codes of named ones.
        await (press.Action switch
        {
            CardAction.Show => ShowAsync(card, cancellationToken),
            CardAction.FullText => FullTextAsync(card, cancellationToken),
            CardAction.Reject => OfferReasonsAsync(card, cancellationToken),
            CardAction.RejectBack => RestoreButtonsAsync(card, cancellationToken),
            CardAction.Ask => PromptAsync(card, CardMessageKind.AskPrompt, cancellationToken),
            CardAction.Duplicate => PromptAsync(card, CardMessageKind.DuplicatePrompt, cancellationToken),
            CardAction.Letter => letters.StartForReportAsync(query, report, cancellationToken),
            CardAction.Take => MoveAsync(card, press.Action, new StatusDecision.Move(ReportStatus.InReview), cancellationToken),
            CardAction.Verify => MoveAsync(card, press.Action, new StatusDecision.Move(ReportStatus.Verified), cancellationToken),
            CardAction.ActionTaken => MoveAsync(card, press.Action, new StatusDecision.Move(ReportStatus.ActionTaken), cancellationToken),
            CardAction.Resolve => MoveAsync(card, press.Action, new StatusDecision.Move(ReportStatus.Resolved), cancellationToken),
            CardAction.RejectSpam => MoveAsync(card, press.Action, new StatusDecision.Reject(RejectReasons.Spam), cancellationToken),
            CardAction.RejectUnverifiable => MoveAsync(card, press.Action, new StatusDecision.Reject(RejectReasons.Unverifiable), cancellationToken),
            CardAction.RejectOutOfScope => MoveAsync(card, press.Action, new StatusDecision.Reject(RejectReasons.OutOfScope), cancellationToken),
        });
#pragma warning restore CS8524
    }

    /// <summary>A press on a card, as far as the actions need it.</summary>
    /// <param name="ChatId">Where the answer to the press goes.</param>
    /// <param name="ShownOn">The card's message, when it is in the moderators' group.</param>
    /// <param name="Topic">The forum topic of the pressed message, where the answer goes too.</param>
    /// <param name="InGroup">Whether what the press brings goes to the moderators' group (not to a copy /show sent in a
    /// private chat).</param>
    private sealed record PressedCard(CallbackQuery Query, IncidentReport Report, Moderator Moderator, long ChatId, int? ShownOn, int? Topic, bool InGroup);

    // The callback is answered last, so that whoever pressed sees the card already changed when the spinner stops.
    private Task DoneAsync(PressedCard card, CancellationToken cancellationToken, string? refusal = null) =>
        sender.AnswerCallbackAsync(card.Query.Id, refusal, cancellationToken: cancellationToken);

    private async Task ShowAsync(PressedCard card, CancellationToken cancellationToken)
    {
        await board.ShowAsync(card.ChatId, card.Topic, card.Report, cancellationToken);
        await DoneAsync(card, cancellationToken);
    }

    private async Task FullTextAsync(PressedCard card, CancellationToken cancellationToken)
    {
        if (card.Report.Status == ReportStatus.Withdrawn)
        {
            await DoneAsync(card, cancellationToken, decisions.Refusal(card.Report.Status));
            return;
        }
        await board.FullTextAsync(card.ChatId, card.Topic, card.Report, card.Query.Message?.MessageId, cancellationToken);
        await DoneAsync(card, cancellationToken);
    }

    private async Task OfferReasonsAsync(PressedCard card, CancellationToken cancellationToken)
    {
        if (!ReportLifecycle.CanMove(card.Report.Status, ReportStatus.Rejected))
        {
            // A press on an old card: the case has ended since, and its buttons stay as they are.
            await DoneAsync(card, cancellationToken, decisions.Refusal(card.Report.Status));
            return;
        }
        if (card.Query.Message is { } pressed)
        {
            await board.OfferRejectReasonsAsync(pressed, card.Report, cancellationToken);
        }
        await DoneAsync(card, cancellationToken);
    }

    private async Task RestoreButtonsAsync(PressedCard card, CancellationToken cancellationToken)
    {
        if (card.Query.Message is { } pressed)
        {
            await board.RestoreButtonsAsync(pressed, card.Report, cancellationToken);
        }
        await DoneAsync(card, cancellationToken);
    }

    private async Task PromptAsync(PressedCard card, CardMessageKind kind, CancellationToken cancellationToken)
    {
        if (ReportLifecycle.IsFinal(card.Report.Status))
        {
            // A press on an old card: the case has ended since.
            await DoneAsync(card, cancellationToken, decisions.Refusal(card.Report.Status));
            return;
        }
        if (!card.InGroup)
        {
            // A reply to a prompt is read only in the moderators' group, where the bot keeps its messages' ids; in a
            // private chat the question or the label would be taken for a member's message and lost.
            await DoneAsync(card, cancellationToken, texts.Get(Language, "mod.prompt.group_only", ("label", card.Report.Label)));
            return;
        }
        await board.PromptAsync(card.ChatId, card.Topic, card.Report, kind, card.Query.Message?.MessageId, cancellationToken);
        await DoneAsync(card, cancellationToken);
    }

    private async Task MoveAsync(PressedCard card, CardAction action, StatusDecision decision, CancellationToken cancellationToken)
    {
        var result = await decisions.MoveAsync(card.Moderator, action, card.Report, decision, shownOn: card.ShownOn);
        if (result.Outcome != StatusOutcome.Changed || result.Report is not { } changed)
        {
            await DoneAsync(card, cancellationToken, decisions.Refusal(result.Current ?? card.Report.Status));
            return;
        }
        if (card.Query.Message is { } message)
        {
            await board.EditCardAsync(message, changed, cancellationToken);
        }
        decisions.Announce(changed, action);
        await DoneAsync(card, cancellationToken);
    }
}
