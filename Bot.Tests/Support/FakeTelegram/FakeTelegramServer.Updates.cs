using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CommunityBot.Tests.Support.FakeTelegram;

internal sealed partial class FakeTelegramServer
{
    // Telegram leaves these out unless allowed_updates names them.
    private static readonly HashSet<string> OptInUpdateTypes = ["chat_member", "message_reaction", "message_reaction_count"];

    /// <summary>The account Telegram shows as the author of an anonymous admin's message (its real id).</summary>
    public static readonly User GroupAnonymousBot = new() { Id = 1087968824, IsBot = true, FirstName = "Group", Username = "GroupAnonymousBot" };

    /// <summary>The account Telegram shows as the author of a message sent on behalf of a channel (its real id).</summary>
    public static readonly User ChannelBot = new() { Id = 136817688, IsBot = true, FirstName = "Channel", Username = "Channel_Bot" };

    private readonly List<FeedEntry> feed = [];
    private readonly Dictionary<int, int> deliveries = [];
    private int redeliveries;
    private HashSet<string>? allowedUpdates;
    private CancellationTokenSource? activePoll;
    private const int FirstUpdateIdBefore = 100_000;
    private int lastUpdateId = FirstUpdateIdBefore;
    private int lastCallbackQueryId;

    /// <summary>
    /// Puts an update in the getUpdates queue. An update without an id gets the next one; enqueueing the same update
    /// again delivers it twice, as Telegram sometimes does.
    /// </summary>
    public Update EnqueueUpdate(Update update) => Enqueue(update, write: null);

    /// <summary>Enqueues an update written by <paramref name="write"/> (given the update with its id), or by the library.</summary>
    private Update Enqueue(Update update, Func<Update, byte[]>? write)
    {
        lock (gate)
        {
            if (update.Id == 0)
            {
                update.Id = ++lastUpdateId;
            }

            lastUpdateId = Math.Max(lastUpdateId, update.Id);
            var json = write is null ? JsonSerializer.SerializeToUtf8Bytes(update, JsonBotAPI.Options) : write(update);
            feed.Add(new FeedEntry(update.Id, UpdateTypeName(update.Type), Written(json)));
            Changed();
            return update;
        }
    }

    /// <summary>How many times an update went out again because no later offset had confirmed it.</summary>
    public int Redeliveries
    {
        get
        {
            lock (gate)
            {
                return redeliveries;
            }
        }
    }

    /// <summary>How many times getUpdates has handed out the update with this id (enqueued twice counts twice).</summary>
    public int DeliveriesOf(int updateId)
    {
        lock (gate)
        {
            return deliveries.GetValueOrDefault(updateId);
        }
    }

    /// <summary>The offsets the bot has sent with getUpdates, in order (none when it sent no offset).</summary>
    public IReadOnlyList<long> ConfirmedOffsets =>
        [.. Calls("getUpdates").Select(c => ApiRequest.Parse(c.ParametersJson, [])).Select(request =>
        {
            using (request)
            {
                return request.Arguments.Long("offset");
            }
        }).OfType<long>()];

    /// <summary>A member with a private chat with the bot; the chat opens for the bot once the member writes.</summary>
    public FakeMember PrivateChatWith(
        long userId, string firstName, string? username = null, string? languageCode = "ru", string? lastName = null)
    {
        var user = new User { Id = userId, FirstName = firstName, LastName = lastName, Username = username, LanguageCode = languageCode };
        lock (gate)
        {
            users[userId] = user;
            if (!chats.ContainsKey(userId))
            {
                chats[userId] = new ChatRecord(new Chat
                {
                    Id = userId, Type = ChatType.Private, FirstName = firstName, LastName = lastName, Username = username,
                });
            }
        }

        return new FakeMember(this, user);
    }

    /// <summary>A group the bot is a member of; ids written "-100…" are supergroups, others basic groups.</summary>
    public FakeGroup Group(long chatId, string title)
    {
        lock (gate)
        {
            RegisterGroup(chatId, title);
        }

        return new FakeGroup(this, chatId, title);
    }

