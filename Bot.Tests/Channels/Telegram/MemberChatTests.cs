using CommunityBot.Conversations;
using CommunityBot.Privacy;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>What a member's phone and their community group show of them, end to end through the fake Bot API.</summary>
public sealed class MemberChatTests : TelegramScenario
{
    private const string Story = "В больнице три дня не давали метадон. Фраза-для-проверки-очистки-чата.";

    private static string T(string key) => Texts.Get("ru", key);

    private static async Task<BotMessage> SubmitAsync(FakeMember member)
    {
        await Do(member, m => m.SendsAsync("/report"));
        await Do(member, m => m.PressesAsync(T("consent.accept")));
        return await ReportFromCategoryAsync(member, followUp: false, Story);
    }

    [Fact]
    public async Task AfterTheReceiptOnePressDeletesTheWholeInterviewFromBothSidesAndTheReportStays()
    {
        await using var bot = await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 742001, firstName: "M", username: null, languageCode: "ru");
        await Do(member, m => m.SendsAsync("/help"));

        var receipt = await SubmitAsync(member);
        var code = Scripts.ReceiptCode().Match(receipt.Text ?? "").Value;
        Assert.Contains("/forget", receipt.Text);
        Assert.Contains(T("receipt.clear_hint")[..30], receipt.Text);
        Assert.Equal([T("receipt.clear_button")], receipt.ButtonTexts);
        Assert.Contains(Server.VisibleTexts(member.ChatId), text => text.Contains(Story, StringComparison.Ordinal));

        await member.PressesAsync(T("receipt.clear_button"));
        await EventuallyAsync(() => Server.VisibleTexts(member.ChatId).Count == 2, "the interview is deleted from the chat");

        // What came before the interview stays; the interview, the story and the code are gone from the chat.
        var left = Server.VisibleTexts(member.ChatId);
        Assert.Equal("/help", left[0]);
        Assert.DoesNotContain(left, text => text.Contains(code, StringComparison.Ordinal) || text.Contains(Story, StringComparison.Ordinal));
        await EventuallyAsync(() => Server.Calls("answerCallbackQuery").Any(c => c.String("text") == T("receipt.cleared")),
            "the member is told the chat is cleared");
        var report = await bot.Reports.FindByReceiptAsync(code);
        Assert.Equal(new TextAnswer(Story), report?.Answers["narrative"]);
    }

    [Fact]
    public async Task WhenTelegramRefusesToDeleteTheMemberIsToldHowToDeleteTheChatThemselves()
    {
        await using var bot = await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 742003, firstName: "M", username: null, languageCode: "ru");
        await SubmitAsync(member);
        Server.FailNext("deleteMessages", 400, "Bad Request: message can't be deleted for everyone");

        await member.PressesAsync(T("receipt.clear_button"));
        await EventuallyAsync(() => Server.Calls("answerCallbackQuery").Any(c => c.String("text") == T("receipt.clear_failed")),
            "the member is told that the chat could not be cleared");
    }

    [Fact]
    public async Task AClearPressFromSomeoneElseDeletesNothing()
    {
        await using var bot = await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 742002, firstName: "M", username: null, languageCode: "ru");
        var receipt = await SubmitAsync(member);
        var before = Server.VisibleTexts(member.ChatId).Count;

        await member.PressesForgedAsync("c:1");
        await Server.WaitUntilIdleAsync();

        // A forged press in the member's own chat can clear only their own chat; nothing else moves.
        Assert.True(Server.VisibleTexts(member.ChatId).Count <= before);
        Assert.NotNull(await bot.Reports.FindByReceiptAsync(Scripts.ReceiptCode().Match(receipt.Text ?? "").Value));
    }

    [Theory]
    [InlineData("мой код 7K3Q-XM2P-4HNA-9TWE, что делать?")]
    [InlineData("7k3qxm2p4hna9twe")]
    [InlineData("вот: 7K3Q XM2P 4HNA 9TWE")]
    [InlineData("код 7К3Q-ХМ2Р-4НNА-9ТWЕ")]
    public async Task AnyGroupMessageHoldingSomethingShapedLikeAReceiptCodeIsDeletedWithAWarning(string text)
    {
        await using var bot = await StartBotAsync();
        var group = Server.Group(TelegramBotHost.CommunityChatId, "ОЗТ Алматы");
        var bob = Server.PrivateChatWith(userId: 742100, firstName: "Bob", username: null, languageCode: "ru");

        await group.MemberSaysAsync(bob, text);
        var warning = await group.WaitForReplyAsync();

        Assert.Equal(T("tg.code_in_group"), warning.Text);
        Assert.DoesNotContain(Server.VisibleTexts(group.ChatId), shown => shown == text);
    }

    [Theory]
    [InlineData("that test went well")]
    [InlineData("Встреча в 12:30, телефон 8 777 123 45 67")]
    [InlineData("ABCD-EFGH-JKLM")]
    [InlineData("Вступайте: https://t.me/+AbCdEfGhJkLmNpQr")]
    [InlineData("https://example.org/?start=AbCdEfGhJkLmNpQr")]
    public async Task AnOrdinaryGroupMessageIsLeftAlone(string text)
    {
        await using var bot = await StartBotAsync();
        var group = Server.Group(TelegramBotHost.CommunityChatId, "ОЗТ Алматы");
        var bob = Server.PrivateChatWith(userId: 742101, firstName: "Bob", username: null, languageCode: "ru");

        await group.MemberSaysAsync(bob, text);
        await Server.WaitUntilIdleAsync();

        Assert.Contains(text, Server.VisibleTexts(group.ChatId));
        Assert.Empty(group.BotMessages);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public async Task ANudgeIsAReplyToTheMembersMessageOnlyWhenTheCommunityAsksForIt(string? replyToMessage, bool reply)
    {
        await using var bot = await StartBotAsync(new Dictionary<string, string?> { ["Telegram:Nudges:ReplyToMessage"] = replyToMessage });
        var group = Server.Group(TelegramBotHost.CommunityChatId, "ОЗТ Алматы");
        var bob = Server.PrivateChatWith(userId: 742200, firstName: "Bob", username: null, languageCode: "ru");

        await group.MemberSaysAsync(bob, "вчера опять не дали метадон в больнице, сказали нет лицензии");
        var nudge = await group.WaitForReplyAsync();

        Assert.Equal(T("tg.nudge"), nudge.Text);
        Assert.Equal(reply, nudge.ReplyToMessageId is not null);
    }

    [Fact]
    public void TheCodeDetectorKnowsEveryFormTheCodeIsAcceptedIn()
    {
        var code = ReceiptCode.Format(ReceiptCode.Generate());
        Assert.True(ReceiptCode.Appears(code));
        // Joined and in lower case it is taken for a code only with a digit in it (sixteen lower-case letters may be a
        // word); about one generated code in a hundred has none.
        var joinedLower = code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        Assert.Equal(joinedLower.Any(char.IsDigit), ReceiptCode.Appears(joinedLower));
        Assert.True(ReceiptCode.Appears("7k3qxm2p4hna9twe"));
        Assert.False(ReceiptCode.Appears("kqxmphnatwekqxmp"));
        Assert.True(ReceiptCode.Appears("(" + code.Replace('-', ' ') + ")"));
        Assert.False(ReceiptCode.Appears(code[..^1]));
        Assert.False(ReceiptCode.Appears("X" + code.Replace("-", "", StringComparison.Ordinal)));
    }
}
