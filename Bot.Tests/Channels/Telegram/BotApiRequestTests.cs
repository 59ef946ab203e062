using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CommunityBot.Channels.Telegram;
using CommunityBot.Tests.Support.FakeTelegram;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Requests;
using Telegram.Bot.Requests.Abstractions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>The bot's own sendMessage and editMessageText requests say exactly what the library's would, and the
/// message ids they bring back are the ones Telegram gave.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync")]
public sealed class BotApiRequestTests : IAsyncLifetime
{
    private const long ChatId = 1001;

    /// <summary>Quotes, a backslash, a new line, a control character, Cyrillic, Kazakh letters and an emoji: whatever a
    /// member may have typed into an answer that is shown back to them.</summary>
    private const string Html = "<b>Что случилось?</b>\n\n→ «Больница» \"№5\" \\ a\u0001b Қазақ 💊 &lt;x&gt;";

    private static readonly InlineKeyboardMarkup Keyboard = new(
    [
        [InlineKeyboardButton.WithCallbackData("Больница", "p:1:0:ab12")],
        [InlineKeyboardButton.WithCallbackData("‹ Назад", "p:1:b:ab12"), InlineKeyboardButton.WithUrl("Сообщить", "https://t.me/community_test_bot?start=almaty")],
    ]);

    private readonly FakeTelegramServer server = new();
    private TelegramBotClient? started;

