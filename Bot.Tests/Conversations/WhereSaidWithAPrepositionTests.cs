using CommunityBot.Conversations;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Conversations;

/// <summary>"Where exactly?" answered as people answer "where?": with a preposition and the place's word in the case it
/// then takes ("в поликлинике", "в кабинете ОЗТ", "at the OST site").</summary>
public sealed class WhereSaidWithAPrepositionTests
{
    private static Transcript AtFacilityKind(string language) =>
        Transcript.Start(language).Press(ChoiceIds.Accept).Press("hospital").Press("me").Press(ChoiceIds.Today).Press("almaty").Press("almaty");

    [Theory]
    [InlineData("ru", "в поликлинике", "polyclinic")]
    [InlineData("ru", "В наркологии", "narcology")]
    [InlineData("ru", "в кабинете ОЗТ", "ost_site")]
    [InlineData("ru", "в больничке", "hospital")]
    [InlineData("ru", "в центре СПИД", "aids_center")]
    [InlineData("en", "at the OST site", "ost_site")]
    [InlineData("en", "in hospital", "hospital")]
    public void APlaceSaidAfterAPrepositionInAnotherCaseIsThatChoice(string language, string typed, string expected)
    {
        var chat = AtFacilityKind(language).Say(typed);

        Assert.Equal(new ChoiceAnswer(expected), chat.State?.Answers["facility_kind"]);
    }

    [Theory]
    [InlineData("в")]
    [InlineData("в гараже")]
    [InlineData("дома")]
    [InlineData("в городе")]
    public void APrepositionAloneOrAPlaceNotListedPicksNothing(string typed)
    {
        var chat = AtFacilityKind("ru").Say(typed);

        Assert.Equal("facility_kind", chat.StepId);
        Assert.False(chat.State?.Answers.ContainsKey("facility_kind"));
    }
}