    /// <summary>A supergroup with topics (a forum) the bot is a member of; a member writes in a topic with
    /// <see cref="FakeGroup.MemberSaysInTopicAsync"/>.</summary>
    public FakeGroup ForumGroup(long chatId, string title)
    {
        lock (gate)
        {
            RegisterGroup(chatId, title, ChatType.Supergroup).Chat.IsForum = true;
        }

        return new FakeGroup(this, chatId, title);
    }

    /// <summary>Upgrades a group to a supergroup the way Telegram reports it: a service message in each chat (unless
    /// <paramref name="announced"/> is false: the notices went to a bot run whose memory of them is gone).</summary>
    public Task<Update> MigrateGroupAsync(long oldChatId, long newChatId, bool announced = true)
    {
        Update toNew;
        lock (gate)
        {
            var old = KnownChat(oldChatId);
            var title = old.Chat.Title ?? "";
            var supergroup = RegisterGroup(newChatId, title, ChatType.Supergroup);
            old.MigratedTo = newChatId;
            foreach (var ((chatId, userId), status) in memberships.Where(m => m.Key.ChatId == oldChatId).ToList())
            {
                memberships[(newChatId, userId)] = status;
            }

            var from = users.Values.FirstOrDefault() ?? BotUser;
            var inOld = AddMessage(old, from, fromBot: false, m => m.MigrateToChatId = newChatId);
            var inNew = AddMessage(supergroup, from, fromBot: false, m => m.MigrateFromChatId = oldChatId);
            toNew = new Update { Message = inNew };
            if (announced)
            {
                EnqueueUpdate(new Update { Message = inOld });
                toNew = EnqueueUpdate(toNew);
            }
        }

        return Task.FromResult(toNew);
    }

    /// <summary>A member adds the bot to a group: a my_chat_member update from "left" to <paramref name="status"/>, and
    /// the service message "… added the bot" that the group shows.</summary>
    public Task<Update> BotAddedToGroupAsync(long chatId, string title, FakeMember addedBy, string status = "member")
    {
        lock (gate)
        {
            var group = RegisterGroup(chatId, title);
            group.BotLeft = false;
            memberships[(chatId, BotUser.Id)] = status;
            var added = EnqueueUpdate(new Update
            {
                MyChatMember = new ChatMemberUpdated
                {
                    Chat = group.Chat,
                    From = addedBy.User,
                    Date = Now(),
                    OldChatMember = MemberOf("left", BotUser),
                    NewChatMember = MemberOf(status, BotUser),
                },
            });
            EnqueueUpdate(new Update { Message = AddMessage(group, addedBy.User, fromBot: false, m => m.NewChatMembers = [BotUser]) });
            return Task.FromResult(added);
        }
    }

    internal Update MemberChangesStatus(long chatId, FakeMember member, string status)
    {
        lock (gate)
        {
            var chat = KnownChat(chatId);
            var old = StatusOf(chat, member.UserId);
            memberships[(chatId, member.UserId)] = status;
            return EnqueueUpdate(new Update
            {
                ChatMember = new ChatMemberUpdated
                {
                    Chat = chat.Chat,
                    From = member.User,
                    Date = Now(),
                    OldChatMember = MemberOf(old, member.User),
                    NewChatMember = MemberOf(status, member.User),
                },
            });
        }
    }

    /// <summary>A member's message in a chat, returned with the id of the bot's newest message there at that moment.</summary>
    internal (Update Update, int LatestBotMessageId) MemberPosts(long chatId, User from, Action<Message> fill, bool edited = false)
    {
        lock (gate)
        {
            var chat = ChatPostedIn(chatId);
            var message = AddMessage(chat, from, fromBot: false, fill);
            return (EnqueueUpdate(edited ? new Update { EditedMessage = message } : new Update { Message = message }), LatestBotMessageId(chat));
        }
    }

    /// <summary>A member's text message (a command with its entity), the step of every interview: its update is
    /// written by hand, as <see cref="MessageJson"/> writes the text messages it knows.</summary>
    internal (Update Update, int LatestBotMessageId) MemberSays(long chatId, User from, string text)
    {
        lock (gate)
        {
            var chat = ChatPostedIn(chatId);
            var message = AddMessage(chat, from, fromBot: false, m =>
            {
                m.Text = text;
                m.Entities = CommandEntities(text);
            });
            var update = Enqueue(new Update { Message = message }, update => messageJson.TextUpdate(update.Id, message));
            return (update, LatestBotMessageId(chat));
        }
    }