    private TelegramBotClient Client => started ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync()
    {
        await server.StartAsync();
        // As the service builds it: 429s are TelegramSender's to wait out, not the library's.
        started = new TelegramBotClient(new TelegramBotClientOptions(server.Token, baseUrl: server.BaseUrl) { RetryCount = 0 });
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData(true, 7)]
    [InlineData(true, null)]
    [InlineData(false, null)]
    public async Task ANewMessageSaysWhatTheLibrarysRequestSays(bool withKeyboard, int? replyTo)
    {
        var keyboard = withKeyboard ? Keyboard : null;
        var library = new SendMessageRequest
        {
            ChatId = ChatId,
            Text = Html,
            ParseMode = ParseMode.Html,
            ReplyParameters = replyTo is { } id ? new ReplyParameters { MessageId = id, AllowSendingWithoutReply = true } : null,
            ReplyMarkup = keyboard,
            LinkPreviewOptions = new LinkPreviewOptions { IsDisabled = true },
        };

        var ours = TextRequest.NewMessage(ChatId, Html, keyboard, replyTo);

        Assert.Equal("sendMessage", ours.MethodName);
        await AssertSameBodyAsync(library, ours);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnEditSaysWhatTheLibrarysRequestSays(bool withKeyboard)
    {
        var keyboard = withKeyboard ? Keyboard : null;
        var library = new EditMessageTextRequest
        {
            ChatId = ChatId,
            MessageId = 12,
            Text = Html,
            ParseMode = ParseMode.Html,
            ReplyMarkup = keyboard,
            LinkPreviewOptions = new LinkPreviewOptions { IsDisabled = true },
        };

        var ours = TextRequest.EditedMessage(ChatId, 12, Html, keyboard);

        Assert.Equal("editMessageText", ours.MethodName);
        await AssertSameBodyAsync(library, ours);
    }

    /// <summary>Labels as members' answers make them (ticks, quotes, a backslash, an emoji), and buttons of kinds the
    /// bot's questions never show, which go through the library's serializer.</summary>
    public static TheoryData<string> Keyboards => new()
    {
        "labels",
        "copy",
        "pay",
        "both",
    };

    [Theory]
    [MemberData(nameof(Keyboards))]
    public async Task EveryKindOfKeyboardSaysWhatTheLibrarysRequestSays(string kind)
    {
        InlineKeyboardButton[] row = kind switch
        {
            "labels" => [InlineKeyboardButton.WithCallbackData("✅ «Отказ» \"в\" \\ лечении 💊\n", "p:1:0:ab12"), InlineKeyboardButton.WithCallbackData("▫️ Қазақ", "p:1:1:ab12")],
            "copy" => [InlineKeyboardButton.WithCopyText("Код", "ABCD-EFGH")],
            "pay" => [InlineKeyboardButton.WithPay("Pay")],
            _ => [new InlineKeyboardButton("Both") { CallbackData = "p:1:0:ab12", Url = "https://t.me/community_test_bot" }],
        };
        var keyboard = new InlineKeyboardMarkup([row]);
        var library = new SendMessageRequest
        {
            ChatId = ChatId,
            Text = Html,
            ParseMode = ParseMode.Html,
            ReplyMarkup = keyboard,
            LinkPreviewOptions = new LinkPreviewOptions { IsDisabled = true },
        };

        await AssertSameBodyAsync(library, TextRequest.NewMessage(ChatId, Html, keyboard, replyTo: null));
    }

    [Fact]
    public async Task TextGoesAsUtf8AndTheBodyIsSentWithItsLength()
    {
        using var content = TextRequest.NewMessage(ChatId, "Не дали метадон в больнице", null, null).ToHttpContent();
        var body = await content.ReadAsByteArrayAsync();

        Assert.Contains("Не дали метадон в больнице", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        Assert.Equal(body.Length, content.Headers.ContentLength);
        Assert.Equal("application/json", content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", content.Headers.ContentType?.CharSet);
    }

    [Fact]
    public async Task AsAWebhookAnswerTheBodyNamesItsMethod()
    {
        var ours = TextRequest.NewMessage(ChatId, "ok", null, null);
        ours.IsWebhookResponse = true;
        using var content = ours.ToHttpContent();

        var body = JsonNode.Parse(await content.ReadAsStringAsync());

        Assert.Equal("sendMessage", (string?)body?["method"]);
    }

    [Fact]
    public async Task TheIdsBroughtBackAreTheOnesTheChatShows()
    {
        var alice = server.PrivateChatWith(userId: ChatId, firstName: "Alice", username: null, languageCode: "ru");
        await alice.SendsAsync("/start");

        var sent = await Client.SendRequest(TextRequest.NewMessage(alice.ChatId, Html, Keyboard, replyTo: null));
        var edited = await Client.SendRequest(TextRequest.EditedMessage(alice.ChatId, sent.Id, "<i>Спасибо</i>", keyboard: null));

        var shown = Assert.Single(alice.Replies);
        Assert.Equal(shown.MessageId, sent.Id);
        Assert.Equal(sent.Id, edited.Id);
        Assert.Equal("Спасибо", shown.Text);
        Assert.Empty(shown.Buttons);
        Assert.True(shown.Edited);
    }

    [Fact]
    public async Task ARefusalStillComesAsTheLibrarysExceptionWithItsRetryAfter()
    {
        var alice = server.PrivateChatWith(userId: ChatId, firstName: "Alice", username: null, languageCode: "ru");
        server.FailNext("sendMessage", 429, "Too Many Requests: retry after 3", retryAfter: 3);

        var refused = await Assert.ThrowsAsync<ApiRequestException>(() => Client.SendRequest(TextRequest.NewMessage(alice.ChatId, "ok", null, null)));

        Assert.Equal(429, refused.ErrorCode);
        Assert.Equal(3, refused.Parameters?.RetryAfter);
    }

    [Fact]
    public void AProxyTheEnvironmentSetsForTheApiIsUsed()
    {
        var telegram = new Uri("https://api.telegram.org");
        var proxy = new WebProxy("http://proxy.example:3128");

        Assert.True(BotApiHttp.GoesThroughProxy(telegram, proxy));
        Assert.True(BotApiHttp.Handler(telegram, proxy).UseProxy);
    }

    [Fact]
    public void WithoutAProxyForTheApiTheHandlerDoesNotAskForOne()
    {
        var local = new Uri("http://127.0.0.1:8081");
        var bypassed = new WebProxy("http://proxy.example:3128", BypassOnLocal: true);
        var none = new WebProxy();

        Assert.False(BotApiHttp.GoesThroughProxy(local, bypassed));
        Assert.False(BotApiHttp.GoesThroughProxy(local, none));
        Assert.False(BotApiHttp.Handler(local, none).UseProxy);
    }

    private static async Task AssertSameBodyAsync(IRequest library, TextRequest ours)
    {
        using var expected = library.ToHttpContent() ?? throw new InvalidOperationException("The library's request has no body.");
        using var actual = ours.ToHttpContent();
        var want = JsonNode.Parse(await expected.ReadAsStringAsync());
        var got = JsonNode.Parse(await actual.ReadAsStringAsync());

        Assert.True(JsonNode.DeepEquals(want, got), $"library: {want?.ToJsonString()}\nours:    {got?.ToJsonString()}");
    }
}
