using CommunityBot.Conversations;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Conversations;

/// <summary>What a member types for the "Answer" button under a moderator's question.</summary>
public sealed class TypedAnswerRequestTests
{
    private static readonly IReadOnlySet<string> Labels = TypedAnswerRequest.Labels(ShippedFlow.Load().Texts);

    [Theory]
    [InlineData("1")]
    [InlineData(" 1. ")]
    [InlineData("(1)")]
    [InlineData("1 1")]
    [InlineData("1, 1")]
    [InlineData("Ответить")]
    [InlineData("ответить!")]
    [InlineData("✍️ Ответить")]
    [InlineData("answer")]
    [InlineData("Жауап беру")]
    public void TheButtonsNumberOrItsLabelInAnyLanguageIsARequestToAnswer(string typed) =>
        Assert.True(TypedAnswerRequest.Is(null, typed, Labels));

    [Theory]
    [InlineData("2")]
    [InlineData("0")]
    [InlineData("1, 2")]
    [InlineData("1 1 2")]
    [InlineData("2 2")]
    [InlineData("Ответить не могу, меня выписали")]
    [InlineData("✍️")]
    [InlineData("")]
    public void OtherWordsAndNumbersAreNot(string typed) =>
        Assert.False(TypedAnswerRequest.Is(null, typed, Labels));

    [Fact]
    public void SlashAnswerIsARequestAndAnotherCommandIsNotEvenWhenItsArgumentLooksLikeOne()
    {
        Assert.True(TypedAnswerRequest.Is(MemberCommand.Parse("/answer"), "/answer", Labels));
        Assert.True(TypedAnswerRequest.Is(MemberCommand.Parse("/answer@community_bot"), "/answer@community_bot", Labels));
        Assert.False(TypedAnswerRequest.Is(MemberCommand.Parse("/status 1"), "/status 1", Labels));
    }
}
