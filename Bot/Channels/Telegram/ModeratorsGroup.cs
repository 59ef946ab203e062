using CommunityBot.Channels.Telegram.Groups;
using CommunityBot.Channels.Telegram.Letters;
using CommunityBot.Channels.Telegram.Moderation;
using CommunityBot.Conversations;
using Telegram.Bot.Types;

namespace CommunityBot.Channels.Telegram;

/// <summary>
/// The moderators' group: <c>/letter</c> and the answers to a letter's questions, the moderators' commands, replies
/// to the bot's messages about reports; anything else is an ordinary group message. Changes of membership here and in
/// the activists' group take effect on access at once.
/// </summary>
internal sealed class ModeratorsGroup(
    LetterChat letters,
    ModerationCommands commands,
    ModerationReplies replies,
    GroupChat groups,
    ModeratorAccess access,
    BotIdentity identity)
{
    public async Task OnMessageAsync(Message message, UpdateContext context, CancellationToken cancellationToken)
    {
        var parsed = context.Parsed;
        if (message.SenderChat is not null)
        {
            // An admin who remains anonymous writes as the group (and anyone may write as a channel): Telegram does not
            // say who it is, so no one can be checked as a moderator, and every such admin would act as one person.
            if (parsed.TypedCommand?.IsFor(identity.Username) == true || parsed.Reply is ReplyTarget.Bot or ReplyTarget.LetterQuestion)
            {
                await replies.RefuseAnonymousAsync(message, cancellationToken);
            }
            return;
        }
        if (await letters.TakeAsync(message, parsed, cancellationToken))
        {
            return;
        }
        switch (parsed.TypedCommand, parsed.Reply, message.Text)
        {
            case ({ Name: CommandNames.Cancel or CommandNames.Back, Argument: "" } command, ReplyTarget.Bot, _)
                when command.IsFor(identity.Username) && await replies.CancelPromptAsync(message, cancellationToken):
                // "/cancel" in reply to "what is your question?" or "which report does it repeat?", as "отмена" is.
                break;
            case ({ Name: CommandNames.Show, Argument: "" } command, ReplyTarget.Bot, _)
                when command.IsFor(identity.Username) && await commands.ShowRepliedAsync(message, cancellationToken):
                // "/show" in reply to a card or another message about a report: that report.
                break;
            case ({ } command, _, _) when command.IsFor(identity.Username):
                await commands.OnCommandAsync(message, command, cancellationToken);
                break;
            case ({ }, _, _):
                // "/start@otherbot": another bot in the group is meant, and an answer from this one would only confuse.
                break;
            case (null, ReplyTarget.Bot, { } note):
                await replies.OnReplyAsync(message, note, cancellationToken);
                break;
            case (null, ReplyTarget.Bot, null):
                // A sticker or a photo in reply to the bot: nothing to read, and the moderator must not believe it kept.
                await replies.OnNotTextReplyAsync(message, cancellationToken);
                break;
            case (null, ReplyTarget.None, { }) when await replies.TakeNotePartAsync(message, cancellationToken):
                break;
            default:
                await groups.OnMessageAsync(message, parsed.Command, cancellationToken);
                break;
        }
    }

    /// <summary>An edited message here: only a reply about a report is answered (its first text is what was kept).</summary>
    public Task OnEditedAsync(Message message, UpdateContext context, CancellationToken cancellationToken) =>
        context.Parsed.Reply == ReplyTarget.Bot && message.Text is not null
            ? replies.OnEditedReplyAsync(message, cancellationToken)
            : Task.CompletedTask;

    /// <summary>Someone's membership of the moderators' or the activists' group changed: ask Telegram again next time.</summary>
    public void OnMemberChanged(ChatMemberUpdated change) => access.Forget(change.Chat.Id, change.NewChatMember.User.Id);
}