    /// <summary>A reply and a message that the member's app sends at once, as it sends a text over 4,096 characters cut
    /// in two (only the first part a reply) or two messages queued while offline: nothing else in the chat comes between
    /// them, so the second has the next message id.</summary>
    internal (Update Update, int LatestBotMessageId) MemberRepliesThenPosts(long chatId, User from, int toMessageId, string reply, Action<Message> fillNext)
    {
        lock (gate)
        {
            var first = MemberReplies(chatId, from, toMessageId, reply);
            MemberPosts(chatId, from, fillNext);
            return first;
        }
    }

    /// <summary>The chat a member writes in; a private chat opens for the bot (again) once the member writes.</summary>
    private ChatRecord ChatPostedIn(long chatId)
    {
        var chat = KnownChat(chatId);
        if (chat.IsPrivate)
        {
            chat.Started = true;
            chat.BlockedBot = false;
        }

        return chat;
    }

    internal (Update Update, int LatestBotMessageId) MemberReplies(long chatId, User from, int toMessageId, string text) =>
        MemberReplies(chatId, from, toMessageId, m =>
        {
            m.Text = text;
            m.Entities = CommandEntities(text);
        });

    /// <summary>A member's reply of any kind (a sticker, a photo) to a message in a chat.</summary>
    internal (Update Update, int LatestBotMessageId) MemberReplies(long chatId, User from, int toMessageId, Action<Message> fill)
    {
        Message quote;
        lock (gate)
        {
            var quoted = KnownChat(chatId).Messages.SingleOrDefault(m => m.Message.Id == toMessageId && !m.Deleted)
                ?? throw new InvalidOperationException($"Chat {chatId} has no message #{toMessageId} to reply to.");
            // Telegram quotes the message replied to without its own reply, as it looks now.
            quote = new Message
            {
                Id = quoted.Message.Id,
                Chat = quoted.Message.Chat,
                From = quoted.Message.From,
                Date = quoted.Message.Date,
                Text = quoted.Message.Text,
                Caption = quoted.Message.Caption,
                MessageThreadId = quoted.Message.MessageThreadId,
                IsTopicMessage = quoted.Message.IsTopicMessage,
            };
        }
        return MemberPosts(chatId, from, m =>
        {
            fill(m);
            m.ReplyToMessage = quote;
            // A reply in a forum is written in the topic of what it answers.
            m.MessageThreadId = quote.MessageThreadId;
            m.IsTopicMessage = quote.IsTopicMessage;
        });
    }

    internal (Update Update, int LatestBotMessageId) MemberEdits(long chatId, long userId, string text)
    {
        lock (gate)
        {
            var chat = KnownChat(chatId);
            var last = chat.Messages.LastOrDefault(m => !m.FromBot && !m.Deleted && m.Message.From?.Id == userId && m.Message.Text is not null)
                ?? throw new InvalidOperationException($"User {userId} has no text message in chat {chatId} to edit.");
            last.Message.Text = text;
            last.Message.Entities = CommandEntities(text);
            last.Message.EditDate = Now();
            return (EnqueueUpdate(new Update { EditedMessage = last.Message }), LatestBotMessageId(chat));
        }
    }

    internal (Update Update, int LatestBotMessageId) MemberEditsCaption(long chatId, long userId, string caption)
    {
        lock (gate)
        {
            var chat = KnownChat(chatId);
            var last = chat.Messages.LastOrDefault(m => !m.FromBot && !m.Deleted && m.Message.From?.Id == userId && m.Message.Caption is not null)
                ?? throw new InvalidOperationException($"User {userId} has no captioned message in chat {chatId} to edit.");
            last.Message.Caption = caption;
            last.Message.EditDate = Now();
            return (EnqueueUpdate(new Update { EditedMessage = last.Message }), LatestBotMessageId(chat));
        }
    }

