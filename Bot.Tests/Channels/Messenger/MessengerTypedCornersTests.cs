using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeGraph;

namespace CommunityBot.Tests.Channels.Messenger;

public sealed class MessengerTypedCornersTests : MessengerScenario
{
    [Fact]
    public async Task AnEditedMessageIsAnsweredWithAWordToSendItAgainAndTheQuestionComesAgain()
    {
        await StartBotAsync();
        var member = Member("7001000000000101");
        await member.TypeAsync("report");
        await member.TypeAsync("да");
        await member.TypeAsync("1");
        var question = member.LastQuestion;

        var answer = await member.EditAsync("Со мной");

        var reply = Assert.Single(answer);
        Assert.StartsWith(Texts.Get("ru", "fb.edit_not_seen"), reply.Text, StringComparison.Ordinal);
        Assert.EndsWith(question.Text, reply.Text, StringComparison.Ordinal);
        Assert.Equal(question.QuickReplies.AsEnumerable(), reply.QuickReplies.AsEnumerable());
    }

    [Fact]
    public async Task AnEditedMessageOutsideAnInterviewIsAnsweredToo()
    {
        await StartBotAsync();
        var member = Member("7001000000000102");

        var answer = await member.EditAsync("Мне отказали в дозе");

        Assert.Equal(Texts.Get("ru", "fb.edit_not_seen"), Assert.Single(answer).Text);
    }

    [Fact]
    public async Task StatusWithAMistypedCodeAndNoSlashIsAnsweredAsWithASlash()
    {
        await StartBotAsync();
        var member = Member("7001000000000103");

        var slashed = await member.TypeAsync("/status XC89-D5LJ-HL6Y");
        var typed = await member.TypeAsync("status XC89-D5LJ-HL6Y");
        var russian = await member.TypeAsync("статус xc89 d5lj hl6y 4ef");

        Assert.Equal(slashed.Single().Text, typed.Single().Text);
        Assert.Equal(slashed.Single().Text, russian.Single().Text);
        Assert.NotEqual(Texts.Get("ru", "chat.welcome"), typed.Single().Text);
    }

    [Fact]
    public void AShortStoryBeginningWithAKeywordIsStillAStory()
    {
        Assert.Null(CommunityBot.Channels.Messenger.MessengerCommand.Parse("Статус 2 дня не меняется"));
        Assert.Null(CommunityBot.Channels.Messenger.MessengerCommand.Parse("delete 3 messages please"));
        Assert.Null(CommunityBot.Channels.Messenger.MessengerCommand.Parse("Удалить меня из программы хотят"));
    }

    [Fact]
    public async Task AddTypedAsДобавитьWithTheCodeAsksWhatToAdd()
    {
        await StartBotAsync();
        var member = Member("7001000000000105");
        foreach (var line in Scripts.WholeReport(Scripts.RussianStory))
        {
            await member.TypeAsync(line == "/report" ? "report" : line);
        }
        var code = Scripts.ReceiptCode().Match(member.AllText).Value;

        var asked = await member.TypeAsync("Добавить " + code);
        await member.TypeAsync("Потом главврач вызвал меня и извинился.");

        var report = await Bot.Reports.FindByReceiptAsync(code);
        Assert.NotNull(report);
        Assert.StartsWith(Texts.Get("ru", "add.prompt", ("label", report.Label)), asked.Single().Text, StringComparison.Ordinal);
        Assert.Contains(report.Additions, a => a.Text.Contains("главврач", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CancelPressedOnTheFirstScreenStopsTheInterview()
    {
        await StartBotAsync();
        var member = Member("7001000000000106");
        await member.TypeAsync("report");

        var cancelled = await member.PressAsync("✕ " + Texts.Get("ru", "nav.cancel"));

        Assert.Equal(Texts.Get("ru", "cancelled"), cancelled.Single().Text);
        Assert.Equal(Texts.Get("ru", "chat.welcome"), (await member.TypeAsync("2")).Single().Text);
    }

    [Fact]
    public async Task AStoryTypedWhereThePlaceIsToBeWrittenIsKeptWithoutAskingToPickAnOption()
    {
        await StartBotAsync();
        var member = Member("7001000000000107");
        foreach (var line in new[] { "report", "да", "2", "1", "вчера", "1", "1", "1" })
        {
            await member.TypeAsync(line);                          // up to a place with no list: its name is written
        }
        Assert.Empty(member.LastQuestion.QuickReplies.Where(q => !q.Title.StartsWith('‹') && !q.Title.StartsWith('✕')));

        var story = string.Concat(Enumerable.Repeat("В больнице отказали в дозе, сказали идти в кабинет ОЗТ самому. ", 20));
        var kept = await member.TypeAsync(story);

        var notice = kept[0].Text.Split("\n\n")[0];
        Assert.Equal(Texts.Get("ru", "text.kept_for_story"), notice);
        Assert.DoesNotContain("выберите", notice, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("pick", Texts.Get("en", "text.kept_for_story"), StringComparison.OrdinalIgnoreCase);
    }
}
