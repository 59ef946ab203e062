using CommunityBot.Tests.Support.FakeGraph;

namespace CommunityBot.Tests.Channels.Messenger;

/// <summary>A word of a quick reply typed alone is that quick reply, even when it is also a command's keyword:
/// "начать" under "Да, начать" agrees and begins, it does not open the interview again.</summary>
public sealed class MessengerKeywordInALabelTests : MessengerScenario
{
    [Theory]
    [InlineData("ru", "начать")]
    [InlineData("ru", "Начать!")]
    [InlineData("en", "start")]
    public async Task TheKeywordOfTheConsentsYesTypedAloneBeginsTheInterview(string language, string typed)
    {
        await StartBotAsync();
        var member = Member("7001000000000721");
        await member.TypeAsync("language " + language);
        await member.TypeAsync("report");

        var next = await member.TypeAsync(typed);

        Assert.StartsWith(Texts.Get(language, "category.prompt"), next[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeywordThatNamesNoChoiceOfTheQuestionIsStillTheCommand()
    {
        await StartBotAsync();
        var member = Member("7001000000000722");
        await member.TypeAsync("report");
        await member.TypeAsync("да");
        var category = member.LastQuestion;

        var again = await member.TypeAsync("начать");

        Assert.StartsWith(Texts.Get("ru", "draft.resumed"), again[^1].Text, StringComparison.Ordinal);
        Assert.EndsWith(category.Text, again[^1].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ru", "Согласна")]
    [InlineData("ru", "согласен")]
    [InlineData("ru", "Давайте")]
    [InlineData("en", "Sure")]
    [InlineData("en", "I agree")]
    [InlineData("kk", "Келісемін")]
    public async Task AgreeingInWordsAtTheConsentBeginsTheInterview(string language, string typed)
    {
        await StartBotAsync();
        var member = Member("7001000000000723");
        await member.TypeAsync("language " + language);
        await member.TypeAsync("report");

        var next = await member.TypeAsync(typed);

        Assert.StartsWith(Texts.Get(language, "category.prompt"), next[^1].Text, StringComparison.Ordinal);
    }
}
