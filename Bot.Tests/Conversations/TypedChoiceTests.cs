using System.Collections.Immutable;
using CommunityBot.Conversations;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Conversations;

public sealed class TypedChoiceTests
{
    private static readonly Prompt YesOrNo =
        new("?", [new PromptChoice(ChoiceIds.Yes, "Да"), new PromptChoice(ChoiceIds.No, "Нет")], PromptKind.SingleChoice, CanGoBack: false, CanCancel: false);

    [Theory]
    [InlineData("taip", ChoiceIds.Yes)]
    [InlineData("Ооба!", ChoiceIds.Yes)]
    [InlineData("nope", ChoiceIds.No)]
    [InlineData("არა", ChoiceIds.No)]
    public void YesAndNoAreUnderstoodInTheWordsOfEveryShippedLanguageFile(string typed, string expected) =>
        Assert.Equal(expected, TypedChoice.Match(YesOrNo, typed, ShippedFlow.Load().Texts));

    [Fact]
    public void AWordAddedToALanguageFileIsUnderstoodAndNoneIsBuiltIntoTheCode()
    {
        static ImmutableDictionary<string, string> Language(string yes, string no) =>
            ImmutableDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("yesno.typed_yes", yes), KeyValuePair.Create("yesno.typed_no", no)]);
        var texts = new TextCatalog(ImmutableDictionary.CreateRange(StringComparer.Ordinal,
            [KeyValuePair.Create("uz", Language("ha, xo'p", "yo'q"))]), "uz");

        Assert.Equal(ChoiceIds.Yes, TypedChoice.Match(YesOrNo, "Xo'p", texts));
        Assert.Equal(ChoiceIds.No, TypedChoice.Match(YesOrNo, "yo'q", texts));
        Assert.Null(TypedChoice.Match(YesOrNo, "yes", texts));
    }
}