    internal (Update Update, int LatestBotMessageId) MemberPresses(long chatId, User from, string buttonText)
    {
        lock (gate)
        {
            var chat = KnownChat(chatId);
            var candidates = chat.Messages.Where(m => m.FromBot && !m.Deleted && m.Message.ReplyMarkup is not null).Reverse().ToList();
            foreach (var candidate in candidates)
            {
                var buttons = candidate.Message.ReplyMarkup?.InlineKeyboard.SelectMany(row => row).ToList() ?? [];
                var matches = buttons.Where(b => string.Equals(b.Text, buttonText, StringComparison.OrdinalIgnoreCase)).ToList();
                if (matches.Count == 0)
                {
                    matches = [.. buttons.Where(b => b.Text.Contains(buttonText, StringComparison.OrdinalIgnoreCase))];
                }

                if (matches.Count > 1)
                {
                    throw new InvalidOperationException(
                        $"\"{buttonText}\" matches several buttons of message #{candidate.Message.Id}: {string.Join(" | ", matches.Select(b => b.Text))}.");
                }

                if (matches is [var button])
                {
                    var data = button.CallbackData
                        ?? throw new InvalidOperationException($"Button \"{button.Text}\" has no callback data (a URL or other kind of button).");
                    return (EnqueuePress(chatId, from, candidate.Message, data), LatestBotMessageId(chat));
                }
            }

            var visible = candidates.Count == 0
                ? "the bot has sent no message with buttons in this chat"
                : "visible: " + string.Join("; ", candidates.Select(c => c.Snapshot().ToString()));
            throw new InvalidOperationException($"No button matching \"{buttonText}\" in chat {chatId}: {visible}.");
        }
    }

    /// <summary>A press with callback data the member made up (a modified client), on the bot's latest message in the chat.</summary>
    internal (Update Update, int LatestBotMessageId) MemberPressesForged(long chatId, User from, string data)
    {
        lock (gate)
        {
            var chat = KnownChat(chatId);
            var message = chat.Messages.LastOrDefault(m => m.FromBot && !m.Deleted)
                ?? throw new InvalidOperationException($"The bot has sent no message in chat {chatId} to press on.");
            return (EnqueuePress(chatId, from, message.Message, data), LatestBotMessageId(chat));
        }
    }

