using System.Text;
using System.Text.Json;
using CommunityBot.Tests.Support.FakeTelegram;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace CommunityBot.Tests.Support;

/// <summary>The fake's hand-written JSON (the bot's messages in its answers, members' texts and presses in getUpdates) and
/// the keyboards it keeps once per distinct one: the same JSON Telegram.Bot's own serializer wrote before, and read back
/// into the same messages.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync")]
public sealed class FakeTelegramAnswerTests : IAsyncLifetime
{
    private static readonly User Bot = new()
    {
        Id = 7000000001, IsBot = true, FirstName = "Community Bot", Username = "community_test_bot", CanJoinGroups = true, CanReadAllGroupMessages = true,
    };

    private static readonly DateTime Sent = new(2026, 3, 12, 9, 30, 15, DateTimeKind.Utc);

    private readonly FakeTelegramServer server = new();
    private TelegramBotClient? started;

    private TelegramBotClient Client => started ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync()
    {
        await server.StartAsync();
        started = server.CreateClient();
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData("a question with buttons in a private chat")]
    [InlineData("an edited reply in a forum topic")]
    [InlineData("a text with entities")]
    [InlineData("a photo with a caption and a button in a supergroup")]
    [InlineData("a document with a caption in a group")]
    [InlineData("a message from someone else than the bot")]
    public void TheHandWrittenAnswerIsByteForByteWhatTheLibraryWrites(string kind)
    {
        var message = Sample(kind);
        var keyboard = message.ReplyMarkup is { } markup ? JsonSerializer.SerializeToUtf8Bytes(markup, JsonBotAPI.Options) : null;

        var withKeyboardKnown = new MessageJson().Message(message, keyboard);
        var withKeyboardWrittenThen = new MessageJson().Message(message, keyboardJson: null);

        Assert.Equal(Library(message), Encoding.UTF8.GetString(withKeyboardKnown));
        Assert.Equal(Library(message), Encoding.UTF8.GetString(withKeyboardWrittenThen));
    }

    [Theory]
    [InlineData("a question with buttons in a private chat")]
    [InlineData("an edited reply in a forum topic")]
    [InlineData("a text with entities")]
    [InlineData("a photo with a caption and a button in a supergroup")]
    [InlineData("a document with a caption in a group")]
    public void TheHandWrittenAnswerReadsBackIntoTheSameMessage(string kind)
    {
        var message = Sample(kind);

        var read = JsonSerializer.Deserialize<Message>(new MessageJson().Message(message, keyboardJson: null), JsonBotAPI.Options);

        Assert.NotNull(read);
        Assert.Equal(message.Id, read.Id);
        Assert.Equal(message.MessageThreadId, read.MessageThreadId);
        Assert.Equal(message.IsTopicMessage, read.IsTopicMessage);
        Assert.Equal((Bot.Id, Bot.IsBot, Bot.FirstName, Bot.Username), (read.From?.Id, read.From?.IsBot, read.From?.FirstName, read.From?.Username));
        Assert.Equal(message.Date, read.Date);
        Assert.Equal(message.EditDate, read.EditDate);
        Assert.Equal(
            (message.Chat.Id, message.Chat.Type, message.Chat.Title, message.Chat.FirstName, message.Chat.Username, message.Chat.IsForum),
            (read.Chat.Id, read.Chat.Type, read.Chat.Title, read.Chat.FirstName, read.Chat.Username, read.Chat.IsForum));
        Assert.Equal((message.ReplyToMessage?.Id, message.ReplyToMessage?.Text), (read.ReplyToMessage?.Id, read.ReplyToMessage?.Text));
        Assert.Equal(message.ReplyToMessage?.Entities?.Select(e => (e.Type, e.Offset, e.Length)), read.ReplyToMessage?.Entities?.Select(e => (e.Type, e.Offset, e.Length)));
        Assert.Equal(message.Text, read.Text);
        Assert.Equal(message.Entities?.Select(e => (e.Type, e.Offset, e.Length, e.Url)), read.Entities?.Select(e => (e.Type, e.Offset, e.Length, e.Url)));
        Assert.Equal(message.Caption, read.Caption);
        Assert.Equal(message.Photo?.Select(p => (p.FileId, p.Width, p.Height, p.FileSize)), read.Photo?.Select(p => (p.FileId, p.Width, p.Height, p.FileSize)));
        Assert.Equal(
            (message.Document?.FileId, message.Document?.FileName, message.Document?.MimeType, message.Document?.FileSize),
            (read.Document?.FileId, read.Document?.FileName, read.Document?.MimeType, read.Document?.FileSize));
        Assert.Equal(Buttons(message.ReplyMarkup), Buttons(read.ReplyMarkup));
    }

