using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CommunityBot.Channels.Telegram;
using CommunityBot.Privacy;
using CommunityBot.Storage;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;
using CommunityBot.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Xunit.Abstractions;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>Telegram's webhook mode end to end: the fake Bot API posts updates to the bot's own web server with the
/// secret-token header, as Telegram does, and posts them again until the bot answers 2xx.</summary>
public sealed class WebhookModeTests(ITestOutputHelper output) : TelegramScenario
{
    private const string Secret = "webhook-secret_Zq81x";
    private const string HookPath = "/telegram/updates-k3";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>How long a start of the service's own process may take on a loaded machine.</summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task AWholeRussianInterviewByWebhookEndsWithAReceipt()
    {
        var port = LoopbackPort.Free();
        await using var bot = await StartBotAsync(Hooked(port));
        // Posts that come before the bot has set its webhook (left set by an earlier run) get 503 and come again;
        // this test counts first attempts, so the member starts once it is set.
        await WaitForWebhookAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var member = await MemberAtCategoryAsync(640700100);

        var receipt = await ReportFromCategoryAsync(member, followUp: false, "В больнице не дали метадон три дня, история-вебхук-1.");
        await Server.WaitUntilIdleAsync();
        Console.WriteLine($"Webhook interview: {Server.WebhookPosts.Count} posts, each answered after its update was stored, in {clock.Elapsed.TotalSeconds:F1} s " +
            $"({clock.Elapsed.TotalMilliseconds / Math.Max(1, Server.WebhookPosts.Count):F0} ms a step, bot's answer included)");

        Assert.Matches(Scripts.ReceiptCode(), receipt.Text ?? "");
        Assert.NotNull(await bot.Reports.FindByReceiptAsync(Scripts.ReceiptCode().Match(receipt.Text ?? "").Value));
        using var setWebhook = ApiRequest.Parse(Assert.Single(Server.Calls("setWebhook")).ParametersJson, []);
        var set = setWebhook.Arguments;
        Assert.Equal($"http://127.0.0.1:{port}{HookPath}", set.String("url"));
        Assert.Equal(Secret, set.String("secret_token"));
        Assert.Equal(40, set.Int("max_connections"));
        Assert.Equal(["message", "edited_message", "callback_query", "my_chat_member", "chat_member"], set.As<string[]>("allowed_updates") ?? []);
        Assert.False(set.Bool("drop_pending_updates"));
        // No update came by polling, and every post was taken at its first attempt.
        Assert.Empty(Server.Calls("getUpdates"));
        Assert.Empty(Server.Calls("deleteWebhook"));
        Assert.True(Server.WebhookPosts.Count >= 14, "every press and message of the interview is posted");
        // Every press was answered once, in the answer to its post: no request of the bot's own for it.
        var answers = Server.Calls("answerCallbackQuery");
        Assert.True(answers.Count >= 10, "the interview's choices were pressed and answered");
        Assert.All(answers, answer => Assert.True(answer.InWebhookAnswer));
        Assert.Equal(answers.Count, answers.Select(answer => answer.String("callback_query_id")).Distinct().Count());
        Assert.Equal(0, Server.WebhookAnswersRefused);
        Assert.All(Server.WebhookPosts, post => Assert.Equal(200, post.Status));
        Assert.All(Server.WebhookPosts, post => Assert.True(post.WithSecret));
        Assert.Empty(Server.UnknownCalls);
        // As Telegram: nobody may poll while the webhook is set.
        var polled = await Assert.ThrowsAsync<global::Telegram.Bot.Exceptions.ApiRequestException>(() => Server.CreateClient().GetUpdates());
        Assert.Equal(409, polled.ErrorCode);
    }

