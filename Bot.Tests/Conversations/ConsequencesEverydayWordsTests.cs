using CommunityBot.Conversations;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Conversations;

/// <summary>"What did it lead to?" answered in the words members use ("была ломка", "кумарило", "стало хуже",
/// "ничего не случилось"): ticked, rather than refused or taken for the story's last line.</summary>
public sealed class ConsequencesEverydayWordsTests
{
    private static Transcript AtConsequences(string language) =>
        Transcript.Start(language).Press(ChoiceIds.Accept).Press("hospital").Press("me").Press(ChoiceIds.Today)
            .Press("almaty").Press("almaty").Press("narcology").Press("almaty_narcology")
            .Say("В больнице мне три дня не давали метадон, сказали нет лицензии.");

    [Theory]
    [InlineData("ru", "была ломка", "missed_doses")]
    [InlineData("ru", "кумарило", "missed_doses")]
    [InlineData("ru", "стало хуже", "health_worse")]
    [InlineData("ru", "ушёл из больницы", "left_hospital")]
    [InlineData("ru", "передоз", "overdose")]
    [InlineData("ru", "потеряла работу", "lost_job_housing")]
    [InlineData("ru", "оштрафовали", "detained_fined")]
    [InlineData("ru", "пришлось платить", "paid_money")]
    [InlineData("ru", "боюсь", "afraid_to_return")]
    [InlineData("ru", "ничего не случилось", "none")]
    [InlineData("en", "went into withdrawal", "missed_doses")]
    [InlineData("en", "nothing happened", "none")]
    [InlineData("kk", "нашарладым", "health_worse")]
    public void AConsequenceSaidInEverydayWordsIsTicked(string language, string typed, string expected)
    {
        var chat = AtConsequences(language).Say(typed);

        Assert.Equal(new ChoicesAnswer([expected]), chat.State?.Answers["consequences"]);
        Assert.Equal("reported", chat.StepId);
        Assert.DoesNotContain(typed, ((TextAnswer)chat.State!.Answers["narrative"]).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralSaidInEverydayWordsAreTickedTogether()
    {
        var chat = AtConsequences("ru").Say("была ломка и стало хуже");

        Assert.Equal(new ChoicesAnswer(["missed_doses", "health_worse"]), chat.State?.Answers["consequences"]);
    }

    [Fact]
    public void NoEverydayWordNamesTwoConsequences() => Assert.Empty(EverydayWords.NamingOtherThanOne(AtConsequences("ru").Question));
}
