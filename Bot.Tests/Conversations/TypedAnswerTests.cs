using CommunityBot.Conversations;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Conversations;

/// <summary>Answers typed the way members type them, through the whole interview.</summary>
public sealed class TypedAnswerTests
{
    private static Transcript AtWhen() =>
        Transcript.Start("ru").Press(ChoiceIds.Accept).Press("hospital").Press("me");

    private static Transcript AtNarrative() =>
        AtWhen().Press(ChoiceIds.Today).Press("almaty").Press("almaty").Press("narcology").Press("almaty_narcology");

    [Fact]
    public void TenEmojiAreNotAStoryOfTwentyCharacters()
    {
        var chat = AtNarrative().Say(string.Concat(Enumerable.Repeat("😢", 10)));

        Assert.Equal("narrative", chat.StepId);
        Assert.False(chat.State?.Answers.ContainsKey("narrative"));
        Assert.Contains("20", chat.Replies[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TwentyEmojiAreNotAStoryEither()
    {
        var chat = AtNarrative().Say(string.Concat(Enumerable.Repeat("😢👮", 10)));

        Assert.Equal("narrative", chat.StepId);
    }
}
