using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>A member who writes to the bot for the first time, as people do: often with the story itself.</summary>
public sealed class TelegramFirstContactTests : TelegramScenario
{
    private const string Story = "Вчера в городской больнице мне не дали метадон, сказали, что у них нет лицензии, и отправили домой.";

    private static string T(string key) => Texts.Get("ru", key);

    [Fact]
    public async Task AStorySentAsTheFirstMessageOffersAReportAndWaitsAtTheStoryQuestion()
    {
        await using var bot = await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 760100, firstName: "N", username: null, languageCode: "ru");

        await member.SendsAsync(Story);
        var offer = await member.WaitForReplyAsync(m => m.ButtonTexts.Contains(T("consent.accept")));
        var said = string.Join("\n", member.Replies.Select(m => m.Text));
        Assert.Contains(T("chat.story_kept")[..30], said, StringComparison.Ordinal);
        Assert.DoesNotContain(T("chat.welcome")[..30], said, StringComparison.Ordinal);
        Assert.Contains(T("consent.prompt")[..30], offer.Text ?? "", StringComparison.Ordinal);

        await Do(member, m => m.PressesAsync(T("consent.accept")));
        await Do(member, m => m.PressesAsync(T("category.hospital")));
        await Do(member, m => m.PressesAsync(T("affected.me")));
        await Do(member, m => m.PressesAsync(T("date.yesterday")));
        await Do(member, m => m.PressesAsync("Алматы (город)"));
        await Do(member, m => m.PressesAsync("Алматы"));
        await Do(member, m => m.PressesAsync(T("facility_kind.hospital")));
        var atStory = await Do(member, m => m.SendsAsync("Городская больница №7"));
        Assert.Contains(Story[..40], atStory.Text ?? "", StringComparison.Ordinal);
        Assert.Contains(T("text.keep_current"), atStory.ButtonTexts);

        var next = await Do(member, m => m.PressesAsync(T("text.keep_current")));
        Assert.Contains(T("consequences.prompt")[..20], next.Text ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecliningTheOfferDeletesTheKeptText()
    {
        await using var bot = await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 760200, firstName: "N", username: null, languageCode: "ru");
        await member.SendsAsync(Story);
        await member.WaitForReplyAsync(m => m.ButtonTexts.Contains(T("consent.decline")));

        var declined = await Do(member, m => m.PressesAsync(T("consent.decline")));
        Assert.Contains(T("consent.declined")[..20], declined.Text ?? "", StringComparison.Ordinal);

        // Nothing is left to resume: /report starts afresh, with no story waiting.
        await Do(member, m => m.SendsAsync("/report"));
        Assert.DoesNotContain(T("draft.resumed"), Server.SentMessages(member.ChatId).Select(m => m.Text ?? ""));
    }

    [Theory]
    [InlineData("Привет!")]
    [InlineData("Здравствуйте, как тут написать?")]
    public async Task AGreetingIsAnsweredWithHowToBegin(string greeting)
    {
        await using var bot = await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 760300, firstName: "N", username: null, languageCode: "ru");

        var reply = await Do(member, m => m.SendsAsync(greeting));

        Assert.Contains(T("chat.welcome")[..30], reply.Text ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("true")]
    public async Task AnOldCommunityLinkSaysSoAndTheReportCanStillBeMadeHere(string? requireMembership)
    {
        await using var bot = await StartBotAsync(new Dictionary<string, string?> { ["Telegram:RequireMembership"] = requireMembership });
        var member = Server.PrivateChatWith(userId: 760400, firstName: "N", username: null, languageCode: "ru");

        var reply = await Do(member, m => m.SendsAsync("/start old-almaty-link"));

        Assert.StartsWith(T("tg.link_unknown"), reply.Text, StringComparison.Ordinal);
        Assert.Contains(T("consent.accept"), reply.ButtonTexts);
    }

    [Fact]
    public async Task AnOldCommunityLinkOpenedDuringAnInterviewSaysSoAndShowsTheOpenQuestion()
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(760500);

        var reply = await Do(member, m => m.SendsAsync("/start old-almaty-link"));

        Assert.StartsWith(T("tg.link_unknown"), reply.Text, StringComparison.Ordinal);
        Assert.Contains(T("category.hospital"), reply.ButtonTexts);
    }

    [Fact]
    public async Task AWorkingCommunityLinkSaysNothingAboutOldLinks()
    {
        await using var bot = await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 760600, firstName: "N", username: null, languageCode: "ru");

        var reply = await Do(member, m => m.SendsAsync("/start " + TelegramBotHost.CommunityLink));

        Assert.DoesNotContain(T("tg.link_unknown"), reply.Text, StringComparison.Ordinal);
        Assert.Contains(T("consent.accept"), reply.ButtonTexts);
    }
}
