using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>The bot against a Bot API that answers as third-party emulators do: methods they lack refused with HTTP 500
/// and only a message, sent messages answered with <c>"result": null</c>. Members must still be answered, once each.</summary>
public sealed class EmulatedBotApiTests : TelegramScenario
{
    [Fact]
    public async Task ABotApiWithoutCommandMenusOrWebhooksStillGetsTheBotPolling()
    {
        Server.Lacks("setMyCommands", "deleteWebhook");
        await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 744001, firstName: "M", username: null, languageCode: "ru");

        var consent = await Do(member, m => m.SendsAsync("/start"));

        Assert.Contains(T("ru", "consent.prompt")[..20], consent.Text);
        Assert.NotEmpty(Server.Calls("setMyCommands"));
        Assert.NotEmpty(Server.Calls("deleteWebhook"));
    }

    [Fact]
    public async Task ABotApiWithoutGetChatStillGetsTheBotPollingWithABasicGroupConfigured()
    {
        Server.Lacks("getChat");
        Server.Group(-700000031, "ОЗТ Алматы");
        await StartBotAsync(new Dictionary<string, string?> { ["Telegram:Communities:0:ChatId"] = "-700000031" });
        var member = Server.PrivateChatWith(userId: 744011, firstName: "M", username: null, languageCode: "ru");

        var consent = await Do(member, m => m.SendsAsync("/start"));

        Assert.Contains(T("ru", "consent.prompt")[..20], consent.Text);
        Assert.NotEmpty(Server.Calls("getChat"));
        Assert.Single(Server.Calls("getMe"));
    }

    [Fact]
    public async Task ABotApiThatAnswersEmptyPollsAtOnceIsNotAskedAgainAtOnceWhileNobodyWrites()
    {
        Server.AnswersPollsAtOnce();
        await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 744021, firstName: "M", username: null, languageCode: "ru");
        await Do(member, m => m.SendsAsync("/start"));

        var before = Server.Calls("getUpdates").Count;
        await Task.Delay(TimeSpan.FromSeconds(1));
        var polls = Server.Calls("getUpdates").Count - before;

        // Asked again at once, such a server is asked thousands of times a second; with the pause, ten at the most
        // (a slower machine asks fewer times, never more).
        Assert.InRange(polls, 1, 1 + (int)(TimeSpan.FromSeconds(1) / CommunityBot.Channels.Telegram.TelegramPollingService.EmptyAnswerPause));
        var consent = await Do(member, m => m.SendsAsync("/start"));
        Assert.Contains(T("ru", "consent.prompt")[..20], consent.Text);
    }

    [Fact]
    public async Task ATelegramThatFailsDeleteWebhookForAMomentIsAskedAgainRatherThanSkipped()
    {
        // Telegram's own error (a 502 with the Bot API's body) is no missing method: a webhook left set would refuse polling.
        Server.FailNext("deleteWebhook", 502, "Bad Gateway");
        await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 744007, firstName: "M", username: null, languageCode: "ru");

        var consent = await Do(member, m => m.SendsAsync("/start"));

        Assert.Contains(T("ru", "consent.prompt")[..20], consent.Text);
        Assert.Equal(2, Server.Calls("deleteWebhook").Count);
    }

    [Fact]
    public async Task MessagesAnsweredWithoutAResultAreSentOnceAndATypedInterviewEndsInAReceipt()
    {
        Server.Lacks("setMyCommands");
        Server.AnswersWithoutResult("sendMessage", "editMessageText");
        await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 744002, firstName: "M", username: null, languageCode: "ru");

        await Do(member, m => m.SendsAsync("/start"));
        await Do(member, m => m.SendsAsync("1"));                       // the anonymity note: continue
        await Do(member, m => m.SendsAsync(T("ru", "category.hospital")));
        await Do(member, m => m.SendsAsync("1"));                       // it happened to me
        await Do(member, m => m.SendsAsync("вчера"));
        await Do(member, m => m.SendsAsync("Алматы (город)"));
        await Do(member, m => m.SendsAsync("Алматы"));
        await Do(member, m => m.SendsAsync(T("ru", "facility_kind.narcology")));
        await Do(member, m => m.SendsAsync("Городской наркологический центр"));
        await Do(member, m => m.SendsAsync("Три дня не давали метадон, сказали ждать выписки."));
        await Do(member, m => m.SendsAsync("1"));                       // the first consequence, typed: the whole answer
        await Do(member, m => m.SendsAsync(T("ru", "yesno.no")));           // reported nowhere else
        await Do(member, m => m.SendsAsync(T("ru", "yesno.yes")));          // facts may go into letters
        await Do(member, m => m.SendsAsync(T("ru", "yesno.no")));           // no questions through the bot
        var receipt = await Do(member, m => m.SendsAsync(T("ru", "nav.submit")));

        Assert.Matches(Scripts.ReceiptCode(), receipt.Text);
        // Each text went out once: a message the server took is not sent again because its answer held no result.
        var texts = Server.Calls("sendMessage").Where(c => c.ChatId == 744002).Select(c => c.Parameters["text"]?.ToString()).ToList();
        Assert.Equal(texts.Count, texts.Distinct().Count());
    }

    [Fact]
    public async Task ButtonsWorkWithABotApiThatCannotEditMessagesNorAnswerPresses()
    {
        // A method the server lacks is not asked again and again: each press used to hold the chat for seconds of
        // retries, long enough for the press to be handled twice and the question it answered to come again.
        Server.Lacks("editMessageText", "answerCallbackQuery", "editMessageReplyMarkup", "deleteMessage", "deleteMessages");
        await StartBotAsync();
        var member = await MemberAtCategoryAsync(744012);

        var affected = await Do(member, m => m.PressesAsync(T("ru", "category.hospital")));
        var when = await Do(member, m => m.PressesAsync(T("ru", "affected.me")));

        Assert.Contains(T("ru", "affected.prompt"), affected.Text);
        Assert.Contains(T("ru", "when.prompt"), when.Text);
        Assert.Single(Server.Calls("editMessageText"), c => c.Parameters["message_id"]?.GetValue<int>() == affected.MessageId);
    }

    [Fact]
    public async Task ButtonsOfMessagesWhoseIdsTheBotNeverLearnedStillWork()
    {
        Server.AnswersWithoutResult("sendMessage", "editMessageText");
        await StartBotAsync();
        var member = await MemberAtCategoryAsync(744003);

        var affected = await Do(member, m => m.PressesAsync(T("ru", "category.hospital")));
        var when = await Do(member, m => m.PressesAsync(T("ru", "affected.me")));

        Assert.Contains(T("ru", "affected.prompt"), affected.Text);
        Assert.Contains(T("ru", "when.prompt"), when.Text);
    }

    [Fact]
    public async Task AnUpdateTheBotCannotReadIsConfirmedAndTheNextOneAnswered()
    {
        await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 744004, firstName: "M", username: null, languageCode: "ru");
        // A press whose sender is a bare name: the library cannot build it.
        var unreadable = Server.EnqueueRawUpdate("callback_query", """ "callback_query":{"id":"77","from":"M","data":"x"}""");

        var consent = await Do(member, m => m.SendsAsync("/start"));

        Assert.Contains(T("ru", "consent.prompt")[..20], consent.Text);
        // Confirmed: a later poll's offset has passed it, so Telegram would not send it again.
        await EventuallyAsync(() => Server.Calls("getUpdates").Any(c => (c.Parameters["offset"]?.GetValue<int>() ?? 0) > unreadable),
            "a poll confirms the unreadable update");
    }

    [Fact]
    public async Task APressWhoseMessageCarriesNoIdOrDateAsAnEmulatorWritesItStillAnswers()
    {
        await StartBotAsync();
        var member = await MemberAtCategoryAsync(744005);
        var question = member.Replies.Last(m => m.Buttons.Count > 0);
        var data = question.Buttons.First(b => b.Text == T("ru", "category.hospital")).CallbackData;

        PressWithoutMessageId(744005, data);
        var affected = await member.WaitForReplyAsync(m => m.Text?.Contains(T("ru", "affected.prompt"), StringComparison.Ordinal) == true);

        Assert.NotNull(affected);
    }

    [Fact]
    public async Task ClearingAChatFromAReceiptWhoseIdIsUnknownDoesNotClaimItIsCleared()
    {
        await StartBotAsync();
        var member = await MemberAtCategoryAsync(744006);
        var receipt = await ReportFromCategoryAsync(member, followUp: false, "Три дня не давали метадон, сказали ждать выписки из больницы.");
        var data = receipt.Buttons.First(b => b.Text == T("ru", "receipt.clear_button")).CallbackData;

        PressWithoutMessageId(744006, data);

        await EventuallyAsync(() => Server.Calls("answerCallbackQuery").Any(c => c.Parameters["text"]?.ToString() == T("ru", "receipt.clear_failed")),
            "the member is told the chat could not be cleared");
        Assert.Empty(Server.Calls("deleteMessages"));
    }

    /// <summary>A press as an emulator writes it: the pressed message carries no id and no date.</summary>
    private void PressWithoutMessageId(long userId, string? data)
    {
        var who = $$"""{"id":{{userId}},"is_bot":false,"first_name":"M","username":"m"}""";
        Server.EnqueueRawUpdate("callback_query",
            $$$""" "callback_query":{"id":"5","from":{{{who}}},"message":{"from":{{{who}}},"chat":{"id":{{{userId}}},"first_name":"M","type":"private"}},"data":"{{{data}}}"}""");
    }
}