    [Theory]
    [InlineData("/report")]
    [InlineData("В больнице три дня не давали метадон, \"сказали\" <нет лицензии> 😀")]
    public void AMembersTextUpdateIsByteForByteWhatTheLibraryWrites(string text)
    {
        var message = new Message
        {
            Id = 9, From = new User { Id = 1001, FirstName = "Алиса", LastName = "K", Username = "alice_k", LanguageCode = "ru" }, Date = Sent,
            Chat = new Chat { Id = 1001, Type = ChatType.Private, FirstName = "Алиса", LastName = "K", Username = "alice_k" },
            Text = text, Entities = FakeTelegramServer.CommandEntities(text),
        };

        var written = new MessageJson().TextUpdate(100_001, message);

        Assert.Equal(Library(new Update { Id = 100_001, Message = message }), Encoding.UTF8.GetString(written));
        Assert.Equal(text, JsonSerializer.Deserialize<Update>(written, JsonBotAPI.Options)?.Message?.Text);
    }

    [Theory]
    [InlineData("a question with buttons in a private chat")]
    [InlineData("an edited reply in a forum topic")]
    public void APressUpdateIsByteForByteWhatTheLibraryWrites(string kind)
    {
        var message = Sample(kind);
        var press = new CallbackQuery
        {
            Id = "17", From = new User { Id = 1001, FirstName = "Алиса", LanguageCode = "ru" }, Message = message, ChatInstance = "-1001", Data = "f1:0",
        };
        var keyboard = JsonSerializer.SerializeToUtf8Bytes(message.ReplyMarkup, JsonBotAPI.Options);

        var written = new MessageJson().PressUpdate(100_002, press, keyboard);

        Assert.Equal(Library(new Update { Id = 100_002, CallbackQuery = press }), Encoding.UTF8.GetString(written));
        var read = JsonSerializer.Deserialize<Update>(written, JsonBotAPI.Options)?.CallbackQuery;
        Assert.Equal(("17", 1001L, "f1:0", message.Id), (read?.Id, read?.From.Id, read?.Data, read?.Message?.Id));
        Assert.Equal(Buttons(message.ReplyMarkup), Buttons(read?.Message?.ReplyMarkup));
    }

    [Fact]
    public void AUserWithEveryFieldSetIsWrittenAsTheLibraryWritesIt()
    {
        var user = new User { Id = 1001, FirstName = "Алиса" };
        foreach (var property in typeof(User).GetProperties().Where(p => p.CanWrite))
        {
            if (property.PropertyType == typeof(bool))
            {
                property.SetValue(user, true);
            }
            else if (property.PropertyType == typeof(string))
            {
                property.SetValue(user, property.Name + " «x»");
            }
        }

        var message = new Message { Id = 1, From = user, Date = Sent, Chat = new Chat { Id = 1001, Type = ChatType.Private }, Text = "hi" };

        Assert.Equal(Library(message), Encoding.UTF8.GetString(new MessageJson().Message(message, keyboardJson: null)));
    }

