using CommunityBot.Conversations;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Conversations;

/// <summary>The review screen of the shipped interview read in members' everyday words: what to change named as people
/// name it ("изменить дату"), and the screen's own "всё верно" taken as sending.</summary>
public sealed class ReviewEverydayWordsTests
{
    private static Transcript AtReview(string language) =>
        Transcript.Start(language).Press(ChoiceIds.Accept).Press("hospital").Press("me").Press(ChoiceIds.Today)
            .Press("almaty").Press("almaty").Press("narcology").Press("almaty_narcology")
            .Say("В больнице мне три дня не давали метадон, сказали нет лицензии.").Press("none").Press(ChoiceIds.Done)
            .Press(ChoiceIds.No).Press(ChoiceIds.Yes).Press(ChoiceIds.No);

    [Theory]
    [InlineData("ru", "изменить дату", "when")]
    [InlineData("ru", "Исправить число", "when")]
    [InlineData("ru", "дату поменять", "when")]
    [InlineData("ru", "исправить историю", "narrative")]
    [InlineData("ru", "изменить текст", "narrative")]
    [InlineData("ru", "поменять категорию", "category")]
    [InlineData("en", "change the date", "when")]
    [InlineData("en", "edit my story", "narrative")]
    [InlineData("kk", "күнді өзгерту", "when")]
    [InlineData("kk", "мәтінді түзету", "narrative")]
    public void WhatToChangeNamedInEverydayWordsOpensThatQuestion(string language, string typed, string step)
    {
        var review = AtReview(language);
        Assert.Equal("review", review.StepId);

        var chat = review.Say(typed);

        Assert.Equal(step, chat.StepId);
        Assert.True(chat.State?.ReturnToReview);
    }

    [Theory]
    [InlineData("ru", "всё верно")]
    [InlineData("ru", "Все верно!")]
    [InlineData("ru", "правильно")]
    [InlineData("en", "looks good")]
    [InlineData("en", "All correct.")]
    [InlineData("kk", "бәрі дұрыс")]
    public void TheScreensOwnAllCorrectSendsTheReport(string language, string typed)
    {
        Assert.Equal(ChoiceIds.Submit, TypedChoice.Match(AtReview(language).Question, typed, ShippedFlow.Load().Texts, byBeginning: true));
    }

    [Theory]
    [InlineData("ru", "дату")]
    [InlineData("ru", "изменить")]
    [InlineData("ru", "изменить всё")]
    public void AWordOfWhatToChangeAloneOrNothingToChangeOpensNoQuestion(string language, string typed)
    {
        var chat = AtReview(language).Say(typed);

        Assert.Equal("review", chat.StepId);
    }
}
