using System.Globalization;
using CommunityBot.Conversations;
using CommunityBot.Privacy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace CommunityBot.Channels.Telegram.Groups;

/// <summary>
/// The bot in the community groups: a quiet listener that offers a private, anonymous report when a message sounds
/// like an incident, answers /report with a link, and leaves groups it does not serve. Group message texts are
/// scored in memory and dropped: never stored, never logged.
/// </summary>
internal sealed partial class GroupChat(
    Communities communities,
    NudgeJudge judge,
    TelegramSender sender,
    TextCatalog texts,
    BotIdentity identity,
    IOptions<TelegramOptions> options,
    ILogger<GroupChat> log)
{
    /// <param name="command">The command the router read in the message's text or caption.</param>
    public async Task OnMessageAsync(Message message, MemberCommand? command, CancellationToken cancellationToken)
    {
        var chatId = message.Chat.Id;
        // Telegram announces a move to a supergroup in both chats; either may arrive first.
        var (movedFrom, movedTo) = message switch
        {
            { MigrateToChatId: { } to } => (chatId, to),
            { MigrateFromChatId: { } old } => (old, chatId),
            _ => (0L, 0L),
        };
        if (movedTo != 0)
        {
            if (communities.Migrate(movedFrom, movedTo))
            {
                LogMigrated(log, movedFrom, movedTo);
            }
            return;
        }
        if (communities.IsModerators(chatId) || communities.IsActivists(chatId))
        {
            return;
        }
        if (communities.ByChat(chatId) is not { } community)
        {
            // The bot's own arrival comes as a my_chat_member update too, which leaves: one goodbye, not a second one
            // sent after the bot has gone.
            if (!AnnouncesThisBot(message))
            {
                await LeaveAsync(message.Chat, cancellationToken);
            }
            return;
        }
        if (message.From is not { } from)
        {
            return;
        }
        if ((message.Text ?? message.Caption) is not { } text)
        {
            // A voice message or a photo told to the bot here is as public, and as lost, as a typed one.
            await AnswerReplyAsync(community, message, from, cancellationToken);
            return;
        }
        // "/status@otherbot" is for another bot in the group.
        var ours = command is not null && ForThisBot(text);
        if (await TakeDownCodeAsync(community, message, text, ours ? command : null, cancellationToken))
        {
            return;
        }
        if (command is not null)
        {
            if (ours)
            {
                await CommandAsync(community, message, command, cancellationToken);
            }
            return;
        }

        if (await AnswerReplyAsync(community, message, from, cancellationToken))
        {
            return;
        }
        if (await judge.DecideAsync(message, from, text, cancellationToken) == NudgeDecision.Nudge)
        {
            // Not a reply unless the community asks for it: a reply shows the whole group whom the link was offered to.
            // In a group with topics, in the member's topic: in General they might never see it.
            await sender.SendAsync(chatId, TelegramHtml.Escape(texts.Get(community.Language, "tg.nudge")),
                ReportButton(community), replyTo: options.Value.Nudges.ReplyToMessage ? message.MessageId : null, topic: ForumTopic.Of(message),
                cancellationToken: cancellationToken);
        }
    }

    /// <summary>Someone answering one of the bot's messages here may believe the bot took their words (often their
    /// story): it keeps nothing from the group, and says so once, pointing at the button already on its message
    /// rather than offering the link again. Their words are neither repeated nor scored.</summary>
    /// <returns>Whether the message replied to this bot.</returns>
    private async Task<bool> AnswerReplyAsync(CommunityGroupOptions community, Message message, User from, CancellationToken cancellationToken)
    {
        if (message.ReplyToMessage is not { ForumTopicCreated: null, From: { IsBot: true, Username: { } repliedTo } }
            || !string.Equals(repliedTo, identity.Username, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        if (judge.AnswersReply(message, from))
        {
            await sender.SendAsync(message.Chat.Id, TelegramHtml.Escape(texts.Get(community.Language, "tg.group_reply_not_kept")),
                replyTo: options.Value.Nudges.ReplyToMessage ? message.MessageId : null, topic: ForumTopic.Of(message), cancellationToken: cancellationToken);
        }
        return true;
    }

    public async Task OnMyChatMemberAsync(ChatMemberUpdated update, CancellationToken cancellationToken)
    {
        if (update.Chat.Type is not (ChatType.Group or ChatType.Supergroup)
            || update.NewChatMember.Status is not (ChatMemberStatus.Member or ChatMemberStatus.Administrator))
        {
            return;
        }
        if (communities.ByChat(update.Chat.Id) is { } community)
        {
            LogJoined(log, community.Key);
        }
        else if (!communities.IsModerators(update.Chat.Id) && !communities.IsActivists(update.Chat.Id))
        {
            await LeaveAsync(update.Chat, cancellationToken);
        }
    }

    /// <summary>A message edited in a community group: only looked at for a receipt code edited into it, which is as
    /// public as one posted. The edit is not scored or answered as a new message would be.</summary>
    public async Task OnEditedAsync(Message message, CancellationToken cancellationToken)
    {
        if (communities.ByChat(message.Chat.Id) is { } community && message.From is not null && (message.Text ?? message.Caption) is { } text)
        {
            await TakeDownCodeAsync(community, message, text, null, cancellationToken);
        }
    }

    /// <summary>A receipt code posted in a group is no longer secret, whatever the message around it: it is taken down
    /// at once and the group is told why (the bot needs the admin right to delete; without it the warning still helps).
    /// After this bot's <c>/status</c>, <c>/add</c> or <c>/delete</c> whatever reads as a code is one, in any case.</summary>
    /// <returns>Whether the message held a code.</returns>
    private async Task<bool> TakeDownCodeAsync(CommunityGroupOptions community, Message message, string text, MemberCommand? command, CancellationToken cancellationToken)
    {
        var afterCommand = command is { Name: CommandNames.Status or CommandNames.Add or CommandNames.Delete }
            && ReceiptCode.Split(command.Argument).Code is not null;
        if (!afterCommand && !ReceiptCode.Appears(text))
        {
            return false;
        }
        await sender.DeleteAsync(message.Chat.Id, [message.MessageId], cancellationToken);
        await sender.SendAsync(message.Chat.Id, TelegramHtml.Escape(texts.Get(community.Language, "tg.code_in_group")), ReportButton(community),
            topic: ForumTopic.Of(message), cancellationToken: cancellationToken);
        return true;
    }

    private bool AnnouncesThisBot(Message message) =>
        message.NewChatMembers?.Any(user => user.IsBot && string.Equals(user.Username, identity.Username, StringComparison.OrdinalIgnoreCase)) == true;

    private bool ForThisBot(string text)
    {
        var head = text.TrimStart().Split(' ', 2)[0];
        return !head.Contains('@', StringComparison.Ordinal) || head.EndsWith("@" + identity.Username, StringComparison.OrdinalIgnoreCase);
    }

    private async Task CommandAsync(CommunityGroupOptions community, Message message, MemberCommand command, CancellationToken cancellationToken)
    {
        var language = community.Language;
        switch (command.Name)
        {
            case CommandNames.Report or CommandNames.Start:
                // "/report" and the story in one message: the member may believe the bot took it. It did not, and says so.
                var told = command.Argument.Length > 0 && command.Argument != community.LinkToken;
                await sender.SendAsync(message.Chat.Id, TelegramHtml.Escape(texts.Get(language, told ? "tg.group_report_words" : "tg.group_report")), ReportButton(community),
                    replyTo: message.MessageId, topic: ForumTopic.Of(message), cancellationToken: cancellationToken);
                break;
            case var name when CommandNames.PrivateOnly.Contains(name):
                await sender.SendAsync(message.Chat.Id, TelegramHtml.Escape(texts.Get(language, "tg.private_only")), ReportButton(community),
                    replyTo: message.MessageId, topic: ForumTopic.Of(message), cancellationToken: cancellationToken);
                break;
        }
    }

    private InlineKeyboardMarkup ReportButton(CommunityGroupOptions community) =>
        new(InlineKeyboardButton.WithUrl(texts.Get(community.Language, "tg.report_button"), identity.DeepLink(community.LinkToken)));

    private async Task LeaveAsync(Chat chat, CancellationToken cancellationToken)
    {
        LogUnconfigured(log, chat.Id, chat.Title ?? "");
        await sender.SendAsync(chat.Id, TelegramHtml.Escape(texts.Get(texts.DefaultLanguage, "tg.group_not_served")), cancellationToken: cancellationToken);
        await sender.LeaveAsync(chat.Id, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Left group {ChatId} \"{Title}\": it is not a configured community (add it under Telegram:Communities to serve it)")]
    private static partial void LogUnconfigured(ILogger logger, long chatId, string title);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Group {OldChatId} became supergroup {NewChatId}; following it now - update Telegram settings to the new id")]
    private static partial void LogMigrated(ILogger logger, long oldChatId, long newChatId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Added to community {Community}")]
    private static partial void LogJoined(ILogger logger, string community);
}
