using CommunityBot.Conversations;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Conversations;

/// <summary>Answers typed the way members type them, through the whole interview.</summary>
public sealed class TypedAnswerTests
{
    private static Transcript AtWhen(string language = "ru") =>
        Transcript.Start(language).Press(ChoiceIds.Accept).Press("hospital").Press("me");

    private static Transcript AtNarrative() =>
        AtWhen().Press(ChoiceIds.Today).Press("almaty").Press("almaty").Press("narcology").Press("almaty_narcology");

    [Theory]
    [InlineData("ru", "в марте")]
    [InlineData("ru", "не помню")]
    [InlineData("en", "I don't remember")]
    [InlineData("kk", "есімде жоқ")]
    public void ARefusedDateKeepsEveryChoiceOfTheQuestionTypeableByItsNumber(string language, string typed)
    {
        var chat = AtWhen(language).Say(typed);

        Assert.Equal("when", chat.StepId);
        Assert.Equal(
            [ChoiceIds.Today, ChoiceIds.Yesterday, ChoiceIds.ThisWeek, ChoiceIds.Earlier],
            chat.Question.Choices.Select(c => c.Id));
        Assert.Contains("15.03.2026", chat.Replies[0].Text, StringComparison.Ordinal);

        chat.Say("4").Say("15.03.2026");

        Assert.Equal(new DateAnswer(new DateOnly(2026, 3, 15)), chat.State?.Answers["when"]);
    }

    [Theory]
    [InlineData("ru", "2 месяца назад", "2026-09-29")]
    [InlineData("en", "2 months ago", "2026-09-29")]
    [InlineData("kk", "2 ай бұрын", "2026-09-29")]
    public void TheRoughDayTheReaskSuggestsIsUnderstood(string language, string typed, string expected)
    {
        var chat = AtWhen(language).Say("не помню").Say(typed);

        Assert.Equal(new DateAnswer(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)), chat.State?.Answers["when"]);
    }

    [Fact]
    public void TenEmojiAreNotAStoryOfTwentyCharacters()
    {
        var chat = AtNarrative().Say(string.Concat(Enumerable.Repeat("😢", 10)));

        Assert.Equal("narrative", chat.StepId);
        Assert.False(chat.State?.Answers.ContainsKey("narrative"));
        Assert.Contains("словами", chat.Replies[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TwentyEmojiAreNotAStoryEither()
    {
        var chat = AtNarrative().Say(string.Concat(Enumerable.Repeat("😢👮", 10)));

        Assert.Equal("narrative", chat.StepId);
    }

    [Theory]
    [InlineData("нет")]
    [InlineData("no")]
    [InlineData("жоқ")]
    public void NoAtTheConsequencesIsNoneOfThese(string typed)
    {
        var chat = AtNarrative().Say("В больнице мне три дня не давали метадон, сказали нет лицензии.").Say(typed);

        Assert.Equal(new ChoicesAnswer(["none"]), chat.State?.Answers["consequences"]);
    }

    [Theory]
    [InlineData("не")]
    [InlineData("Не?")]
    public void KazakhWhatAtTheFirstQuestionDoesNotEndTheConversation(string typed)
    {
        var chat = Transcript.Start("kk").Say(typed);

        Assert.NotNull(chat.State);
        Assert.Equal("consent", chat.StepId);
    }

    [Theory]
    [InlineData("da", true)]
    [InlineData("net", false)]
    [InlineData("Net", false)]
    [InlineData("нету", false)]
    [InlineData("неа", false)]
    public void YesAndNoTypedInLatinLettersOrAsSpokenAnswerAYesOrNoQuestion(string typed, bool yes)
    {
        var chat = AtNarrative().Say("В больнице мне три дня не давали метадон, сказали нет лицензии.").Press("none").Press(ChoiceIds.Done).Say(typed);

        Assert.Equal(new YesNoAnswer(yes), chat.State?.Answers["reported"]);
    }
}
