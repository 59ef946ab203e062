using CommunityBot.Conversations;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Conversations;

/// <summary>The interview in Kazakh, answered the way Kazakh is typed on a phone: often on a Russian keyboard, with
/// the Russian letter in place of each Kazakh one ("биринши", "жок", "еки", "менимен").</summary>
public sealed class KazakhTypingTests
{
    private const string Story = "Кеше ауруханада маған метадон бермеді, дәрігер лицензия жоқ деді.";

    private static Transcript AtCategory() => Transcript.Start("kk").Press(ChoiceIds.Accept);

    private static Transcript AtRegion() => AtCategory().Press("hospital").Press("me").Press(ChoiceIds.Today);

    private static Transcript AtConsequences() =>
        AtRegion().Press("karaganda").Press("karaganda").Press("narcology").Press("karaganda_narcology").Say(Story);

    private static Transcript AtReported() => AtConsequences().Press("none").Press(ChoiceIds.Done);

    private static Transcript AtReview() => AtReported().Press(ChoiceIds.No).Press(ChoiceIds.Yes).Press(ChoiceIds.No);

    [Theory]
    [InlineData("биринши", "hospital")]
    [InlineData("бирінші", "hospital")]   // one і typed, one left as и
    [InlineData("еки", "tb")]
    [InlineData("екинши", "tb")]
    [InlineData("уш", "custody")]
    [InlineData("ушинши", "custody")]
    [InlineData("тогыз", "other_city")]
    [InlineData("он сегиз", "other")]
    public void ANumberWordTypedWithoutKazakhLettersPicksThatChoice(string typed, string expected)
    {
        var chat = AtCategory().Say(typed);

        Assert.Equal(new ChoiceAnswer(expected), chat.State?.Answers["category"]);
    }

    [Theory]
    [InlineData("Туберкулез еминде ОЗТ жок", "tb")]
    [InlineData("доза узилди, препарат жок", "interruption")]
    [InlineData("корлау немесе кемситу.", "humiliation")]
    [InlineData("балалар, корганшылык, алеуметтик кызмет", "children")]
    public void ACategoryTypedWithoutKazakhLettersPicksIt(string typed, string expected)
    {
        var chat = AtCategory().Say(typed);

        Assert.Equal(new ChoiceAnswer(expected), chat.State?.Answers["category"]);
    }

    [Theory]
    [InlineData("мен билетин адаммен", "someone")]
    [InlineData("бирнеше", "several")]
    [InlineData("маган", "me")]
    [InlineData("озим", "me")]
    public void WhoItHappenedToTypedWithoutKazakhLettersIsUnderstood(string typed, string expected)
    {
        var chat = AtCategory().Press("hospital").Say(typed);

        Assert.Equal(new ChoiceAnswer(expected), chat.State?.Answers["affected"]);
    }

    [Theory]
    [InlineData("казир емес")]
    [InlineData("кейин")]
    [InlineData("кейинирек")]
    public void NotNowTypedWithoutKazakhLettersDeclines(string typed)
    {
        var chat = Transcript.Start("kk").Say(typed);

        Assert.Null(chat.State);
        Assert.Equal(ShippedFlow.Load().Texts.Get("kk", "consent.declined"), chat.Replies[0].Text);
    }

