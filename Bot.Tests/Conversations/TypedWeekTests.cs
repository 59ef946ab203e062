using CommunityBot.Conversations;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Conversations;

/// <summary>"Last week" typed at the date question names no day: the member is asked which day of that week it was,
/// as after the "this week" button, rather than being refused. (The transcripts' today is Sunday 29.11.2026.)</summary>
public sealed class TypedWeekTests(DateAnswerParserFixture fixture) : IClassFixture<DateAnswerParserFixture>
{
    private static readonly DateOnly LastMonday = new(2026, 11, 16);

    [Theory]
    [InlineData("на прошлой неделе", "ru")]
    [InlineData("На прошлой неделе.", "ru")]
    [InlineData("прошлая неделя", "ru")]
    [InlineData("за прошлую неделю", "ru")]
    [InlineData("на прошлой неделе", "en")]
    [InlineData("last week", "en")]
    [InlineData("Last week!", "en")]
    [InlineData("in the previous week", "en")]
    [InlineData("өткен аптада", "kk")]
    [InlineData("откен аптада", "kk")]
    [InlineData("алдыңғы аптада", "kk")]
    [InlineData("өткен аптада", "ru")]
    public void LastWeekIsReadAsTheWeekBeforeThisOne(string typed, string language)
    {
        Assert.Equal(new DateParse.Week(LastMonday), fixture.Parser.Parse(typed, language, DateAnswerParserFixture.Today));
    }

    [Theory]
    [InlineData("на позапрошлой неделе", "ru")]
    [InlineData("the week before last", "en")]
    public void TheWeekBeforeLastIsTwoWeeksBack(string typed, string language)
    {
        Assert.Equal(new DateParse.Week(LastMonday.AddDays(-7)), fixture.Parser.Parse(typed, language, DateAnswerParserFixture.Today));
    }

    [Theory]
    [InlineData("неделю назад", "ru", "2026-11-22")]
    [InlineData("a week ago", "en", "2026-11-22")]
    [InlineData("last Tuesday", "en", "2026-11-24")]
    [InlineData("в прошлый вторник", "ru", "2026-11-24")]
    public void AWeekAgoAndLastTuesdayAreStillDays(string typed, string language, string day)
    {
        Assert.Equal(new DateParse.Parsed(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)),
            fixture.Parser.Parse(typed, language, DateAnswerParserFixture.Today));
    }

    [Theory]
    [InlineData("вторник", DayOfWeek.Tuesday)]
    [InlineData("Во вторник.", DayOfWeek.Tuesday)]
    [InlineData("в пятницу вечером", DayOfWeek.Friday)]
    [InlineData("on Friday", DayOfWeek.Friday)]
    [InlineData("sunday", DayOfWeek.Sunday)]
    [InlineData("жұмада", DayOfWeek.Friday)]
    [InlineData("дүйсенбі", DayOfWeek.Monday)]
    public void AWeekdayNamedAloneIsReadInEachLanguage(string typed, DayOfWeek expected)
    {
        Assert.Equal(expected, DateAnswerParser.Weekday(typed));
    }

    [Theory]
    [InlineData("вчера")]
    [InlineData("12.03")]
    [InlineData("больница")]
    public void WhatIsNoWeekdayNamesNone(string typed)
    {
        Assert.Null(DateAnswerParser.Weekday(typed));
    }

    [Fact]
    public void LastWeekTypedOffersItsSevenDaysNewestFirst()
    {
        var chat = AtWhen("ru").Say("на прошлой неделе");

        Assert.Equal("when", chat.StepId);
        Assert.DoesNotContain(chat.Replies, r => r.Kind == PromptKind.Notice);
        Assert.Equal(Enumerable.Range(0, 7).Select(back => "day:" + LastMonday.AddDays(6 - back).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            chat.Question.Choices.Select(c => c.Id));
        Assert.Contains("22.11", chat.Question.Choices[0].Label, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ru", "во вторник", 17)]
    [InlineData("ru", "Вт 17.11", 17)]
    [InlineData("ru", "3", 20)]
    [InlineData("ru", "18.11", 18)]
    [InlineData("en", "Friday", 20)]
    [InlineData("kk", "сейсенбіде", 17)]
    public void ADayOfThatWeekIsTakenByItsNameItsNumberOrItsDate(string language, string typed, int day)
    {
        var chat = AtWhen(language).Say(language == "en" ? "last week" : language == "kk" ? "өткен аптада" : "на прошлой неделе").Say(typed);

        Assert.Equal(new DateAnswer(new DateOnly(2026, 11, day)), chat.State?.Answers["when"]);
        Assert.Equal("region", chat.StepId);
    }

    [Fact]
    public void BackFromTheDaysOfTheWeekReturnsToTheDateQuestion()
    {
        var chat = AtWhen("ru").Say("на прошлой неделе").Back();

        Assert.Equal("when", chat.StepId);
        Assert.Contains(ChoiceIds.ThisWeek, chat.Question.Choices.Select(c => c.Id));
    }

    [Fact]
    public void LastWeekTypedAtThePlaceQuestionIsNoPlace()
    {
        var chat = AtWhen("ru").Press(ChoiceIds.Yesterday).Say("на прошлой неделе");

        Assert.Equal("region", chat.StepId);
        Assert.False(chat.State?.Answers.ContainsKey("region"));
        Assert.Contains(chat.Replies, r => r.Text.Contains(ShippedFlow.Load().Texts.Get("ru", "place.date_typed"), StringComparison.Ordinal));
    }

    private static Transcript AtWhen(string language) =>
        Transcript.Start(language).Press(ChoiceIds.Accept).Press("hospital").Press("me");
}
