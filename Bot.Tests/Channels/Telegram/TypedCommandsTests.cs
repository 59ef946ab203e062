using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>Commands as members type them in their private chat: in their own alphabet, or with their story after them.</summary>
public sealed class TypedCommandsTests : TelegramScenario
{
    [Theory]
    [InlineData("ru", "/отмена")]
    [InlineData("kk", "/болдырмау")]
    // "Cancel" begun on a Russian keyboard: the first letter is the Cyrillic "С".
    [InlineData("en", "/Сancel")]
    public async Task ACancelTypedInTheMembersAlphabetCancelsTheInterview(string language, string typed)
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(746001, language);

        var reply = await Do(member, m => m.SendsAsync(typed));

        Assert.Contains(T(language, "cancelled"), reply.Text);
    }

    [Fact]
    public async Task ACancelTypedInRussianWhereAPlaceIsAskedIsNotKeptAsThePlace()
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(746002);
        await Do(member, m => m.PressesAsync(T("ru", "category.tb")));
        await Do(member, m => m.PressesAsync(T("ru", "affected.me")));
        await Do(member, m => m.PressesAsync(T("ru", "date.today")));
        await Do(member, m => m.PressesAsync("Алматы (город)"));
        await Do(member, m => m.PressesAsync("Алматы"));
        await Do(member, m => m.PressesAsync(T("ru", "facility_kind.tb_hospital")));

        var cancelled = await Do(member, m => m.SendsAsync("/Отмена"));
        var started = await Do(member, m => m.SendsAsync("/report"));

        Assert.Contains(T("ru", "cancelled"), cancelled.Text);
        Assert.Contains(T("ru", "consent.prompt")[..40], started.Text);
    }

    [Theory]
    [InlineData("ru", "/report Вчера в больнице мне не дали метадон, врач сказал, что у них нет лицензии.")]
    [InlineData("en", "/report Yesterday the hospital refused to give me methadone, the doctor said they had no licence.")]
    [InlineData("ru", "/start Вчера в больнице мне не дали метадон, врач сказал, что у них нет лицензии.")]
    [InlineData("kk", "/report Кеше ауруханада маған метадон бермеді, дәрігер лицензия жоқ деді.")]
    public async Task AStoryTypedAfterReportOrStartIsKeptAsTheStory(string language, string typed)
    {
        await using var bot = await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 746003, firstName: "M", username: null, languageCode: language);

        var offer = await Do(member, m => m.SendsAsync(typed));

        Assert.Contains(T(language, "chat.story_kept")[..30], offer.Text);
        Assert.Equal([T(language, "consent.accept"), T(language, "consent.decline"), "✕ " + T(language, "nav.cancel")], offer.ButtonTexts);
    }

    [Fact]
    public async Task AStoryTypedAfterReportWhileAnInterviewIsOpenIsKeptForTheStoryQuestion()
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(746004);

        var reply = await Do(member, m => m.SendsAsync("/report В больнице мне не дали метадон, врач сказал, что у них нет лицензии."));

        Assert.StartsWith(T("ru", "text.kept_for_story")[..30], reply.Text);
        Assert.Contains(T("ru", "category.prompt"), reply.Text);
    }
}