    [Theory]
    [InlineData("билмеймин")]
    [InlineData("есимде жок")]
    [InlineData("ұмыттым")]
    [InlineData("умыттым")]
    [InlineData("есімде қалмады")]
    public void IDontKnowTypedWithoutKazakhLettersGetsTheWayForward(string typed)
    {
        var chat = AtReported().Say(typed);

        Assert.Equal("reported", chat.StepId);
        Assert.Contains(ShippedFlow.Load().Texts.Get("kk", "yesno.unsure_hint"), chat.AllText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Караганды")]
    [InlineData("караганды каласы")]
    public void AKazakhTownTypedWithoutKazakhLettersIsTheTownOfTheDirectory(string typed)
    {
        var chat = AtRegion().Say(typed);

        Assert.Equal(new PlaceAnswer("karaganda", null), chat.State?.Answers["region"]);
        Assert.Equal(new PlaceAnswer("karaganda", null), chat.State?.Answers["city"]);
    }

    [Theory]
    [InlineData("Караганды облысы", "karaganda")]
    [InlineData("Шыгыс Казакстан облысы", "east_kazakhstan")]
    public void AKazakhRegionTypedWithoutKazakhLettersIsTheRegionOfTheDirectory(string typed, string expected)
    {
        var chat = AtRegion().Say(typed);

        Assert.Equal(new PlaceAnswer(expected, null), chat.State?.Answers["region"]);
        Assert.Equal("city", chat.StepId);
    }

    [Fact]
    public void OtherTypedWithoutItsKazakhLetterAtTheTownIsNoTownCalledSo()
    {
        var chat = AtRegion().Press("karaganda").Say("баска");

        Assert.Equal("city", chat.StepId);
        Assert.False(chat.State?.Answers.ContainsKey("city"));
        Assert.Equal(ShippedFlow.Load().Texts.Get("kk", "city.typed"), chat.Question.Text);
    }

    [Fact]
    public void ANumberWordTypedWithoutKazakhLettersAtThePlaceIsNoPlacesName()
    {
        var chat = AtRegion().Say("биринши");

        Assert.Equal("region", chat.StepId);
        Assert.False(chat.State?.Answers.ContainsKey("region"));
        Assert.Contains(ShippedFlow.Load().Texts.Get("kk", "place.number_word"), chat.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public void NoneOfTheseTypedWithoutKazakhLettersIsNotAddedToTheStory()
    {
        var chat = AtConsequences().Say("булардын ешкайсысы");

        Assert.Equal(new ChoicesAnswer(["none"]), chat.State?.Answers["consequences"]);
        Assert.Equal(new TextAnswer(Story), chat.State?.Answers["narrative"]);
    }

    [Fact]
    public void TwoNumbersJoinedByAndTypedWithoutKazakhLettersTickBoth()
    {
        var chat = AtConsequences().Say("1 жане 3");

        Assert.Equal(new ChoicesAnswer(["missed_doses", "left_hospital"]), chat.State?.Answers["consequences"]);
    }

    [Theory]
    [InlineData("жибер")]
    [InlineData("жиберу")]
    [InlineData("жибериниз")]
    public void SendTypedWithoutKazakhLettersAtTheReviewSendsTheReport(string typed)
    {
        var chat = AtReview().Say(typed);

        Assert.Equal(FlowOutcome.Completed, chat.Last?.Outcome);
    }

    [Fact]
    public void ChangeTheStoryTypedWithoutKazakhLettersAtTheReviewOpensTheStory()
    {
        var chat = AtReview().Say("ангимени озгерту");

        Assert.Equal("narrative", chat.StepId);
    }

    [Fact]
    public void EarlierTypedWithoutKazakhLettersAtTheDateAsksForTheDay()
    {
        var chat = AtRegion().Back().Say("бурынырак");

        Assert.Equal("when", chat.StepId);
        Assert.Equal(ShippedFlow.Load().Texts.Get("kk", "date.type"), chat.Question.Text);
    }

    [Theory]
    [InlineData("артка")]
    [InlineData("Артка.")]
    public void BackTypedWithoutItsKazakhLetterGoesBack(string typed)
    {
        var chat = AtCategory().Press("hospital").Say(typed);

        Assert.Equal("category", chat.StepId);
    }

    [Theory]
    [InlineData("hospital", "больница", "hospital")]
    [InlineData("hospital", "поликлиника", "polyclinic")]
    [InlineData("take_home", "аптека", "pharmacy")]
    [InlineData("police", "на улице", "street")]
    [InlineData("ambulance_maternity", "роддом", "maternity")]
    public void ALabelTypedInRussianToTheKazakhInterviewPicksItsChoice(string category, string typed, string expected)
    {
        var chat = AtCategory().Press(category).Press("me").Press(ChoiceIds.Today).Press("karaganda").Press("karaganda").Say(typed);

        Assert.Equal(new ChoiceAnswer(expected), chat.State?.Answers["facility_kind"]);
    }

    [Fact]
    public void WithMeTypedInRussianToTheKazakhInterviewIsUnderstood()
    {
        var chat = AtCategory().Press("hospital").Say("со мной");

        Assert.Equal(new ChoiceAnswer("me"), chat.State?.Answers["affected"]);
    }

    [Fact]
    public void SendTypedInRussianAtTheKazakhReviewSendsTheReport()
    {
        var chat = AtReview().Say("отправить");

        Assert.Equal(FlowOutcome.Completed, chat.Last?.Outcome);
    }

    [Theory]
    [InlineData("аурухана", "hospital")]
    [InlineData("емхана", "polyclinic")]
    public void AKazakhLabelTypedToTheRussianInterviewPicksItsChoice(string typed, string expected)
    {
        var chat = Transcript.Start("ru").Press(ChoiceIds.Accept).Press("hospital").Press("me").Press(ChoiceIds.Today)
            .Press("karaganda").Press("karaganda").Say(typed);

        Assert.Equal(new ChoiceAnswer(expected), chat.State?.Answers["facility_kind"]);
    }

    [Theory]
    [InlineData("iä", "category")]
    [InlineData("IÄ", "category")]
    [InlineData("ıä", "category")]
    [InlineData("joq", "(ended)")]
    [InlineData("Joq.", "(ended)")]
    public void YesOrNoInKazakhLatinLettersAnswersTheFirstQuestion(string typed, string expected)
    {
        var chat = Transcript.Start("kk").Say(typed);

        Assert.Equal(expected, chat.StepId);
    }

    [Theory]
    [InlineData("iä", true)]
    [InlineData("joq", false)]
    [InlineData("jok", false)]
    public void YesOrNoInKazakhLatinLettersAnswersAYesNoQuestion(string typed, bool yes)
    {
        var chat = AtReported().Say(typed);

        Assert.Equal(new YesNoAnswer(yes), chat.State?.Answers["reported"]);
    }

    [Theory]
    [InlineData("keşe", "2026-11-28")]
    [InlineData("Keşe", "2026-11-28")]
    [InlineData("bügın", "2026-11-29")]
    [InlineData("3 kün buryn", "2026-11-26")]
    [InlineData("otken jumada", "2026-11-27")]
    [InlineData("ötken jūma", "2026-11-27")]
    public void ADateInKazakhLatinLettersIsRead(string typed, string expected)
    {
        var chat = AtCategory().Press("hospital").Press("me").Say(typed);

        Assert.Equal(new DateAnswer(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)), chat.State?.Answers["when"]);
    }

    [Theory]
    [InlineData("jiber")]
    [InlineData("jıberu")]
    public void SendInKazakhLatinLettersAtTheReviewSendsTheReport(string typed)
    {
        var chat = AtReview().Say(typed);

        Assert.Equal(FlowOutcome.Completed, chat.Last?.Outcome);
    }

    [Theory]
    [InlineData("köşede")]
    [InlineData("koshede")]
    public void APlaceKindInKazakhLatinLettersPicksIt(string typed)
    {
        var chat = AtCategory().Press("police").Press("me").Press(ChoiceIds.Today).Press("karaganda").Press("karaganda").Say(typed);

        Assert.Equal(new ChoiceAnswer("street"), chat.State?.Answers["facility_kind"]);
    }

    [Theory]
    [InlineData("Чимкент", "shymkent", "shymkent")]
    [InlineData("Нұр-Сұлтан", "astana", "astana")]
    [InlineData("Нур-Султан", "astana", "astana")]
    [InlineData("Nur-Sultan", "astana", "astana")]
    [InlineData("Алмата", "almaty", "almaty")]
    [InlineData("Актюбинск", "aktobe", "aktobe")]
    [InlineData("Qarağandy", "karaganda", "karaganda")]
    [InlineData("Qaragandy", "karaganda", "karaganda")]
    [InlineData("Öskemen", "east_kazakhstan", "oskemen")]
    public void ATownTypedByItsFormerNameOrInKazakhLatinLettersIsTheTownOfTheDirectory(string typed, string region, string city)
    {
        var chat = AtRegion().Say(typed);

        Assert.Equal(new PlaceAnswer(region, null), chat.State?.Answers["region"]);
        Assert.Equal(new PlaceAnswer(city, null), chat.State?.Answers["city"]);
    }

    [Fact]
    public void AFormerNameTypedAtTheTownQuestionIsTheTownOfTheList()
    {
        var chat = AtRegion().Press("abai").Say("Семипалатинск");

        Assert.Equal(new PlaceAnswer("semey", null), chat.State?.Answers["city"]);
    }

    [Theory]
    [InlineData("болады", true)]
    [InlineData("мақұл", true)]
    [InlineData("макул", true)]
    [InlineData("әрине", true)]
    [InlineData("арине", true)]
    [InlineData("болмайды", false)]
    public void MayWeAnsweredTheWayKazakhAnswersItIsAYesOrANo(string typed, bool yes)
    {
        var chat = AtReported().Press(ChoiceIds.No).Say(typed);

        Assert.Equal(new YesNoAnswer(yes), chat.State?.Answers["appeals_consent"]);
    }

    [Theory]
    [InlineData("1 және 2")]
    [InlineData("1 жане 2")]
    [InlineData("1 и 2")]
    public void NumbersOfTheListJoinedByAndAtAPlaceAreNoPlaceCalledSo(string typed)
    {
        var chat = AtRegion().Press("karaganda").Press("karaganda").Press("narcology").Say(typed);

        Assert.Equal("facility", chat.StepId);
        Assert.False(chat.State?.Answers.ContainsKey("facility"));
        Assert.Contains(ShippedFlow.Load().Texts.Get("kk", "error.choice.one_number", ("max", "2")), chat.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoNumbersJoinedByAndTypedWithoutKazakhLettersWhereOneIsAskedAreToldOneIsNeeded()
    {
        var chat = AtCategory().Say("1 жане 4");

        Assert.Equal("category", chat.StepId);
        Assert.Contains(ShippedFlow.Load().Texts.Get("kk", "error.choice.one_number", ("max", "18")), chat.AllText, StringComparison.Ordinal);
    }
}
