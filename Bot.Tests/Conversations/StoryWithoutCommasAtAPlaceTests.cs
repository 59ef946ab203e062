using CommunityBot.Conversations;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Conversations;

/// <summary>A story typed where a place's name is asked, written without a comma (only a full stop at its end, or no
/// punctuation at all), is kept for the story question, never taken for the place's name.</summary>
public sealed class StoryWithoutCommasAtAPlaceTests
{
    // No facility of the kind "hospital" is listed in Almaty: its name is typed.
    private static Transcript AtUnlistedFacility(string language) =>
        Transcript.Start(language).Press(ChoiceIds.Accept).Press("police").Press("me").Press(ChoiceIds.Today)
            .Press("almaty").Press("almaty").Press("street");

    [Theory]
    [InlineData("ru", "Полиция стояла у кабинета и забрала моего мужа в отдел на весь день.")]
    [InlineData("ru", "полиция стояла у кабинета и забрала моего мужа в отдел на весь день и не отпускали")]
    [InlineData("en", "The police waited at the OST site and took my husband to the station for the whole day.")]
    public void AStoryWithoutCommasIsKeptForTheStoryQuestion(string language, string story)
    {
        var chat = AtUnlistedFacility(language);
        Assert.Empty(chat.Question.Choices);

        chat = chat.Say(story);

        Assert.Equal("facility", chat.StepId);
        Assert.False(chat.State?.Answers.ContainsKey("facility"));
        Assert.Equal(new TextAnswer(story), chat.State?.Answers["narrative"]);
    }

    [Theory]
    [InlineData("Республиканский научно-практический центр психиатрии, психотерапии и наркологии")]
    [InlineData("Остановка у рынка Алтын Орда")]
    public void ALongPlaceNameIsStillAName(string name)
    {
        var chat = AtUnlistedFacility("ru").Say(name);

        Assert.Equal(new PlaceAnswer(null, name), chat.State?.Answers["facility"]);
    }
}
