using CommunityBot.Conversations;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Conversations;

/// <summary>"Where exactly?" answered in the words members use for the place ("у кабинета", "в участке", "на точке"),
/// under each kind's <c>.typed</c> words, for each set of kinds the question offers.</summary>
public sealed class FacilityKindEverydayWordsTests
{
    private static Transcript AtFacilityKind(string language, string category) =>
        Transcript.Start(language).Press(ChoiceIds.Accept).Press(category).Press("me").Press(ChoiceIds.Today).Press("almaty").Press("almaty");

    [Theory]
    [InlineData("ru", "police", "у кабинета", "near_ost_site")]
    [InlineData("ru", "police", "возле кабинета", "near_ost_site")]
    [InlineData("ru", "police", "около точки", "near_ost_site")]
    [InlineData("ru", "police", "в кабинете", "ost_site")]
    [InlineData("ru", "police", "в участке", "police_station")]
    [InlineData("ru", "police", "в РОВД", "police_station")]
    [InlineData("ru", "police", "на остановке", "street")]
    [InlineData("ru", "hospital", "на точке", "ost_site")]
    [InlineData("ru", "hospital", "у нарколога", "narcology")]
    [InlineData("ru", "hospital", "в стационаре", "hospital")]
    [InlineData("ru", "children", "в опеке", "social_services")]
    [InlineData("ru", "children", "в суде", "court")]
    [InlineData("ru", "custody", "в СИЗО", "custody_facility")]
    [InlineData("ru", "work", "на работе", "workplace")]
    [InlineData("en", "police", "at the police station", "police_station")]
    [InlineData("en", "police", "outside the clinic", "near_ost_site")]
    [InlineData("kk", "police", "көшеде", "street")]
    public void AKindOfPlaceSaidInEverydayWordsIsThatKind(string language, string category, string typed, string expected)
    {
        var chat = AtFacilityKind(language, category).Say(typed);

        Assert.Equal(new ChoiceAnswer(expected), chat.State?.Answers["facility_kind"]);
    }

    [Theory]
    [InlineData("hospital")]
    [InlineData("police")]
    [InlineData("children")]
    [InlineData("tb")]
    [InlineData("custody")]
    [InlineData("work")]
    [InlineData("ambulance_maternity")]
    [InlineData("documents")]
    [InlineData("extortion")]
    [InlineData("take_home")]
    public void NoEverydayWordNamesTwoKindsOfferedTogether(string category) =>
        Assert.Empty(EverydayWords.NamingOtherThanOne(AtFacilityKind("ru", category).Question));
}
