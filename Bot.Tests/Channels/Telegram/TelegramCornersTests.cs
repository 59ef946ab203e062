using CommunityBot.Reports;
using CommunityBot.Conversations;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>The less travelled paths: supergroup migration, membership, edits, forwards, /forget.</summary>
public sealed class TelegramCornersTests : TelegramScenario
{


    private static string T(string key) => Texts.Get("ru", key);


    [Fact]
    public async Task AGroupThatBecomesASupergroupIsFollowed()
    {
        await using var bot = await StartBotAsync();
        Server.Group(TelegramBotHost.CommunityChatId, "ОЗТ Алматы");
        const long supergroupId = -1001000000777;
        var bob = Server.PrivateChatWith(userId: 710100, firstName: "Bob", username: null, languageCode: "ru");

        await Server.MigrateGroupAsync(TelegramBotHost.CommunityChatId, supergroupId);
        await Server.WaitUntilIdleAsync();
        var supergroup = Server.Group(supergroupId, "ОЗТ Алматы");
        await supergroup.MemberSaysAsync(bob, "/report");
        var answer = await supergroup.WaitForReplyAsync();

        Assert.StartsWith("https://t.me/", Assert.Single(answer.Buttons).Url);
        Assert.Empty(Server.Calls("leaveChat"));
    }

    [Fact]
    public async Task ACommunityLinkIsRefusedToSomeoneOutsideTheCommunityWhenMembershipIsRequired()
    {
        await using var bot = await StartBotAsync(new Dictionary<string, string?> { ["Telegram:RequireMembership"] = "true" });
        Server.Group(TelegramBotHost.CommunityChatId, "ОЗТ Алматы");
        var outsider = Server.PrivateChatWith(userId: 710200, firstName: "O", username: null, languageCode: "ru");
        var member = Server.PrivateChatWith(userId: 710201, firstName: "M", username: null, languageCode: "ru");
        Server.SetMembership(TelegramBotHost.CommunityChatId, member.UserId, "member");

        var refused = await Do(outsider, m => m.SendsAsync("/start " + TelegramBotHost.CommunityLink));
        var welcomed = await Do(member, m => m.SendsAsync("/start " + TelegramBotHost.CommunityLink));

        Assert.Contains("ОЗТ Алматы", refused.Text);
        Assert.Empty(refused.Buttons);
        Assert.Contains(T("consent.accept"), welcomed.ButtonTexts);
    }

    [Fact]
    public async Task AnEditOfARefusedAnswerIsReadAgainAndOtherEditsAreIgnoredPolitely()
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(710300);
        await Do(member, m => m.PressesAsync(T("category.hospital")));
        await Do(member, m => m.PressesAsync(T("affected.me")));

        var refused = await Do(member, m => m.SendsAsync("давно"));
        Assert.Contains(T("error.date.unrecognized")[..15], refused.Text);
        var accepted = await Do(member, m => m.EditsLastMessageAsync("12.03.2026"));
        Assert.Contains(T("region.prompt")[..15], accepted.Text);

