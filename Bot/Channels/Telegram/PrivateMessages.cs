using CommunityBot.Channels.Telegram.Letters;
using CommunityBot.Channels.Telegram.Moderation;
using CommunityBot.Conversations;
using CommunityBot.Moderation;
using CommunityBot.Reports;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CommunityBot.Channels.Telegram;

/// <summary>
/// Messages in private chats, sent on once: a letter being written, a moderator's command, a member's answer to a
/// question the moderators relayed, and otherwise the member's own conversation (<see cref="PrivateChat"/>). Also what
/// a private chat is told when an update comes again or fails.
/// </summary>
internal sealed class PrivateMessages(
    PrivateChat privateChat,
    LetterChat letters,
    FollowUpRelay relay,
    ModerationCommands moderation,
    TelegramSender sender,
    TextCatalog texts,
    MemberLanguages languages,
    AnswerRequests answerRequests)
{
    public async Task OnMessageAsync(Message message, UpdateContext context, CancellationToken cancellationToken)
    {
        var chatId = message.Chat.Id;
        var command = context.Parsed.TypedCommand;
        if (await letters.TakeAsync(message, context.Parsed, cancellationToken))
        {
            return;
        }
        if (relay.AwaitsAnswer(chatId) && (command is { Name: CommandNames.Cancel } || (command is null && message.Text is { } calledOff && CommandWords.CallsOff(calledOff))))
        {
            // "/cancel" or "отмена" where the answer to the moderators is awaited calls the answer off: sent on, the word
            // would be the one thing the member did not mean to send; and "your answers are deleted" would not be true.
            relay.StopAwaiting(chatId);
            await sender.SendAsync(chatId, TelegramHtml.Escape(texts.Get(Language(message), "followup.answer_cancelled")), cancellationToken: cancellationToken);
            return;
        }
        if (command is { Name: not CommandNames.Letter })
        {
            // A command in private (other than the letter's own /cancel and /back, taken above) means the person turned to
            // something else: a letter there no longer takes their text.
            await letters.DropAsync(chatId, cancellationToken);
            relay.StopAwaiting(chatId);
        }
        // The words under a photo or file are what the member wrote: an answer to the moderators written there reaches
        // them as a typed one does (the file is not kept). A command in a caption is a command, never an answer.
        var written = message.Text ?? (context.Parsed.Command is null ? message.Caption : null);
        switch (command, context.Parsed.Reply, written)
        {
            case ({ } moderator, _, _) when CommandNames.IsModeration(moderator.Name):
                // A moderator's command in private (anyone else is refused).
                await moderation.OnCommandAsync(message, moderator, cancellationToken);
                return;
            case (null, ReplyTarget.Bot, { } reply) when message.ReplyToMessage is { } question
                && await relay.QuestionAsync(chatId, question.MessageId) is { } reportId:
                // A member's reply is an answer only to a question the bot stored as sent to this chat.
                context.Stored(await relay.OnReplyAsync(message, reportId, reply, context.Marker, cancellationToken));
                return;
            case (null, ReplyTarget.Bot, not null) when FollowUpTexts.IsQuestion(message.ReplyToMessage?.Text):
                // A reply to a question that can no longer be answered (the case closed, the report was withdrawn): it is
                // told by the question's own words, which Telegram quotes, as nothing stored links this chat to it now.
                await sender.SendAsync(chatId, TelegramHtml.Escape(texts.Get(Language(message), "followup.not_awaited")), cancellationToken: cancellationToken);
                return;
            case (null, ReplyTarget.Bot, _) when await moderation.RefusePrivateNoteAsync(message, cancellationToken):
                // A moderator's note in reply to a card /show sent here: it would otherwise be read as a member's message.
                return;
            case (_, _, null) when relay.AwaitsAnswer(chatId):
                await relay.OnNotTextAsync(message, cancellationToken);
                return;
            case (null, _, null) when message is { Caption: null, From: { IsBot: false } member }
                && await answerRequests.UnansweredQuestionAsync(MemberKey.Telegram(member.Id), FollowUpContact.Telegram(chatId)) is { } open:
                // A sticker or photo while a question waits for its answer: the member is asked to answer in words.
                await relay.OnNotTextAsync(message, cancellationToken, open);
                return;
            case (null, ReplyTarget.None, { } plain) when relay.AwaitsAnswer(chatId):
                context.Stored(await relay.OnAwaitedAnswerAsync(message, plain, context.Marker, cancellationToken));
                return;
            case (null, _, _) when message.Text is null && letters.AwaitsText(chatId):
                // A sticker or photo while a letter is open: the letter is told to be typed, not the welcome.
                await letters.OnNotTextAsync(message, cancellationToken);
                return;
            case (null, ReplyTarget.None, { } plain) when letters.AwaitsText(chatId):
                await letters.OnTextAsync(message, plain, cancellationToken);
                return;
            case (_, _, { } typed) when message.From is { IsBot: false } user
                && await answerRequests.RequestedAsync(MemberKey.Telegram(user.Id), FollowUpContact.Telegram(chatId), command, typed) is { } asked
                && await relay.OnTypedRequestAsync(message, asked, context.Marker, cancellationToken) is { } stored:
                // "1", "Answer" or /answer outside an interview: as a press of "Answer" under the latest question
                // ("/answer" with words after it: those words are the answer); a plain message while that question
                // waits for its answer is the answer.
                context.Stored(stored);
                return;
            default:
                await privateChat.OnMessageAsync(message, context, cancellationToken);
                return;
        }
    }

    private string Language(Message message) => message.From is { } user ? languages.For(user) : texts.DefaultLanguage;

    public Task OnEditedAsync(Message message, UpdateContext context, CancellationToken cancellationToken) =>
        privateChat.OnEditedAsync(message, context, cancellationToken);

    /// <summary>A member's message or press seen before: the member gets the receipt it submitted, if one is kept for it,
    /// else sees their open question again (when <paramref name="showQuestion"/> says so), in case the answer to it was
    /// lost with the process that stored it.</summary>
    public async Task RepeatAsync(Update update, string marker, Func<bool> showQuestion, CancellationToken cancellationToken)
    {
        switch (update)
        {
            case { Message: { Chat.Type: ChatType.Private, From: { IsBot: false } user } m }:
                if (!await privateChat.ResendReceiptAsync(m.Chat.Id, marker, cancellationToken) && showQuestion())
                {
                    await privateChat.RepeatOpenQuestionAsync(user, m.Chat.Id, cancellationToken);
                }
                break;
            case { CallbackQuery: { Message: { Chat.Type: ChatType.Private } pressed } q } when ButtonPress.Parse(q.Data) is not null:
                await sender.AnswerCallbackAsync(q.Id, cancellationToken: cancellationToken);
                if (!await privateChat.ResendReceiptAsync(pressed.Chat.Id, marker, cancellationToken) && showQuestion())
                {
                    await privateChat.RepeatOpenQuestionAsync(q.From, pressed.Chat.Id, cancellationToken);
                }
                break;
            default:
                break;
        }
    }

    /// <summary>After a failure: the member is told, in their language, that their answers are safe.</summary>
    public async Task ApologiseAsync(Update update, CancellationToken cancellationToken)
    {
        var (chat, user) = update switch
        {
            { Message: { Chat.Type: ChatType.Private } m } => (m.Chat.Id, m.From),
            { CallbackQuery: { } q } => (q.Message?.Chat.Id ?? q.From.Id, q.From),
            _ => (0L, null),
        };
        if (user is null || chat <= 0)
        {
            return;
        }
        var language = languages.For(user);
        await sender.SendAsync(chat, TelegramHtml.Escape(texts.Get(language, "error.generic")), cancellationToken: cancellationToken);
    }
}
