using CommunityBot.Conversations;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Conversations;

/// <summary>A yes/no question answered in its own words, as people answer it ("Have you complained?" — "жаловалась",
/// "никуда не жаловались"; "May we use it?" — "можно", "нельзя"), under the question's <c>typed_yes</c> and
/// <c>typed_no</c> words; those words answer that question only.</summary>
public sealed class OwnYesOrNoTests
{
    private static Transcript AtReported(string language = "ru") =>
        Transcript.Start(language).Press(ChoiceIds.Accept).Press("hospital").Press("me").Press(ChoiceIds.Today)
            .Press("almaty").Press("almaty").Press("narcology").Press("almaty_narcology")
            .Say("В больнице мне три дня не давали метадон, сказали нет лицензии.").Press("none").Press(ChoiceIds.Done);

    [Theory]
    [InlineData("ru", "жаловалась", true)]
    [InlineData("ru", "Жаловались уже.", true)]
    [InlineData("ru", "обращался", true)]
    [InlineData("ru", "не жаловался", false)]
    [InlineData("ru", "никуда не жаловались", false)]
    [InlineData("ru", "никуда", false)]
    [InlineData("en", "I complained", true)]
    [InlineData("en", "never", false)]
    [InlineData("kk", "шағымдандым", true)]
    [InlineData("kk", "шағымданбадым", false)]
    public void HaveYouComplainedIsAnsweredInItsOwnWords(string language, string typed, bool yes)
    {
        var chat = AtReported(language).Say(typed);

        Assert.Equal(new YesNoAnswer(yes), chat.State?.Answers["reported"]);
        Assert.Equal(yes ? "reported_where" : "appeals_consent", chat.StepId);
    }

    [Fact]
    public void WhereItWasReportedSaidAfterTheVerbAnswersThatToo()
    {
        var chat = AtReported().Say("жаловалась главврачу");

        Assert.Equal(new YesNoAnswer(true), chat.State?.Answers["reported"]);
        Assert.Equal(new ChoicesAnswer(["head_doctor"]), chat.State?.Answers["reported_where"]);
        Assert.Equal("appeals_consent", chat.StepId);
    }

    [Theory]
    [InlineData("можно", true, "нельзя", false)]
    [InlineData("не против", true, "пусть спросят", true)]
    [InlineData("не надо", false, "не хочу", false)]
    public void TheConsentsAreAnsweredInTheirOwnWords(string appeals, bool appealsYes, string followUp, bool followUpYes)
    {
        var chat = AtReported().Press(ChoiceIds.No).Say(appeals).Say(followUp);

        Assert.Equal(new YesNoAnswer(appealsYes), chat.State?.Answers["appeals_consent"]);
        Assert.Equal(new YesNoAnswer(followUpYes), chat.State?.Answers["followup_consent"]);
        Assert.Equal("review", chat.StepId);
    }

    [Theory]
    [InlineData("жаловалась, но нет")]
    [InlineData("жаловалась да нет")]
    public void OwnWordsWithAnotherYesOrNoAfterThemAreAskedAgain(string typed)
    {
        var chat = AtReported().Say(typed);

        Assert.Equal("reported", chat.StepId);
        Assert.False(chat.State?.Answers.ContainsKey("reported"));
    }

    [Fact]
    public void OneQuestionsOwnWordsDoNotAnswerAnother()
    {
        // "жаловалась" says nothing to "May we use your report in letters?".
        var chat = AtReported().Press(ChoiceIds.No).Say("жаловалась");

        Assert.Equal("appeals_consent", chat.StepId);
        Assert.False(chat.State?.Answers.ContainsKey("appeals_consent"));
    }
}
