using System.Text;
using CommunityBot.Tests.Support.FakeTelegram;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace CommunityBot.Tests.Support;

/// <summary>The fake server driven by the real TelegramBotClient, so the bot's end-to-end tests can trust it.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync")]
public sealed class FakeTelegramTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly FakeTelegramServer server = new();
    private TelegramBotClient? started;

    private TelegramBotClient Client => started ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync()
    {
        await server.StartAsync();
        started = server.CreateClient();
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task GetMeDescribesTheBot()
    {
        var me = await Client.GetMe();

        Assert.True(me.IsBot);
        Assert.Equal("community_test_bot", me.Username);
        Assert.Equal(server.BotUser.Id, me.Id);
    }

    [Fact]
    public async Task AWrongTokenIsUnauthorized()
    {
        var stranger = new TelegramBotClient(new TelegramBotClientOptions("7000000002:AAOtherTokenThatTheServerDoesNotKnow_01", baseUrl: server.BaseUrl));

        var refused = await Assert.ThrowsAsync<ApiRequestException>(() => stranger.GetMe());

        Assert.Equal(401, refused.ErrorCode);
        Assert.Equal("Unauthorized", refused.Message);
    }

    [Fact]
    public async Task AMemberPressesAButtonAndGetUpdatesReturnsTheCallbackQuery()
    {
        var alice = server.PrivateChatWith(userId: 1001, firstName: "Alice", username: "alice_k", languageCode: "ru");
        await alice.SendsAsync("/start");
        var start = Assert.Single(await Client.GetUpdates());
        Assert.Equal("/start", start.Message?.Text);
        Assert.Equal(MessageEntityType.BotCommand, start.Message?.Entities?.Single().Type);
        Assert.Equal("ru", start.Message?.From?.LanguageCode);

        var sent = await Client.SendMessage(alice.ChatId, "Что случилось?", replyMarkup: new InlineKeyboardMarkup(
            [[InlineKeyboardButton.WithCallbackData("Больница", "cat:hospital")], [InlineKeyboardButton.WithCallbackData("Полиция", "cat:police")]]));
        await alice.PressesAsync("Больница");
        var press = Assert.Single(await Client.GetUpdates(offset: start.Id + 1));

        Assert.Equal("cat:hospital", press.CallbackQuery?.Data);
        Assert.Equal(sent.Id, press.CallbackQuery?.Message?.Id);
        Assert.Equal(alice.UserId, press.CallbackQuery?.From.Id);
        Assert.True(press.Id > start.Id);
        var id = press.CallbackQuery?.Id ?? "";
        await Client.AnswerCallbackQuery(id);
        await Assert.ThrowsAsync<ApiRequestException>(() => Client.AnswerCallbackQuery(id));
    }

    [Fact]
    public async Task PressingAButtonThatIsNotThereListsTheVisibleButtons()
    {
        var alice = server.PrivateChatWith(userId: 1001, firstName: "Alice");
        await alice.SendsAsync("/start");
        await Client.SendMessage(alice.ChatId, "Выберите", replyMarkup: new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("Полиция", "p")));

        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => alice.PressesAsync("Больница"));

        Assert.Contains("Полиция", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOffsetConfirmsTheUpdatesBeforeIt()
    {
        var alice = server.PrivateChatWith(userId: 1001, firstName: "Alice");
        await alice.SendsAsync("one");
        await alice.SendsAsync("two");

        var first = await Client.GetUpdates();
        var again = await Client.GetUpdates();
        var afterConfirming = await Client.GetUpdates(offset: first[^1].Id + 1);

        Assert.Equal(["one", "two"], first.Select(u => u.Message?.Text));
        Assert.Equal(first.Select(u => u.Id), again.Select(u => u.Id));
        Assert.Empty(afterConfirming);
    }

    [Fact]
    public async Task LimitAndAllowedUpdatesAreHonoured()
    {
        var alice = server.PrivateChatWith(userId: 1001, firstName: "Alice");
        var group = server.Group(chatId: -1001234, title: "OST Almaty");
        await alice.SendsAsync("one");
        await group.MemberStatusChangesAsync(alice, "member");
        await alice.SendsAsync("two");

        var limited = await Client.GetUpdates(limit: 1);
        var defaults = await Client.GetUpdates();
        var withMembers = await Client.GetUpdates(allowedUpdates: [UpdateType.Message, UpdateType.ChatMember]);

        Assert.Equal("one", Assert.Single(limited).Message?.Text);
        Assert.Equal(["one", "two"], defaults.Select(u => u.Message?.Text));
        Assert.Equal([UpdateType.Message, UpdateType.ChatMember, UpdateType.Message], withMembers.Select(u => u.Type));
    }

    [Fact]
    public async Task LongPollingReturnsWhenAnUpdateArrives()
    {
        var alice = server.PrivateChatWith(userId: 1001, firstName: "Alice");
        var poll = Client.GetUpdates(timeout: 30);
        await WaitUntil(() => server.Calls("getUpdates").Count == 1);

        await alice.SendsAsync("вчера опять не дали метадон");

        var updates = await poll.WaitAsync(Bound);
        Assert.Equal("вчера опять не дали метадон", Assert.Single(updates).Message?.Text);
    }

    [Fact]
    public async Task LongPollingWithNothingToSayAnswersAnEmptyList()
    {
        var updates = await Client.GetUpdates(timeout: 1).WaitAsync(Bound);

        Assert.Empty(updates);
    }

    [Fact]
    public async Task AnUpdateEnqueuedTwiceIsDeliveredTwice()
    {
        var alice = server.PrivateChatWith(userId: 1001, firstName: "Alice");
        var update = await alice.SendsAsync("hello");
        var first = Assert.Single(await Client.GetUpdates());

        server.EnqueueUpdate(update);
        var second = Assert.Single(await Client.GetUpdates(offset: first.Id + 1));

        Assert.Equal(first.Id, second.Id);
        Assert.Empty(await Client.GetUpdates(offset: second.Id + 1));
    }

    [Fact]
    public async Task UpdatesNotConfirmedComeAgainAndAreCountedAsRedelivered()
    {
        var alice = server.PrivateChatWith(userId: 1001, firstName: "Alice");
        var one = await alice.SendsAsync("one");
        var two = await alice.SendsAsync("two");

        await Client.GetUpdates();
        await Client.GetUpdates(offset: one.Id);
        await Client.GetUpdates(offset: two.Id);

        Assert.Equal(3, server.Redeliveries);
        Assert.Equal(2, server.DeliveriesOf(one.Id));
        Assert.Equal(3, server.DeliveriesOf(two.Id));
        Assert.Equal([one.Id, two.Id], server.ConfirmedOffsets);
    }

    [Fact]
    public async Task AHeldChatGetsNoAnswerToSendMessageUntilReleased()
    {
        var alice = server.PrivateChatWith(userId: 1001, firstName: "Alice");
        await alice.SendsAsync("hi");
        server.HoldSends(alice.ChatId);

        var sending = Client.SendMessage(alice.ChatId, "hello");
        await WaitUntil(() => server.Calls("sendMessage").Count == 1);
        Assert.False(sending.IsCompleted);
        Assert.Empty(alice.Replies);

        server.ReleaseSends(alice.ChatId);
        await sending.WaitAsync(Bound);
        Assert.Equal("hello", Assert.Single(alice.Replies).Text);
    }

    [Fact]
    public async Task AnInjected429SurfacesWithRetryAfter()
    {
        var options = server.ClientOptions();
        options.RetryThreshold = 0;
        var impatient = new TelegramBotClient(options);
        server.FailNext("sendMessage", 429, "Too Many Requests: retry after 7", retryAfter: 7);
        var alice = server.PrivateChatWith(userId: 1001, firstName: "Alice");
        await alice.SendsAsync("/start");

        var refused = await Assert.ThrowsAsync<ApiRequestException>(() => impatient.SendMessage(alice.ChatId, "hi"));
        var next = await impatient.SendMessage(alice.ChatId, "hi");

        Assert.Equal(429, refused.ErrorCode);
        Assert.Equal(7, refused.Parameters?.RetryAfter);
        Assert.Equal("hi", next.Text);
        Assert.Equal(2, server.Calls("sendMessage").Count);
    }

    [Fact]
    public async Task TextLongerThan4096VisibleCharactersIsRefused()
    {
        var alice = server.PrivateChatWith(userId: 1001, firstName: "Alice");
        await alice.SendsAsync("/start");

        var refused = await Assert.ThrowsAsync<ApiRequestException>(() => Client.SendMessage(alice.ChatId, new string('a', 4097)));
        var markupDoesNotCount = await Client.SendMessage(alice.ChatId, "<b>" + new string('a', 4090) + "</b>&lt;&amp;&gt;", parseMode: ParseMode.Html);

        Assert.Equal(400, refused.ErrorCode);
        Assert.Equal("Bad Request: message is too long", refused.Message);
        Assert.Equal(4093, markupDoesNotCount.Text?.Length);
    }

    [Theory]
    [InlineData(65, "x")]
    [InlineData(33, "б")]
    public async Task CallbackDataOver64BytesIsRefused(int count, string letter)
    {
        var alice = server.PrivateChatWith(userId: 1001, firstName: "Alice");
        await alice.SendsAsync("/start");
        var data = string.Concat(Enumerable.Repeat(letter, count));

        var refused = await Assert.ThrowsAsync<ApiRequestException>(() => Client.SendMessage(
            alice.ChatId, "choose", replyMarkup: new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("ok", data))));

        Assert.Equal("Bad Request: BUTTON_DATA_INVALID", refused.Message);
        Assert.True(Encoding.UTF8.GetByteCount(data) > 64);
    }

    [Theory]
    [InlineData("<br>line")]
    [InlineData("<b>bold")]
    [InlineData("<b><i>crossed</b></i>")]
    [InlineData("a < b")]
    [InlineData("<p>paragraph</p>")]
    public async Task HtmlThatTelegramCannotParseIsRefused(string html)
    {
        var alice = server.PrivateChatWith(userId: 1001, firstName: "Alice");
        await alice.SendsAsync("/start");

        var refused = await Assert.ThrowsAsync<ApiRequestException>(() => Client.SendMessage(alice.ChatId, html, parseMode: ParseMode.Html));

        Assert.StartsWith("Bad Request: can't parse entities", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SupportedHtmlIsShownAsPlainText()
    {
        var alice = server.PrivateChatWith(userId: 1001, firstName: "Alice");
        await alice.SendsAsync("/start");

        var sent = await Client.SendMessage(
            alice.ChatId, "<b>Код:</b> <code>AB&amp;CD</code> <a href=\"https://t.me/x\">link</a> &#1071; &nbsp;", parseMode: ParseMode.Html);

        Assert.Equal("Код: AB&CD link Я &nbsp;", sent.Text);
        Assert.Equal("<b>Код:</b> <code>AB&amp;CD</code> <a href=\"https://t.me/x\">link</a> &#1071; &nbsp;", server.LastMessage(alice.ChatId)?.SentText);
    }

    [Fact]
    public async Task MultipartSendDocumentIsRecordedWithItsBytes()
    {
        var group = server.Group(chatId: -1001234, title: "Moderators");
        byte[] bytes = [0x50, 0x4B, 0x03, 0x04, 0xFF, 0x00, 0x7F];

        using var stream = new MemoryStream(bytes);
        var sent = await Client.SendDocument(group.ChatId, InputFile.FromStream(stream, "письмо.docx"), caption: "<b>Письмо</b>", parseMode: ParseMode.Html,
            replyMarkup: new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("Ok", "ok")));

        var call = Assert.Single(server.Calls("sendDocument"));
        var file = Assert.Single(call.Files);
        Assert.Equal(bytes, file.Bytes);
        Assert.Equal("письмо.docx", file.FileName);
        Assert.Equal(group.ChatId, call.ChatId);
        Assert.Equal("письмо.docx", sent.Document?.FileName);
        Assert.Equal("Письмо", sent.Caption);
        var kept = Assert.Single(group.BotMessages);
        Assert.Equal(bytes, kept.File?.Bytes);
        Assert.Equal(["Ok"], kept.ButtonTexts);
    }

    [Fact]
    public async Task MultipartSendPhotoIsKeptWithItsCaption()
    {
        var group = server.Group(chatId: -1001234, title: "Moderators");
        using var stream = new MemoryStream([1, 2, 3]);

        var sent = await Client.SendPhoto(group.ChatId, InputFile.FromStream(stream, "chart.png"), caption: "Q1");

        Assert.NotNull(sent.Photo);
        Assert.Equal("Q1", server.LastMessage(group.ChatId)?.Text);
        Assert.Equal("chart.png", server.LastMessage(group.ChatId)?.File?.FileName);
    }

    [Fact]
    public async Task UnknownMethodsAreRefusedAndRecorded()
    {
        var group = server.Group(chatId: -1001234, title: "OST Almaty");

        var refused = await Assert.ThrowsAsync<ApiRequestException>(() => Client.PinChatMessage(group.ChatId, 1));

        Assert.Equal(404, refused.ErrorCode);
        Assert.Equal("pinChatMessage", Assert.Single(server.UnknownCalls).Method);
    }

    [Fact]
    public async Task EditsChangeTheKeptMessageAndUnknownMessagesAreRefused()
    {
        var alice = server.PrivateChatWith(userId: 1001, firstName: "Alice");
        await alice.SendsAsync("/start");
        var sent = await Client.SendMessage(alice.ChatId, "Вопрос", replyMarkup: new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("Да", "yes")));

        await Client.EditMessageText(alice.ChatId, sent.Id, "Вопрос (отвечено)");
        var notModified = await Assert.ThrowsAsync<ApiRequestException>(() => Client.EditMessageText(alice.ChatId, sent.Id, "Вопрос (отвечено)"));
        var editMissing = await Assert.ThrowsAsync<ApiRequestException>(() => Client.EditMessageText(alice.ChatId, 999, "x"));
        var deleteMissing = await Assert.ThrowsAsync<ApiRequestException>(() => Client.DeleteMessage(alice.ChatId, 999));

        var kept = Assert.Single(server.SentMessages(alice.ChatId));
        Assert.Equal("Вопрос (отвечено)", kept.Text);
        Assert.Empty(kept.Buttons);
        Assert.True(kept.Edited);
        Assert.StartsWith("Bad Request: message is not modified", notModified.Message, StringComparison.Ordinal);
        Assert.Equal("Bad Request: message to edit not found", editMissing.Message);
        Assert.Equal("Bad Request: message to delete not found", deleteMissing.Message);
    }

    [Fact]
    public async Task DeletedMessagesLeaveTheChat()
    {
        var alice = server.PrivateChatWith(userId: 1001, firstName: "Alice");
        await alice.SendsAsync("/start");
        var first = await Client.SendMessage(alice.ChatId, "one");
        var second = await Client.SendMessage(alice.ChatId, "two");

        await Client.EditMessageReplyMarkup(alice.ChatId, second.Id, new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("Ok", "ok")));
        await Client.DeleteMessages(alice.ChatId, [first.Id, 12345]);

        Assert.Equal("two", Assert.Single(server.SentMessages(alice.ChatId)).Text);
        Assert.Equal(["Ok"], server.LastMessage(alice.ChatId)?.ButtonTexts);
        Assert.Equal("one", Assert.Single(server.DeletedMessages(alice.ChatId)).Text);
    }

    [Fact]
    public async Task GetChatMemberAnswersFromTheMembershipTable()
    {
        var group = server.Group(chatId: -1001234, title: "Moderators");
        server.SetMembership(group.ChatId, 1001, "administrator");
        server.SetMembership(group.ChatId, 1002, "member");
        server.SetMembership(group.ChatId, 1003, "kicked");

        var statuses = new List<ChatMemberStatus>();
        foreach (var userId in new long[] { 1001, 1002, 1003, 1004 })
        {
            statuses.Add((await Client.GetChatMember(group.ChatId, userId)).Status);
        }

        Assert.Equal([ChatMemberStatus.Administrator, ChatMemberStatus.Member, ChatMemberStatus.Kicked, ChatMemberStatus.Left], statuses);
    }

    [Fact]
    public async Task GetChatAndLeaveChatWork()
    {
        var group = server.Group(chatId: -1001234, title: "OST Almaty");

        var chat = await Client.GetChat(group.ChatId);
        await Client.LeaveChat(group.ChatId);
        var refused = await Assert.ThrowsAsync<ApiRequestException>(() => Client.SendMessage(group.ChatId, "hi"));

        Assert.Equal("OST Almaty", chat.Title);
        Assert.Equal(ChatType.Supergroup, chat.Type);
        Assert.Equal(403, refused.ErrorCode);
    }

    [Fact]
    public async Task TheBotCannotWriteFirstToAMemberWhoNeverStartedIt()
    {
        var alice = server.PrivateChatWith(userId: 1001, firstName: "Alice");

        var refused = await Assert.ThrowsAsync<ApiRequestException>(() => Client.SendMessage(alice.ChatId, "hi"));
        await alice.SendsAsync("/start");
        await Client.SendChatAction(alice.ChatId, ChatAction.Typing);
        alice.BlocksBot();
        var blocked = await Assert.ThrowsAsync<ApiRequestException>(() => Client.SendMessage(alice.ChatId, "hi"));

        Assert.Equal("Forbidden: bot can't initiate conversation with a user", refused.Message);
        Assert.Equal("Forbidden: bot was blocked by the user", blocked.Message);
    }

    [Fact]
    public async Task AMigratedGroupPointsToItsSupergroup()
    {
        var alice = server.PrivateChatWith(userId: 1001, firstName: "Alice");
        var group = server.Group(chatId: -4001234, title: "OST Almaty");
        await group.MemberSaysAsync(alice, "привет");

        await server.MigrateGroupAsync(group.ChatId, -1004001234);
        var updates = await Client.GetUpdates();
        var refused = await Assert.ThrowsAsync<ApiRequestException>(() => Client.SendMessage(group.ChatId, "hi"));
        var inNew = await Client.SendMessage(-1004001234, "hi");

        Assert.Equal(-1004001234, updates[1].Message?.MigrateToChatId);
        Assert.Equal(-4001234, updates[2].Message?.MigrateFromChatId);
        Assert.Equal(-1004001234, refused.Parameters?.MigrateToChatId);
        Assert.Equal(ChatType.Supergroup, inNew.Chat.Type);
    }

    [Fact]
    public async Task MembersMessagesHaveRealisticShapes()
    {
        var alice = server.PrivateChatWith(userId: 1001, firstName: "Alice");
        var bob = server.PrivateChatWith(userId: 1002, firstName: "Bob");
        await alice.SendsStickerAsync();
        await alice.SendsPhotoAsync("фото");
        await alice.SendsVoiceAsync();
        await alice.SendsDocumentAsync();
        await alice.SendsLocationAsync();
        await alice.SendsContactAsync();
        await alice.SendsAsync("first");
        await alice.EditsLastMessageAsync("edited");
        await alice.ForwardsAsync("forwarded", bob);
        await server.BotAddedToGroupAsync(-1001234, "OST Almaty", alice);

        var updates = await Client.GetUpdates();

        Assert.Equal(
            [MessageType.Sticker, MessageType.Photo, MessageType.Voice, MessageType.Document, MessageType.Location, MessageType.Contact, MessageType.Text],
            updates.Take(7).Select(u => u.Message?.Type));
        Assert.Equal("edited", updates[7].EditedMessage?.Text);
        Assert.Equal(bob.UserId, (updates[8].Message?.ForwardOrigin as MessageOriginUser)?.SenderUser.Id);
        Assert.Equal(ChatMemberStatus.Member, updates[9].MyChatMember?.NewChatMember.Status);
        Assert.Equal(Enumerable.Range(1, 8), updates.Take(9).Select(u => u.Message ?? u.EditedMessage).Select(m => m?.Id ?? 0).Distinct());
    }

    [Fact]
    public async Task WaitForReplyReturnsTheBotsAnswerToTheLastAction()
    {
        var alice = server.PrivateChatWith(userId: 1001, firstName: "Alice");
        await alice.SendsAsync("/start");
        await Client.SendMessage(alice.ChatId, "Добро пожаловать");
        Assert.Equal("Добро пожаловать", (await alice.WaitForReplyAsync()).Text);
        await alice.SendsAsync("/help");

        var answering = Task.Run(async () =>
        {
            await Client.SendMessage(alice.ChatId, "печатает…");
            await Client.SendMessage(alice.ChatId, "Помощь", replyMarkup: new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("Назад", "back")));
        });
        var reply = await alice.WaitForReplyAsync(m => m.Buttons.Count > 0);
        await answering;

        Assert.Equal("Помощь", reply.Text);
        Assert.Equal(["Назад"], reply.ButtonTexts);
    }

    [Fact]
    public async Task WaitForReplyGivesUpWithWhatItSaw()
    {
        var alice = server.PrivateChatWith(userId: 1001, firstName: "Alice");
        await alice.SendsAsync("/start");

        await Assert.ThrowsAsync<TimeoutException>(() => alice.WaitForReplyAsync(timeout: TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public async Task WaitUntilIdleReturnsOnceUpdatesWereFetched()
    {
        var alice = server.PrivateChatWith(userId: 1001, firstName: "Alice");
        await alice.SendsAsync("/start");
        await Assert.ThrowsAsync<TimeoutException>(() => server.WaitUntilIdleAsync(timeout: TimeSpan.FromMilliseconds(50)));

        await Client.GetUpdates();

        await server.WaitUntilIdleAsync();
    }

    [Fact]
    public async Task ASlowMethodIsAnsweredLater()
    {
        server.SlowNext("getMe", TimeSpan.FromMilliseconds(200));

        var pending = Client.GetMe();
        await WaitUntil(() => server.Calls("getMe").Count == 1);

        Assert.False(pending.IsCompleted);
        Assert.Equal(server.BotUser.Id, (await pending.WaitAsync(Bound)).Id);
    }

    [Fact]
    public async Task TheClientRetriesAShort429OnItsOwn()
    {
        server.FailNext("getMe", 429, "Too Many Requests: retry after 0", retryAfter: 0);

        await Client.GetMe();

        Assert.Equal(2, server.Calls("getMe").Count);
    }

    [Fact]
    public async Task CommandsAndWebhookStateAreKept()
    {
        await Client.SetMyCommands([new BotCommand("start", "Начать"), new BotCommand("help", "Помощь")]);
        await Client.SetWebhook("https://example.org/hook");
        var conflict = await Assert.ThrowsAsync<ApiRequestException>(() => Client.GetUpdates());
        var info = await Client.GetWebhookInfo();
        await Client.DeleteWebhook();

        Assert.Equal(["start", "help"], server.Commands.Select(c => c.Command));
        Assert.Equal("https://example.org/hook", info.Url);
        Assert.Equal(409, conflict.ErrorCode);
        Assert.Empty(await Client.GetUpdates());
    }

    [Fact]
    public async Task TheLibrarysOwnPollingLoopTalksToTheServer()
    {
        var alice = server.PrivateChatWith(userId: 1001, firstName: "Alice", languageCode: "ru");
        var group = server.Group(chatId: -1001234, title: "OST Almaty");
        using var stop = new CancellationTokenSource();
        var receiving = Client.ReceiveAsync(
            async (bot, update, token) =>
            {
                switch (update)
                {
                    case { Message: { Text: { } text } message }:
                        await bot.SendMessage(message.Chat.Id, "echo: " + text, replyMarkup: new InlineKeyboardMarkup(
                            InlineKeyboardButton.WithCallbackData("Больница", "cat:hospital")), cancellationToken: token);
                        break;
                    case { CallbackQuery: { } query }:
                        await bot.AnswerCallbackQuery(query.Id, cancellationToken: token);
                        await bot.EditMessageText(query.Message?.Chat.Id ?? 0, query.Message?.Id ?? 0, "chosen: " + query.Data, cancellationToken: token);
                        break;
                }
            },
            (_, _, _) => Task.CompletedTask,
            cancellationToken: stop.Token);

        await alice.SendsAsync("/start");
        var echo = await alice.WaitForReplyAsync();
        await alice.PressesAsync("больница");
        await group.MemberSaysAsync(alice, "вчера опять не дали метадон в больнице");
        await server.WaitUntilIdleAsync();
        await stop.CancelAsync();
        await receiving.WaitAsync(Bound);

        Assert.Equal("echo: /start", echo.Text);
        Assert.Equal("chosen: cat:hospital", server.LastMessage(alice.ChatId)?.Text);
        Assert.Equal("echo: вчера опять не дали метадон в больнице", group.BotMessages.Single().Text);
        Assert.Empty(server.UnknownCalls);
    }

    [Fact]
    public async Task ASecondPollerEndsTheFirstWithAConflict()
    {
        var first = Client.GetUpdates(timeout: 30);
        await WaitUntil(() => server.Calls("getUpdates").Count == 1);

        var second = Client.GetUpdates(timeout: 0);

        var conflict = await Assert.ThrowsAsync<ApiRequestException>(() => first.WaitAsync(Bound));
        Assert.Equal(409, conflict.ErrorCode);
        Assert.Empty(await second);
    }

    [Fact]
    public async Task CallsAndMessagesAreStampedWithTheServersClock()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 3, 12, 9, 30, 0, TimeSpan.Zero));
        await using var pinned = new FakeTelegramServer(clock);
        await pinned.StartAsync();
        var alice = pinned.PrivateChatWith(userId: 1001, firstName: "Alice");
        await alice.SendsAsync("/start");

        var sent = await pinned.CreateClient().SendMessage(alice.ChatId, "hi");

        Assert.Equal(clock.GetUtcNow(), Assert.Single(pinned.Calls("sendMessage")).ReceivedAt);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, sent.Date);
    }

    [Fact]
    public async Task FormEncodedCallsAreUnderstood()
    {
        var alice = server.PrivateChatWith(userId: 1001, firstName: "Alice");
        await alice.SendsAsync("/start");
        using var http = new HttpClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["chat_id"] = "1001",
            ["text"] = "hello",
            ["reply_markup"] = """{"inline_keyboard":[[{"text":"Ok","callback_data":"ok"}]]}""",
        });

        using var response = await http.PostAsync(new Uri($"{server.BaseUrl}/bot{server.Token}/SENDMESSAGE"), form);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(["Ok"], server.LastMessage(alice.ChatId)?.ButtonTexts);
        Assert.Equal(1001, server.Calls("sendMessage").Single().ChatId);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var bound = new CancellationTokenSource(Bound);
        while (!condition())
        {
            await Task.Delay(5, bound.Token);
        }
    }
}