    [Fact]
    public async Task ASentQuestionAndItsEditInATopicAreReadByTheLibrary()
    {
        var forum = server.ForumGroup(chatId: -1009001, title: "OST Almaty");
        var alice = server.PrivateChatWith(userId: 1001, firstName: "Alice");
        await forum.MemberSaysInTopicAsync(alice, topic: 7, "Вопрос к модераторам");
        var question = Assert.Single(server.VisibleTexts(forum.ChatId));
        var keyboard = new InlineKeyboardMarkup([
            [InlineKeyboardButton.WithCallbackData("Да «1»", "f1:0"), InlineKeyboardButton.WithCallbackData("Нет", "f1:1")],
            [InlineKeyboardButton.WithUrl("Сайт", "https://example.org/ost")],
        ]);

        var sent = await Client.SendMessage(forum.ChatId, "<b>Ответ</b> на \"вопрос\"", parseMode: ParseMode.Html, replyMarkup: keyboard,
            replyParameters: new ReplyParameters { MessageId = 1 });
        var edited = await Client.EditMessageText(forum.ChatId, sent.Id, "Ответ принят ✓", replyMarkup: keyboard);

        Assert.Equal("Вопрос к модераторам", question);
        Assert.Equal("Ответ на \"вопрос\"", sent.Text);
        Assert.Equal(server.BotUser.Id, sent.From?.Id);
        Assert.Equal((forum.ChatId, ChatType.Supergroup, true), (sent.Chat.Id, sent.Chat.Type, sent.Chat.IsForum));
        Assert.Equal((7, true), (sent.MessageThreadId, sent.IsTopicMessage));
        Assert.Equal("Вопрос к модераторам", sent.ReplyToMessage?.Text);
        Assert.Equal(Buttons(keyboard), Buttons(sent.ReplyMarkup));
        Assert.Null(sent.EditDate);
        Assert.Equal((sent.Id, "Ответ принят ✓"), (edited.Id, edited.Text));
        Assert.NotNull(edited.EditDate);
        Assert.Equal(Buttons(keyboard), Buttons(edited.ReplyMarkup));
    }

    [Fact]
    public async Task TheSameKeyboardSentToTwoMembersIsKeptForEachOfThem()
    {
        var alice = server.PrivateChatWith(userId: 1001, firstName: "Alice");
        var bob = server.PrivateChatWith(userId: 1002, firstName: "Bob");
        await alice.SendsAsync("/report");
        await bob.SendsAsync("/report");
        InlineKeyboardMarkup Consent() => new(InlineKeyboardButton.WithCallbackData("Согласен", "c1:0"));
        var toAlice = await Client.SendMessage(alice.ChatId, "Согласие?", replyMarkup: Consent());
        var toBob = await Client.SendMessage(bob.ChatId, "Согласие?", replyMarkup: Consent());

        await Client.EditMessageReplyMarkup(alice.ChatId, toAlice.Id, new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("Отозвать", "c1:1")));
        var unchanged = await Assert.ThrowsAsync<ApiRequestException>(() => Client.EditMessageReplyMarkup(bob.ChatId, toBob.Id, Consent()));
        var press = await bob.PressesAsync("Согласен");

