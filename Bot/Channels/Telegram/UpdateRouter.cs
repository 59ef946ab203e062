using System.Globalization;
using CommunityBot.Channels.Telegram.Groups;
using CommunityBot.Channels.Telegram.Letters;
using CommunityBot.Channels.Telegram.Moderation;
using CommunityBot.Conversations;
using CommunityBot.Privacy;
using CommunityBot.Storage;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CommunityBot.Channels.Telegram;

/// <summary>
/// Sends each update where it belongs, once. An update seen before (redelivered after a crash) changes nothing;
/// one that fails is logged by its id, the member gets an apology in their language, and what was stored stays as
/// it was, because every change is written in one transaction together with the update's marker.
/// </summary>
internal sealed partial class UpdateRouter(
    PrivateChat privateChat,
    GroupChat groups,
    ModerationChat moderation,
    FollowUpRelay relay,
    LetterChat letters,
    ModeratorAccess moderators,
    Communities communities,
    UpdateMarkers markers,
    TelegramSender sender,
    TextCatalog texts,
    MemberLanguages languages,
    Pseudonyms pseudonyms,
    ActivityCounts counts,
    ILogger<UpdateRouter> log)
{
    /// <summary>The chat an update belongs to: updates of one chat are handled in order, chats side by side.</summary>
    public static long ChatOf(Update update) => update switch
    {
        { Message: { } m } => m.Chat.Id,
        { EditedMessage: { } m } => m.Chat.Id,
        { CallbackQuery: { } q } => q.Message?.Chat.Id ?? q.From.Id,
        { MyChatMember: { } c } => c.Chat.Id,
        { ChatMember: { } c } => c.Chat.Id,
        _ => 0,
    };

    public async Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        try
        {
            var (marker, seen) = await markers.CheckAsync("telegram", update.Id).ConfigureAwait(false);
            if (seen)
            {
                counts.Add(Activity.UpdatesAlreadyHandled);
                await RepeatAsync(update, marker, cancellationToken).ConfigureAwait(false);
                return;
            }
            if (update is { Message: { Chat.Type: ChatType.Private, Text: { } typed } direct } && MemberCommand.Parse(typed) is { Name: not LetterChat.Command })
            {
                // A command in private means the person turned to something else: a letter there no longer takes their text.
                letters.Drop(direct.Chat.Id);
                relay.StopAwaiting(direct.Chat.Id);
            }
            // A member's reply in private is an answer only to a question the bot stored as sent to that chat.
            var answering = update is { Message: { Chat.Type: ChatType.Private, Text: { } reply, ReplyToMessage: { From.IsBot: true } question } inPrivate }
                && MemberCommand.Parse(reply) is null
                ? await relay.QuestionAsync(inPrivate.Chat.Id, question.MessageId).ConfigureAwait(false)
                : null;
            var marked = update switch
            {
                { CallbackQuery: { Data: { } data } q } when LetterChat.IsPress(data) =>
                    await Done(letters.OnCallbackAsync(q, cancellationToken)).ConfigureAwait(false),
                { Message: { Text: { } text } m } when IsLetterCommand(m, text) =>
                    await Done(letters.OnCommandAsync(m, cancellationToken)).ConfigureAwait(false),
                { Message: { Text: { } answer, ReplyToMessage: { } asked } m } when LetterChat.IsQuestion(asked) && MemberCommand.Parse(answer) is null
                    && (communities.IsModerators(m.Chat.Id) || m.Chat.Type == ChatType.Private) =>
                    await Done(letters.OnTextAsync(m, answer, cancellationToken)).ConfigureAwait(false),
                { CallbackQuery: { Data: { } data } q } when data.StartsWith("m:", StringComparison.Ordinal) =>
                    await Done(moderation.OnCallbackAsync(q, cancellationToken)).ConfigureAwait(false),
                { Message: { Text: { } text } m } when IsModeration(m, text) is { } command =>
                    await Done(moderation.OnCommandAsync(m, command, cancellationToken)).ConfigureAwait(false),
                { ChatMember: { } change } when communities.IsModerators(change.Chat.Id) || communities.IsActivists(change.Chat.Id) => Forget(change),
                { Message: { Text: { } note, ReplyToMessage: { From.IsBot: true } } m } when communities.IsModerators(m.Chat.Id) && MemberCommand.Parse(note) is null =>
                    await Done(moderation.OnReplyAsync(m, note, cancellationToken)).ConfigureAwait(false),
                { Message: { Chat.Type: ChatType.Private, Text: { } answer } m } when answering is { } reportId =>
                    await relay.OnReplyAsync(m, reportId, answer, marker, cancellationToken).ConfigureAwait(false),
                { CallbackQuery: { Data: { } data } q } when FollowUpPress.Is(data) =>
                    await Done(relay.OnAnswerPressAsync(q, cancellationToken)).ConfigureAwait(false),
                { Message: { Chat.Type: ChatType.Private, Text: null } m } when relay.AwaitsAnswer(m.Chat.Id) =>
                    await Done(relay.OnNotTextAsync(m, cancellationToken)).ConfigureAwait(false),
                { Message: { Chat.Type: ChatType.Private, Text: { } plain, ReplyToMessage: null } m } when MemberCommand.Parse(plain) is null && relay.AwaitsAnswer(m.Chat.Id) =>
                    await relay.OnAwaitedAnswerAsync(m, plain, marker, cancellationToken).ConfigureAwait(false),
                { Message: { Chat.Type: ChatType.Private, Text: { } plain, ReplyToMessage: null } m } when MemberCommand.Parse(plain) is null && letters.AwaitsText(m.Chat.Id) =>
                    await Done(letters.OnTextAsync(m, plain, cancellationToken)).ConfigureAwait(false),
                { Message: { Chat.Type: ChatType.Private } m } => await privateChat.OnMessageAsync(m, marker, cancellationToken).ConfigureAwait(false),
                { EditedMessage: { Chat.Type: ChatType.Private } m } => await privateChat.OnEditedAsync(m, marker, cancellationToken).ConfigureAwait(false),
                { CallbackQuery: { } q } => await privateChat.OnCallbackAsync(q, marker, cancellationToken).ConfigureAwait(false),
                _ => false,
            };
            await (update switch
            {
                { CallbackQuery: { Data: { } data } } when data.StartsWith("m:", StringComparison.Ordinal) => Task.CompletedTask,
                { Message: { Text: { } text } m } when IsModeration(m, text) is not null => Task.CompletedTask,
                { Message: { ReplyToMessage: { From.IsBot: true } } m } when communities.IsModerators(m.Chat.Id) => Task.CompletedTask,
                { Message: { Chat.Type: not ChatType.Private } m } => groups.OnMessageAsync(m, cancellationToken),
                { MyChatMember: { } c } => groups.OnMyChatMemberAsync(c, cancellationToken),
                _ => Task.CompletedTask,
            }).ConfigureAwait(false);
            if (!marked)
            {
                // Nothing stored carried the marker (a /help, a group message): store it on its own.
                await markers.MarkAsync(marker).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // The one catch-all per update: nothing may stop the service but a disk that cannot be written.
        catch (Exception ex) when (ex is not StorageFailedException)
#pragma warning restore CA1031
        {
            Failed(ex, update);
            await ApologiseAsync(update, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A member's message or press seen before: the member sees their open question again, in case the
    /// answer to it was lost with the process that stored it.</summary>
    private async Task RepeatAsync(Update update, string marker, CancellationToken cancellationToken)
    {
        switch (update)
        {
            case { Message: { Chat.Type: ChatType.Private, From: { IsBot: false } user } m }:
                if (!await privateChat.ResendReceiptAsync(m.Chat.Id, marker, cancellationToken).ConfigureAwait(false))
                {
                    await privateChat.RepeatOpenQuestionAsync(user, m.Chat.Id, cancellationToken).ConfigureAwait(false);
                }
                break;
            case { CallbackQuery: { Message: { Chat.Type: ChatType.Private } pressed } q } when ButtonPress.Parse(q.Data) is not null:
                await sender.AnswerCallbackAsync(q.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (!await privateChat.ResendReceiptAsync(pressed.Chat.Id, marker, cancellationToken).ConfigureAwait(false))
                {
                    await privateChat.RepeatOpenQuestionAsync(q.From, pressed.Chat.Id, cancellationToken).ConfigureAwait(false);
                }
                break;
            default:
                break;
        }
    }

    /// <summary>A moderation command: in the moderators' group, or sent in private (where a non-moderator is refused).</summary>
    private MemberCommand? IsModeration(Message message, string text) =>
        MemberCommand.Parse(text) is { } command
        && (communities.IsModerators(message.Chat.Id) || (message.Chat.Type == ChatType.Private && ModerationChat.IsModerationCommand(command.Name) && command.Name != "help"))
            ? command
            : null;

    /// <summary><c>/letter</c>: in the moderators' group or in private (where someone not allowed is refused).</summary>
    private bool IsLetterCommand(Message message, string text) =>
        MemberCommand.Parse(text) is { Name: LetterChat.Command } && (communities.IsModerators(message.Chat.Id) || message.Chat.Type == ChatType.Private);

    private bool Forget(ChatMemberUpdated change)
    {
        moderators.Forget(change.Chat.Id, change.NewChatMember.User.Id);
        return false;
    }

    private static async Task<bool> Done(Task work)
    {
        await work.ConfigureAwait(false);
        return false;
    }

    private async Task ApologiseAsync(Update update, CancellationToken cancellationToken)
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
        try
        {
            var language = languages.For(pseudonyms.Of(PseudonymPurpose.Counters, MemberKey.Telegram(user.Id).Raw), user.LanguageCode);
            await sender.SendAsync(chat, TelegramHtml.Escape(texts.Get(language, "error.generic")), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // An apology that cannot be sent is not worth a second failure.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Failed(ex, update);
        }
    }

    /// <summary>The exception and the kind of update, never its id: an update id with the log's time points at a member.</summary>
    private void Failed(Exception exception, Update update)
    {
        counts.Add(Activity.UpdatesFailed);
        LogFailed(log, exception, update.Type);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling an update ({Kind}) failed; the member was sent an apology")]
    private static partial void LogFailed(ILogger logger, Exception exception, UpdateType kind);
}
