using CommunityBot.Privacy;
using CsCheck;

namespace CommunityBot.Tests.Privacy;

public sealed class ReceiptCodeTests
{
    private static readonly Gen<string> Codes = Gen.Char[ReceiptCode.Alphabet].Array[ReceiptCode.Length].Select(c => new string(c));

    [Fact]
    public void ACodeHasSixteenCharactersOfTheAlphabet()
    {
        for (var i = 0; i < 1000; i++)
        {
            var code = ReceiptCode.Generate();
            Assert.Equal(16, code.Length);
            Assert.All(code, c => Assert.Contains(c, ReceiptCode.Alphabet));
        }
    }

    [Fact]
    public void EveryCharacterOfTheAlphabetTurnsUp()
    {
        var seen = string.Concat(Enumerable.Range(0, 200).Select(_ => ReceiptCode.Generate())).Distinct().Count();

        Assert.Equal(ReceiptCode.Alphabet.Length, seen);
    }

    [Fact]
    public void ACodeIsShownInFourGroups() =>
        Assert.Equal("ABCD-EFGH-JKLM-NPQR", ReceiptCode.Format("ABCDEFGHJKLMNPQR"));

    [Fact]
    public void AFormattedCodeTypedBackInAnyCaseReadsAsTheCode() =>
        Codes.Sample(code =>
        {
            Assert.Equal(code, ReceiptCode.Normalize(ReceiptCode.Format(code)));
            Assert.Equal(code, ReceiptCode.Normalize(ReceiptCode.Format(code).ToLowerInvariant()));
            Assert.Equal(code, ReceiptCode.Normalize(" " + code.ToLowerInvariant() + "\n"));
        });

    [Theory]
    [InlineData("ab2c def3 gh4j kmn5", "AB2CDEF3GH4JKMN5")]
    [InlineData("AB2C–DEF3—GH4J-KMN5", "AB2CDEF3GH4JKMN5")]
    // Cyrillic А В Е К М Н Р С Т Х in both cases, as a Russian keyboard types them.
    [InlineData("АВЕК-МНРС-ТХ23-4567", "ABEKMHPCTX234567")]
    [InlineData("авек мнрс тх23 4567", "ABEKMHPCTX234567")]
    // Cyrillic У looks like Y as much as the others look like theirs.
    [InlineData("УУ2C-DEF3-GH4J-KMN5", "YY2CDEF3GH4JKMN5")]
    [InlineData("уу2c def3 gh4j kmn5", "YY2CDEF3GH4JKMN5")]
    public void WhatAMemberTypesIsReadGenerously(string typed, string expected) =>
        Assert.Equal(expected, ReceiptCode.Normalize(typed));

    [Theory]
    [InlineData("")]
    [InlineData("ABCD-EFGH-JKLM")]
    [InlineData("ABCD-EFGH-JKLM-NPQR-S")]
    [InlineData("OBCD-EFGH-JKLM-NPQR")]
    [InlineData("ОBCD-EFGH-JKLM-NPQR")]
    [InlineData("0BCD-EFGH-JKLM-NPQR")]
    [InlineData("1BCD-EFGH-JKLM-NPQR")]
    [InlineData("IBCD-EFGH-JKLM-NPQR")]
    [InlineData("ABCD_EFGH_JKLM_NPQR")]
    [InlineData("Ж BCD-EFGH-JKLM-NPQR")]
    public void WhatCannotBeACodeIsRefused(string typed) =>
        Assert.Null(ReceiptCode.Normalize(typed));

    [Fact]
    public void NormalizingNeverThrows() =>
        Gen.String.Sample(typed =>
        {
            var normalized = ReceiptCode.Normalize(typed);
            Assert.True(normalized is null || (normalized.Length == 16 && normalized.All(ReceiptCode.Alphabet.Contains)));
        });

    [Theory]
    [InlineData("AB2C-DEF3-GH4J-KMN5")]
    [InlineData("AB2CDEF3GH4JKMN5")]
    [InlineData("AB2C DEF3 GH4J KMN5")]
    [InlineData("ab2cdef3 gh4jkmn5")]
    [InlineData("ABCD-EFGH-JKLM-NPQR")]
    [InlineData("«AB2C-DEF3-GH4J-KMN5».")]
    [InlineData("\"AB2C-DEF3-GH4J-KMN5\"")]
    public void ACodeSentAloneIsRecognisedInTheFormsItIsWrittenIn(string typed) =>
        Assert.True(ReceiptCode.IsAlone(typed));

    [Theory]
    [InlineData("Pharmacy at market")]
    [InlineData("Karaganda market 5")]
    [InlineData("what were they sent")]
    [InlineData("AB2CD EF3GH4JKMN5")]
    [InlineData("AB2C-DEF3-GH4J-KMN5 please")]
    public void WordsOfTheCodesAlphabetAreNotACodeSentAlone(string typed) =>
        Assert.False(ReceiptCode.IsAlone(typed));

    [Theory]
    [InlineData("AB2C-DEF3-GH4J-KMN5.", "AB2CDEF3GH4JKMN5", "")]
    [InlineData("«AB2C-DEF3-GH4J-KMN5»", "AB2CDEF3GH4JKMN5", "")]
    [InlineData("\"ab2c def3 gh4j kmn5\", please", "AB2CDEF3GH4JKMN5", "please")]
    [InlineData("AB2C-DEF3-GH4J-KMN5 пожалуйста", "AB2CDEF3GH4JKMN5", "пожалуйста")]
    [InlineData("AB2C DEF3 GH4J KMN5 It was at night.", "AB2CDEF3GH4JKMN5", "It was at night.")]
    public void TheCodeIsSplitFromWhatFollowsAndFromQuotesAroundIt(string argument, string code, string text) =>
        Assert.Equal((code, text), ReceiptCode.Split(argument));
}
