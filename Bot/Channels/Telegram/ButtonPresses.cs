using CommunityBot.Channels.Telegram.Letters;
using CommunityBot.Channels.Telegram.Moderation;
using Telegram.Bot.Types;

namespace CommunityBot.Channels.Telegram;

/// <summary>Button presses, wherever they come from, sent on by the prefix of their data: a letter's, a report
/// card's or the queue's, a relayed question's, or the member's own interview.</summary>
internal sealed class ButtonPresses(LetterChat letters, CardPresses cards, FollowUpRelay relay, PrivateChat privateChat)
{
    public async Task OnPressAsync(CallbackQuery query, UpdateContext context, CancellationToken cancellationToken) =>
        await (context.Parsed.Press switch
        {
            PressKind.Letter => letters.OnCallbackAsync(query, cancellationToken),
            PressKind.Card => cards.OnPressAsync(query, context, cancellationToken),
            PressKind.FollowUp => relay.OnAnswerPressAsync(query, cancellationToken),
            _ => privateChat.OnCallbackAsync(query, context, cancellationToken),
        });
}
