using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CommunityBot.Tests.Support.FakeTelegram;

/// <summary>A community group seen from the bot's side: members talk, press buttons, join and leave.</summary>
internal sealed class FakeGroup(FakeTelegramServer server, long chatId, string title)
{
    private int seenBotMessageId;

    public long ChatId { get; } = chatId;

    public string Title { get; } = title;

    public IReadOnlyList<BotMessage> BotMessages => server.SentMessages(ChatId);

    public Task<Update> MemberSaysAsync(FakeMember member, string text) => Track(server.MemberSays(ChatId, member.User, text));

    /// <summary>The member posts a message of any kind here (a voice message, a photo with a caption, a forward).</summary>
    public Task<Update> MemberPostsAsync(FakeMember member, Action<Message> fill) => Track(server.MemberPosts(ChatId, member.User, fill));

    /// <summary>The member writes in a topic of this forum group, as Telegram sends it: with the topic's thread id, and
    /// (not being a reply to anything) quoting the message that created the topic as the one it replies to.</summary>
    public Task<Update> MemberSaysInTopicAsync(FakeMember member, int topic, string text) =>
        Track(server.MemberPosts(ChatId, member.User, InTopic(member, topic, text)));

    /// <summary>An admin who chose to remain anonymous writes here: Telegram names the group itself as the sender,
    /// from its shared GroupAnonymousBot account, so nothing says which admin it was.</summary>
    public Task<Update> AnonymousAdminSaysAsync(string text) =>
        Track(server.MemberPosts(ChatId, FakeTelegramServer.GroupAnonymousBot, m =>
        {
            m.Text = text;
            m.Entities = FakeTelegramServer.CommandEntities(text);
            m.SenderChat = m.Chat;
        }));

    /// <summary>An anonymous admin replies to one of the bot's messages here.</summary>
    public Task<Update> AnonymousAdminRepliesAsync(BotMessage to, string text) =>
        Track(server.MemberReplies(ChatId, FakeTelegramServer.GroupAnonymousBot, to.MessageId, m =>
        {
            m.Text = text;
            m.SenderChat = m.Chat;
        }));

    /// <summary>A message here on behalf of a channel: written by someone as the channel, or (<paramref name="automaticForward"/>)
    /// a post of the linked channel that Telegram forwards into its discussion group.</summary>
    public Task<Update> ChannelSaysAsync(long channelId, string text, bool automaticForward = false) =>
        Track(server.MemberPosts(ChatId, FakeTelegramServer.ChannelBot, m =>
        {
            m.Text = text;
            m.SenderChat = new Chat { Id = channelId, Type = ChatType.Channel, Title = "Канал" };
            m.IsAutomaticForward = automaticForward;
        }));

    /// <summary>The member replies to one of the bot's messages here, as Telegram quotes it.</summary>
    public Task<Update> MemberRepliesAsync(FakeMember member, BotMessage to, string text) =>
        Track(server.MemberReplies(ChatId, member.User, to.MessageId, text));

    /// <summary>The member's app sends a reply to one of the bot's messages here and a plain text right after it, at
    /// once: a text over 4,096 characters cut in two, or two messages queued while offline. Nothing else comes between
    /// them; Telegram dates the second <paramref name="datedLater"/> later (none by default).</summary>
    public Task<Update> MemberRepliesThenSaysAsync(FakeMember member, BotMessage to, string reply, string next, TimeSpan datedLater = default) =>
        Track(server.MemberRepliesThenPosts(ChatId, member.User, to.MessageId, reply, m =>
        {
            m.Text = next;
            m.Entities = FakeTelegramServer.CommandEntities(next);
            m.Date += datedLater;
        }));

    /// <summary>As <see cref="MemberRepliesThenSaysAsync"/>, the reply being in a topic of this forum group and the
    /// text after it written in the same topic.</summary>
    public Task<Update> MemberRepliesThenSaysInTopicAsync(FakeMember member, BotMessage to, string reply, int topic, string next) =>
        Track(server.MemberRepliesThenPosts(ChatId, member.User, to.MessageId, reply, InTopic(member, topic, next)));

    /// <summary>The member edits their last text message here: an edited_message update.</summary>
    public Task<Update> MemberEditsAsync(FakeMember member, string newText) =>
        Track(server.MemberEdits(ChatId, member.UserId, newText));

    /// <summary>The member replies to one of the bot's messages here with a sticker.</summary>
    public Task<Update> MemberRepliesWithStickerAsync(FakeMember member, BotMessage to) =>
        Track(server.MemberReplies(ChatId, member.User, to.MessageId, m => m.Sticker = FakeMedia.Sticker()));

    /// <summary>The member replies to one of the bot's messages here with a photo, captioned or not.</summary>
    public Task<Update> MemberRepliesWithPhotoAsync(FakeMember member, BotMessage to, string? caption = null) =>
        Track(server.MemberReplies(ChatId, member.User, to.MessageId, m =>
        {
            m.Photo = FakeMedia.Photo();
            m.Caption = caption;
        }));

    public Task<Update> MemberPressesAsync(FakeMember member, string buttonText) =>
        Track(server.MemberPresses(ChatId, member.User, buttonText));

    /// <summary>Sets the member's status here and sends the chat_member update Telegram sends to admin bots.</summary>
    public Task<Update> MemberStatusChangesAsync(FakeMember member, string status) =>
        Task.FromResult(server.MemberChangesStatus(ChatId, member, status));

    public async Task<BotMessage> WaitForReplyAsync(Func<BotMessage, bool>? predicate = null, TimeSpan? timeout = null)
    {
        var reply = await server.WaitForBotMessageAsync(ChatId, seenBotMessageId, predicate, timeout);
        seenBotMessageId = reply.MessageId;
        return reply;
    }

    private static Action<Message> InTopic(FakeMember member, int topic, string text) => m =>
    {
        m.Text = text;
        m.Entities = FakeTelegramServer.CommandEntities(text);
        m.MessageThreadId = topic;
        m.IsTopicMessage = true;
        m.ReplyToMessage = new Message
        {
            Id = topic,
            Chat = m.Chat,
            From = member.User,
            Date = m.Date,
            MessageThreadId = topic,
            IsTopicMessage = true,
            ForumTopicCreated = new ForumTopicCreated { Name = "Тема", IconColor = 0x6FB9F0 },
        };
    };

    private Task<Update> Track((Update Update, int LatestBotMessageId) posted)
    {
        seenBotMessageId = Math.Max(seenBotMessageId, posted.LatestBotMessageId);
        return Task.FromResult(posted.Update);
    }
}
