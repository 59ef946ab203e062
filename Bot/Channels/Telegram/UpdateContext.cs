using CommunityBot.Channels.Telegram.Letters;
using CommunityBot.Channels.Telegram.Moderation;
using CommunityBot.Conversations;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CommunityBot.Channels.Telegram;

/// <summary>Where an update was said: a member's private chat, the moderators' group, the activists' group, or any
/// other group (the community groups, and groups the bot does not serve).</summary>
internal enum ChatKind { Private, Moderators, Activists, Group }

/// <summary>Whose button was pressed, by the prefix of its data.</summary>
internal enum PressKind { Letter, Card, FollowUp, Member }

/// <summary>What a message replies to.</summary>
internal enum ReplyTarget { None, Other, Bot, LetterQuestion }

/// <summary>An update read once, before it is dispatched once.</summary>
/// <param name="Command">The command the message carries: in its text, or in the caption of a message without text.</param>
/// <param name="Captioned">The command came from a caption (only the community groups read those).</param>
/// <param name="Press">For a button press: whose button it is.</param>
internal sealed record ParsedUpdate(ChatKind Chat, MemberCommand? Command, bool Captioned, ReplyTarget Reply, PressKind? Press)
{
    /// <summary>A command typed as the message's text.</summary>
    public MemberCommand? TypedCommand => Captioned ? null : Command;

    public static ParsedUpdate Of(Update update, Communities communities)
    {
        var message = update.Message ?? update.EditedMessage;
        var chat = update switch
        {
            { Message: { } m } => m.Chat,
            { EditedMessage: { } m } => m.Chat,
            { CallbackQuery.Message: { } pressed } => pressed.Chat,
            { MyChatMember: { } c } => c.Chat,
            { ChatMember: { } c } => c.Chat,
            _ => null,
        };
        var kind = chat switch
        {
            null or { Type: ChatType.Private } => ChatKind.Private,
            _ when communities.IsModerators(chat.Id) => ChatKind.Moderators,
            _ when communities.IsActivists(chat.Id) => ChatKind.Activists,
            _ => ChatKind.Group,
        };
        var said = message?.Text ?? message?.Caption;
        var reply = message?.ReplyToMessage switch
        {
            null => ReplyTarget.None,
            // In a topic Telegram gives every message that answers nothing in particular the topic's opening as the
            // message it replies to.
            { ForumTopicCreated: not null } => ReplyTarget.None,
            { } asked when LetterChat.IsQuestion(asked) => ReplyTarget.LetterQuestion,
            { From.IsBot: true } => ReplyTarget.Bot,
            _ => ReplyTarget.Other,
        };
        PressKind? press = update.CallbackQuery switch
        {
            null => null,
            { Data: { } data } when LetterChat.IsPress(data) => PressKind.Letter,
            { Data: { } data } when data.StartsWith(ReportCard.PressPrefix, StringComparison.Ordinal) => PressKind.Card,
            { Data: { } data } when FollowUpPress.Is(data) => PressKind.FollowUp,
            _ => PressKind.Member,
        };
        // In a private chat "статус КОД" is /status with it, as members write who do not use the slash: a code is no answer.
        var command = said is null ? null : MemberCommand.Parse(said) ?? (kind == ChatKind.Private ? TypedCommands.WithCode(said) : null);
        return new ParsedUpdate(kind, command, message?.Text is null, reply, press);
    }
}

/// <summary>One update on its way through the handlers: what it is, its marker, and whether a handler stored that
/// marker together with the change the update caused (otherwise the router stores it on its own).</summary>
internal sealed class UpdateContext(ParsedUpdate parsed, string marker)
{
    public ParsedUpdate Parsed => parsed;

    public string Marker => marker;

    public bool MarkerStored { get; private set; }

    /// <param name="withChange">Whether the handler's change carried the marker.</param>
    public void Stored(bool withChange) => MarkerStored |= withChange;
}
