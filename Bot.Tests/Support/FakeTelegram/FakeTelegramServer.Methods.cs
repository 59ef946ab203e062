using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CommunityBot.Tests.Support.FakeTelegram;

internal sealed partial class FakeTelegramServer
{
    private const int MaxTextLength = 4096;
    private const int MaxCaptionLength = 1024;

    private static readonly ImmutableArray<string> KnownMethods =
    [
        "getMe", "getUpdates", "deleteWebhook", "setWebhook", "getWebhookInfo", "setMyCommands", "getMyCommands",
        "deleteMyCommands", "sendMessage", "editMessageText", "editMessageReplyMarkup", "answerCallbackQuery",
        "deleteMessage", "deleteMessages", "getChatMember", "leaveChat", "getChat", "sendDocument", "sendPhoto",
        "sendChatAction",
    ];

    private readonly Dictionary<long, ChatRecord> chats = [];
    private readonly Dictionary<long, User> users = [];
    private readonly Dictionary<(long ChatId, long UserId), string> memberships = [];
    private readonly Dictionary<string, bool> callbackQueries = [];
    private BotCommand[] commands = [];
    private string webhookUrl = "";
    private readonly KnownKeyboards keyboards = new();
    private readonly MessageJson messageJson = new();
    private int lastFileId;

    /// <summary>The commands the bot last set with setMyCommands.</summary>
    public IReadOnlyList<BotCommand> Commands
    {
        get
        {
            lock (gate)
            {
                return commands;
            }
        }
    }

    public string WebhookUrl
    {
        get
        {
            lock (gate)
            {
                return webhookUrl;
            }
        }
    }

    /// <summary>The bot's messages in a chat, oldest first, as they look now (edited text, current keyboard).</summary>
    public IReadOnlyList<BotMessage> SentMessages(long chatId)
    {
        lock (gate)
        {
            return BotMessagesIn(chatId);
        }
    }

    public BotMessage? LastMessage(long chatId) => SentMessages(chatId) is [.., var last] ? last : null;

    /// <summary>The bot's messages in a chat that it (or a test) deleted.</summary>
    public IReadOnlyList<BotMessage> DeletedMessages(long chatId)
    {
        lock (gate)
        {
            return chats.TryGetValue(chatId, out var chat)
                ? [.. chat.Messages.Where(m => m.FromBot && m.Deleted).Select(m => m.Snapshot())]
                : [];
        }
    }

    /// <summary>The texts a person holding the phone would still see in a chat, from either side, oldest first.</summary>
    public IReadOnlyList<string> VisibleTexts(long chatId)
    {
        lock (gate)
        {
            return chats.TryGetValue(chatId, out var chat)
                ? [.. chat.Messages.Where(m => !m.Deleted).Select(m => m.Message.Text ?? m.Message.Caption ?? "")]
                : [];
        }
    }

    /// <summary>Sets what getChatMember answers: "creator", "administrator", "member", "restricted", "left" or "kicked".</summary>
    public void SetMembership(long chatId, long userId, string status)
    {
        _ = MemberOf(status, new User { Id = userId, FirstName = "check" });
        lock (gate)
        {
            memberships[(chatId, userId)] = status;
        }
    }

    private List<BotMessage> BotMessagesIn(long chatId) =>
        chats.TryGetValue(chatId, out var chat)
            ? [.. chat.Messages.Where(m => m.FromBot && !m.Deleted).Select(m => m.Snapshot())]
            : [];

    private static string? CanonicalName(string method) =>
        KnownMethods.FirstOrDefault(known => string.Equals(known, method, StringComparison.OrdinalIgnoreCase));

    private ApiResult Invoke(string method, ApiArguments arguments, ImmutableArray<UploadedFile> files) => method switch
    {
        "getMe" => ToJson(BotUser),
        "deleteWebhook" => DeleteWebhook(arguments),
        "setWebhook" => SetWebhook(arguments),
        "getWebhookInfo" => WebhookInfo(),
        "setMyCommands" => SetCommands(arguments.As<BotCommand[]>("commands") ?? []),
        "getMyCommands" => ToJson(commands),
        "deleteMyCommands" => SetCommands([]),
        "sendMessage" => SendMessage(arguments),
        "editMessageText" => EditMessageText(arguments),
        "editMessageReplyMarkup" => EditMessageReplyMarkup(arguments),
        "answerCallbackQuery" => AnswerCallbackQuery(arguments),
        "deleteMessage" => DeleteMessages(arguments.ChatId(), [arguments.MessageId()]),
        "deleteMessages" => DeleteMessages(arguments.ChatId(), arguments.As<int[]>("message_ids") ?? []),
        "getChatMember" => GetChatMember(arguments),
        "leaveChat" => LeaveChat(arguments),
        "getChat" => GetChat(arguments),
        "sendDocument" => SendFile(arguments, files, "document"),
        "sendPhoto" => SendFile(arguments, files, "photo"),
        "sendChatAction" => SendChatAction(arguments),
        _ => throw new BotApiException(404, "Not Found"),
    };

