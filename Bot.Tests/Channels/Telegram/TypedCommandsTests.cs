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

    [Theory]
    [InlineData("en", "/help what do I do", "/help", "help.text")]
    [InlineData("ru", "/help что мне делать", "/help", "help.text")]
    [InlineData("ru", "/foo моя история", "/foo", "chat.command_unknown")]
    [InlineData("kk", "/help не істеу керек", "/help", "help.text")]
    public async Task WordsAfterACommandThatTakesNoneAreNotTakenForTheAnswerAndTheMemberIsToldTheyWereNotKept(string language, string typed, string command, string answerKey)
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(746005, language);

        var reply = await Do(member, m => m.SendsAsync(typed));
        var chosen = await Do(member, m => m.PressesAsync(T(language, "category.tb")));

        Assert.Contains(T(language, answerKey), reply.Text);
        Assert.Contains(Texts.Get(language, "chat.words_not_kept", ("command", command)), reply.Text);
        // The open question comes last, with its buttons: the words were not taken for its answer.
        Assert.EndsWith(T(language, "category.prompt"), reply.Text);
        Assert.Contains(T(language, "category.tb"), reply.ButtonTexts);
        Assert.Contains(T(language, "affected.prompt"), chosen.Text);
    }

    [Fact]
    public async Task WordsAfterCancelAreNotDroppedSilently()
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(746010, "en");

        var reply = await Do(member, m => m.SendsAsync("/cancel I want to start again"));

        Assert.Equal(T("en", "cancelled") + "\n\n" + Texts.Get("en", "chat.words_not_kept", ("command", "/cancel")), reply.Text);
    }

    [Fact]
    public async Task AStoryTypedAfterCancelIsKeptForANewReport()
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(746006);

        var reply = await Do(member, m => m.SendsAsync("/cancel Вчера в больнице мне не дали метадон, врач сказал, что у них нет лицензии."));

        Assert.StartsWith(T("ru", "cancelled"), reply.Text);
        Assert.Contains(T("ru", "chat.story_kept")[..30], reply.Text);
        Assert.Equal([T("ru", "consent.accept"), T("ru", "consent.decline"), "✕ " + T("ru", "nav.cancel")], reply.ButtonTexts);
    }

    [Theory]
    [InlineData("/help Вчера в больнице мне не дали метадон, врач сказал, что у них нет лицензии.", "help.text")]
    [InlineData("/foo Вчера в больнице мне не дали метадон, врач сказал, что у них нет лицензии.", "chat.command_unknown")]
    public async Task AStoryTypedAfterHelpOrAnUnknownCommandIsKeptForTheStoryQuestion(string typed, string answerKey)
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(746007);

        var reply = await Do(member, m => m.SendsAsync(typed));

        Assert.StartsWith(T("ru", answerKey), reply.Text);
        Assert.Contains(T("ru", "text.kept_for_story")[..30], reply.Text);
        Assert.EndsWith(T("ru", "category.prompt"), reply.Text);
        // Asked once, after the notices.
        var text = reply.Text ?? "";
        Assert.Equal(text.IndexOf(T("ru", "category.prompt"), StringComparison.Ordinal), text.LastIndexOf(T("ru", "category.prompt"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task WordsAfterReportThatAreNoStoryAreNotDroppedSilently()
    {
        await using var bot = await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 746008, firstName: "M", username: null, languageCode: "en");

        var reply = await Do(member, m => m.SendsAsync("/report police took my pills"));

        Assert.Contains(Texts.Get("en", "chat.words_not_kept", ("command", "/report")), reply.Text);
        Assert.Equal([T("en", "consent.accept"), T("en", "consent.decline"), "✕ " + T("en", "nav.cancel")], reply.ButtonTexts);
    }

    [Theory]
    [InlineData("/language English", "en")]
    [InlineData("/language қазақша", "kk")]
    // Typed on a Russian keyboard, with the Russian letter in place of each Kazakh one.
    [InlineData("/language казакша", "kk")]
    [InlineData("/language Казакша.", "kk")]
    // Named in another of the region's languages, as members call it.
    [InlineData("/language казахский", "kk")]
    [InlineData("/language қазақ", "kk")]
    [InlineData("/language на английском", "en")]
    [InlineData("/language Kazakh", "kk")]
    [InlineData("казахский", "kk")]
    public async Task ALanguageNamedInItsOwnWordsAfterLanguageIsChosen(string typed, string language)
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(746009);

        var reply = await Do(member, m => m.SendsAsync(typed));

        Assert.Contains(T(language, "language.changed"), reply.Text);
        Assert.Contains(T(language, "category.prompt"), reply.Text);
    }
}
