using CommunityBot.Conversations;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Conversations;

/// <summary>A short sentence of the member's own at a question with choices ("в больнице не дали метадон") holds the
/// everyday words of one choice: that choice is taken; of several, the member is asked which.</summary>
public sealed class ChoiceInASentenceTests
{
    [Theory]
    [InlineData("ru", "в больнице не дали метадон", "hospital")]
    [InlineData("ru", "Вчера в стационаре не дали метадон!", "hospital")]
    [InlineData("ru", "менты забрали у кабинета", "police")]
    [InlineData("ru", "нас с другом забрали менты", "police")]
    [InlineData("ru", "в тубдиспансере не дают озт", "tb")]
    [InlineData("ru", "меня выгнали из программы за опоздание", "discharged")]
    [InlineData("en", "the cops took him at the site", "police")]
    [InlineData("kk", "кеше тубдиспансерде озт жоқ", "tb")]
    public void ASentenceWithOneChoicesWordsPicksIt(string language, string typed, string expected)
    {
        var chat = Transcript.Start(language).Press(ChoiceIds.Accept).Say(typed);

        Assert.Equal("affected", chat.StepId);
        Assert.Equal(new ChoiceAnswer(expected), chat.State?.Answers["category"]);
    }

    [Theory]
    [InlineData("менты забрали ребенка")]
    [InlineData("сам не знаю, менты наверное")]
    public void ASentenceWithSeveralChoicesWordsOrADoubtPicksNothing(string typed)
    {
        var chat = Transcript.Start("ru").Press(ChoiceIds.Accept).Say(typed);

        Assert.Equal("category", chat.StepId);
        Assert.False(chat.State?.Answers.ContainsKey("category"));
    }

    [Fact]
    public void ASentenceWithSeveralChoicesWordsIsAskedWhichOfThem()
    {
        var chat = Transcript.Start("ru").Press(ChoiceIds.Accept).Say("менты забрали ребенка");

        var notice = chat.Replies[0].Text;
        Assert.Contains(Texts("category.police"), notice, StringComparison.Ordinal);
        Assert.Contains(Texts("category.children"), notice, StringComparison.Ordinal);
    }

    [Fact]
    public void AWholeStoryAtTheQuestionIsStillNoChoice()
    {
        var chat = Transcript.Start("ru").Press(ChoiceIds.Accept)
            .Say("Вчера вечером менты стояли у кабинета и забрали моего друга, держали до утра и не дали дозу.");

        Assert.Equal("category", chat.StepId);
        Assert.False(chat.State?.Answers.ContainsKey("category"));
    }

    [Fact]
    public void AtAQuestionOfSeveralAnswersASentenceTicksItsChoiceButAListWithAPartNamingNothingTicksNothing()
    {
        var atConsequences = Transcript.Start("ru").Press(ChoiceIds.Accept).Press("hospital").Press("me").Press(ChoiceIds.Today).Press("almaty")
            .Press("almaty").Press("narcology").Press("almaty_narcology").Say("В стационаре три дня не давали метадон, врач сказал ждать выписки.");
        var ticked = atConsequences.Runner.Handle(atConsequences.State!, new TextEntered("потом была сильная ломка"), atConsequences.Now);
        var list = atConsequences.Runner.Handle(atConsequences.State!, new TextEntered("была ломка и что-то ещё"), atConsequences.Now);

        Assert.NotEqual("consequences", ticked.State?.StepId);
        Assert.Equal(new ChoicesAnswer(["missed_doses"]), ticked.State?.Answers["consequences"]);
        Assert.Equal("consequences", list.State?.StepId);
        Assert.False(list.State?.Answers.ContainsKey("consequences"));
    }

    private static string Texts(string key) => ShippedFlow.Load().Texts.Get("ru", key);
}
