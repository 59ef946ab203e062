using CommunityBot.Conversations;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Conversations;

/// <summary>A yes or no typed in a short sentence ("Да, в прокуратуру", "нет, не надо"), as members answer: the yes or
/// no is the answer, and words naming choices of the list asked next answer that list too.</summary>
public sealed class YesOrNoInASentenceTests
{
    private const string Story = "В больнице мне три дня не давали метадон, сказали нет лицензии.";

    private static Transcript AtReported(string language = "ru") =>
        Transcript.Start(language).Press(ChoiceIds.Accept).Press("hospital").Press("me").Press(ChoiceIds.Today)
            .Press("almaty").Press("almaty").Press("narcology").Press("almaty_narcology").Say(Story).Press("none").Press(ChoiceIds.Done);

    [Fact]
    public void AYesWithWhereItWasReportedAnswersBothQuestions()
    {
        var chat = AtReported().Say("Да, в прокуратуру");

        Assert.Equal(new YesNoAnswer(true), chat.State?.Answers["reported"]);
        Assert.Equal(new ChoicesAnswer(["prosecutor_police"]), chat.State?.Answers["reported_where"]);
        Assert.Equal("appeals_consent", chat.StepId);
    }

    [Fact]
    public void AYesWithSeveralPlacesTicksEachOfThem()
    {
        var chat = AtReported().Say("да, главврачу и омбудсмену");

        Assert.Equal(new ChoicesAnswer(["head_doctor", "ombudsperson"]), chat.State?.Answers["reported_where"]);
        Assert.Equal("appeals_consent", chat.StepId);
    }

    [Theory]
    [InlineData("да, не помню куда")]
    [InlineData("Да, жаловалась")]
    [InlineData("да, в 1414")]
    public void AYesWithWordsThatNameNoPlaceAsksWhere(string typed)
    {
        var chat = AtReported().Say(typed);

        Assert.Equal(new YesNoAnswer(true), chat.State?.Answers["reported"]);
        Assert.False(chat.State?.Answers.ContainsKey("reported_where"));
        Assert.Equal("reported_where", chat.StepId);
    }

    [Theory]
    [InlineData("нет, никуда не жаловались")]
    [InlineData("Нет. Не жаловался")]
    public void ANoInASentenceIsANo(string typed)
    {
        var chat = AtReported().Say(typed);

        Assert.Equal(new YesNoAnswer(false), chat.State?.Answers["reported"]);
        Assert.Equal("appeals_consent", chat.StepId);
    }

    [Fact]
    public void TheWordsAfterANoNeverAnswerTheNextYesOrNo()
    {
        var chat = AtReported().Press(ChoiceIds.No).Say("нет, не надо");

        Assert.Equal(new YesNoAnswer(false), chat.State?.Answers["appeals_consent"]);
        Assert.False(chat.State?.Answers.ContainsKey("followup_consent"));
        Assert.Equal("followup_consent", chat.StepId);
    }

    [Theory]
    [InlineData("да нет")]
    [InlineData("да нет, не жаловались")]
    [InlineData("нет, да")]
    [InlineData("да, жаловалась в прокуратуру и главврачу но ничего не изменилось")]
    public void ASentenceWithBothAYesAndANoOrTooLongIsNotTakenForEither(string typed)
    {
        var chat = AtReported().Say(typed);

        Assert.Equal("reported", chat.StepId);
        Assert.False(chat.State?.Answers.ContainsKey("reported"));
    }

    [Fact]
    public void AYesInASentenceStartsTheInterview()
    {
        var chat = Transcript.Start("ru").Say("да, давайте начнём");

        Assert.Equal("category", chat.StepId);
    }

    [Fact]
    public void AnEnglishYesInASentenceIsAYes()
    {
        var chat = AtReported("en").Say("yes, I did");

        Assert.Equal(new YesNoAnswer(true), chat.State?.Answers["reported"]);
        Assert.Equal("reported_where", chat.StepId);
    }
}
