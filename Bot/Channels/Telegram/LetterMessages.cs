using CommunityBot.Channels.Telegram.Letters;
using CommunityBot.Conversations;
using Telegram.Bot.Types;

namespace CommunityBot.Channels.Telegram;

/// <summary>What a letter takes from the two chats it is written in, the moderators' group and a private chat:
/// <c>/letter</c>, a reply to one of its questions (a sticker or photo
/// there is told to type) or to its buttons, and /cancel or /back while one is open.</summary>
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
            case ({ } command, _, { } typed) when letters.Steers(message, command):
                await letters.OnTextAsync(message, typed, cancellationToken);
                return true;
            case (null, ReplyTarget.LetterQuestion, null):
                await letters.OnNotTextAsync(message, cancellationToken);
                return true;
            case (null, ReplyTarget.Bot, { } choice) when letters.AnswersChoice(message):
                await letters.OnTextAsync(message, choice, cancellationToken);
                return true;
            default:
                return false;
        }
    }
}
