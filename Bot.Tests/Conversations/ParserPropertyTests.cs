using System.Globalization;
using CommunityBot.Conversations;
using CommunityBot.Tests.Support;
using CsCheck;

namespace CommunityBot.Tests.Conversations;

public sealed class ParserPropertyTests(DateAnswerParserFixture fixture) : IClassFixture<DateAnswerParserFixture>
{
    private static readonly string[] Languages = ["ru", "en", "kk"];

    private static readonly Gen<string> Language = Gen.OneOf(Languages);

    private static readonly Gen<DateOnly> AnyDay =
        Gen.Int[DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber].Select(DateOnly.FromDayNumber);

    // Days a member could plausibly be living in, with room to count back 3,000 days.
    private static readonly Gen<DateOnly> Today =
        Gen.Int[new DateOnly(2020, 1, 1).DayNumber, new DateOnly(2060, 12, 31).DayNumber].Select(DateOnly.FromDayNumber);

    // Any UTF-16 unit at all, lone surrogates, control and format characters included.
    private static readonly Gen<string> AnyUnicode = Gen.Char[char.MinValue, char.MaxValue].Array[0, 60]
        .Select(chars => new string(chars));

    private static readonly Gen<string> DigitsAndDots = Gen.String[Gen.Char["0123456789./- "], 0, 14];

    private static readonly Gen<string> WordsAndNumbers = Gen.String[Gen.Char["0123456789 .,-назадднейвчераweeksagoкүнбұрыапташ"], 0, 24];

    [Fact]
    public void NoTextMakesTheDateParserThrow()
    {
        Gen.Select(Gen.OneOf(Gen.String, AnyUnicode, DigitsAndDots, WordsAndNumbers), Language, Today)
            .Sample((text, language, today) => fixture.Parser.Parse(text, language, today), iter: 2000);
    }

    [Fact]
    public void AnyDayWrittenDayFirstReadsBackAsItself()
    {
        Gen.Select(AnyDay, Language).Sample((day, language) =>
        {
            var text = day.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
            Assert.Equal(new DateParse.Parsed(day), fixture.Parser.Parse(text, language, day));
        }, iter: 1000);
    }

    [Fact]
    public void AnyDayWrittenAsIsoReadsBackAsItself()
    {
        Gen.Select(AnyDay, Language).Sample((day, language) =>
        {
            var text = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            Assert.Equal(new DateParse.Parsed(day), fixture.Parser.Parse(text, language, day));
        }, iter: 1000);
    }

    [Fact]
    public void NDaysAgoIsTodayMinusNDays()
    {
        Gen.Select(Gen.Int[0, 3000], Today).Sample((days, today) =>
        {
            var expected = new DateParse.Parsed(today.AddDays(-days));
            Assert.Equal(expected, fixture.Parser.Parse($"{days} дней назад", "ru", today));
            Assert.Equal(expected, fixture.Parser.Parse($"{days} days ago", "en", today));
            Assert.Equal(expected, fixture.Parser.Parse($"{days} күн бұрын", "kk", today));
        }, iter: 1000);
    }

    [Fact]
    public void ADayAndMonthWithoutAYearIsNeverAfterTodayNorMoreThanAYearBack()
    {
        // 2024 is a leap year, so every day and month that can exist comes up.
        Gen.Select(Gen.Int[new DateOnly(2024, 1, 1).DayNumber, new DateOnly(2024, 12, 31).DayNumber], Today)
            .Sample((dayNumber, today) =>
            {
                var day = DateOnly.FromDayNumber(dayNumber);
                var text = day.ToString("dd.MM", CultureInfo.InvariantCulture);
                var parsed = Assert.IsType<DateParse.Parsed>(fixture.Parser.Parse(text, "kk", today));
                Assert.Equal((day.Month, day.Day), (parsed.Date.Month, parsed.Date.Day));
                Assert.True(parsed.Date <= today);
                var leapDay = day is { Month: 2, Day: 29 };
                Assert.True(parsed.Date > today.AddYears(leapDay ? -8 : -1));
            }, iter: 1000);
    }

    [Fact]
    public void NoTextMakesTheChoiceParsersThrowOrStrayOutsideTheList()
    {
        Gen.Select(Gen.OneOf(Gen.String, AnyUnicode, DigitsAndDots), Gen.Int[-3, 40]).Sample((text, count) =>
        {
            if (ChoiceNumberParser.TryParseOne(text, count, out var index))
            {
                Assert.InRange(index, 1, count);
            }

            if (ChoiceNumberParser.TryParseMany(text, count, out var indices))
            {
                Assert.NotEmpty(indices);
                Assert.All(indices, i => Assert.InRange(i, 1, count));
                Assert.Equal(indices.Distinct().Order(), indices);
            }

            if (ChoiceNumberParser.TryParseRepeated(text, count, out var repeated))
            {
                // A number repeated is that one number, as a list of it reads.
                Assert.InRange(repeated, 1, count);
                Assert.True(ChoiceNumberParser.TryParseMany(text, count, out var listed));
                Assert.Equal([repeated], listed.ToArray());
            }
        }, iter: 3000);
    }

