using CommunityBot.Conversations;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CommunityBot.Channels.Telegram;

/// <summary>Tells a member, once per burst and in their language, that messages sent faster than the bot can answer
/// were skipped. Groups are not told: a group's messages are read, never answered one by one.</summary>
internal sealed class SlowDownNotice(TelegramSender sender, TextCatalog texts, MemberLanguages languages)
{
    public async Task SendAsync(Update update, CancellationToken cancellationToken)
    {
        var (chat, user) = update switch
        {
            { Message: { Chat.Type: ChatType.Private, From: { IsBot: false } from } m } => (m.Chat.Id, from),
            { EditedMessage: { Chat.Type: ChatType.Private, From: { IsBot: false } from } m } => (m.Chat.Id, from),
            { CallbackQuery: { Message.Chat.Type: ChatType.Private } q } => (q.From.Id, q.From),
            _ => (0L, null),
        };
        if (user is null || chat <= 0)
        {
            return;
        }
        var language = languages.For(user);
        await sender.SendAsync(chat, TelegramHtml.Escape(texts.Get(language, "tg.slow_down")), cancellationToken: cancellationToken);
    }
}
