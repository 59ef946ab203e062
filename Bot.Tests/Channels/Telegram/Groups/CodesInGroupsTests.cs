using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Channels.Telegram.Groups;

/// <summary>A receipt code that reaches a community group in a less usual way is taken down all the same.</summary>
public sealed class CodesInGroupsTests : TelegramScenario
{
    [Fact]
    public async Task AGroupMessageEditedToHoldAReceiptCodeIsDeletedWithAWarning()
    {
        await using var bot = await StartBotAsync();
        var group = Server.Group(TelegramBotHost.CommunityChatId, "ОЗТ Алматы");
        var bob = Server.PrivateChatWith(userId: 743100, firstName: "Bob", username: null, languageCode: "ru");
        await group.MemberSaysAsync(bob, "мой код ниже");
        await Server.WaitUntilIdleAsync();

        await group.MemberEditsAsync(bob, "мой код 7K3Q-XM2P-4HNA-9TWE");
        var warning = await group.WaitForReplyAsync();

        Assert.Equal(T("ru", "tg.code_in_group"), warning.Text);
        Assert.DoesNotContain(Server.VisibleTexts(group.ChatId), shown => shown.Contains("7K3Q", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnEditedGroupMessageWithoutACodeIsLeftAlone()
    {
        await using var bot = await StartBotAsync();
        var group = Server.Group(TelegramBotHost.CommunityChatId, "ОЗТ Алматы");
        var bob = Server.PrivateChatWith(userId: 743101, firstName: "Bob", username: null, languageCode: "ru");
        await group.MemberSaysAsync(bob, "встреча завтра");
        await Server.WaitUntilIdleAsync();

        await group.MemberEditsAsync(bob, "встреча завтра в 12:30");
        await Server.WaitUntilIdleAsync();

        Assert.Contains("встреча завтра в 12:30", Server.VisibleTexts(group.ChatId));
        Assert.Empty(group.BotMessages);
    }

    [Theory]
    [InlineData("/status abcd efgh jkmn pqrs")]
    [InlineData("/add abcdefghjkmnpqrs")]
    [InlineData("/delete «abcd efgh jkmn pqrs»")]
    public async Task ACodeWrittenAfterACommandInAGroupIsDeletedEvenInLowerCaseLetters(string text)
    {
        await using var bot = await StartBotAsync();
        var group = Server.Group(TelegramBotHost.CommunityChatId, "ОЗТ Алматы");
        var bob = Server.PrivateChatWith(userId: 743102, firstName: "Bob", username: null, languageCode: "ru");

        await group.MemberSaysAsync(bob, text);
        var warning = await group.WaitForReplyAsync();

        Assert.Equal(T("ru", "tg.code_in_group"), warning.Text);
        Assert.DoesNotContain(text, Server.VisibleTexts(group.ChatId));
    }
}