    [Fact]
    public void AnyChosenNumbersWrittenOutReadBackSortedAndDistinct()
    {
        Gen.Int[1, 30].SelectMany(count => Gen.Int[1, count].Array[1, 10].Select(chosen => (count, chosen)))
            .Sample(sample =>
            {
                var text = string.Join(", ", sample.chosen);
                Assert.True(ChoiceNumberParser.TryParseMany(text, sample.count, out var indices));
                Assert.Equal(sample.chosen.Distinct().Order(), indices);
                Assert.Equal(sample.chosen.Length == 1, ChoiceNumberParser.TryParseOne(text, sample.count, out _));
                Assert.Equal(sample.chosen.Length > 1 && sample.chosen.Distinct().Count() == 1, ChoiceNumberParser.TryParseRepeated(text, sample.count, out _));
            }, iter: 1000);
    }

    // What members type at a choice: numbers in every shape, number words, yes and no on either keyboard, label words.
    private static readonly Gen<string> TypedAtAChoice = Gen.OneOf(
        Gen.String[Gen.Char["0123456789 ,.;-–()№#+&иandжәнеHETнетDAдаOKокpyсхі"], 0, 24],
        Gen.OneOf("пятый", "fifth", "бесінші", "он сегіз", "восемнадцать", "HET", "ВОАТ", "1414", "наверное 2", "изменить рассказ",
            "первый и третий", "0", "-1", "99999999", "№", "😢", "1-999999", "больн"),
        Gen.String[Gen.Char["0123456789 ,.-№+абвгдеёжзийклмнопрстуфхцчшщъыьэюяәіңғүұқөһabcdefghijklmnopqrstuvwxyz"], 0, 40]);

    private static readonly Gen<string> ALabel = Gen.OneOf(
        Gen.OneOf("Да", "Нет", "Со мной", "1414 или eOtinish", "Other place", "Изменить: Ваш рассказ", "Жіберу", "Boat", "Не дали ОЗТ в больнице",
            "Другое", "Ничего из этого", "✅ Готово"),
        Gen.String[Gen.Char["0123456789 ,.:-абвгдежзийклмнопрстуфхцчшщьыэюяabcdefghijklmnopqrstuvwxyz"], 1, 30]);

    private static readonly Gen<Prompt> AnyPrompt =
        Gen.Select(ALabel.Array[0, 22], Gen.OneOf(PromptKind.SingleChoice, PromptKind.MultipleChoice, PromptKind.Review, PromptKind.Text),
            Gen.OneOf("", ChoiceIds.Yes, ChoiceIds.Submit, ChoiceIds.None, ChoiceIds.Mask), (labels, kind, firstId) => new Prompt("?",
            [.. labels.Select((label, at) => new PromptChoice(at == 0 && firstId.Length > 0 ? firstId : $"c{at}", label))], kind, CanGoBack: false,
            CanCancel: false));

    [Fact]
    public void NoTextMakesTheTypedChoiceReaderThrowOrPickAChoiceNotOffered()
    {
        var texts = ShippedFlow.Load().Texts;
        Gen.Select(Gen.OneOf(TypedAtAChoice, AnyUnicode, Gen.String), AnyPrompt, Gen.Bool, Language).Sample((text, prompt, byBeginning, language) =>
        {
            var offered = prompt.Choices.Select(c => c.Id).ToHashSet();
            if (TypedChoice.Match(prompt, text, texts, byBeginning) is { } id)
            {
                Assert.Contains(id, offered);
            }
            if (TypedChoice.MatchList(prompt, text, texts) is { } ids)
            {
                Assert.All(ids, one => Assert.Contains(one, offered));
            }
            if (TypedChoice.MatchFirstWord(prompt, text, texts) is { } first)
            {
                Assert.Contains(first, offered);
            }
            Assert.All(TypedChoice.Candidates(prompt, text, texts), number => Assert.InRange(number, 1, prompt.Choices.Length));
            Assert.NotEmpty(TypedChoice.Reask(prompt, text, texts, language));
        }, iter: 3000);
    }

    [Fact]
    public void ReadingAWordInTheOtherScriptNeverChangesItsLengthOrThrows()
    {
        Gen.Select(Gen.OneOf(TypedAtAChoice, AnyUnicode, Gen.String), Gen.Bool).Sample((text, toCyrillic) =>
        {
            var lower = text.ToLowerInvariant();
            if (LookAlikes.Twinned(lower, toCyrillic) is { } twinned)
            {
                Assert.Equal(lower.Length, twinned.Length);
                Assert.NotEqual(lower, twinned);
            }
        }, iter: 3000);
    }
}