    private JsonNode? DeleteWebhook(ApiArguments arguments)
    {
        webhookUrl = "";
        StopDelivering();
        if (arguments.Bool("drop_pending_updates"))
        {
            feed.Clear();
        }

        return true;
    }

    private JsonNode? SetWebhook(ApiArguments arguments)
    {
        webhookUrl = arguments.String("url") ?? "";
        StartDelivering(arguments);
        return true;
    }

    private JsonNode? SetCommands(BotCommand[] newCommands)
    {
        commands = newCommands;
        return true;
    }

    private ApiResult SendMessage(ApiArguments arguments)
    {
        var chat = WritableChat(arguments.ChatId());
        var sent = arguments.String("text") ?? "";
        var parseMode = arguments.String("parse_mode");
        var text = VisibleText(sent, parseMode, MaxTextLength, "message is too long");
        if (text.Trim().Length == 0)
        {
            throw BotApiException.BadRequest("message text is empty");
        }

        var keyboard = keyboards.Read(arguments);
        var replyTo = ReplyTarget(chat, arguments);
        var topic = Topic(chat, arguments, replyTo);
        var message = AddMessage(chat, BotUser, fromBot: true, m =>
        {
            m.Text = text;
            m.ReplyMarkup = keyboard;
            m.ReplyToMessage = replyTo;
            InTopic(m, topic);
        }, sent, parseMode, file: null);
        return Answer(message);
    }

    private ApiResult SendFile(ApiArguments arguments, ImmutableArray<UploadedFile> files, string field)
    {
        var chat = WritableChat(arguments.ChatId());
        var reference = arguments.String(field);
        var file = reference is not null && reference.StartsWith("attach://", StringComparison.Ordinal)
            ? files.FirstOrDefault(f => f.Field == reference["attach://".Length..])
            : files.FirstOrDefault(f => f.Field == field);
        if (file is null && string.IsNullOrEmpty(reference))
        {
            throw BotApiException.BadRequest($"there is no {field} in the request");
        }

        var sentCaption = arguments.String("caption");
        var parseMode = arguments.String("parse_mode");
        var caption = sentCaption is null ? null : VisibleText(sentCaption, parseMode, MaxCaptionLength, "message caption is too long");
        var keyboard = keyboards.Read(arguments);
        var replyTo = ReplyTarget(chat, arguments);
        var topic = Topic(chat, arguments, replyTo);
        var fileId = $"{field}-{++lastFileId}";
        var message = AddMessage(chat, BotUser, fromBot: true, m =>
        {
            m.Caption = caption;
            m.ReplyMarkup = keyboard;
            m.ReplyToMessage = replyTo;
            InTopic(m, topic);
            if (field == "photo")
            {
                m.Photo = [new PhotoSize { FileId = fileId, FileUniqueId = fileId, Width = 1280, Height = 960, FileSize = file?.Bytes.Length }];
            }
            else
            {
                m.Document = new Document
                {
                    FileId = fileId,
                    FileUniqueId = fileId,
                    FileName = file?.FileName,
                    FileSize = file?.Bytes.Length,
                    MimeType = "application/octet-stream",
                };
            }
        }, sentCaption, parseMode, file);
        return Answer(message);
    }