    /// <summary>A press on a button as the member saw it on an earlier message, which may have lost its buttons since
    /// (a slow phone, a second tap): Telegram delivers it with the message as it is now.</summary>
    internal (Update Update, int LatestBotMessageId) MemberPressesOnEarlier(long chatId, User from, BotMessage seen, string buttonText)
    {
        var button = seen.Buttons.FirstOrDefault(b => string.Equals(b.Text, buttonText, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"Message #{seen.MessageId} had no button \"{buttonText}\": {seen}.");
        var data = button.CallbackData ?? throw new InvalidOperationException($"Button \"{button.Text}\" has no callback data.");
        lock (gate)
        {
            var chat = KnownChat(chatId);
            var message = chat.Messages.SingleOrDefault(m => m.Message.Id == seen.MessageId && !m.Deleted)
                ?? throw new InvalidOperationException($"Chat {chatId} has no message #{seen.MessageId}.");
            return (EnqueuePress(chatId, from, message.Message, data), LatestBotMessageId(chat));
        }
    }

    /// <summary>A callback query for a press on <paramref name="message"/>; called under the gate.</summary>
    private Update EnqueuePress(long chatId, User from, Message message, string data)
    {
        var id = (++lastCallbackQueryId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        callbackQueries[id] = false;
        var press = new CallbackQuery
        {
            Id = id,
            From = from,
            Message = message,
            ChatInstance = $"-{Math.Abs(chatId) % 1_000_000_007}",
            Data = data,
        };
        // The message pressed on is one of the bot's, of the shapes MessageJson writes.
        return Enqueue(new Update { CallbackQuery = press }, update => messageJson.PressUpdate(update.Id, press, keyboards.Json(message.ReplyMarkup)));
    }

    internal void MemberBlocksBot(long userId)
    {
        lock (gate)
        {
            KnownChat(userId).BlockedBot = true;
        }
    }

    internal static MessageEntity[]? CommandEntities(string text)
    {
        if (!text.StartsWith('/'))
        {
            return null;
        }

        var end = text.IndexOfAny([' ', '\n']);
        return [new MessageEntity { Type = MessageEntityType.BotCommand, Offset = 0, Length = end < 0 ? text.Length : end }];
    }

    private static int LatestBotMessageId(ChatRecord chat) =>
        chat.Messages.LastOrDefault(m => m.FromBot)?.Message.Id ?? 0;

    private ChatRecord RegisterGroup(long chatId, string title, ChatType? type = null)
    {
        if (!chats.TryGetValue(chatId, out var chat))
        {
            chats[chatId] = chat = new ChatRecord(new Chat
            {
                Id = chatId,
                // Supergroup and channel ids are "-100" followed by the chat's own number.
                Type = type ?? (chatId.ToString(System.Globalization.CultureInfo.InvariantCulture).StartsWith("-100", StringComparison.Ordinal)
                    ? ChatType.Supergroup
                    : ChatType.Group),
                Title = title,
            });
        }

        return chat;
    }

    private bool Allowed(FeedEntry entry) =>
        allowedUpdates is { Count: > 0 } allowed ? allowed.Contains(entry.Type) : !OptInUpdateTypes.Contains(entry.Type);

    private int UndeliveredCount() => feed.Count(e => !e.Delivered && Allowed(e));

    private async Task<ApiResult> GetUpdatesAsync(ApiArguments arguments, CancellationToken cancellationToken)
    {
        var offset = arguments.Long("offset") ?? 0;
        var limit = Math.Clamp(arguments.Int("limit") ?? 100, 1, 100);
        var timeout = pollsAnsweredAtOnce ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Max(0, arguments.Int("timeout") ?? 0));
        var allowed = arguments.As<string[]>("allowed_updates");
        using var superseded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        CancellationTokenSource? previous;
        lock (gate)
        {
            if (webhookUrl.Length > 0)
            {
                throw new BotApiException(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
            }

            if (allowed is not null)
            {
                allowedUpdates = [.. allowed];
            }

            previous = activePoll;
            activePoll = superseded;
            if (!offsetIgnored)
            {
                Confirm(offset);
            }
        }

        // One poller per token: a second getUpdates ends the first with 409, as Telegram does.
        if (previous is not null)
        {
            try
            {
                await previous.CancelAsync();
            }
            catch (ObjectDisposedException)
            {
                // That poll already ended.
            }
        }

        var deadline = clock.Elapsed + timeout;
        try
        {
            while (true)
            {
                Task next;
                lock (gate)
                {
                    next = changed.Task;
                    var batch = feed.Where(Allowed).Where(e => offsetIgnored || (!e.Delivered && !offsetFilters) || e.UpdateId >= offset).Take(limit).ToList();
                    if (batch.Count > 0 || clock.Elapsed >= deadline)
                    {
                        foreach (var entry in batch)
                        {
                            redeliveries += entry.Delivered ? 1 : 0;
                            entry.Delivered = true;
                            deliveries[entry.UpdateId] = deliveries.GetValueOrDefault(entry.UpdateId) + 1;
                        }

                        lastActivity = clock.Elapsed;
                        return ApiResult.FromUtf8(Answered(FeedEntry.JsonArrayOf(batch)));
                    }
                }

                try
                {
                    // Woken only when the queue changes; WaitAsync's timer goes away with the wait.
                    await next.WaitAsync(Max(deadline - clock.Elapsed, TimeSpan.Zero), superseded.Token);
                }
                catch (TimeoutException)
                {
                    // The long poll's time is up: the loop answers with what there is (nothing).
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new BotApiException(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
                }
            }
        }
        finally
        {
            lock (gate)
            {
                if (activePoll == superseded)
                {
                    activePoll = null;
                }
            }
        }
    }

    private static TimeSpan Max(TimeSpan left, TimeSpan right) => left > right ? left : right;

    private void Confirm(long offset)
    {
        if (offset < 0)
        {
            var keep = (int)Math.Min(-offset, feed.Count);
            feed.RemoveRange(0, feed.Count - keep);
            return;
        }

        // Only updates already handed out are confirmed; a duplicate enqueued later with an old id still goes out once.
        feed.RemoveAll(e => e.Delivered && e.UpdateId < offset);
    }
}