    [Fact]
    public async Task UpdatesOfOneChatPostedAtOnceAreHandledOneAfterAnotherWhileOtherChatsGoOn()
    {
        await using var bot = await StartBotAsync(Hooked(LoopbackPort.Free()));
        var busy = Server.PrivateChatWith(userId: 640700700, firstName: "B", username: null, languageCode: "ru");
        var other = Server.PrivateChatWith(userId: 640700701, firstName: "O", username: null, languageCode: "ru");
        await WaitForWebhookAsync();

        // The bot's first answer to the busy chat is held: were its updates handled side by side, all five would be
        // answered at once.
        Server.HoldSends(busy.ChatId);
        for (var i = 0; i < 5; i++)
        {
            await busy.SendsAsync("/help");
        }
        await EventuallyAsync(() => Server.PostsInFlight == 5 && Server.Calls("sendMessage").Any(c => c.ChatId == busy.ChatId), "the five posts were not all made");
        var meanwhile = await Do(other, m => m.SendsAsync("/help"));
        var whileHeld = Server.Calls("sendMessage").Count(c => c.ChatId == busy.ChatId);
        Server.ReleaseSends(busy.ChatId);
        await Server.WaitUntilIdleAsync();

        Assert.Contains("/report", meanwhile.Text);
        Assert.Equal(1, whileHeld);
        Assert.Equal(5, busy.Replies.Count);
        Assert.Equal(6, Server.WebhookPosts.Count);
        Assert.All(Server.WebhookPosts, post => Assert.Equal(200, post.Status));
    }

    [Fact]
    public async Task APostWithoutTheRightSecretIsRefusedBeforeItsBodyIsReadAndChangesNothing()
    {
        var port = LoopbackPort.Free();
        await using var bot = await StartBotAsync(Hooked(port));
        await WaitForWebhookAsync();
        const long stranger = 640700200;
        var update = JsonSerializer.Serialize(new Update
        {
            Id = 990_001,
            Message = new Message
            {
                Id = 1,
                Date = DateTime.UtcNow,
                Chat = new Chat { Id = stranger, Type = ChatType.Private, FirstName = "F" },
                From = new User { Id = stranger, FirstName = "F", LanguageCode = "ru" },
                Text = "/report",
            },
        }, JsonBotAPI.Options);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };

        var missing = await PostAsync(http, update, secret: null);
        var forged = await PostAsync(http, update, secret: "webhook-secret_Zq81y");
        var longer = await PostAsync(http, update, secret: Secret + "x");
        // Not even parsed: with a wrong secret, a body that is no update at all gets the same answer.
        var garbage = await PostAsync(http, "{not json", secret: "nope");
        var markers = (await StoredMarkers.AllAsync(bot.Services.GetRequiredService<Database>())).Count;
        await Server.WaitUntilIdleAsync();

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], [missing, forged, longer, garbage]);
        Assert.Equal(0, markers);
        Assert.Empty(Server.SentMessages(stranger));
        // The same post with the right secret is taken and handled: only the secret made the difference.
        Assert.Equal(HttpStatusCode.OK, await PostAsync(http, update, Secret));
        Assert.Single(await StoredMarkers.AllAsync(bot.Services.GetRequiredService<Database>()));
        Assert.Contains(Server.Calls("sendMessage"), call => call.ChatId == stranger);
    }

    [Fact]
    public async Task AnUpdateTheBotCannotReadIsTakenUnansweredAndABodyWithoutAnUpdateIdIsRefused()
    {
        var port = LoopbackPort.Free();
        await using var bot = await StartBotAsync(Hooked(port));
        await WaitForWebhookAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };

        // A press whose sender is a bare name: the library cannot build it, but it is an update with an id.
        var unreadable = await PostAsync(http, """{"update_id":990101,"callback_query":{"id":"1","from":"F","data":"x"}}""", Secret);
        var noId = await PostAsync(http, """{"callback_query":{"id":"1","from":"F","data":"x"}}""", Secret);
        var notJson = await PostAsync(http, "{not json", Secret);

        Assert.Equal(HttpStatusCode.OK, unreadable);
        Assert.Equal(HttpStatusCode.BadRequest, noId);
        Assert.Equal(HttpStatusCode.BadRequest, notJson);
        // Taken like any update: its marker is stored, so a second post of it is known.
        Assert.Single(await StoredMarkers.AllAsync(bot.Services.GetRequiredService<Database>()));
    }

    [Fact]
    public async Task AChatSendingAFloodIsAskedOnceToSlowDownAndDoesNotHoldUpOtherChats()
    {
        await using var bot = await StartBotAsync(new Dictionary<string, string?>(Hooked(LoopbackPort.Free())) { ["Telegram:MaxUpdatesInHandPerChat"] = "5" });
        var flooder = Server.PrivateChatWith(userId: 640700800, firstName: "F", username: null, languageCode: "en");
        var other = Server.PrivateChatWith(userId: 640700801, firstName: "O", username: null, languageCode: "ru");
        await WaitForWebhookAsync();

        // The flooder's answers are held, so its updates pile up in hand as they would behind a slow chat.
        Server.HoldSends(flooder.ChatId);
        for (var i = 0; i < 30; i++)
        {
            await flooder.SendsAsync("/help");
        }
        await EventuallyAsync(() => Server.WebhookPosts.Count(p => p.Status == 200) >= 25, "the posts beyond the chat's cap were not answered");
        var meanwhile = await Do(other, m => m.SendsAsync("/help"));
        Server.ReleaseSends(flooder.ChatId);
        await Server.WaitUntilIdleAsync();

        Assert.Contains("/report", meanwhile.Text);
        Assert.Single(flooder.Replies, r => r.Text == T("en", "tg.slow_down"));
        Assert.Equal(5, flooder.Replies.Count(r => r.Text != T("en", "tg.slow_down")));
        // Each post answered 200 at its first attempt: a dropped update is not posted again.
        Assert.Equal(31, Server.WebhookPosts.Count);
        Assert.All(Server.WebhookPosts, post => Assert.Equal(200, post.Status));
    }

    [Fact]
    public async Task AnUpdatePostedTwiceMakesOneReport()
    {
        await using var bot = await StartBotAsync(Hooked(LoopbackPort.Free()));
        var member = await MemberAtCategoryAsync(640700300);
        await PressesUpToStoryAsync(member);
        await Do(member, m => m.SendsAsync("Не дали дозу, история-вебхук-2."));
        await Do(member, m => m.SendsAsync("1"));
        await Do(member, m => m.PressesAsync(T("ru", "yesno.no")));
        await Do(member, m => m.PressesAsync(T("ru", "yesno.yes")));
        await Do(member, m => m.PressesAsync(T("ru", "yesno.no")));

        var submit = await member.PressesAsync(T("ru", "nav.submit"));
        await member.WaitForReplyAsync(r => Scripts.ReceiptCode().IsMatch(r.Text ?? ""));
        // Telegram posts it again, as when its first answer was lost on the way.
        Server.EnqueueUpdate(submit);
        await Server.WaitUntilIdleAsync();

        var count = await bot.Services.GetRequiredService<Database>().RunAsync(db => db.GetCollection("reports").Count());
        Assert.Equal(1, count);
        Assert.Single(member.Replies, r => Scripts.ReceiptCode().IsMatch(r.Text ?? ""));
        Assert.Equal([200, 200], Server.WebhookPosts.Where(p => p.UpdateId == submit.Id).Select(p => p.Status));
    }

    [Fact]
    public async Task AReceiptLostWithTheProcessIsSentWhenItsSubmitIsPostedAgainAmidAFloodOfItsChat()
    {
        // No moderators' group, so that the one refused message is the receipt and not a card.
        var settings = new Dictionary<string, string?>(Hooked(LoopbackPort.Free()))
        {
            ["Telegram:MaxUpdatesInHandPerChat"] = "5",
            ["Telegram:ModeratorsChatId"] = null,
        };
        FakeMember member;
        global::Telegram.Bot.Types.Update submit;
        await using (var bot = await StartBotAsync(settings))
        {
            member = await MemberAtCategoryAsync(640700350);
            await PressesUpToStoryAsync(member);
            await Do(member, m => m.SendsAsync("Не дали дозу, история-вебхук-3."));
            await Do(member, m => m.SendsAsync("1"));
            await Do(member, m => m.PressesAsync(T("ru", "yesno.no")));
            await Do(member, m => m.PressesAsync(T("ru", "yesno.yes")));
            await Do(member, m => m.PressesAsync(T("ru", "yesno.no")));
            // The report is stored; the receipt does not get through, and the process that knew whom it is owed to stops.
            // Only once the review is out, so that the refusal meets the receipt and nothing before it.
            await Server.WaitUntilIdleAsync();
            Assert.Contains(member.Replies, r => r.Text?.Contains(T("ru", "review.prompt"), StringComparison.Ordinal) == true);
            Server.FailNext("sendMessage", 400, "Bad Request: chat not found");
            submit = await member.PressesAsync(T("ru", "nav.submit"));
            await Server.WaitUntilIdleAsync();
        }
        Assert.DoesNotContain(member.Replies, r => Scripts.ReceiptCode().IsMatch(r.Text ?? ""));

        await using (var bot = await StartBotAsync(settings))
        {
            await WaitForWebhookAsync();
            // The member's chat has its fill in hand (answers held), then Telegram posts the submit again.
            Server.HoldSends(member.ChatId);
            for (var i = 0; i < 8; i++)
            {
                await member.SendsAsync("Алло? Где мой код?");
            }
            await EventuallyAsync(() => Server.WebhookPosts.Count(p => p.Status == 200) >= 3, "the posts beyond the chat's cap were not answered");
            Server.EnqueueUpdate(submit);
            await EventuallyAsync(() => Server.Calls("sendMessage").Any(c => c.String("text") is { } text && Scripts.ReceiptCode().IsMatch(text)),
                "the receipt was not sent again");
            Server.ReleaseSends(member.ChatId);

            var receipt = await member.WaitForReplyAsync(r => Scripts.ReceiptCode().IsMatch(r.Text ?? ""));
            var report = await bot.Reports.FindByReceiptAsync(Scripts.ReceiptCode().Match(receipt.Text ?? "").Value);
            Assert.Equal(Scripts.Label().Match(receipt.Text ?? "").Value, report?.Label);
        }
    }

    [Fact]
    public async Task AnAnswerTelegramFailedToTakeIsPostedAgainAndEndsInOneAnswer()
    {
        await using var bot = await StartBotAsync(Hooked(LoopbackPort.Free()));
        var member = await MemberAtCategoryAsync(640700400);
        var before = member.Replies.Count;

        // Telegram refuses the next question every time the sender tries it: the member would be left without it.
        Server.FailNext("sendMessage", 502, "Bad Gateway", times: 5);
        var pressed = await member.PressesAsync(T("ru", "category.hospital"));
        var asked = await member.WaitForReplyAsync(timeout: TimeSpan.FromSeconds(60));
        await Server.WaitUntilIdleAsync(TimeSpan.FromSeconds(60));
        var next = await Do(member, m => m.PressesAsync(T("ru", "affected.me")));

        Assert.Equal([500, 200], Server.WebhookPosts.Where(p => p.UpdateId == pressed.Id).Select(p => p.Status));
        Assert.Contains(T("ru", "affected.prompt"), asked.Text);
        Assert.Single(member.Replies.Skip(before), r => (r.Text ?? "").Contains(T("ru", "affected.prompt"), StringComparison.Ordinal));
        Assert.Contains(T("ru", "when.prompt"), next.Text);
        var info = await Server.CreateClient().GetWebhookInfo();
        Assert.NotNull(info.LastErrorDate);
        Assert.Contains("500", info.LastErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUpdateInHandWhenTheServiceIsKilledIsPostedAgainAndAnsweredOnce()
    {
        var port = LoopbackPort.Free();
        var keys = Data.File("keys.json");
        KeyRing.CreateKeyFile(keys);
        var environment = new Dictionary<string, string>
        {
            ["Telegram__BotToken"] = Server.Token,
            ["Telegram__ApiBaseUrl"] = Server.BaseUrl,
            ["Telegram__Rates__PerChatPerSecond"] = "1000",
            ["Telegram__Rates__GlobalPerSecond"] = "10000",
            ["Telegram__Webhook__Url"] = $"http://127.0.0.1:{port}{HookPath}",
            ["Telegram__Webhook__SecretToken"] = Secret,
            ["Web__Urls"] = $"http://127.0.0.1:{port}",
            ["Privacy__KeyFile"] = keys,
        };
        var log = new StringBuilder();
        try
        {
            var member = Server.PrivateChatWith(userId: 640700600, firstName: "K", username: null, languageCode: "ru");
            var asker = Server.PrivateChatWith(userId: 640700601, firstName: "A", username: null, languageCode: "ru");
            Update help;
            Update interrupted;
            using (var first = BotProcess.StartService(["--data", Data.File("data")], environment, log))
            {
                await WaitUntilHookedAsync(first, setBefore: 0);
                help = await asker.SendsAsync("/help");
                await asker.WaitForReplyAsync(timeout: Patience);
                // The member's /report is taken and its draft stored, but the answer is still on its way when the process dies.
                Server.HoldSends(member.ChatId);
                interrupted = await member.SendsAsync("/report");
                await EventuallyAsync(() => Server.Calls("sendMessage").Any(c => c.ChatId == member.ChatId), "the bot never tried to answer");
                first.Kill();
                await first.WaitForExitAsync();
            }
            Server.ReleaseSends(member.ChatId);
            await EventuallyAsync(() => Server.WebhookPosts.Any(p => p.UpdateId == interrupted.Id), "the post cut by the kill never ended");

            var restarted = DateTimeOffset.UtcNow;
            var setBefore = Server.Calls("setWebhook").Count;
            using var second = BotProcess.StartService(["--data", Data.File("data")], environment, log);
            try
            {
                await WaitUntilHookedAsync(second, setBefore);
                var question = await member.WaitForReplyAsync(timeout: Patience);
                await Server.WaitUntilIdleAsync(Patience, quietPeriod: TimeSpan.FromSeconds(1));

                Assert.Contains(T("ru", "consent.prompt")[..20], question.Text);
                // The answer held when the process died may still be shown by the fake once released; the restarted
                // service answers once.
                Assert.Single(Server.Calls("sendMessage"), c => c.ChatId == member.ChatId && c.ReceivedAt >= restarted);
                Assert.NotEqual(200, Server.WebhookPosts.First(p => p.UpdateId == interrupted.Id).Status);
                Assert.Equal(200, Server.WebhookPosts.Last(p => p.UpdateId == interrupted.Id).Status);
                // Answered 200 before the kill: Telegram never posted it again, and it was answered once.
                Assert.Equal([200], Server.WebhookPosts.Where(p => p.UpdateId == help.Id).Select(p => p.Status));
                Assert.Single(asker.Replies);
            }
            finally
            {
                second.Kill();
                await second.WaitForExitAsync();
            }
            Assert.DoesNotContain(Secret, log.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(member.UserId.ToString(CultureInfo.InvariantCulture), log.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            // Shown when the test fails: what the service said, in both its lives.
            lock (log)
            {
                output.WriteLine(log.ToString());
            }
        }
    }

    [Fact]
    public async Task APressWhosePostIsAnsweredWithAnErrorIsStillAnsweredByARequestOfItsOwn()
    {
        await using var bot = await StartBotAsync(Hooked(LoopbackPort.Free()));
        var member = await MemberAtCategoryAsync(640700450);

        // The next question cannot be sent, so the post is answered 500, whose body Telegram does not read.
        Server.FailNext("sendMessage", 502, "Bad Gateway", times: 5);
        var pressed = await member.PressesAsync(T("ru", "category.hospital"));
        await member.WaitForReplyAsync(timeout: TimeSpan.FromSeconds(60));
        await Server.WaitUntilIdleAsync(TimeSpan.FromSeconds(60));

        Assert.Equal([500, 200], Server.WebhookPosts.Where(p => p.UpdateId == pressed.Id).Select(p => p.Status));
        var answers = Server.Calls("answerCallbackQuery").Where(c => c.String("callback_query_id") == pressed.CallbackQuery!.Id).ToList();
        // The first handling answered the press by a request; the second delivery's answer came in its 200.
        Assert.Contains(answers, answer => !answer.InWebhookAnswer);
        Assert.All(answers, answer => Assert.Null(answer.String("text")));
    }

    [Fact]
    public async Task WithAnswersInRepliesTurnedOffAPressIsAnsweredByARequest()
    {
        var settings = Hooked(LoopbackPort.Free());
        settings["Telegram:Webhook:AnswerPressesInReply"] = "false";
        await using var bot = await StartBotAsync(settings);
        var member = await MemberAtCategoryAsync(640700460);

        var pressed = await member.PressesAsync(T("ru", "category.hospital"));
        var next = await member.WaitForReplyAsync();
        await Server.WaitUntilIdleAsync();

        Assert.Contains(T("ru", "affected.prompt"), next.Text);
        var answer = Assert.Single(Server.Calls("answerCallbackQuery"), c => c.String("callback_query_id") == pressed.CallbackQuery!.Id);
        Assert.False(answer.InWebhookAnswer);
    }

    [Fact]
    public async Task AnUpdateTheBotFailedOnAndApologisedForIsTakenAndNotPostedAgain()
    {
        var faulty = new FaultyBotClient(Server.CreateClient());
        await using var bot = await StartBotAsync(Hooked(LoopbackPort.Free()), services => services.Replace(ServiceDescriptor.Singleton<ITelegramBotClient>(faulty)));
        var member = await MemberAtCategoryAsync(640700900);

        // The next question fails inside the bot, not at Telegram: the router logs it, apologises and goes on, as it
        // does when polling, where such an update is confirmed.
        faulty.Arm(request => request is TextRequest { MethodName: TextRequest.Send } sending && sending.ChatId == member.ChatId);
        var pressed = await member.PressesAsync(T("ru", "category.hospital"));
        var apology = await member.WaitForReplyAsync();
        await Server.WaitUntilIdleAsync();

        Assert.Equal(T("ru", "error.generic"), apology.Text);
        Assert.Equal([200], Server.WebhookPosts.Where(p => p.UpdateId == pressed.Id).Select(p => p.Status));
    }

    [Fact]
    public async Task SwitchingBackToPollingDeletesTheWebhook()
    {
        var member = Server.PrivateChatWith(userId: 640700500, firstName: "P", username: null, languageCode: "ru");
        await using (var hooked = await StartBotAsync(Hooked(LoopbackPort.Free())))
        {
            await Do(member, m => m.SendsAsync("/help"));
            Assert.NotEqual("", Server.WebhookUrl);
        }

        await using var polled = await StartBotAsync();
        var answer = await Do(member, m => m.SendsAsync("/help"));

        Assert.Equal("", Server.WebhookUrl);
        Assert.Single(Server.Calls("deleteWebhook"));
        Assert.NotEmpty(Server.Calls("getUpdates"));
        Assert.Contains("/report", answer.Text);
    }

    [Fact]
    public async Task HealthInWebhookModeIsOkWithoutAnyDeliveryAndNotOnceTheWebhookIsGone()
    {
        var port = LoopbackPort.Free();
        await using var bot = await StartBotAsync(Hooked(port));
        await WaitForWebhookAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };

        // A quiet community: nothing was delivered at all, and that is no fault.
        var quiet = await HealthAsync(http, HttpStatusCode.OK);
        Server.DeleteWebhookElsewhere();
        // On a loaded machine a check may come late, and the health then says Telegram has not answered lately; the
        // answer that matters is the one after the next check.
        const string NotOurs = "the webhook is not set to this service's address";
        var gone = await HealthAsync(http, HttpStatusCode.ServiceUnavailable, NotOurs);

        Assert.Equal("webhook", quiet.GetProperty("channels").GetProperty("telegram").GetProperty("mode").GetString());
        Assert.Equal(NotOurs, gone.GetProperty("channels").GetProperty("telegram").GetProperty("problem").GetString());
        Assert.True(gone.GetProperty("database").GetBoolean());
    }

    [Fact]
    public async Task WebhookModeWithoutTheWebServerOrWithABadSecretStopsStartUpNamingTheSetting()
    {
        using var data = new TempDirectory();
        var settings = new Dictionary<string, string>
        {
            ["Telegram__BotToken"] = "123456789:" + new string('A', 35),
            ["Telegram__Webhook__Url"] = "https://bot.example.org/telegram/updates",
            ["Privacy__DataKey"] = TestKeys.Base64(32),
            ["Privacy__PseudonymKey"] = TestKeys.Base64(32),
        };

        var noSecret = await BotProcess.RunAsync(["--data", data.Path], "", settings);
        settings["Telegram__Webhook__SecretToken"] = "has spaces!";
        settings["Web__Urls"] = "http://127.0.0.1:8080";
        var badSecret = await BotProcess.RunAsync(["--data", data.Path], "", settings);

        Assert.Equal(78, noSecret.ExitCode);
        Assert.Contains("Telegram__Webhook__SecretToken", noSecret.Error, StringComparison.Ordinal);
        Assert.Contains("web server is off: set Web:Urls", noSecret.Error, StringComparison.Ordinal);
        Assert.Equal(78, badSecret.ExitCode);
        Assert.Contains("Telegram:Webhook:SecretToken is not 1-256 characters of A-Z, a-z, 0-9, _ and -", badSecret.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("has spaces!", badSecret.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("web server is off", badSecret.Error, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Hooked(int port) => new()
    {
        ["Web:Urls"] = $"http://127.0.0.1:{port}",
        ["Telegram:Webhook:Url"] = $"http://127.0.0.1:{port}{HookPath}",
        ["Telegram:Webhook:SecretToken"] = Secret,
        ["Telegram:Webhook:InfoCheckInterval"] = "00:00:00.200",
    };

    /// <summary>Until the service's process has set its webhook, which a start on a loaded machine takes many seconds to
    /// reach; fails at once when the process ended instead.</summary>
    private async Task WaitUntilHookedAsync(System.Diagnostics.Process service, int setBefore)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (Server.Calls("setWebhook").Count == setBefore)
        {
            Assert.False(service.HasExited, "the service ended before it set its webhook");
            Assert.True(started.Elapsed < StartLimit, "the service did not set its webhook");
            await Task.Delay(50);
        }
        Console.WriteLine($"The service set its webhook {started.Elapsed.TotalSeconds:F1} s after it was started");
    }

    private async Task WaitForWebhookAsync() =>
        await EventuallyAsync(() => Server.WebhookUrl.Length > 0 && Server.Calls("setMyCommands").Count > 0, "the bot did not set its webhook");

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, string body, string? secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(HookPath, UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (secret is not null)
        {
            request.Headers.Add(FakeTelegramServer.SecretHeader, secret);
        }
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>
    /// Asks /healthz until it answers <paramref name="expected"/>, with the Telegram channel's <paramref name="problem"/>
    /// when one is given (the webhook's state is checked every 200 ms).
    /// </summary>
    private static async Task<JsonElement> HealthAsync(HttpClient http, HttpStatusCode expected, string? problem = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            using var response = await http.GetAsync(new Uri(HealthEndpoint.Path, UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            var health = JsonDocument.Parse(body).RootElement.Clone();
            var said = problem is null || TelegramProblem(health) == problem;
            if ((response.StatusCode == expected && said) || DateTime.UtcNow > deadline)
            {
                Assert.True(response.StatusCode == expected, body);
                return health;
            }
            await Task.Delay(50);
        }
    }

    private static string? TelegramProblem(JsonElement health) =>
        health.TryGetProperty("channels", out var channels) && channels.TryGetProperty("telegram", out var telegram)
        && telegram.TryGetProperty("problem", out var problem) && problem.ValueKind == JsonValueKind.String
            ? problem.GetString()
            : null;
}
