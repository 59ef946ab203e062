using System.Globalization;
using CommunityBot.Conversations;
using CommunityBot.Reports;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;
using Telegram.Bot.Types;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>Members, groups and faults end to end: the real host and TelegramBotClient against the fake Bot API.</summary>
public sealed class TelegramEndToEndTests : TelegramScenario
{

    // Planted identifiers: none of them may ever reach the disk or the log.
    private const long CanaryUserId = 987654321987;
    private const string CanaryUsername = "canary_zarina_x9";
    private const string CanaryFirstName = "Канарейкина";
    private const string Story = "В городской больнице мне три дня не давали метадон, сказали что нет лицензии. История-канарейка-42.";



    /// <summary>The whole interview by buttons and typed answers, in <paramref name="language"/>; returns the receipt message.</summary>
    private static async Task<BotMessage> ReportAsync(FakeMember member, string language, string story = Story)
    {
        var reply = await Do(member, m => m.SendsAsync("/start"));
        Assert.Contains(T(language, "consent.prompt")[..20], reply.Text);
        await Do(member, m => m.PressesAsync(T(language, "consent.accept")));
        await Do(member, m => m.PressesAsync(T(language, "category.hospital")));
        await Do(member, m => m.PressesAsync(T(language, "affected.me")));
        await Do(member, m => m.SendsAsync("12.03.2026"));
        await Do(member, m => m.PressesAsync(language == "ru" ? "Алматы (город)" : "Almaty (city)"));
        await Do(member, m => m.PressesAsync(language == "ru" ? "Алматы" : "Almaty"));
        await Do(member, m => m.PressesAsync(T(language, "facility_kind.narcology")));
        await Do(member, m => m.PressesAsync(T(language, "nav.other")));
        await Do(member, m => m.SendsAsync("Наркологический диспансер №2"));
        await Do(member, m => m.SendsAsync(story));
        await member.PressesAsync(T(language, "consequences.missed_doses"));
        await member.PressesAsync(T(language, "consequences.health_worse"));
        await Do(member, m => m.PressesAsync(T(language, "nav.done")));
        await Do(member, m => m.PressesAsync(T(language, "yesno.no")));
        await Do(member, m => m.PressesAsync(T(language, "yesno.yes")));
        var review = await Do(member, m => m.PressesAsync(T(language, "yesno.no")));
        Assert.Contains(T(language, "review.prompt")[..10], review.Text);
        return await Do(member, m => m.PressesAsync(T(language, "nav.submit")));
    }

    private static string CodeIn(BotMessage message)
    {
        var code = Scripts.ReceiptCode().Match(message.Text ?? "");
        Assert.True(code.Success, message.ToString());
        return code.Value;
    }

    [Fact]
    public async Task MembersReportInRussianAndEnglishAndTheirCodesWork()
    {
        await using var bot = await StartBotAsync();
        var zarina = Server.PrivateChatWith(userId: CanaryUserId, firstName: CanaryFirstName, username: CanaryUsername, languageCode: "ru");
        var john = Server.PrivateChatWith(userId: 555000111, firstName: "John", username: "john_k", languageCode: "en");

        var russianCode = CodeIn(await ReportAsync(zarina, "ru"));
        var englishCode = CodeIn(await ReportAsync(john, "en", "They refused my methadone at the hospital for three days and told me to go away."));

        var russian = await bot.Reports.FindByReceiptAsync(russianCode);
        Assert.NotNull(russian);
        Assert.Equal("ru", russian.Language);
        Assert.Equal(new TextAnswer(Story), russian.Answers["narrative"]);
        Assert.Equal(new PlaceAnswer(null, "Наркологический диспансер №2"), russian.Answers["facility"]);
        Assert.Equal(new ChoicesAnswer(["missed_doses", "health_worse"]), russian.Answers["consequences"]);
        Assert.Equal("en", (await bot.Reports.FindByReceiptAsync(englishCode))?.Language);

        var status = await Do(zarina, m => m.SendsAsync("/status " + russianCode));
        Assert.Contains(russian.Label, status.Text);
        Assert.Contains(T("ru", "status.new"), status.Text);
        var englishStatus = await Do(john, m => m.SendsAsync("/status " + englishCode.ToLowerInvariant()));
        Assert.Contains(T("en", "status.new"), englishStatus.Text);

        var deleted = await Do(zarina, m => m.SendsAsync("/delete " + russianCode));
        Assert.Contains(russian.Label, deleted.Text);
        var withdrawn = await bot.Reports.FindByLabelAsync(russian.Label);
        Assert.Equal(ReportStatus.Withdrawn, withdrawn?.Status);
        Assert.Empty(withdrawn?.Answers ?? []);
        Assert.Empty(Server.UnknownCalls);
    }