    private ApiResult EditMessageText(ApiArguments arguments)
    {
        var (chat, stored) = EditableMessage(arguments);
        if (stored.Message.Text is null)
        {
            throw BotApiException.BadRequest("there is no text in the message to edit");
        }

        var sent = arguments.String("text") ?? "";
        var parseMode = arguments.String("parse_mode");
        var text = VisibleText(sent, parseMode, MaxTextLength, "message is too long");
        if (text.Trim().Length == 0)
        {
            throw BotApiException.BadRequest("message text is empty");
        }

        var keyboard = keyboards.Read(arguments);
        if (text == stored.Message.Text && keyboards.Same(keyboard, stored.Message.ReplyMarkup))
        {
            throw NotModified();
        }

        var edited = new ChatMessage(stored.Message, fromBot: true) { SentText = sent, ParseMode = parseMode, File = stored.File };
        stored.Message.Text = text;
        stored.Message.ReplyMarkup = keyboard;
        stored.Message.EditDate = Now();
        chat.Messages[chat.Messages.IndexOf(stored)] = edited;
        chat.Changed();
        return Answer(stored.Message);
    }

    private ApiResult EditMessageReplyMarkup(ApiArguments arguments)
    {
        var (chat, stored) = EditableMessage(arguments);
        var keyboard = keyboards.Read(arguments);
        if (keyboards.Same(keyboard, stored.Message.ReplyMarkup))
        {
            throw NotModified();
        }

        stored.Message.ReplyMarkup = keyboard;
        stored.Message.EditDate = Now();
        chat.Changed();
        return Answer(stored.Message);
    }

    private (ChatRecord Chat, ChatMessage Message) EditableMessage(ApiArguments arguments)
    {
        if (arguments.String("inline_message_id") is not null)
        {
            throw BotApiException.BadRequest("MESSAGE_ID_INVALID");
        }

        var chat = KnownChat(arguments.ChatId());
        var stored = chat.Find(arguments.MessageId()) ?? throw BotApiException.BadRequest("message to edit not found");
        if (!stored.FromBot)
        {
            throw BotApiException.BadRequest("message can't be edited");
        }

        return (chat, stored);
    }

    private JsonNode? DeleteMessages(long chatId, int[] messageIds)
    {
        var chat = KnownChat(chatId);
        var found = messageIds.Select(chat.Find).OfType<ChatMessage>().ToList();
        if (found.Count == 0)
        {
            throw BotApiException.BadRequest("message to delete not found");
        }

        found.ForEach(m => m.Deleted = true);
        chat.Changed();
        return true;
    }

    private ApiResult AnswerCallbackQuery(ApiArguments arguments)
    {
        var id = arguments.String("callback_query_id") ?? "";
        if (!callbackQueries.TryGetValue(id, out var answered) || answered)
        {
            throw BotApiException.BadRequest("query is too old and response timeout expired or query ID is invalid");
        }

        callbackQueries[id] = true;
        return ApiResult.True;
    }

    private JsonNode? GetChatMember(ApiArguments arguments)
    {
        var chat = KnownChat(arguments.ChatId());
        var userId = arguments.Long("user_id") ?? throw BotApiException.BadRequest("user_id is empty");
        var user = userId == BotUser.Id ? BotUser : users.GetValueOrDefault(userId) ?? new User { Id = userId, FirstName = $"User {userId}" };
        return ToJson(MemberOf(StatusOf(chat, userId), user));
    }

    private string StatusOf(ChatRecord chat, long userId) =>
        memberships.TryGetValue((chat.Chat.Id, userId), out var status) ? status
        : userId == BotUser.Id && !chat.BotLeft ? "member"
        : "left";

    private static ChatMember MemberOf(string status, User user) => status switch
    {
        "creator" => new ChatMemberOwner { User = user },
        "administrator" => new ChatMemberAdministrator
        {
            User = user,
            CanManageChat = true,
            CanDeleteMessages = true,
            CanRestrictMembers = true,
            CanInviteUsers = true,
        },
        "member" => new ChatMemberMember { User = user },
        "restricted" => new ChatMemberRestricted { User = user, IsMember = true },
        "left" => new ChatMemberLeft { User = user },
        "kicked" => new ChatMemberBanned { User = user },
        _ => throw new ArgumentException($"Unknown chat member status \"{status}\".", nameof(status)),
    };

    private JsonNode? LeaveChat(ApiArguments arguments)
    {
        var chat = KnownChat(arguments.ChatId());
        chat.BotLeft = true;
        memberships[(chat.Chat.Id, BotUser.Id)] = "left";
        return true;
    }

