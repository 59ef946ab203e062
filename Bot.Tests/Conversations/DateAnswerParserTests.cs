using System.Globalization;
using CommunityBot.Conversations;

namespace CommunityBot.Tests.Conversations;

/// <summary>One parser per test class, its English recognizer built once up front.</summary>
public sealed class DateAnswerParserFixture
{
    // A Sunday.
    internal static readonly DateOnly Today = new(2026, 11, 29);

    public DateAnswerParserFixture()
    {
        // "this morning" goes past the parser's own rules to the recognizer, which builds its model now.
        Parser.Parse("this morning", "en", Today);
    }

    internal DateAnswerParser Parser { get; } = new();
}

public sealed class DateAnswerParserTests(DateAnswerParserFixture fixture) : IClassFixture<DateAnswerParserFixture>
{
    private static readonly DateOnly Today = DateAnswerParserFixture.Today;

    private static readonly DateParse Unrecognized = new DateParse.Unrecognized();

    [Theory]
    [InlineData("12.03.2026", "2026-03-12")]
    [InlineData("12.03.26", "2026-03-12")]
    [InlineData("12/03/2026", "2026-03-12")]
    [InlineData("12-03-2026", "2026-03-12")]
    [InlineData("1.3.2026", "2026-03-01")]
    [InlineData("01.03.2026", "2026-03-01")]
    [InlineData("2026-03-12", "2026-03-12")]
    [InlineData("  12.03.2026.  ", "2026-03-12")]
    [InlineData("12.03.2026!", "2026-03-12")]
    [InlineData("12 . 03 . 2026", "2026-03-12")]
    [InlineData("12–03–2026", "2026-03-12")]
    [InlineData("29.02.2024", "2024-02-29")]
    [InlineData("12.03.99", "1999-03-12")]
    [InlineData("05.10.1990", "1990-10-05")]
    public void NumericDatesAreReadDayFirstInEveryLanguage(string text, string expected)
    {
        foreach (var language in new[] { "ru", "en", "kk", "" })
        {
            Assert.Equal(Parsed(expected), Parse(text, language));
        }
    }

    [Theory]
    [InlineData("12.03", "2026-03-12")]
    [InlineData("29.11", "2026-11-29")]
    [InlineData("30.11", "2025-11-30")]
    [InlineData("12.12", "2025-12-12")]
    [InlineData("01.01", "2026-01-01")]
    [InlineData("31/12", "2025-12-31")]
    public void ADayAndMonthWithoutAYearIsTheMostRecentOneNotAfterToday(string text, string expected)
    {
        Assert.Equal(Parsed(expected), Parse(text, "ru"));
        Assert.Equal(Parsed(expected), Parse(text, "kk"));
    }

    [Fact]
    public void TheTwentyNinthOfFebruaryWithoutAYearIsTheLastLeapDay()
    {
        Assert.Equal(Parsed("2024-02-29"), Parse("29.02", "ru"));
        Assert.Equal(Parsed("2024-02-29"), fixture.Parser.Parse("29.02", "ru", new DateOnly(2024, 3, 1)));
        Assert.Equal(Parsed("2020-02-29"), fixture.Parser.Parse("29.02", "ru", new DateOnly(2024, 2, 28)));
    }

    [Fact]
    public void ATwoDigitYearIsNeverAfterThisYear()
    {
        Assert.Equal(Parsed("2026-01-05"), Parse("05.01.26", "ru"));
        Assert.Equal(Parsed("1927-01-05"), Parse("05.01.27", "ru"));
    }

    [Theory]
    [InlineData("29.02.2026")]
    [InlineData("29.02.2025")]
    [InlineData("31.02.2026")]
    [InlineData("31.04.2026")]
    [InlineData("32.01.2026")]
    [InlineData("00.01.2026")]
    [InlineData("12.13.2026")]
    [InlineData("12.00.2026")]
    [InlineData("12.03.0000")]
    [InlineData("2026-02-30")]
    [InlineData("2026-13-01")]
    [InlineData("12.03.202")]
    [InlineData("12.03.20266")]
    [InlineData("30.02")]
    [InlineData("31 февраля")]
    [InlineData("February 30")]
    [InlineData("31st of February")]
    public void DaysThatDoNotExistAreNotRecognised(string text)
    {
        Assert.Equal(Unrecognized, Parse(text, "ru"));
        Assert.Equal(Unrecognized, Parse(text, "en"));
    }

