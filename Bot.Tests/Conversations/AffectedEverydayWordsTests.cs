using CommunityBot.Conversations;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Conversations;

/// <summary>"Who did this happen to?" answered as members answer it: a relative or a friend by who they are ("муж",
/// "мой друг"), several people as a group ("мы все", "пациенты").</summary>
public sealed class AffectedEverydayWordsTests
{
    private static Transcript AtAffected(string language) => Transcript.Start(language).Press(ChoiceIds.Accept).Press("hospital");

    [Theory]
    [InlineData("ru", "мой друг", "someone")]
    [InlineData("ru", "Муж", "someone")]
    [InlineData("ru", "с мамой", "someone")]
    [InlineData("ru", "сын", "someone")]
    [InlineData("ru", "партнёр", "someone")]
    [InlineData("ru", "соседка", "someone")]
    [InlineData("ru", "мы все", "several")]
    [InlineData("ru", "пациенты", "several")]
    [InlineData("ru", "все клиенты", "several")]
    [InlineData("ru", "со мной и другом", "several")]
    [InlineData("ru", "я", "me")]
    [InlineData("en", "my husband", "someone")]
    [InlineData("en", "all of us", "several")]
    [InlineData("kk", "күйеуім", "someone")]
    [InlineData("kk", "пациенттер", "several")]
    public void WhoItHappenedToSaidAsMembersSayItIsUnderstood(string language, string typed, string expected)
    {
        var chat = AtAffected(language).Say(typed);

        Assert.Equal(new ChoiceAnswer(expected), chat.State?.Answers["affected"]);
        Assert.Equal("when", chat.StepId);
    }

    [Fact]
    public void NoEverydayWordNamesTwoAnswers() => Assert.Empty(EverydayWords.NamingOtherThanOne(AtAffected("ru").Question));
}
