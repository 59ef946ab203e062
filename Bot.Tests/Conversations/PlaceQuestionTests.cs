using CommunityBot.Conversations;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Conversations;

/// <summary>Every region and town of the shipped directory, reached by pressing and by typing, as members do.</summary>
public sealed class PlaceQuestionTests
{
    private static readonly FlowBundle Bundle = ShippedFlow.Load();

    public static TheoryData<string, string, bool> Towns()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var region in Bundle.Places.Regions)
        {
            foreach (var town in region.Children)
            {
                foreach (var language in new[] { "ru", "en", "kk" })
                {
                    data.Add(language, region.Id + "/" + town.Id, true);
                    data.Add(language, region.Id + "/" + town.Id, false);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Towns))]
    public void EveryTownIsReachedByButtonsAndByTyping(string language, string path, bool pressing)
    {
        var (region, town) = Find(path);
        var chat = AtRegion(language);

        if (pressing)
        {
            chat.Press(region.Id).Press(town.Id).Press("narcology");
        }
        else
        {
            chat.Say(region.Name(language, "ru")).Say(town.Name(language, "ru")).Say("1");
        }

        Assert.Equal("facility", chat.StepId);
        Assert.Equal(new PlaceAnswer(region.Id, null), chat.State?.Answers["region"]);
        Assert.Equal(new PlaceAnswer(town.Id, null), chat.State?.Answers["city"]);
        var listed = town.Children.Where(f => f.Kind == "narcology").ToList();
        if (listed.Count > 0)
        {
            Assert.Contains(chat.Question.Choices, c => c.Id == ChoiceIds.Other);
            if (pressing)
            {
                chat.Press(listed[0].Id);
            }
            else
            {
                chat.Say("1");
            }
            Assert.Equal(new PlaceAnswer(listed[0].Id, null), chat.State?.Answers["facility"]);
        }
        else
        {
            AssertAsksPlainlyForText(chat, language);
            chat.Say("1");
            Assert.Equal("facility", chat.StepId);
            Assert.Contains(Bundle.Texts.Get(language, "place.type_name"), chat.AllText, StringComparison.Ordinal);
            chat.Say("Наркологический кабинет при ЦРБ");
            Assert.Equal(new PlaceAnswer(null, "Наркологический кабинет при ЦРБ"), chat.State?.Answers["facility"]);
        }
        Assert.Equal("narrative", chat.StepId);
    }

    [Theory]
    [InlineData("ru", "Другое")]
    [InlineData("en", "other")]
    [InlineData("ru", NumberOfOther)]
    public void ChoosingOtherByTypingAsksForTheNameWithoutMentioningButtons(string language, string typed)
    {
        var chat = AtRegion(language).Press("almaty_region");
        var other = chat.Question.Choices.Select((c, i) => (c, i)).Single(x => x.c.Id == ChoiceIds.Other).i + 1;
        chat.Say(typed == NumberOfOther ? other.ToString(System.Globalization.CultureInfo.InvariantCulture) : typed);

        AssertAsksPlainlyForText(chat, language);
        chat.Say("Есик");
        Assert.Equal(new PlaceAnswer(null, "Есик"), chat.State?.Answers["city"]);
        Assert.Equal("facility_kind", chat.StepId);
    }

    [Theory]
    [InlineData("kk", "Восточно-Казахстанская область", "Усть-Каменогорск")]
    [InlineData("kk", "east kazakhstan region", "OSKEMEN (UST-KAMENOGORSK)")]
    [InlineData("ru", "Шығыс Қазақстан облысы", "Өскемен")]
    [InlineData("en", "Шығыс Қазақстан облысы", "Усть-Каменогорск")]
    public void APlaceTypedAsAnotherLanguageNamesItIsStillThePlaceOfTheDirectory(string language, string region, string town)
    {
        var chat = AtRegion(language).Say(region).Say(town);

        Assert.Equal(new PlaceAnswer("east_kazakhstan", null), chat.State?.Answers["region"]);
        Assert.Equal(new PlaceAnswer("oskemen", null), chat.State?.Answers["city"]);
        Assert.Equal("facility_kind", chat.StepId);
    }

    [Theory]
    [InlineData("ru", "Алматы", "almaty")]
    [InlineData("en", "almaty", "almaty")]
    [InlineData("kk", "Алматы", "almaty")]
    [InlineData("ru", "Астана.", "astana")]
    public void AListedPlaceTypedWithoutTheNoteInBracketsIsThePlaceOfTheDirectory(string language, string typed, string expected)
    {
        var chat = AtRegion(language).Say(typed);

        // The city of the same name is the town too: its question is not asked again.
        Assert.Equal(new PlaceAnswer(expected, null), chat.State?.Answers["region"]);
        Assert.Equal(new PlaceAnswer(expected, null), chat.State?.Answers["city"]);
        Assert.Equal("facility_kind", chat.StepId);
    }

    [Theory]
    [InlineData("ru", "Караганда", "karaganda", "karaganda")]
    [InlineData("ru", "Усть-Каменогорск", "east_kazakhstan", "oskemen")]
    [InlineData("ru", "Өскемен", "east_kazakhstan", "oskemen")]
    [InlineData("kk", "Өскемен", "east_kazakhstan", "oskemen")]
    [InlineData("en", "ust-kamenogorsk", "east_kazakhstan", "oskemen")]
    [InlineData("ru", "Актобе", "aktobe", "aktobe")]
    [InlineData("ru", "г. Алматы", "almaty", "almaty")]
    [InlineData("ru", "город Караганда", "karaganda", "karaganda")]
    [InlineData("kk", "Алматы қаласы", "almaty", "almaty")]
    [InlineData("ru", "Темиртау", "karaganda", "temirtau")]
    [InlineData("kk", "Қарағанды", "karaganda", "karaganda")]
    [InlineData("ru", "в Алматы", "almaty", "almaty")]
    [InlineData("ru", "в Темиртау", "karaganda", "temirtau")]
    [InlineData("en", "in Almaty", "almaty", "almaty")]
    public void ATownTypedAtTheRegionQuestionPicksItsRegionAndTheTown(string language, string typed, string region, string town)
    {
        var chat = AtRegion(language).Say(typed);

        Assert.Equal(new PlaceAnswer(region, null), chat.State?.Answers["region"]);
        Assert.Equal(new PlaceAnswer(town, null), chat.State?.Answers["city"]);
        Assert.Equal("facility_kind", chat.StepId);
    }

    [Theory]
    [InlineData("ru", "Алматинская", "almaty_region")]
    [InlineData("ru", "Карагандинская", "karaganda")]
    [InlineData("kk", "Шығыс Қазақстан", "east_kazakhstan")]
    [InlineData("en", "East Kazakhstan", "east_kazakhstan")]
    public void TheFirstWordsOfARegionPickTheRegion(string language, string typed, string region)
    {
        var chat = AtRegion(language).Say(typed);

        Assert.Equal(new PlaceAnswer(region, null), chat.State?.Answers["region"]);
        Assert.Equal("city", chat.StepId);
        Assert.NotEmpty(chat.Question.Choices);
    }

    [Theory]
    [InlineData("ru", "12 марта")]
    [InlineData("ru", "вчера")]
    [InlineData("ru", "3 дня назад")]
    [InlineData("en", "March 12")]
    [InlineData("en", "yesterday")]
    [InlineData("kk", "кеше")]
    public void ADateTypedAtThePlaceQuestionIsNoPlaceAndThePlaceIsAskedAgain(string language, string typed)
    {
        var chat = AtRegion(language).Say(typed);

        Assert.Equal("region", chat.StepId);
        Assert.False(chat.State?.Answers.ContainsKey("region"));
        Assert.Contains(chat.Replies, r => r.Text.Contains(Bundle.Texts.Get(language, "place.date_typed"), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Область")]
    [InlineData("Северо-Западная")]
    public void WordsThatBeginSeveralRegionsOrNoneAreTypedPlaces(string typed)
    {
        var chat = AtRegion("ru").Say(typed);

        Assert.Equal(new PlaceAnswer(null, typed), chat.State?.Answers["region"]);
    }

    [Fact]
    public void ATownTypedWhenEditingTheRegionFromTheReviewChangesTheTownToo()
    {
        var chat = AtRegion("ru").Press("almaty_region").Press("talgar").Press("narcology").Press(ChoiceIds.Other).Say("Районная больница")
            .Say("В больнице мне три дня не давали метадон, сказали нет лицензии.")
            .Press("none").Press(ChoiceIds.Done);
        while (chat.StepId != "review")
        {
            chat.Press(ChoiceIds.No);
        }

        chat.Press(ChoiceIds.EditPrefix + "region").Say("Караганда");

        Assert.Equal(new PlaceAnswer("karaganda", null), chat.State?.Answers["region"]);
        Assert.Equal(new PlaceAnswer("karaganda", null), chat.State?.Answers["city"]);
        Assert.NotEqual("city", chat.StepId);
    }

    [Theory]
    [InlineData("Oskemen")]
    [InlineData("ust-kamenogorsk")]
    public void ATownTypedByEitherOfItsNamesIsThePlaceOfTheDirectory(string typed)
    {
        var chat = AtRegion("en").Say("East Kazakhstan region").Say(typed);

        Assert.Equal(new PlaceAnswer("oskemen", null), chat.State?.Answers["city"]);
    }

    [Theory]
    [InlineData("в Алматы", "almaty")]
    [InlineData("Шымкенте", "shymkent")]
    [InlineData("г. Шымкенте", "shymkent")]
    [InlineData("Алматыда", "almaty")]
    public void AListedTownTypedAfterAPrepositionOrInAnotherCaseIsThatTown(string typed, string region)
    {
        var chat = AtRegion("ru").Say(typed);

        Assert.Equal(new PlaceAnswer(region, null), chat.State?.Answers["region"]);
    }

    [Fact]
    public void ATownOneLetterAwayFromAListedOneIsTheTownTyped()
    {
        var chat = AtRegion("ru").Press("almaty_region").Say("Талгор");

        Assert.Equal(new PlaceAnswer(null, "Талгор"), chat.State?.Answers["city"]);
    }

    [Fact]
    public void ANoteSharedByManyPlacesNamesNoneOfThem()
    {
        var chat = AtRegion("ru").Say("город");

        Assert.Equal(new PlaceAnswer(null, "город"), chat.State?.Answers["region"]);
    }

    [Theory]
    [InlineData("Больница 4, звонить главврачу 8 701 123 45 67", "701")]
    [InlineData("Кабинет на Абая, пишите @dr_ivanov", "dr_ivanov")]
    [InlineData("Центр, сайт http://example.kz/staff/ivanov", "example.kz")]
    public void ContactDetailsInATypedPlaceNameAreHiddenAndTheMemberIsTold(string typed, string secret)
    {
        var chat = AtRegion("ru").Press("almaty").Press("almaty").Press("narcology").Press(ChoiceIds.Other).Say(typed);

        var place = Assert.IsType<PlaceAnswer>(chat.State?.Answers["facility"]);
        Assert.Null(place.PlaceId);
        Assert.DoesNotContain(secret, place.OtherText);
        Assert.StartsWith(typed[..8], place.OtherText);
        Assert.Equal("narrative", chat.StepId);
        Assert.Contains("скрыл", chat.AllText);
    }

    [Fact]
    public void ContactDetailsInAPlaceTypedWithoutOtherAreHiddenToo()
    {
        var chat = AtRegion("ru").Say("Посёлок Есик, тел +7 701 234 56 78");

        var place = Assert.IsType<PlaceAnswer>(chat.State?.Answers["region"]);
        Assert.DoesNotContain("234", place.OtherText);
        Assert.Contains("Есик", place.OtherText);
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\u200B\u200B")]
    [InlineData(" \u2060\u200D\uFEFF ")]
    public void InvisibleCharactersAloneAreNoPlaceNameAndTheNameIsAskedForAgain(string typed)
    {
        var chat = AtRegion("ru").Press("almaty").Press("almaty").Press("narcology").Press(ChoiceIds.Other).Say(typed);

        Assert.Equal("facility", chat.StepId);
        Assert.False(chat.State?.Answers.ContainsKey("facility"));
        Assert.Contains(Bundle.Texts.Get("ru", "error.text.empty"), chat.AllText);
    }

    [Fact]
    public void InvisibleCharactersAroundATypedPlaceNameAreNotKept()
    {
        var chat = AtRegion("ru").Press("almaty").Press("almaty").Press("narcology").Press(ChoiceIds.Other).Say("\u200BРайонная больница\u200B");

        Assert.Equal(new PlaceAnswer(null, "Районная больница"), chat.State?.Answers["facility"]);
    }

    /// <summary>Stands for typing the number "Other" has in the list.</summary>
    private const string NumberOfOther = "#";

    private static void AssertAsksPlainlyForText(Transcript chat, string language)
    {
        Assert.Empty(chat.Question.Choices);
        Assert.Equal(PromptKind.Text, chat.Question.Kind);
        var other = Bundle.Texts.Get(language, "nav.other");
        Assert.DoesNotContain(other, chat.Question.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(language == "ru" ? "списка или" : "from the list", chat.Question.Text, StringComparison.OrdinalIgnoreCase);
    }

    private static Transcript AtRegion(string language) =>
        Transcript.Start(language).Press(ChoiceIds.Accept).Press("hospital").Press("me").Press(ChoiceIds.Today);

    private static (Place Region, Place Town) Find(string path)
    {
        var parts = path.Split('/');
        var region = Bundle.Places.Regions.Single(r => r.Id == parts[0]);
        return (region, region.Children.Single(c => c.Id == parts[1]));
    }
}
