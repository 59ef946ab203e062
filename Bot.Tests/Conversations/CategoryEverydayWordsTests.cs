using CommunityBot.Conversations;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Conversations;

/// <summary>"What happened?" answered in the words members use for it ("менты", "сократили дозу", "выгнали из
/// программы"), under each category's <c>.typed</c> words; words several categories share are asked about.</summary>
public sealed class CategoryEverydayWordsTests
{
    private static Transcript AtCategory(string language) => Transcript.Start(language).Press(ChoiceIds.Accept);

    [Theory]
    [InlineData("ru", "менты", "police")]
    [InlineData("ru", "Участковый", "police")]
    [InlineData("ru", "сократили дозу", "dose_reduced")]
    [InlineData("ru", "понизили дозу", "dose_reduced")]
    [InlineData("ru", "выгнали из программы", "discharged")]
    [InlineData("ru", "забрали ребёнка", "children")]
    [InlineData("ru", "уволили", "work")]
    [InlineData("ru", "выгнали с работы", "work")]
    [InlineData("ru", "тубик", "tb")]
    [InlineData("ru", "скорая не приехала", "ambulance_maternity")]
    [InlineData("ru", "не дают на руки", "take_home")]
    [InlineData("ru", "оскорбляли", "humiliation")]
    [InlineData("ru", "разгласили диагноз", "confidentiality")]
    [InlineData("ru", "сизо", "custody")]
    [InlineData("ru", "нет метадона", "interruption")]
    [InlineData("ru", "взятка", "extortion")]
    [InlineData("en", "cops", "police")]
    [InlineData("en", "kicked out of the program", "discharged")]
    [InlineData("en", "fired", "work")]
    [InlineData("en", "ambulance", "ambulance_maternity")]
    [InlineData("kk", "жұмыстан шығарды", "work")]
    [InlineData("kk", "ұстап алды", "police")]
    [InlineData("kk", "менты", "police")]
    public void ACategoryNamedInEverydayWordsIsThatCategory(string language, string typed, string category)
    {
        var chat = AtCategory(language).Say(typed);

        Assert.Equal(new ChoiceAnswer(category), chat.State?.Answers["category"]);
        Assert.Equal("affected", chat.StepId);
    }

    [Theory]
    [InlineData("ru", "не дали дозу")]
    [InlineData("ru", "Не дали метадон")]
    [InlineData("en", "refused a dose")]
    public void WordsSeveralCategoriesShareAreAskedAboutWithThoseCategories(string language, string typed)
    {
        var chat = AtCategory(language).Say(typed);

        Assert.Equal("category", chat.StepId);
        Assert.False(chat.State?.Answers.ContainsKey("category"));
        var texts = ShippedFlow.Load().Texts;
        var asked = chat.Replies[0].Text;
        Assert.Contains(texts.Get(language, "category.hospital"), asked, StringComparison.Ordinal);
        Assert.Contains(texts.Get(language, "category.interruption"), asked, StringComparison.Ordinal);
        Assert.Contains(texts.Get(language, "category.other_city"), asked, StringComparison.Ordinal);
        Assert.DoesNotContain(texts.Get(language, "category.police"), asked, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEverydayWordNamesOneCategoryOrTheThreeWhereADoseWasRefused() =>
        Assert.All(EverydayWords.NamingOtherThanOne(AtCategory("ru").Question),
            found => Assert.EndsWith(" names hospital, interruption, other_city", found, StringComparison.Ordinal));
}
