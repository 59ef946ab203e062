using CommunityBot.Conversations;

namespace CommunityBot.Tests.Conversations;

public sealed class ChoiceNumberParserTests
{
    [Theory]
    [InlineData("1", 1)]
    [InlineData("3", 3)]
    [InlineData(" 3 ", 3)]
    [InlineData("3.", 3)]
    [InlineData("3)", 3)]
    [InlineData("(3)", 3)]
    [InlineData("03", 3)]
    [InlineData("5", 5)]
    [InlineData("\t2\n", 2)]
    [InlineData("№2", 2)]
    [InlineData("# 2", 2)]
    [InlineData("\uFF12", 2)]
    [InlineData("\uFF11\uFF12", 12)]
    [InlineData("3\uFE0F\u20E3", 3)]
    [InlineData("1\u20E3", 1)]
    [InlineData("1\uFE0F\u20E32\uFE0F\u20E3", 12)]
    public void ANumberWithinTheListIsOneChoice(string text, int expected)
    {
        Assert.True(ChoiceNumberParser.TryParseOne(text, 12, out var index));
        Assert.Equal(expected, index);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("0")]
    [InlineData("6")]
    [InlineData("-1")]
    [InlineData("+2")]
    [InlineData("1, 3")]
    [InlineData("2-4")]
    [InlineData("3..")]
    [InlineData("3 3")]
    [InlineData("три")]
    [InlineData("three")]
    [InlineData("1.5")]
    [InlineData("99999999999999")]
    [InlineData("2147483648")]
    [InlineData("🙂")]
    [InlineData("№")]
    [InlineData("##2")]
    public void AnythingElseIsNotOneChoice(string text)
    {
        Assert.False(ChoiceNumberParser.TryParseOne(text, 5, out _));
    }

    [Theory]
    [InlineData("3 3", 3)]
    [InlineData("3, 3", 3)]
    [InlineData("3,3", 3)]
    [InlineData("3 3 3", 3)]
    [InlineData("3;3", 3)]
    [InlineData(" 5\u00a05 ", 5)]
    [InlineData("\uFF12 \uFF12", 2)]
    public void TheSameNumberTypedMoreThanOnceIsThatNumber(string text, int expected)
    {
        Assert.True(ChoiceNumberParser.TryParseRepeated(text, 5, out var index));
        Assert.Equal(expected, index);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("3 4")]
    [InlineData("3 3 4")]
    [InlineData("6 6")]
    [InlineData("0 0")]
    [InlineData("1-1")]
    [InlineData("3. 3.")]
    [InlineData("3 три")]
    [InlineData(", ,")]
    public void AnythingElseIsNoRepeatedNumber(string text)
    {
        Assert.False(ChoiceNumberParser.TryParseRepeated(text, 5, out _));
    }

    [Fact]
    public void AnEmptyListHasNoChoiceToMake()
    {
        Assert.False(ChoiceNumberParser.TryParseOne("1", 0, out _));
        Assert.False(ChoiceNumberParser.TryParseMany("1", 0, out _));
    }

    [Theory]
    [InlineData("1", new[] { 1 })]
    [InlineData("1, 3 5", new[] { 1, 3, 5 })]
    [InlineData("1;3", new[] { 1, 3 })]
    [InlineData("5,1", new[] { 1, 5 })]
    [InlineData("2-4", new[] { 2, 3, 4 })]
    [InlineData("2 - 4", new[] { 2, 3, 4 })]
    [InlineData("2–4", new[] { 2, 3, 4 })]
    [InlineData("1, 2-4, 3", new[] { 1, 2, 3, 4 })]
    [InlineData("3, 3", new[] { 3 })]
    [InlineData("1) 3)", new[] { 1, 3 })]
    [InlineData("1. 3.", new[] { 1, 3 })]
    [InlineData(" 1 ,  ; 6 ,", new[] { 1, 6 })]
    [InlineData("1-6", new[] { 1, 2, 3, 4, 5, 6 })]
    [InlineData("4-4", new[] { 4 })]
    [InlineData("1 и 3", new[] { 1, 3 })]
    [InlineData("1, 2 И 5", new[] { 1, 2, 5 })]
    [InlineData("1 and 3", new[] { 1, 3 })]
    [InlineData("2 және 4", new[] { 2, 4 })]
    [InlineData("1+3", new[] { 1, 3 })]
    public void SeveralNumbersAndRangesAreSortedDistinctChoices(string text, int[] expected)
    {
        Assert.True(ChoiceNumberParser.TryParseMany(text, 6, out var indices));
        Assert.Equal(expected, indices.ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData(" , ; ")]
    [InlineData("0")]
    [InlineData("7")]
    [InlineData("1, 7")]
    [InlineData("5-8")]
    [InlineData("0-2")]
    [InlineData("4-2")]
    [InlineData("-2")]
    [InlineData("2-")]
    [InlineData("1-2-3")]
    [InlineData("1.3")]
    [InlineData("и")]
    [InlineData("1 и 3 дня")]
    [InlineData("one, two")]
    [InlineData("1, 99999999999999")]
    [InlineData("1-99999999999999")]
    public void AnyNumberOutsideTheListOrAnyWordSpoilsTheWholeAnswer(string text)
    {
        Assert.False(ChoiceNumberParser.TryParseMany(text, 6, out var indices));
        Assert.True(indices.IsEmpty);
    }

    [Fact]
    public void AHugeRangeIsRefusedEvenWhenTheListClaimsToBeHuge()
    {
        Assert.False(ChoiceNumberParser.TryParseMany("1-999999", int.MaxValue, out _));
        Assert.False(ChoiceNumberParser.TryParseMany(new string('1', 100_000), 5, out _));
    }
}