    [Fact]
    public async Task AddingInformationWithTheCodeReachesTheReport()
    {
        await using var bot = await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 700100, firstName: "A", username: null, languageCode: "ru");
        var code = CodeIn(await ReportAsync(member, "ru"));

        var prompt = await Do(member, m => m.SendsAsync("/add " + code));
        Assert.Contains("R-", prompt.Text);
        var done = await Do(member, m => m.SendsAsync("Забыла добавить: это было уже второй раз."));

        Assert.Contains(Scripts.Label().Match(prompt.Text ?? "").Value, done.Text);
        var report = await bot.Reports.FindByReceiptAsync(code);
        Assert.Equal("Забыла добавить: это было уже второй раз.", Assert.Single(report?.Additions ?? []).Text);
    }

    [Fact]
    public async Task EveryKindOfInputGetsAnAnswerAndNothingIsLost()
    {
        await using var bot = await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 700200, firstName: "B", username: null, languageCode: "ru");
        await Do(member, m => m.SendsAsync("/start"));
        await Do(member, m => m.PressesAsync(T("ru", "consent.accept")));

        foreach (var send in new Func<FakeMember, Task>[]
        {
            m => m.SendsStickerAsync(), m => m.SendsPhotoAsync(), m => m.SendsVoiceAsync(), m => m.SendsDocumentAsync(),
            m => m.SendsLocationAsync(), m => m.SendsContactAsync(), m => m.SendsAsync("🙂🙂🙂"), m => m.SendsAsync("/nonsense"),
        })
        {
            var reply = await Do(member, send);
            Assert.False(string.IsNullOrWhiteSpace(reply.Text));
            // Each answer ends with the open question again, with its buttons.
            Assert.Contains(T("ru", "category.prompt"), reply.Text);
            Assert.Contains(T("ru", "category.hospital"), reply.ButtonTexts);
        }

        // A button from an earlier question is stale.
        var staleFrom = member.Replies.First(r => r.ButtonTexts.Contains(T("ru", "category.hospital")));
        await Do(member, m => m.PressesAsync(T("ru", "category.tb")));
        var shownAgain = await Do(member, m => m.PressesAsync(T("ru", "category.tb")));
        await EventuallyAsync(() => Server.Calls("answerCallbackQuery").Any(c => c.Parameters["text"]?.ToString() == T("ru", "tg.stale_button")),
            "a stale button was not answered as stale");
        Assert.NotNull(staleFrom);
        Assert.Contains(T("ru", "affected.prompt"), shownAgain.Text);

        // A story of 5,000 characters is taken whole.
        await Do(member, m => m.PressesAsync(T("ru", "affected.me")));
        await Do(member, m => m.PressesAsync(T("ru", "date.today")));
        await Do(member, m => m.PressesAsync("Алматы (город)"));
        await Do(member, m => m.PressesAsync("Алматы"));
        // No TB hospital is listed in Almaty: its name is asked as text at once.
        await Do(member, m => m.PressesAsync(T("ru", "facility_kind.tb_hospital")));
        await Do(member, m => m.SendsAsync("Тубдиспансер"));
        var longStory = string.Concat(Enumerable.Repeat("В тубдиспансере не дают метадон. ", 152))[..5000];
        var next = await Do(member, m => m.SendsAsync(longStory));
        Assert.Contains(T("ru", "consequences.prompt"), next.Text);
        Assert.Empty(Server.UnknownCalls);
    }

    [Fact]
    public async Task AGroupIncidentGetsOneNudgeWithAWorkingLink()
    {
        await using var bot = await StartBotAsync();
        var group = Server.Group(TelegramBotHost.CommunityChatId, "ОЗТ Алматы");
        var bob = Server.PrivateChatWith(userId: 700300, firstName: "Bob", username: "bob_b", languageCode: "ru");
        var dana = Server.PrivateChatWith(userId: 700301, firstName: "Dana", username: null, languageCode: "ru");

        await group.MemberSaysAsync(bob, "Всем привет, во сколько завтра открывается кабинет?");
        await Server.WaitUntilIdleAsync();
        Assert.Empty(group.BotMessages);

        await group.MemberSaysAsync(bob, "вчера опять не дали метадон в больнице, сказали нет лицензии");
        var nudge = await group.WaitForReplyAsync();
        var link = Assert.Single(nudge.Buttons).Url;
        Assert.Equal($"https://t.me/{Server.BotUser.Username}?start={TelegramBotHost.CommunityLink}", link);

        await group.MemberSaysAsync(dana, "в тубдиспансере тоже отказали в метадоне, ломает уже");
        await Server.WaitUntilIdleAsync();
        Assert.Single(group.BotMessages);

        // The link opens the private chat; the report remembers its community.
        var code = CodeIn(await ReportViaLinkAsync(bob));
        Assert.Equal("almaty", (await bot.Reports.FindByReceiptAsync(code))?.Community);
    }

    private static async Task<BotMessage> ReportViaLinkAsync(FakeMember member)
    {
        await Do(member, m => m.SendsAsync("/start " + TelegramBotHost.CommunityLink));
        await Do(member, m => m.PressesAsync(T("ru", "consent.accept")));
        await Do(member, m => m.PressesAsync(T("ru", "category.police")));
        await Do(member, m => m.PressesAsync(T("ru", "affected.someone")));
        await Do(member, m => m.PressesAsync(T("ru", "date.yesterday")));
        await Do(member, m => m.PressesAsync("Алматы (город)"));
        await Do(member, m => m.PressesAsync("Алматы"));
        await Do(member, m => m.PressesAsync(T("ru", "facility_kind.near_ost_site")));
        await Do(member, m => m.SendsAsync("У входа в кабинет"));
        await Do(member, m => m.SendsAsync("Полиция стояла у входа и проверяла всех, кто шёл за дозой."));
        await member.PressesAsync(T("ru", "consequences.none"));
        await Do(member, m => m.PressesAsync(T("ru", "nav.done")));
        await Do(member, m => m.PressesAsync(T("ru", "yesno.no")));
        await Do(member, m => m.PressesAsync(T("ru", "yesno.yes")));
        await Do(member, m => m.PressesAsync(T("ru", "yesno.no")));
        return await Do(member, m => m.PressesAsync(T("ru", "nav.submit")));
    }

    [Fact]
    public async Task InDryRunNothingIsSentToTheGroup()
    {
        await using var bot = await StartBotAsync(new Dictionary<string, string?> { ["Telegram:Nudges:DryRun"] = "true" });
        var group = Server.Group(TelegramBotHost.CommunityChatId, "ОЗТ Алматы");
        var bob = Server.PrivateChatWith(userId: 700400, firstName: "Bob", username: null, languageCode: "ru");

        await group.MemberSaysAsync(bob, "вчера опять не дали метадон в больнице, сказали нет лицензии");
        await Server.WaitUntilIdleAsync();

        Assert.Empty(group.BotMessages);
    }

    [Fact]
    public async Task ReportInAGroupAnswersWithTheLinkAndAnUnknownGroupIsLeft()
    {
        await using var bot = await StartBotAsync();
        var community = Server.Group(TelegramBotHost.CommunityChatId, "ОЗТ Алматы");
        var stranger = Server.Group(-1005550000099, "Random chat");
        var bob = Server.PrivateChatWith(userId: 700500, firstName: "Bob", username: null, languageCode: "ru");

        await community.MemberSaysAsync(bob, "/report");
        var answer = await community.WaitForReplyAsync();
        Assert.StartsWith("https://t.me/", Assert.Single(answer.Buttons).Url);

        await stranger.MemberSaysAsync(bob, "привет");
        await EventuallyAsync(() => Server.Calls("leaveChat").Any(c => c.ChatId == -1005550000099), "the bot did not leave the unknown group");
        Assert.Single(stranger.BotMessages);

        // The service is still there for everyone else.
        var after = await Do(bob, m => m.SendsAsync("/help"));
        Assert.Contains("/report", after.Text);
    }

    [Fact]
    public async Task AnUpdateDeliveredTwiceMakesOneReport()
    {
        await using var bot = await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 700600, firstName: "C", username: null, languageCode: "ru");
        await ReportUpToReviewAsync(member);

        var submit = await member.PressesAsync(T("ru", "nav.submit"));
        var receipt = await member.WaitForReplyAsync();
        Server.EnqueueUpdate(submit);
        await Server.WaitUntilIdleAsync();

        var count = await bot.Services.GetRequiredService<CommunityBot.Storage.Database>().RunAsync(db => db.GetCollection("reports").Count());
        Assert.Equal(1, count);
        Assert.Single(member.Replies, r => Scripts.ReceiptCode().IsMatch(r.Text ?? ""));
        Assert.NotNull(receipt);
    }

    [Fact]
    public async Task AReceiptThatNeverReachedTheMemberIsSentWhenTheSubmitComesAgain()
    {
        // No moderators' group, so that the one refused message is the receipt and not a card.
        var settings = new Dictionary<string, string?> { ["Telegram:ModeratorsChatId"] = null };
        var member = Server.PrivateChatWith(userId: 700660, firstName: "C", username: null, languageCode: "ru");
        Update submit;
        await using (await StartBotAsync(settings))
        {
            await ReportUpToReviewAsync(member);
            // The report is stored, then Telegram refuses the message with the receipt (as if the process had died there).
            Server.FailNext("sendMessage", 400, "Bad Request: chat not found");
            submit = await member.PressesAsync(T("ru", "nav.submit"));
            await Server.WaitUntilIdleAsync();
            Assert.DoesNotContain(member.Replies, r => Scripts.ReceiptCode().IsMatch(r.Text ?? ""));
            // Delivered again only once the bot is done with it: an update still in hand is not taken twice, and a loaded
            // machine can leave it in hand after the server fell quiet.
            await EventuallyAsync(() => Server.ConfirmedOffsets.Any(offset => offset > submit.Id), "the submit was never confirmed");
        }

        // Telegram delivers it again to the process started after it (the same process steps over an update given again
        // once it was confirmed: only a server that ignores the offset does that).
        BotMessage receipt;
        await using (var bot = await StartBotAsync(settings))
        {
            Server.EnqueueUpdate(submit);
            receipt = await member.WaitForReplyAsync(r => Scripts.ReceiptCode().IsMatch(r.Text ?? ""));

            var report = await bot.Reports.FindByReceiptAsync(Scripts.ReceiptCode().Match(receipt.Text ?? "").Value);
            Assert.Equal(Scripts.Label().Match(receipt.Text ?? "").Value, report?.Label);
            var count = await bot.Services.GetRequiredService<CommunityBot.Storage.Database>().RunAsync(db => db.GetCollection("reports").Count());
            Assert.Equal(1, count);
            await Server.WaitUntilIdleAsync();
        }

        // Once delivered, no copy is kept: a third delivery, to yet another process, sends nothing more.
        await using (await StartBotAsync(settings))
        {
            Server.EnqueueUpdate(submit);
            await Server.WaitUntilIdleAsync();
        }
        Assert.Single(member.Replies, r => Scripts.ReceiptCode().IsMatch(r.Text ?? ""));
    }

    [Fact]
    public async Task AReceiptLostWithTheProcessReachesTheMemberEvenWhenTheyFloodedTheChatWhileItWasDown()
    {
        var member = Server.PrivateChatWith(userId: 700661, firstName: "C", username: null, languageCode: "ru");
        global::Telegram.Bot.Types.Update submit;
        await using (var bot = await StartBotAsync(new Dictionary<string, string?> { ["Telegram:ModeratorsChatId"] = null }))
        {
            await ReportUpToReviewAsync(member);
            // The report is stored, then the receipt does not get through, and the process that remembered whom it is
            // owed to stops.
            // Only once the review is out, so that the refusal meets the receipt and nothing before it.
            await Server.WaitUntilIdleAsync();
            Assert.Contains(member.Replies, r => r.Text?.Contains(T("ru", "review.prompt"), StringComparison.Ordinal) == true);
            Server.FailNext("sendMessage", 400, "Bad Request: chat not found");
            submit = await member.PressesAsync(T("ru", "nav.submit"));
            await Server.WaitUntilIdleAsync();
        }
        Assert.DoesNotContain(member.Replies, r => Scripts.ReceiptCode().IsMatch(r.Text ?? ""));

        // Telegram gives the submit again at the next start, among everything the worried member sent meanwhile: more
        // than a chat may have in hand, so the chat's updates are dropped as a flood. Wherever the submit falls in it
        // (here where the flood is already refused; first, where the flood begins while it waits in its chat's lane),
        // it is not dropped with the rest.
        for (var i = 0; i < 30; i++)
        {
            await member.SendsAsync("Алло? Где мой код?");
            if (i == 20)
            {
                Server.EnqueueUpdate(submit);
            }
        }
        await using (var bot = await StartBotAsync(new Dictionary<string, string?> { ["Telegram:ModeratorsChatId"] = null }))
        {
            var receipt = await member.WaitForReplyAsync(r => Scripts.ReceiptCode().IsMatch(r.Text ?? ""));

            var report = await bot.Reports.FindByReceiptAsync(Scripts.ReceiptCode().Match(receipt.Text ?? "").Value);
            Assert.Equal(Scripts.Label().Match(receipt.Text ?? "").Value, report?.Label);
            Assert.Contains(member.Replies, r => r.Text == T("ru", "tg.slow_down"));
        }
    }

    [Fact]
    public async Task AReceiptThatReachedTheMemberIsNotKeptAndMarkersKeepOnlyTheHour()
    {
        await using var bot = await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 700670, firstName: "C", username: null, languageCode: "ru");
        CodeIn(await ReportAsync(member, "ru"));
        await Server.WaitUntilIdleAsync();

        var database = bot.Services.GetRequiredService<CommunityBot.Storage.Database>();
        var markers = await StoredMarkers.DocumentsAsync(database);
        // The copy goes once Telegram has taken the message; that follows the reply, so wait for it boundedly.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (markers.Any(marker => marker.ContainsKey("receipt")) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            markers = await StoredMarkers.DocumentsAsync(database);
        }

        Assert.NotEmpty(markers);
        Assert.DoesNotContain(markers, marker => marker.ContainsKey("receipt"));
        Assert.All(markers, marker => Assert.Equal(0, marker["at"].AsInt64 % 3600));
    }

    [Fact]
    public async Task AnAnswerDeliveredAgainAfterARestartShowsTheOpenQuestionAgainAndChangesNothing()
    {
        var member = Server.PrivateChatWith(userId: 700650, firstName: "C", username: null, languageCode: "ru");
        Update pressed;
        BotMessage asked;
        await using (await StartBotAsync())
        {
            await Do(member, m => m.SendsAsync("/report"));
            await Do(member, m => m.PressesAsync(T("ru", "consent.accept")));
            pressed = await member.PressesAsync(T("ru", "category.hospital"));
            asked = await member.WaitForReplyAsync();
            await EventuallyAsync(() => Server.ConfirmedOffsets.Any(offset => offset > pressed.Id), "the press was never confirmed");
        }

        // As after a crash between storing the answer and sending the next question: Telegram delivers it again to the
        // process started after it. (The same process steps over an update given again once it was confirmed: only a
        // server that ignores the offset does that.)
        Server.EnqueueUpdate(pressed);
        await using var bot = await StartBotAsync();
        var again = await member.WaitForReplyAsync();
        var next = await Do(member, m => m.PressesAsync(T("ru", "affected.me")));

        Assert.Contains(T("ru", "affected.prompt"), asked.Text);
        Assert.Equal(asked.Text, again.Text);
        Assert.Contains(T("ru", "when.prompt"), next.Text);
    }

    private static async Task ReportUpToReviewAsync(FakeMember member)
    {
        await Do(member, m => m.SendsAsync("/report"));
        await Do(member, m => m.PressesAsync(T("ru", "consent.accept")));
        await Do(member, m => m.PressesAsync(T("ru", "category.take_home")));
        await Do(member, m => m.PressesAsync(T("ru", "affected.me")));
        await Do(member, m => m.PressesAsync(T("ru", "date.today")));
        await Do(member, m => m.PressesAsync("Алматы (город)"));
        await Do(member, m => m.PressesAsync("Алматы"));
        await Do(member, m => m.PressesAsync(T("ru", "facility_kind.ost_site")));
        await Do(member, m => m.PressesAsync("Кабинет ОЗТ"));
        await Do(member, m => m.SendsAsync("Не дают дозу на руки, хотя я работаю и не могу приходить каждый день."));
        await member.PressesAsync(T("ru", "consequences.missed_doses"));
        await Do(member, m => m.PressesAsync(T("ru", "nav.done")));
        await Do(member, m => m.PressesAsync(T("ru", "yesno.no")));
        await Do(member, m => m.PressesAsync(T("ru", "yesno.yes")));
        await Do(member, m => m.PressesAsync(T("ru", "yesno.no")));
    }

    [Fact]
    public async Task ATooManyRequestsAnswerIsWaitedOutAndTheReplyStillArrives()
    {
        await using var bot = await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 700700, firstName: "D", username: null, languageCode: "en");
        Server.FailNext("sendMessage", 429, "Too Many Requests: retry after 1", retryAfter: 1);

        var reply = await Do(member, m => m.SendsAsync("/help"));

        Assert.Contains("/report", reply.Text);
        var sends = Server.Calls("sendMessage").Where(c => c.ChatId == member.ChatId).ToList();
        Assert.True(sends.Count >= 2);
        Assert.True(sends[^1].ReceivedAt - sends[0].ReceivedAt >= TimeSpan.FromSeconds(0.9), "the second try came before retry_after");
    }

    [Fact]
    public async Task ABurstToOneGroupKeepsWithinTheConfiguredRates()
    {
        await using var bot = await StartBotAsync(new Dictionary<string, string?>
        {
            ["Telegram:Rates:PerChatPerSecond"] = "40",
            ["Telegram:Rates:PerGroupPerMinute"] = "2400",
            ["Telegram:Rates:GlobalPerSecond"] = "60",
            // The whole burst is let in, so that every one of its answers meets the limiter.
            ["Telegram:MaxUpdatesInHandPerChat"] = "200",
        });
        var group = Server.Group(TelegramBotHost.CommunityChatId, "ОЗТ Алматы");
        var bob = Server.PrivateChatWith(userId: 700800, firstName: "Bob", username: null, languageCode: "ru");

        for (var i = 0; i < 200; i++)
        {
            await group.MemberSaysAsync(bob, "/report");
        }
        await Server.WaitUntilIdleAsync(TimeSpan.FromSeconds(60), quietPeriod: TimeSpan.FromSeconds(3));

        var times = Server.Calls("sendMessage").Where(c => c.ChatId == TelegramBotHost.CommunityChatId).Select(c => c.ReceivedAt).Order().ToList();
        Assert.Equal(200, times.Count);
        for (var i = 0; i + 40 < times.Count; i++)
        {
            Assert.True(times[i + 40] - times[i] >= TimeSpan.FromSeconds(1), $"more than 40 messages within a second at #{i}");
        }
    }

    [Fact]
    public async Task TheInterviewSurvivesARestartOfTheService()
    {
        var member = Server.PrivateChatWith(userId: 700900, firstName: "E", username: null, languageCode: "ru");
        await using (var first = await StartBotAsync())
        {
            await Do(member, m => m.SendsAsync("/report"));
            await Do(member, m => m.PressesAsync(T("ru", "consent.accept")));
            await Do(member, m => m.PressesAsync(T("ru", "category.hospital")));
        }

        await using var second = await StartBotAsync();
        var reply = await Do(member, m => m.PressesAsync(T("ru", "affected.me")));

        Assert.Contains(T("ru", "when.prompt"), reply.Text);
    }

    [Fact]
    public async Task AnAdditionSentAfterARestartDoesNotStartANewReport()
    {
        var member = Server.PrivateChatWith(userId: 700950, firstName: "F", username: null, languageCode: "ru");
        string code;
        await using (var first = await StartBotAsync())
        {
            code = CodeIn(await ReportAsync(member, "ru"));
            await Do(member, m => m.SendsAsync("/add " + code));
        }

        await using var second = await StartBotAsync();
        var reply = await Do(member, m => m.SendsAsync("Забыла добавить: это было уже второй раз, и медсестра снова сказала, что лицензии нет."));

        Assert.Contains(T("ru", "add.restarted"), reply.Text);
        Assert.DoesNotContain(T("ru", "chat.story_kept"), reply.Text);
        var report = await second.Reports.FindByReceiptAsync(code);
        Assert.NotNull(report);
        Assert.Empty(report.Additions);
        var welcome = await Do(member, m => m.SendsAsync("Привет"));
        Assert.DoesNotContain(T("ru", "draft.resumed"), welcome.Text);
    }

    [Fact]
    public async Task NoTelegramIdentityReachesTheDatabaseOrTheLog()
    {
        await using (var bot = await StartBotAsync())
        {
            var zarina = Server.PrivateChatWith(userId: CanaryUserId, firstName: CanaryFirstName, username: CanaryUsername, languageCode: "ru");
            var code = CodeIn(await ReportAsync(zarina, "ru"));
            await Do(zarina, m => m.SendsAsync("/status " + code));
            await Do(zarina, m => m.SendsStickerAsync());
            var group = Server.Group(TelegramBotHost.CommunityChatId, "ОЗТ Алматы");
            await group.MemberSaysAsync(zarina, "вчера опять не дали метадон в больнице, сказали нет лицензии");
            await group.WaitForReplyAsync();
        }

        var files = Directory.EnumerateFiles(Data.Path, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("keys.json", StringComparison.Ordinal)).ToList();
        Assert.Contains(files, f => f.Contains("logs", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            foreach (var canary in new[] { CanaryUserId.ToString(CultureInfo.InvariantCulture), CanaryUsername, CanaryFirstName, "История-канарейка-42", "лицензии" })
            {
                Assert.False(RawBytes.Contain(bytes, canary), $"{Path.GetFileName(file)} holds '{canary}'");
            }
        }
    }
}
