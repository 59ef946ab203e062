using CommunityBot.Channels.Telegram.Letters;
using CommunityBot.Conversations;
using Telegram.Bot.Types;

namespace CommunityBot.Channels.Telegram;

/// <summary>What a letter takes from the two chats it is written in, the moderators' group and a private chat:
/// <c>/letter</c>, and a reply to one of its questions.</summary>
internal static class LetterMessages
{
    /// <returns>Whether the message was the letter's.</returns>
    public static async Task<bool> TakeAsync(this LetterChat letters, Message message, ParsedUpdate parsed, CancellationToken cancellationToken)
    {
        switch (parsed.TypedCommand, parsed.Reply, message.Text)
        {
            case ({ Name: CommandNames.Letter }, _, _):
                await letters.OnCommandAsync(message, cancellationToken);
                return true;
            case (null, ReplyTarget.LetterQuestion, { } answer):
                await letters.OnTextAsync(message, answer, cancellationToken);
                return true;
            default:
                return false;
        }
    }
}
