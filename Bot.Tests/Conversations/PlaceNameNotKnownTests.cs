using CommunityBot.Conversations;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Conversations;

/// <summary>A member who does not know a place's name says so: it is never kept as the name, and where no list is
/// offered they are not told to pick from one.</summary>
public sealed class PlaceNameNotKnownTests
{
    private static readonly TextCatalog Texts = ShippedFlow.Load().Texts;

    // No facility of the kind "hospital" is listed in Almaty: the name is typed.
    private static Transcript AtUnlistedFacility(string language) =>
        Transcript.Start(language).Press(ChoiceIds.Accept).Press("hospital").Press("me").Press(ChoiceIds.Today)
            .Press("almaty").Press("almaty").Press("hospital");

    [Theory]
    [InlineData("ru", "не знаю")]
    [InlineData("ru", "не помню название")]
    [InlineData("ru", "Не знаю как называется")]
    [InlineData("en", "I don't know the name")]
    [InlineData("kk", "атауын білмеймін")]
    public void NotKnowingTheNameWhereNoListIsOfferedIsToldWhatToWriteInstead(string language, string typed)
    {
        var chat = AtUnlistedFacility(language);
        Assert.Empty(chat.Question.Choices);

        chat = chat.Say(typed);

        Assert.Equal("facility", chat.StepId);
        Assert.False(chat.State?.Answers.ContainsKey("facility"));
        Assert.Equal(Texts.Get(language, "place.not_a_name_no_list"), chat.Replies[0].Text);
    }

    [Fact]
    public void NotKnowingWhereAListIsOfferedPointsToTheList()
    {
        var chat = Transcript.Start("ru").Press(ChoiceIds.Accept).Press("hospital").Press("me").Press(ChoiceIds.Today).Say("не знаю");

        Assert.Equal("region", chat.StepId);
        Assert.Equal(Texts.Get("ru", "place.not_a_name"), chat.Replies[0].Text);
    }
}
