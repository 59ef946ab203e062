using Telegram.Bot.Types;

namespace CommunityBot.Tests.Support.FakeTelegram;

/// <summary>
/// A person talking to the bot in their private chat, so a test reads like the chat: sends, presses, waits for a reply.
/// Each action moves the reply cursor past what the bot had already said, so a wait returns the answer to that action.
/// </summary>
internal sealed class FakeMember(FakeTelegramServer server, User user)
{
    private int seenBotMessageId;

    public User User { get; } = user;

    public long UserId => User.Id;

    /// <summary>The private chat's id, which Telegram makes equal to the user's id.</summary>
    public long ChatId => User.Id;

    public IReadOnlyList<BotMessage> Replies => server.SentMessages(ChatId);

    public BotMessage? LastReply => server.LastMessage(ChatId);

    public Task<Update> SendsAsync(string text) => Track(server.MemberSays(ChatId, User, text));

    /// <summary>Presses the button (exact label first, else the one whose label contains the text) on the newest bot message that has it.</summary>
    /// <summary>Replies to one of the bot's messages in this chat (swipe and answer), as Telegram quotes it.</summary>
    public Task<Update> RepliesAsync(BotMessage to, string text) => Track(server.MemberReplies(ChatId, User, to.MessageId, text));

    /// <summary>Sends a button press with made-up callback data, as a modified client could.</summary>
    public Task<Update> PressesForgedAsync(string data) => Track(server.MemberPressesForged(ChatId, User, data));

    public Task<Update> PressesAsync(string buttonText) => Track(server.MemberPresses(ChatId, User, buttonText));

    /// <summary>Presses a button as it was on <paramref name="seen"/>, even if the message has lost its buttons since.</summary>
    public Task<Update> PressesOnEarlierAsync(BotMessage seen, string buttonText) => Track(server.MemberPressesOnEarlier(ChatId, User, seen, buttonText));

    public Task<Update> SendsStickerAsync() => Posts(m => m.Sticker = FakeMedia.Sticker());

    public Task<Update> SendsPhotoAsync(string? caption = null) =>
        Posts(m =>
        {
            m.Photo = FakeMedia.Photo();
            m.Caption = caption;
        });

    public Task<Update> SendsVoiceAsync(int seconds = 7) => Posts(m => m.Voice = FakeMedia.Voice(seconds));

    public Task<Update> SendsDocumentAsync(string fileName = "scan.pdf", string? caption = null) =>
        Posts(m =>
        {
            m.Document = FakeMedia.Document(fileName);
            m.Caption = caption;
        });

    public Task<Update> SendsLocationAsync(double latitude = 43.2389, double longitude = 76.8897) =>
        Posts(m => m.Location = new Location { Latitude = latitude, Longitude = longitude });

    /// <summary>Shares a place from the map: a venue carries its name and address with the coordinates.</summary>
    public Task<Update> SendsVenueAsync(string title, string address, double latitude = 43.2389, double longitude = 76.8897) =>
        Posts(m =>
        {
            m.Location = new Location { Latitude = latitude, Longitude = longitude };
            m.Venue = new Venue { Title = title, Address = address, Location = m.Location };
        });

    public Task<Update> SendsContactAsync(string phoneNumber = "+77011234567", string firstName = "Contact") =>
        Posts(m => m.Contact = new Contact { PhoneNumber = phoneNumber, FirstName = firstName });

    /// <summary>Edits this member's last text message in the private chat: an edited_message update.</summary>
    public Task<Update> EditsLastMessageAsync(string newText) => Track(server.MemberEdits(ChatId, UserId, newText));

    /// <summary>Edits the caption of this member's last photo or file in the private chat: an edited_message update.</summary>
    public Task<Update> EditsLastCaptionAsync(string newCaption) => Track(server.MemberEditsCaption(ChatId, UserId, newCaption));

    /// <summary>Sends an album: one message per photo, all in the same media group, the caption on the first.</summary>
    public async Task SendsAlbumAsync(string mediaGroupId, int photos, string? caption = null)
    {
        for (var i = 0; i < photos; i++)
        {
            var first = i == 0;
            await Posts(m =>
            {
                m.Photo = FakeMedia.Photo();
                m.MediaGroupId = mediaGroupId;
                m.Caption = first ? caption : null;
            });
        }
    }

    /// <summary>Forwards a message from someone else (a visible user, or a hidden one by name) into the private chat.</summary>
    public Task<Update> ForwardsAsync(string text, FakeMember? originalSender = null, string hiddenSenderName = "Hidden Sender") =>
        Posts(m =>
        {
            m.Text = text;
            m.ForwardOrigin = originalSender is null
                ? new MessageOriginHiddenUser { SenderUserName = hiddenSenderName, Date = m.Date.AddMinutes(-5) }
                : new MessageOriginUser { SenderUser = originalSender.User, Date = m.Date.AddMinutes(-5) };
        });

    /// <summary>Stops the bot: sending to this member answers 403 until the member writes again.</summary>
    public void BlocksBot() => server.MemberBlocksBot(UserId);

    /// <summary>The next bot message in this chat since the member's last action that matches, within a bounded wait.</summary>
    public async Task<BotMessage> WaitForReplyAsync(Func<BotMessage, bool>? predicate = null, TimeSpan? timeout = null)
    {
        var reply = await server.WaitForBotMessageAsync(ChatId, seenBotMessageId, predicate, timeout);
        seenBotMessageId = reply.MessageId;
        return reply;
    }

    private Task<Update> Posts(Action<Message> fill) => Track(server.MemberPosts(ChatId, User, fill));

    private Task<Update> Track((Update Update, int LatestBotMessageId) posted)
    {
        seenBotMessageId = Math.Max(seenBotMessageId, posted.LatestBotMessageId);
        return Task.FromResult(posted.Update);
    }
}
