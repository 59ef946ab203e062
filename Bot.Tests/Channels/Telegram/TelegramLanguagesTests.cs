using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>Which language a member is answered in, and the command menu of each language.</summary>
public sealed class TelegramLanguagesTests : TelegramScenario
{
    [Fact]
    public async Task AMemberWhoseTelegramIsInKazakhIsAnsweredInKazakh()
    {
        await using var bot = await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 700050, firstName: "Ә", username: null, languageCode: "kk");

        var welcome = await Do(member, m => m.SendsAsync("/start"));
        await Do(member, m => m.PressesAsync(T("kk", "consent.accept")));
        var category = await Do(member, m => m.PressesAsync(T("kk", "category.hospital")));

        Assert.Contains(T("kk", "consent.prompt")[..40], welcome.Text);
        Assert.Contains(T("kk", "affected.prompt"), category.Text);
        Assert.Empty(Server.UnknownCalls);
    }

    [Fact]
    public async Task ARussianSpeakingMemberIsOfferedKazakhByNameAndCanSwitchToIt()
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(700060);

        var offered = await Do(member, m => m.SendsAsync("/language"));
        var switched = await Do(member, m => m.SendsAsync("/language kk"));

        Assert.Contains("kk (Қазақша)", offered.Text);
        Assert.Contains(T("kk", "category.prompt"), switched.Text);
        Assert.Contains(T("kk", "language.changed"), string.Join("\n", member.Replies.Select(message => message.Text)));
    }

    [Theory]
    [InlineData("/language")]
    [InlineData("/language uz")]
    public async Task ALanguageListAskedForInTheMiddleOfAnInterviewIsFollowedByTheOpenQuestion(string typed)
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(700070);

        var offered = await Do(member, m => m.SendsAsync(typed));

        Assert.Contains("kk (Қазақша)", offered.Text);
        Assert.Contains(T("ru", "category.prompt"), offered.Text);
        Assert.Contains(T("ru", "category.hospital"), offered.ButtonTexts);
    }

    [Fact]
    public async Task TheCommandMenuIsSetInKazakhForKazakhApps()
    {
        await using var bot = await StartBotAsync();

        await EventuallyAsync(() => Server.Calls("setMyCommands").Any(c => c.String("language_code") == "kk"), "the Kazakh command menu");

        var kazakh = Server.Calls("setMyCommands").Single(c => c.String("language_code") == "kk");
        var descriptions = kazakh.Parameters["commands"]?.AsArray().Select(c => c?["description"]?.GetValue<string>()) ?? [];
        Assert.Contains(T("kk", "cmd.report"), descriptions);
    }
}