    [Theory]
    [InlineData("not now")]
    [InlineData("Not today")]
    [InlineData("not yesterday")]
    [InlineData("no, not yesterday")]
    [InlineData("never")]
    [InlineData("не сейчас")]
    [InlineData("не сегодня")]
    [InlineData("не вчера")]
    [InlineData("бүгін емес")]
    [InlineData("кеше емес")]
    public void ADayTheMemberSaysItWasNotIsNotTakenForTheDay(string text)
    {
        Assert.Equal(Unrecognized, Parse(text, "ru"));
        Assert.Equal(Unrecognized, Parse(text, "en"));
        Assert.Equal(Unrecognized, Parse(text, "kk"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("12")]
    [InlineData("1.2.3.4")]
    [InlineData("12..03")]
    [InlineData("абв")]
    [InlineData("hello")]
    [InlineData("🙂")]
    [InlineData("не помню")]
    [InlineData("I don't remember")]
    [InlineData("на этой неделе")]
    [InlineData("в прошлом месяце")]
    [InlineData("in March")]
    [InlineData("2019")]
    [InlineData("99999999999999 дней назад")]
    [InlineData("99999999999999 days ago")]
    [InlineData("999999999 лет назад")]
    [InlineData("5 полгода назад")]
    public void GarbageAndVagueAnswersAreNotRecognised(string text)
    {
        Assert.Equal(Unrecognized, Parse(text, "ru"));
        Assert.Equal(Unrecognized, Parse(text, "en"));
        Assert.Equal(Unrecognized, Parse(text, "kk"));
    }

    [Theory]
    [InlineData("сегодня", "2026-11-29")]
    [InlineData("вчера", "2026-11-28")]
    [InlineData("Вчера!", "2026-11-28")]
    [InlineData("ВЧЕРА", "2026-11-28")]
    [InlineData("вчера вечером", "2026-11-28")]
    [InlineData("вечером вчера", "2026-11-28")]
    [InlineData("позавчера", "2026-11-27")]
    [InlineData("позавчера ночью", "2026-11-27")]
    [InlineData("0 дней назад", "2026-11-29")]
    [InlineData("1 день назад", "2026-11-28")]
    [InlineData("день назад", "2026-11-28")]
    [InlineData("3 дня назад", "2026-11-26")]
    [InlineData("5 дней назад", "2026-11-24")]
    [InlineData("21 день назад", "2026-11-08")]
    [InlineData("два дня назад", "2026-11-27")]
    [InlineData("три дня назад", "2026-11-26")]
    [InlineData("десять дней назад", "2026-11-19")]
    [InlineData("неделю назад", "2026-11-22")]
    [InlineData("одну неделю назад", "2026-11-22")]
    [InlineData("1 неделю назад", "2026-11-22")]
    [InlineData("2 недели назад", "2026-11-15")]
    [InlineData("две недели назад", "2026-11-15")]
    [InlineData("5 недель назад", "2026-10-25")]
    [InlineData("5 дней тому назад", "2026-11-24")]
    [InlineData("неделю тому назад", "2026-11-22")]
    [InlineData("пару дней назад", "2026-11-27")]
    [InlineData("месяц назад", "2026-10-29")]
    [InlineData("2 месяца назад", "2026-09-29")]
    [InlineData("три месяца назад", "2026-08-29")]
    [InlineData("полгода назад", "2026-05-29")]
    [InlineData("пол года назад", "2026-05-29")]
    [InlineData("год назад", "2025-11-29")]
    [InlineData("2 года назад", "2024-11-29")]
    public void RussianRelativeWordsCountBackFromToday(string text, string expected) =>
        Assert.Equal(Parsed(expected), Parse(text, "ru"));

    [Theory]
    [InlineData("в понедельник", "2026-11-23")]
    [InlineData("понедельник", "2026-11-23")]
    [InlineData("во вторник", "2026-11-24")]
    [InlineData("в прошлый вторник", "2026-11-24")]
    [InlineData("в среду", "2026-11-25")]
    [InlineData("в прошлую пятницу", "2026-11-27")]
    [InlineData("в субботу вечером", "2026-11-28")]
    [InlineData("в воскресенье", "2026-11-29")]
    [InlineData("в прошлое воскресенье", "2026-11-22")]
    public void RussianWeekdaysAreTheMostRecentOne(string text, string expected) =>
        Assert.Equal(Parsed(expected), Parse(text, "ru"));

    [Theory]
    [InlineData("12 марта", "2026-03-12")]
    [InlineData("12 марта 2026", "2026-03-12")]
    [InlineData("12 марта 2025 г.", "2025-03-12")]
    [InlineData("12 марта 2025 года", "2025-03-12")]
    [InlineData("1 мая", "2026-05-01")]
    [InlineData("31 декабря", "2025-12-31")]
    [InlineData("29 ноября", "2026-11-29")]
    [InlineData("12 Март", "2026-03-12")]
    [InlineData("12.03.2026 г.", "2026-03-12")]
    public void RussianMonthNamesAreRead(string text, string expected) =>
        Assert.Equal(Parsed(expected), Parse(text, "ru"));

    [Theory]
    [InlineData("today", "2026-11-29")]
    [InlineData("Yesterday", "2026-11-28")]
    [InlineData("yesterday evening", "2026-11-28")]
    [InlineData("the day before yesterday", "2026-11-27")]
    [InlineData("0 days ago", "2026-11-29")]
    [InlineData("1 day ago", "2026-11-28")]
    [InlineData("3 days ago", "2026-11-26")]
    [InlineData("two days ago", "2026-11-27")]
    [InlineData("ten days ago", "2026-11-19")]
    [InlineData("a week ago", "2026-11-22")]
    [InlineData("2 weeks ago", "2026-11-15")]
    [InlineData("three weeks ago", "2026-11-08")]
    public void EnglishRelativeWordsCountBackFromToday(string text, string expected) =>
        Assert.Equal(Parsed(expected), Parse(text, "en"));

    [Theory]
    [InlineData("monday", "2026-11-23")]
    [InlineData("on Monday", "2026-11-23")]
    [InlineData("last tuesday", "2026-11-24")]
    [InlineData("LAST TUESDAY", "2026-11-24")]
    [InlineData("last Tuesday evening", "2026-11-24")]
    [InlineData("on Friday", "2026-11-27")]
    [InlineData("sunday", "2026-11-29")]
    [InlineData("last sunday", "2026-11-22")]
    public void EnglishWeekdaysAreTheMostRecentOne(string text, string expected) =>
        Assert.Equal(Parsed(expected), Parse(text, "en"));

    [Theory]
    [InlineData("March 12", "2026-03-12")]
    [InlineData("March 12th", "2026-03-12")]
    [InlineData("March 12, 2025", "2025-03-12")]
    [InlineData("12 March 2026", "2026-03-12")]
    [InlineData("12th of March", "2026-03-12")]
    [InlineData("on the 5th of March", "2026-03-05")]
    [InlineData("December 25", "2025-12-25")]
    [InlineData("Feb 29", "2024-02-29")]
    public void EnglishMonthNamesAreRead(string text, string expected) =>
        Assert.Equal(Parsed(expected), Parse(text, "en"));

    [Theory]
    [InlineData("I think it was 3 days ago", "2026-11-26")]
    [InlineData("it was on Tuesday", "2026-11-24")]
    [InlineData("last night", "2026-11-28")]
    [InlineData("this morning", "2026-11-29")]
    [InlineData("about two weeks ago", "2026-11-15")]
    [InlineData("the day before yesterday at 5pm", "2026-11-27")]
    [InlineData("yesterday, around 5pm", "2026-11-28")]
    public void EnglishFreeTextGoesThroughTheRecognizer(string text, string expected) =>
        Assert.Equal(Parsed(expected), Parse(text, "en"));

    [Fact]
    public void FutureDatesAreRecognisedSoTheCallerCanRefuseThemWithAClearMessage()
    {
        Assert.Equal(Parsed("2026-12-12"), Parse("12.12.2026", "ru"));
        Assert.Equal(Parsed("2026-11-30"), Parse("tomorrow", "en"));
    }

    [Fact]
    public void LanguageTagsWithARegionAreUnderstood()
    {
        Assert.Equal(Parsed("2026-11-28"), Parse("вчера", "ru-RU"));
        Assert.Equal(Parsed("2026-11-28"), Parse("yesterday", "EN_us"));
    }

    [Fact]
    public void InvisibleMarksAndForeignDigitsDoNotGetInTheWay()
    {
        Assert.Equal(Parsed("2026-03-12"), Parse("\u200f12.03.2026\u200e", "ru"));
        Assert.Equal(Parsed("2026-03-12"), Parse("\u202b12.03.2026\u202c", "kk"));
        Assert.Equal(Parsed("2026-03-12"), Parse("12.03.2026\0", "ru"));
        Assert.Equal(Parsed("2026-11-28"), Parse("вче\u200bра", "ru"));
        Assert.Equal(Parsed("2026-03-12"), Parse("١٢.٠٣.٢٠٢٦", "ru"));
        Assert.Equal(Parsed("2026-03-12"), Parse("12.03.2026\u00a0", "en"));
    }

    [Fact]
    public void HostileInputIsNotRecognisedAndDoesNotThrow()
    {
        string[] inputs =
        [
            new string('1', 10_000),
            string.Concat(Enumerable.Repeat("12.03.2026 ", 1000)),
            string.Concat(Enumerable.Repeat("yesterday ", 1000)),
            string.Concat(Enumerable.Repeat("🙂", 5000)),
            "\0\0\0",
            "\ud800",
        ];
        foreach (var text in inputs)
        {
            foreach (var language in new[] { "ru", "en", "kk" })
            {
                Assert.Equal(Unrecognized, Parse(text, language));
            }
        }
        Assert.Equal(Parsed("2026-11-28"), Parse(new string(' ', 10_000) + "вчера" + new string('\n', 10_000), "ru"));
    }

    [Fact]
    public void ManyThreadsGetTheSameAnswersAsOne()
    {
        string[] inputs =
        [
            "it was on Tuesday", "last night", "I think it was 3 days ago", "this morning", "вчера",
            "12.03", "the 5th of March", "yesterday, around 5pm", "about two weeks ago", "last week",
        ];
        var expected = inputs.Select(text => Parse(text, "en")).ToArray();

        var results = new DateParse[inputs.Length * 50];
        Parallel.For(0, results.Length, i => results[i] = Parse(inputs[i % inputs.Length], "en"));

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(expected[i % inputs.Length], results[i]);
        }
    }

    [Theory]
    [InlineData("это было вчера", "2026-11-28")]
    [InlineData("Вчера было.", "2026-11-28")]
    [InlineData("кажется было позавчера", "2026-11-27")]
    [InlineData("примерно неделю назад", "2026-11-22")]
    [InlineData("где-то 3 дня назад", "2026-11-26")]
    [InlineData("около недели назад", "2026-11-22")]
    [InlineData("около 2 месяцев назад", "2026-09-29")]
    [InlineData("с неделю назад", "2026-11-22")]
    [InlineData("дня 3 назад", "2026-11-26")]
    [InlineData("дней пять тому назад", "2026-11-24")]
    [InlineData("недели две назад", "2026-11-15")]
    [InlineData("это было 12.03", "2026-03-12")]
    [InlineData("это было вчера вечером", "2026-11-28")]
    public void RussianDatesSaidWithHedgesOrTheCountAfterItsUnitAreRead(string text, string expected)
    {
        Assert.Equal(Parsed(expected), Parse(text, "ru"));
        Assert.Equal(Parsed(expected), Parse(text, "kk"));
    }

    [Theory]
    [InlineData("10 числа", "2026-11-10")]
    [InlineData("10-го", "2026-11-10")]
    [InlineData("29-го числа", "2026-11-29")]
    [InlineData("30 числа", "2026-10-30")]
    [InlineData("31 числа", "2026-10-31")]
    public void ADayOfTheMonthAloneIsTheMostRecentSuchDay(string text, string expected)
    {
        Assert.Equal(Parsed(expected), Parse(text, "ru"));
    }

    [Theory]
    [InlineData("10")]
    [InlineData("было")]
    [InlineData("примерно")]
    [InlineData("примерно в марте")]
    [InlineData("32 числа")]
    [InlineData("несколько дней назад")]
    [InlineData("вчера или позавчера")]
    public void AHedgeAloneABareNumberOrARoughAnswerIsStillNoDay(string text)
    {
        Assert.Equal(Unrecognized, Parse(text, "ru"));
    }

    [Theory]
    [InlineData("it was yesterday", "2026-11-28")]
    [InlineData("Yesterday, I think.", "2026-11-28")]
    [InlineData("around 3 days ago", "2026-11-26")]
    [InlineData("maybe 2 days ago", "2026-11-27")]
    [InlineData("2 days back", "2026-11-27")]
    [InlineData("the 10th", "2026-11-10")]
    [InlineData("on the 30th", "2026-10-30")]
    public void EnglishDatesSaidWithHedgesOrAsADayOfTheMonthAreRead(string text, string expected)
    {
        Assert.Equal(Parsed(expected), Parse(text, "en"));
    }

    private DateParse Parse(string text, string language) => fixture.Parser.Parse(text, language, Today);

    private static DateParse.Parsed Parsed(string iso) =>
        new(DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("kk")]
    [InlineData("en")]
    [InlineData("ky")]
    public void RussianWordsAreUnderstoodWhateverTheLanguage(string language)
    {
        Assert.Equal(Parsed("2026-11-28"), Parse("вчера", language));
        Assert.Equal(Parsed("2026-11-26"), Parse("3 дня назад", language));
    }

    [Theory]
    [InlineData("бүгін", "2026-11-29")]
    [InlineData("Бүгін!", "2026-11-29")]
    [InlineData("кеше", "2026-11-28")]
    [InlineData("КЕШЕ", "2026-11-28")]
    [InlineData("кеше кешке", "2026-11-28")]
    [InlineData("алдыңгүні", "2026-11-27")]
    [InlineData("алдыңғы күні", "2026-11-27")]
    [InlineData("алдыңғы күні түнде", "2026-11-27")]
    [InlineData("3 күн бұрын", "2026-11-26")]
    [InlineData("үш күн бұрын", "2026-11-26")]
    [InlineData("күн бұрын", "2026-11-28")]
    [InlineData("он күн бұрын", "2026-11-19")]
    [InlineData("ай бұрын", "2026-10-29")]
    [InlineData("екі ай бұрын", "2026-09-29")]
    [InlineData("бір жыл бұрын", "2025-11-29")]
    [InlineData("шамамен 5 күндей бұрын", "2026-11-24")]
    [InlineData("апта бұрын", "2026-11-22")]
    [InlineData("бір апта бұрын", "2026-11-22")]
    [InlineData("2 апта бұрын", "2026-11-15")]
    [InlineData("екі аптадай бұрын", "2026-11-15")]
    public void KazakhRelativeWordsCountBackFromTodayWhateverTheLanguage(string text, string expected)
    {
        foreach (var language in new[] { "kk", "ru", "en", "" })
        {
            Assert.Equal(Parsed(expected), Parse(text, language));
        }
    }

    [Theory]
    [InlineData("дүйсенбі", "2026-11-23")]
    [InlineData("сейсенбіде", "2026-11-24")]
    [InlineData("жұмада", "2026-11-27")]
    [InlineData("өткен жұмада", "2026-11-27")]
    [InlineData("сенбі күні", "2026-11-28")]
    [InlineData("жексенбі", "2026-11-29")]
    [InlineData("өткен жексенбіде", "2026-11-22")]
    [InlineData("12 наурыз", "2026-03-12")]
    [InlineData("12 наурызда", "2026-03-12")]
    [InlineData("12-ші наурыз", "2026-03-12")]
    [InlineData("12 наурыз 2025 ж.", "2025-03-12")]
    [InlineData("31 желтоқсан", "2025-12-31")]
    [InlineData("5 қазан", "2026-10-05")]
    public void KazakhWeekdaysAndMonthNamesAreRead(string text, string expected)
    {
        Assert.Equal(Parsed(expected), Parse(text, "kk"));
        Assert.Equal(Parsed(expected), Parse(text, "ru"));
    }

    [Theory]
    [InlineData("бугин", "2026-11-29")] // ү and і typed as у and и on a Russian keyboard
    [InlineData("бугiн", "2026-11-29")] // a Latin i for і
    [InlineData("алдынгуни", "2026-11-27")]
    [InlineData("3 кун бурын", "2026-11-26")]
    [InlineData("уш кун бурын", "2026-11-26")]
    [InlineData("бир апта бурын", "2026-11-22")]
    public void KazakhWordsTypedWithoutKazakhLettersAreRead(string text, string expected) =>
        Assert.Equal(Parsed(expected), Parse(text, "kk"));

    [Theory]
    [InlineData("күн")]
    [InlineData("апта")]
    [InlineData("бұрын")]
    [InlineData("көп күн бұрын")]
    [InlineData("есімде жоқ")]
    [InlineData("өткен айда")]
    [InlineData("31 ақпан")]
    [InlineData("жұмадан")]
    [InlineData("99999999999999 күн бұрын")]
    public void VagueOrUnknownKazakhAnswersAreNotRecognised(string text) =>
        Assert.Equal(Unrecognized, Parse(text, "kk"));
}