        var ignored = await Do(member, m => m.EditsLastMessageAsync("13.03.2026"));
        Assert.Contains(T("tg.edited_ignored")[..15], ignored.Text);
    }

    [Fact]
    public async Task AnEditThatIsNotReadIsAnsweredWithTheOpenQuestionAgain()
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(710310);
        await Do(member, m => m.PressesAsync(T("category.hospital")));
        await Do(member, m => m.PressesAsync(T("affected.me")));
        await Do(member, m => m.SendsAsync("вчера"));

        var ignored = await Do(member, m => m.EditsLastMessageAsync("позавчера"));

        Assert.StartsWith(T("tg.edited_ignored"), ignored.Text);
        Assert.Contains(T("region.prompt"), ignored.Text);
        Assert.Contains("Алматы (город)", ignored.ButtonTexts);
    }

    [Fact]
    public async Task AForwardedMessageIsReadForItsTextOnly()
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(710400);
        var friend = Server.PrivateChatWith(userId: 710401, firstName: "Друг", username: "friend_handle", languageCode: "ru");
        await Do(member, m => m.PressesAsync(T("category.hospital")));
        await Do(member, m => m.PressesAsync(T("affected.someone")));

        var reply = await Do(member, m => m.ForwardsAsync("вчера", friend));

        Assert.Contains(T("region.prompt")[..15], reply.Text);
    }

    [Fact]
    public async Task AShortReplyToAnEarlierQuestionIsNotTakenForTheAnswerToTheOpenOne()
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(710410);
        await Do(member, m => m.PressesAsync(T("category.hospital")));
        await Do(member, m => m.PressesAsync(T("affected.me")));
        var when = member.LastReply;
        await Do(member, m => m.PressesAsync(T("date.today")));
        Assert.NotNull(when);

        // The member swipes to reply to the date question, already answered, to correct it.
        var reply = await Do(member, m => m.RepliesAsync(when, "12 марта"));

        Assert.Contains(T("chat.reply_to_answered"), reply.Text);
        Assert.Contains(T("region.prompt"), reply.Text);
        Assert.Contains("Алматы (город)", reply.ButtonTexts);
        var city = await Do(member, m => m.PressesAsync("Алматы (город)"));
        Assert.Contains(T("city.prompt"), city.Text);
    }

    [Fact]
    public async Task AReplyToTheOpenQuestionAnswersIt()
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(710420);
        await Do(member, m => m.PressesAsync(T("category.hospital")));
        await Do(member, m => m.PressesAsync(T("affected.me")));
        var region = await Do(member, m => m.PressesAsync(T("date.today")));

        var city = await Do(member, m => m.RepliesAsync(region, "Алматы (город)"));

        Assert.Contains(T("city.prompt"), city.Text);
    }

    [Fact]
    public async Task ALocationOrAVenueAtThePlaceQuestionIsNotKeptAndTheMemberIsToldHowToAnswer()
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(710430);
        await Do(member, m => m.PressesAsync(T("category.hospital")));
        await Do(member, m => m.PressesAsync(T("affected.me")));
        await Do(member, m => m.PressesAsync(T("date.today")));

        var located = await Do(member, m => m.SendsLocationAsync());
        var venue = await Do(member, m => m.SendsVenueAsync("Наркодиспансер", "ул. Абая, 1"));

        foreach (var reply in new[] { located, venue })
        {
            Assert.StartsWith(T("tg.location_refused"), reply.Text);
            Assert.Contains(T("region.prompt"), reply.Text);
            Assert.Contains("Алматы (город)", reply.ButtonTexts);
        }
        var city = await Do(member, m => m.PressesAsync("Алматы (город)"));
        Assert.Contains(T("city.prompt"), city.Text);
    }

    [Fact]
    public async Task ForgetDeletesTheChatsMessagesAndTheDraft()
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(710500);

        var done = await Do(member, m => m.SendsAsync("/forget"));

        Assert.Contains(T("forget.done")[..15], done.Text);
        Assert.NotEmpty(Server.DeletedMessages(member.ChatId));
        var after = await Do(member, m => m.SendsAsync("вчера"));
        Assert.Contains(T("chat.welcome")[..15], after.Text);
    }

    [Fact]
    public async Task ForgetThatCouldNotDeleteTheMessagesSaysSoAndStillDeletesTheDraft()
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(710510);
        // Telegram not reachable for deletions: every attempt answered 502.
        Server.FailNext("deleteMessages", 502, "Bad Gateway", times: 10);

        var said = await Do(member, m => m.SendsAsync("/forget"));
        var after = await Do(member, m => m.SendsAsync("вчера"));

        Assert.Equal(T("forget.not_deleted"), said.Text);
        Assert.Empty(Server.DeletedMessages(member.ChatId));
        Assert.Contains(T("chat.welcome")[..15], after.Text);
    }

    [Fact]
    public async Task AQuestionTelegramCouldNotTakeIsSentAgainOnceItCanAndTheAnswerIsKeptOnce()
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(710530);
        // The next question is refused by Telegram on every try the sender makes.
        Server.FailNext("sendMessage", 502, "Bad Gateway", times: 5);

        await member.PressesAsync(T("category.hospital"));
        var shown = await member.WaitForReplyAsync(m => m.Text?.Contains(T("affected.prompt"), StringComparison.Ordinal) == true);
        var next = await Do(member, m => m.PressesAsync(T("affected.me")));

        Assert.NotNull(shown);
        Assert.Contains(T("when.prompt"), next.Text);
        // Sent once when Telegram took it: five refused tries, then the question again.
        Assert.Equal(6, Server.Calls("sendMessage").Count(c => c.ChatId == member.ChatId
            && c.Parameters["text"]?.ToString().Contains(T("affected.prompt"), StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task BeingAddedToAnUnknownGroupMakesTheBotLeave()
    {
        await using var bot = await StartBotAsync();
        var adder = Server.PrivateChatWith(userId: 710600, firstName: "H", username: null, languageCode: "ru");

        await Server.BotAddedToGroupAsync(-1005550000123, "Чужая группа", adder);

        await EventuallyAsync(() => Server.Calls("leaveChat").Any(c => c.ChatId == -1005550000123), "the bot did not leave the unknown group");
    }

    [Fact]
    public async Task AnUnknownGroupThatAddsTheBotGetsOneGoodbyeForItsTwoNoticesOfIt()
    {
        await using var bot = await StartBotAsync();
        var adder = Server.PrivateChatWith(userId: 710601, firstName: "H", username: null, languageCode: "ru");

        await Server.BotAddedToGroupAsync(-1005550000124, "Чужая группа", adder);
        await EventuallyAsync(() => Server.Calls("leaveChat").Any(c => c.ChatId == -1005550000124), "the bot did not leave the unknown group");
        await Server.WaitUntilIdleAsync();

        Assert.Single(Server.Calls("leaveChat"), c => c.ChatId == -1005550000124);
        Assert.Single(Server.Calls("sendMessage"), c => c.ChatId == -1005550000124);
    }

    [Fact]
    public async Task AButtonPressedBySomeoneElseCannotTouchTheMembersReport()
    {
        await using var bot = await StartBotAsync();
        var alice = Server.PrivateChatWith(userId: 710700, firstName: "A", username: null, languageCode: "ru");
        var mallory = Server.PrivateChatWith(userId: 710701, firstName: "M", username: null, languageCode: "ru");
        await Do(alice, m => m.SendsAsync("/report"));
        var question = await Do(alice, m => m.PressesAsync(T("consent.accept")));

        // The same callback data, but sent by someone else.
        Server.MemberPresses(alice.ChatId, mallory.User, T("category.police"));
        await Server.WaitUntilIdleAsync();

        Assert.Contains(T("category.police"), alice.LastReply?.ButtonTexts ?? []);
        var next = await Do(alice, m => m.PressesAsync(T("category.hospital")));
        Assert.Contains(T("affected.prompt")[..10], next.Text);
        Assert.NotNull(question);
    }

    [Fact]
    public async Task MarkupTypedByAMemberIsShownAsText()
    {
        await using var bot = await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 710800, firstName: "<b>Eve</b>", username: null, languageCode: "ru");
        await Do(member, m => m.SendsAsync("/report"));
        await Do(member, m => m.PressesAsync(T("consent.accept")));
        await Do(member, m => m.PressesAsync(T("category.hospital")));
        await Do(member, m => m.PressesAsync(T("affected.me")));
        await Do(member, m => m.PressesAsync(T("date.today")));
        await Do(member, m => m.PressesAsync(T("nav.other")));
        await Do(member, m => m.SendsAsync("<b>Клиника</b> & Ко"));
        await Do(member, m => m.SendsAsync("Город <i>"));
        await Do(member, m => m.PressesAsync(T("facility_kind.hospital")));
        await Do(member, m => m.SendsAsync("Больница </pre>"));
        await Do(member, m => m.SendsAsync("Врач сказал <u>уходить</u> & не возвращаться, метадон не дали."));
        await Do(member, m => m.SendsAsync("1"));
        await Do(member, m => m.PressesAsync(T("yesno.no")));
        await Do(member, m => m.PressesAsync(T("yesno.yes")));

        var review = await Do(member, m => m.PressesAsync(T("yesno.no")));

        // The fake server refuses HTML it cannot parse; what the member sees is their own text, tags and all.
        Assert.Contains("<b>Клиника</b> & Ко", review.Text);
        Assert.Contains("Город <i>", review.Text);
        Assert.Contains("<u>уходить</u> & не", review.Text);
    }

    [Fact]
    public async Task PollingRecoversAfterTelegramFails()
    {
        await using var bot = await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 710900, firstName: "P", username: null, languageCode: "en");
        Server.FailNext("getUpdates", 502, "Bad Gateway", times: 2);

        var reply = await Do(member, m => m.SendsAsync("/help"));

        Assert.Contains("/report", reply.Text);
    }

    [Fact]
    public async Task TheWayBackToAMemberIsKeptOnlyWithConsentAndEncrypted()
    {
        await using var bot = await StartBotAsync();
        async Task<string> ReportAsync(long userId, string followUp)
        {
            var member = await MemberAtCategoryAsync(userId);
            foreach (var answer in new[] { "1", "1", "вчера", "1", "1", "1", "1", "Не дали метадон в больнице три дня подряд, врач отказал.", "1", "2", "1", followUp })
            {
                await Do(member, m => m.SendsAsync(answer));
            }
            var receipt = await Do(member, m => m.SendsAsync("1"));
            return Scripts.Label().Match(receipt.Text ?? "").Value;
        }

        var agreed = await bot.Reports.FindByLabelAsync(await ReportAsync(987654321001, "1"));
        var declined = await bot.Reports.FindByLabelAsync(await ReportAsync(710950, "2"));

        Assert.True(agreed?.FollowUpAvailable);
        Assert.Equal(FollowUpContact.Telegram(987654321001), await bot.FollowUps.FindAsync(agreed!.Id));
        Assert.False(declined?.FollowUpAvailable);
        Assert.Null(await bot.FollowUps.FindAsync(declined!.Id));
        var bytes = await File.ReadAllBytesAsync(Path.Combine(Data.Path, "communitybot.db"));
        Assert.False(RawBytes.Contain(bytes, "987654321001"));
        Assert.True(bytes.AsSpan().IndexOf(BitConverter.GetBytes(987654321001L)) < 0);
    }

    [Fact]
    public async Task WhenHandlingFailsTheMemberGetsAnApologyInTheirLanguage()
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(711000, "en");
        // The storage goes away under the bot: every update now fails inside the handler.
        bot.Services.GetRequiredService<CommunityBot.Storage.Database>().Dispose();

        var reply = await Do(member, m => m.PressesAsync(Texts.Get("en", "category.hospital")));

        Assert.Equal(Texts.Get("en", "error.generic"), reply.Text);
        var logs = Directory.EnumerateFiles(Path.Combine(Data.Path, "logs")).Select(File.ReadAllText).ToList();
        Assert.Contains(logs, l => l.Contains("failed", StringComparison.Ordinal) && l.Contains("Update", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnEditOfAnAdditionIsNotTakenIntoTheInterviewOpenBesideIt()
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(710900);
        var receipt = await ReportFromCategoryAsync(member, followUp: false, "Медсестра отказала в дозе и кричала при всех в коридоре.");
        var code = Scripts.ReceiptCode().Match(receipt.Text ?? "").Value;
        await Do(member, m => m.SendsAsync("/report"));
        await Do(member, m => m.PressesAsync(T("consent.accept")));
        await Do(member, m => m.SendsAsync("/add " + code));
        await Do(member, m => m.SendsAsync("Ещё: охранник тоже это видел."));

        var edited = await Do(member, m => m.EditsLastMessageAsync("Ещё: охранник тоже это видел, и врач в соседнем кабинете."));

        Assert.StartsWith(T("tg.edited_ignored"), edited.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(T("text.kept_for_story"), edited.Text, StringComparison.Ordinal);
        Assert.Contains(T("category.hospital"), edited.ButtonTexts);
    }
}