    private JsonNode? GetChat(ApiArguments arguments)
    {
        var record = KnownChat(arguments.ChatId());
        if (record.MigratedTo is { } newId)
        {
            throw new BotApiException(400, "Bad Request: group chat was upgraded to a supergroup chat", migrateToChatId: newId);
        }

        var chat = record.Chat;
        return ToJson(new ChatFullInfo
        {
            Id = chat.Id,
            Type = chat.Type,
            Title = chat.Title,
            Username = chat.Username,
            FirstName = chat.FirstName,
            LastName = chat.LastName,
            AccentColorId = 0,
            MaxReactionCount = 11,
        });
    }

    private JsonNode? SendChatAction(ApiArguments arguments)
    {
        _ = WritableChat(arguments.ChatId());
        if (string.IsNullOrEmpty(arguments.String("action")))
        {
            throw BotApiException.BadRequest("action is empty");
        }

        return true;
    }

    private ChatRecord KnownChat(long chatId) =>
        chats.TryGetValue(chatId, out var chat) ? chat : throw BotApiException.BadRequest("chat not found");

    private ChatRecord WritableChat(long chatId)
    {
        var chat = KnownChat(chatId);
        if (chat.MigratedTo is { } newId)
        {
            throw new BotApiException(400, "Bad Request: group chat was upgraded to a supergroup chat", migrateToChatId: newId);
        }

        if (chat.IsPrivate && chat.BlockedBot)
        {
            throw new BotApiException(403, "Forbidden: bot was blocked by the user");
        }

        if (chat.IsPrivate && !chat.Started)
        {
            throw new BotApiException(403, "Forbidden: bot can't initiate conversation with a user");
        }

        if (!chat.IsPrivate && (chat.BotLeft || StatusOf(chat, BotUser.Id) is "left" or "kicked"))
        {
            var kind = chat.Chat.Type == ChatType.Supergroup ? "supergroup" : "group";
            throw new BotApiException(403, StatusOf(chat, BotUser.Id) == "kicked"
                ? $"Forbidden: bot was kicked from the {kind} chat"
                : $"Forbidden: bot is not a member of the {kind} chat");
        }

        return chat;
    }

    private static string VisibleText(string sent, string? parseMode, int limit, string tooLong)
    {
        var text = string.Equals(parseMode, "HTML", StringComparison.OrdinalIgnoreCase) ? TelegramHtml.ToPlainText(sent) : sent;
        return text.Length > limit ? throw BotApiException.BadRequest(tooLong) : text;
    }

    /// <summary>The bot's message as the answer gives it (see <see cref="MessageJson"/>); called under the gate.</summary>
    private ApiResult Answer(Message message) => ApiResult.FromUtf8(messageJson.Message(message, keyboards.Json(message.ReplyMarkup)));

    private static BotApiException NotModified() => BotApiException.BadRequest(
        "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");

    private static Message? ReplyTarget(ChatRecord chat, ApiArguments arguments)
    {
        var parameters = arguments.As<ReplyParameters>("reply_parameters");
        var messageId = parameters?.MessageId ?? arguments.Int("reply_to_message_id");
        if (messageId is not { } id || id == 0)
        {
            return null;
        }

        var target = chat.Find(id);
        if (target is null && parameters?.AllowSendingWithoutReply != true && !arguments.Bool("allow_sending_without_reply"))
        {
            throw BotApiException.BadRequest("message to be replied not found");
        }

        return target?.Message;
    }

    /// <summary>The forum topic a message goes to: the one named, else the topic of the message it replies to (as
    /// Telegram places a reply), else none (General). Naming a topic outside a forum is refused.</summary>
    private static int? Topic(ChatRecord chat, ApiArguments arguments, Message? replyTo)
    {
        if (arguments.Int("message_thread_id") is { } named)
        {
            return chat.Chat.IsForum ? named : throw BotApiException.BadRequest("message thread not found");
        }

        return replyTo is { IsTopicMessage: true, MessageThreadId: { } inherited } ? inherited : null;
    }

    private static void InTopic(Message message, int? topic)
    {
        message.MessageThreadId = topic;
        message.IsTopicMessage = topic is not null;
    }

    private Message AddMessage(
        ChatRecord chat, User from, bool fromBot, Action<Message> fill, string? sentText = null, string? parseMode = null,
        UploadedFile? file = null)
    {
        var message = new Message { Id = ++chat.LastMessageId, Date = Now(), Chat = chat.Chat, From = from };
        fill(message);
        chat.Messages.Add(new ChatMessage(message, fromBot) { SentText = sentText, ParseMode = parseMode, File = file });
        if (fromBot)
        {
            chat.Changed();
        }

        return message;
    }
}
