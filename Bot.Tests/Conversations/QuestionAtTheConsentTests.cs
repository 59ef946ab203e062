using CommunityBot.Conversations;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Conversations;

/// <summary>A frightened member's question at the first screen ("это анонимно?") is pointed to the note that answers it,
/// rather than told to pick an option; a story that ends with a question is still kept for its question.</summary>
public sealed class QuestionAtTheConsentTests
{
    [Theory]
    [InlineData("ru", "это анонимно?")]
    [InlineData("ru", "А модераторы меня узнают?")]
    [InlineData("en", "who will see this?")]
    [InlineData("kk", "бұл жасырын ба?")]
    public void AShortQuestionIsPointedToTheNoteAndTheQuestionStays(string language, string typed)
    {
        var texts = ShippedFlow.Load().Texts;

        var chat = Transcript.Start(language).Say(typed);

        Assert.Equal("consent", chat.StepId);
        Assert.Equal(texts.Get(language, "consent.asked", ("accept", texts.Get(language, "consent.accept"))), chat.Replies[0].Text);
        Assert.Equal(ChoiceIds.Accept, chat.Question.Choices[0].Id);
    }

    [Fact]
    public void AStoryEndingWithAQuestionIsKeptForTheStoryQuestion()
    {
        var story = "Почему в больнице мне три дня не дают метадон, что мне делать?";

        var chat = Transcript.Start("ru").Say(story).Press(ChoiceIds.Accept);

        Assert.Equal("category", chat.StepId);
        Assert.Contains(chat.State?.Answers.Values ?? [], answer => answer is TextAnswer { Text: var kept } && kept == story);
    }
}
