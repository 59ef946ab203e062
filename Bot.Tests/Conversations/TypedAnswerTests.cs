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

    private static Transcript AtConsequences() => AtNarrative().Say("В больнице мне три дня не давали метадон, сказали нет лицензии.");

    [Theory]
    [InlineData("ru", "восемнадцать", "other")]
    [InlineData("ru", "пятый", "dose_reduced")]
    [InlineData("en", "eighteen", "other")]
    [InlineData("en", "fifth", "dose_reduced")]
    [InlineData("kk", "бесінші", "dose_reduced")]
    [InlineData("kk", "бес", "dose_reduced")]
    public void ANumberInWordsAnswersAListQuestion(string language, string typed, string expected)
    {
        var chat = Transcript.Start(language).Press(ChoiceIds.Accept).Say(typed);

        Assert.Equal(new ChoiceAnswer(expected), chat.State?.Answers["category"]);
    }

    [Fact]
    public void NumbersInWordsTickSeveralAnswers()
    {
        var chat = AtConsequences().Say("первый и четвёртый");

        Assert.Equal(new ChoicesAnswer(["missed_doses", "health_worse"]), chat.State?.Answers["consequences"]);
    }

    [Theory]
    [InlineData("третье")]
    [InlineData("третий")]
    public void ANumberInWordsAtTheDateQuestionIsNoneOfItsChoices(string typed)
    {
        var chat = AtWhen().Say(typed);

        // The third choice is "This week", which asks for the day: a day of the month typed in words is not that.
        Assert.IsNotType<PendingDateDay>(chat.State?.Pending);
    }

    [Theory]
    [InlineData("HET")]
    [InlineData("HEТ")]
    public void NoTypedInLatinLookAlikesAtTheConsequencesIsNoneOfThese(string typed)
    {
        var chat = AtConsequences().Say(typed);

        Assert.Equal(new ChoicesAnswer(["none"]), chat.State?.Answers["consequences"]);
    }

    [Fact]
    public void AnAnswerWhoseLabelBeginsWithANumberIsPickedByThatNumber()
    {
        var chat = AtConsequences().Press("none").Press(ChoiceIds.Done).Press(ChoiceIds.Yes).Say("1414");

        Assert.Equal(new ChoicesAnswer(["eotinish"]), chat.State?.Answers["reported_where"]);
    }

    [Theory]
    [InlineData("ru", "0", "error.choice.no_such_number")]
    [InlineData("ru", "-1", "error.choice.no_such_number")]
    [InlineData("en", "99", "error.choice.no_such_number")]
    [InlineData("kk", "1, 4", "error.choice.no_such_number")]
    [InlineData("ru", "восемнадцать", "error.choice.no_such_number")]
    [InlineData("en", "maybe 2", "error.choice.number_alone")]
    [InlineData("ru", "наверное 2", "error.choice.number_alone")]
    [InlineData("ru", "2 наверное", "error.choice.number_alone")]
    public void ATypedAnswerThatPicksNothingIsAskedAgainWithWhatToType(string language, string typed, string key)
    {
        var texts = ShippedFlow.Load().Texts;

        var chat = Transcript.Start(language).Press(ChoiceIds.Accept).Press("hospital").Say(typed);

        Assert.Equal("affected", chat.StepId);
        Assert.False(chat.State?.Answers.ContainsKey("affected"));
        Assert.Equal(texts.Get(language, key, ("max", "3")), chat.Replies[0].Text);
        Assert.Contains("3", chat.Replies[0].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ru", "хочу сообщить", ChoiceIds.Accept)]
    [InlineData("ru", "Поехали!", ChoiceIds.Accept)]
    [InlineData("ru", "не хочу", ChoiceIds.Decline)]
    [InlineData("ru", "потом", ChoiceIds.Decline)]
    [InlineData("en", "I want to report", ChoiceIds.Accept)]
    [InlineData("en", "maybe later", ChoiceIds.Decline)]
    [InlineData("kk", "бастайық", ChoiceIds.Accept)]
    [InlineData("kk", "кейін", ChoiceIds.Decline)]
    public void EverydayWordsForStartingOrNotAnswerTheFirstQuestion(string language, string typed, string expected)
    {
        var start = Transcript.Start(language);

        var chat = start.Say(typed);

        Assert.Equal(expected == ChoiceIds.Accept ? "category" : "(ended)", chat.StepId);
    }

    [Theory]
    [InlineData("3 3")]
    [InlineData("3, 3")]
    [InlineData("3 3 3")]
    [InlineData("3,3")]
    [InlineData("\uFF13 \uFF13")]
    public void TheSameNumberTypedTwiceOrMoreIsThatOneAnswer(string typed)
    {
        var start = Transcript.Start("ru").Press(ChoiceIds.Accept);
        var third = start.Question.Choices[2].Id;

        var chat = start.Say(typed);

        Assert.Equal(new ChoiceAnswer(third), chat.State?.Answers["category"]);
        Assert.Equal("affected", chat.StepId);
    }

    [Theory]
    [InlineData("2 2", ChoiceIds.Yesterday)]
    [InlineData("1, 1", ChoiceIds.Today)]
    public void TheSameNumberTypedTwiceAnswersTheDateQuestionByItsButton(string typed, string expected)
    {
        var today = DateOnly.FromDateTime(ShippedFlow.Now.UtcDateTime);
        var chat = AtWhen().Say(typed);

        Assert.Equal(new DateAnswer(expected == ChoiceIds.Today ? today : today.AddDays(-1)), chat.State?.Answers["when"]);
    }

    [Theory]
    [InlineData("1, 1, 4", new[] { "missed_doses", "health_worse" })]
    [InlineData("4 4 1", new[] { "missed_doses", "health_worse" })]
    [InlineData("3 3 3", new[] { "left_hospital" })]
    public void ANumberRepeatedInAListOfTicksCountsOnce(string typed, string[] ticked)
    {
        var chat = AtNarrative().Say("В больнице мне три дня не давали метадон, сказали что у них нет лицензии.").Say(typed);

        Assert.Equal(new ChoicesAnswer([.. ticked]), chat.State?.Answers["consequences"]);
    }

    [Theory]
    [InlineData("1, 4")]
    [InlineData("1 и 4")]
    [InlineData("1-3")]
    [InlineData("1 4")]
    [InlineData("3 3 4")]
    [InlineData("первый и третий")]
    [InlineData("второй, пятый")]
    public void SeveralNumbersWhereOneAnswerIsAskedAreAskedAgainForOne(string typed)
    {
        var texts = ShippedFlow.Load().Texts;

        var chat = Transcript.Start("ru").Press(ChoiceIds.Accept).Say(typed);

        Assert.Equal("category", chat.StepId);
        Assert.Equal(texts.Get("ru", "error.choice.one_number", ("max", "18")), chat.Replies[0].Text);
    }

    [Theory]
    [InlineData("en", "🙏")]
    [InlineData("kk", "👍")]
    [InlineData("ru", "Со мной")]   // the label of another question's answer
    public void TheReaskForAnythingElseSaysANumberMayBeTyped(string language, string typed)
    {
        var chat = Transcript.Start(language).Press(ChoiceIds.Accept).Say(typed);

        Assert.Equal("category", chat.StepId);
        Assert.Equal(ShippedFlow.Load().Texts.Get(language, "error.choice.unknown"), chat.Replies[0].Text);
        Assert.Contains(language switch { "en" => "type its number", "ru" => "напишите его номер", _ => "нөмірін жазыңыз" }, chat.Replies[0].Text,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ru", "0")]
    [InlineData("en", "99")]
    [InlineData("kk", "😢")]
    public void ATryAtHideItThatPicksNothingSaysANumberMayBeTyped(string language, string typed)
    {
        var texts = ShippedFlow.Load().Texts;
        var chat = AtWhen(language).Press(ChoiceIds.Today).Press("almaty").Press("almaty").Press("narcology").Press("almaty_narcology")
            .Say("В больнице мне три дня не давали метадон, сказали нет лицензии. Звоните +7 701 123 45 67");
        Assert.IsType<PendingMask>(chat.State?.Pending);

        chat.Say(typed);

        Assert.IsType<PendingMask>(chat.State?.Pending);
        Assert.Contains(texts.Get(language, "text.story_waits", ("retype", texts.Get(language, "text.retype"))), chat.Replies.Select(r => r.Text));
        Assert.Contains(language switch { "en" => "type its number", "ru" => "напишите его номер", _ => "нөмірін жазыңыз" },
            chat.Replies[0].Text, StringComparison.Ordinal);
    }
}