        Assert.Equal(["Отозвать"], alice.LastReply?.ButtonTexts);
        Assert.Equal(["Согласен"], bob.LastReply?.ButtonTexts);
        Assert.Equal(Buttons(Consent()), Buttons(toBob.ReplyMarkup));
        Assert.StartsWith("Bad Request: message is not modified", unchanged.Message, StringComparison.Ordinal);
        Assert.Equal(("c1:0", toBob.Id), (press.CallbackQuery?.Data, press.CallbackQuery?.Message?.Id));
    }

    [Fact]
    public async Task AKeyboardRefusedOnceIsRefusedEachTimeItIsSent()
    {
        var alice = server.PrivateChatWith(userId: 1001, firstName: "Alice");
        await alice.SendsAsync("/start");
        var tooLong = new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("ok", new string('x', 65)));

        var first = await Assert.ThrowsAsync<ApiRequestException>(() => Client.SendMessage(alice.ChatId, "choose", replyMarkup: tooLong));
        var second = await Assert.ThrowsAsync<ApiRequestException>(() => Client.SendMessage(alice.ChatId, "choose", replyMarkup: tooLong));

        Assert.Equal("Bad Request: BUTTON_DATA_INVALID", first.Message);
        Assert.Equal("Bad Request: BUTTON_DATA_INVALID", second.Message);
        Assert.Empty(server.SentMessages(alice.ChatId));
    }

    private static string Library<T>(T value) => JsonSerializer.Serialize(value, JsonBotAPI.Options);

    private static List<(string Text, string? Data, string? Url)> Buttons(InlineKeyboardMarkup? keyboard) =>
        keyboard is null ? [] : [.. keyboard.InlineKeyboard.SelectMany(row => row).Select(b => (b.Text, b.CallbackData, b.Url))];

    private static Message Sample(string kind)
    {
        var alice = new Chat { Id = 1001, Type = ChatType.Private, FirstName = "Алиса", LastName = "K", Username = "alice_k" };
        var forum = new Chat { Id = -1009001, Type = ChatType.Supergroup, Title = "OST \"Алматы\"", IsForum = true };
        var keyboard = new InlineKeyboardMarkup([
            [InlineKeyboardButton.WithCallbackData("Да", "f1:0"), InlineKeyboardButton.WithCallbackData("Нет <нет>", "f1:1")],
            [InlineKeyboardButton.WithCallbackData("‹ Назад", "f1:b"), InlineKeyboardButton.WithUrl("Сайт", "https://example.org/?a=1&b=2")],
        ]);
        return kind switch
        {
            "a question with buttons in a private chat" => new Message
            {
                Id = 42, From = Bot, Date = Sent, Chat = alice, Text = "Что случилось? \"Ответьте\" 😀 <кратко> & \\ \n1. …", ReplyMarkup = keyboard,
            },
            "an edited reply in a forum topic" => new Message
            {
                Id = 43, MessageThreadId = 7, IsTopicMessage = true, From = Bot, Date = Sent, EditDate = Sent.AddSeconds(30), Chat = forum,
                ReplyToMessage = new Message
                {
                    Id = 5, From = new User { Id = 1001, FirstName = "Алиса", LanguageCode = "ru" }, Date = Sent.AddMinutes(-1), Chat = forum,
                    MessageThreadId = 7, IsTopicMessage = true, Text = "/status AB12", Entities = FakeTelegramServer.CommandEntities("/status AB12"),
                },
                Text = "Статус: принято", ReplyMarkup = keyboard,
            },
            "a text with entities" => new Message
            {
                Id = 44, From = Bot, Date = Sent, Chat = alice, Text = "Код: AB12 ссылка",
                Entities =
                [
                    new MessageEntity { Type = MessageEntityType.Bold, Offset = 0, Length = 4 },
                    new MessageEntity { Type = MessageEntityType.TextLink, Offset = 10, Length = 6, Url = "https://t.me/x" },
                ],
            },
            "a photo with a caption and a button in a supergroup" => new Message
            {
                Id = 45, From = Bot, Date = Sent, Chat = forum, Caption = "График за квартал",
                Photo = [new PhotoSize { FileId = "photo-1", FileUniqueId = "photo-1", Width = 1280, Height = 960, FileSize = 3 }],
                ReplyMarkup = new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("Ok", "ok")),
            },
            "a document with a caption in a group" => new Message
            {
                Id = 46, From = Bot, Date = Sent, Chat = new Chat { Id = -4001, Type = ChatType.Group, Title = "Moderators" }, Caption = "Письмо",
                Document = new Document { FileId = "document-2", FileUniqueId = "document-2", FileName = "письмо.docx", FileSize = 7, MimeType = "application/octet-stream" },
            },
            "a message from someone else than the bot" => new Message
            {
                Id = 47, From = new User { Id = 1001, FirstName = "Алиса", Username = "alice_k", LanguageCode = "ru" }, Date = Sent, Chat = alice, Text = "привет",
            },
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No such sample."),
        };
    }
}
