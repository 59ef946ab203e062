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

    private static readonly Prompt Labels = new("?",
        [new PromptChoice(ChoiceIds.Accept, "Да, начать"), new PromptChoice("police", "Полиция у кабинета ОЗТ, задержание"), new PromptChoice("other", "Другое")],
        PromptKind.SingleChoice, CanGoBack: false, CanCancel: false);

    private static readonly Prompt Places = new("?",
        [new PromptChoice("hospital", "Больница"), new PromptChoice("polyclinic", "Поликлиника"), new PromptChoice("pharmacy", "Аптека"),
            new PromptChoice("a", "Центр СПИД"), new PromptChoice("b", "Центр СПИН")],
        PromptKind.SingleChoice, CanGoBack: false, CanCancel: false);

    [Theory]
    [InlineData("болница", "hospital")]
    [InlineData("Больнитса", null)]
    [InlineData("больницаа", "hospital")]
    [InlineData("Поликлинника", "polyclinic")]
    [InlineData("поликлинека", "polyclinic")]
    [InlineData("аптеки", "pharmacy")]
    [InlineData("апт", null)]
    [InlineData("центр СПИ", null)]
    [InlineData("аптека2", null)]
    public void AWholeLabelTypedWithOneLetterWrongPicksItWhenNoOtherLabelIsAsNear(string typed, string? expected) =>
        Assert.Equal(expected, TypedChoice.Match(Places, typed, ShippedFlow.Load().Texts));

    [Theory]
    [InlineData("не")]
    [InlineData("Не")]
    [InlineData("ne")]
    public void KazakhWhatIsNotANo(string typed) =>
        Assert.Null(TypedChoice.Match(YesOrNo, typed, ShippedFlow.Load().Texts));

    [Fact]
    public void NoWordOfAnyLanguageFileSaysBothYesAndNo()
    {
        var texts = ShippedFlow.Load().Texts;

        Assert.Empty(texts.TypedYes.Intersect(texts.TypedNo));
    }

    [Theory]
    [InlineData("sure")]
    [InlineData("okay")]
    [InlineData("Yes please")]
    [InlineData("давай")]
    [InlineData("Хорошо")]
    [InlineData("конечно")]
    [InlineData("жарайды")]
    public void EverydayWordsOfAgreementSayYes(string typed) =>
        Assert.Equal(ChoiceIds.Yes, TypedChoice.Match(YesOrNo, typed, ShippedFlow.Load().Texts));

    [Theory]
    [InlineData("№2", "police")]
    [InlineData("#2", "police")]
    [InlineData("\uFF12", "police")]
    [InlineData("другое 🙏", "other")]
    [InlineData("другое  ", "other")]
    [InlineData("Да начать", ChoiceIds.Accept)]
    [InlineData("да,  начать", ChoiceIds.Accept)]
    [InlineData("Полиция у  кабинета ОЗТ,задержание", "police")]
    [InlineData("Полиция у кабинета ОЗТ задержание 👮‍♂️", "police")]
    public void ALabelOrNumberTypedTheWayPhonesAndPeopleWriteThemPicksThatChoice(string typed, string expected) =>
        Assert.Equal(expected, TypedChoice.Match(Labels, typed, ShippedFlow.Load().Texts));

    [Theory]
    [InlineData("Send it")]
    [InlineData("отправляйте")]
    [InlineData("Отправить всё")]
    [InlineData("жіберіңіз")]
    public void SendingInWordsAtTheReviewSendsTheReport(string typed)
    {
        var review = new Prompt("?", [new PromptChoice(ChoiceIds.Submit, "Отправить"), new PromptChoice(ChoiceIds.EditPrefix + "when", "Изменить: Когда")],
            PromptKind.Review, CanGoBack: false, CanCancel: false);

        Assert.Equal(ChoiceIds.Submit, TypedChoice.Match(review, typed, ShippedFlow.Load().Texts));
    }

    [Theory]
    [InlineData("изменить рассказ", "story")]
    [InlineData("рассказ изменить", "story")]
    [InlineData("Исправить рассказ", "story")]
    [InlineData("поменять название места", "place")]
    [InlineData("исправь когда", "when")]
    [InlineData("change story", "story")]
    [InlineData("fix when it happened", "when")]
    [InlineData("story edit", "story")]
    public void AnAnswerToChangeIsFoundByTheWordsMembersTypeAtTheReview(string typed, string step)
    {
        var review = new Prompt("?",
            [new PromptChoice(ChoiceIds.Submit, "Отправить"), new PromptChoice(ChoiceIds.EditPrefix + "when", "Изменить: Когда это было"),
                new PromptChoice(ChoiceIds.EditPrefix + "place", "Изменить: Название места"), new PromptChoice(ChoiceIds.EditPrefix + "story", "Изменить: Ваш рассказ"),
                new PromptChoice(ChoiceIds.EditPrefix + "en_when", "Edit: When it happened"), new PromptChoice(ChoiceIds.EditPrefix + "en_story", "Edit: Your story")],
            PromptKind.Review, CanGoBack: false, CanCancel: false);
        var english = typed.Any(char.IsAsciiLetter);

        Assert.Equal(ChoiceIds.EditPrefix + (english ? "en_" : "") + step, TypedChoice.Match(review, typed, ShippedFlow.Load().Texts, byBeginning: true));
    }

    [Theory]
    [InlineData("әңгімені өзгерту", "story")]
    [InlineData("ӘҢГІМЕНІ ТҮЗЕТУ", "story")]
    [InlineData("орын атауын өзгерту", "place")]
    [InlineData("рассказ исправить", "ru_story")]
    public void AVerbOfChangingTypedAfterWhatItChangesFindsTheAnswerToChange(string typed, string step)
    {
        // Kazakh puts the verb last ("әңгімені өзгерту": the story, change it), and Russian may too.
        var review = new Prompt("?",
            [new PromptChoice(ChoiceIds.Submit, "Жіберу"), new PromptChoice(ChoiceIds.EditPrefix + "when", "Өзгерту: Қашан болды"),
                new PromptChoice(ChoiceIds.EditPrefix + "place", "Өзгерту: Орын атауы"), new PromptChoice(ChoiceIds.EditPrefix + "story", "Өзгерту: Сіздің әңгімеңіз"),
                new PromptChoice(ChoiceIds.EditPrefix + "ru_story", "Изменить: Ваш рассказ")],
            PromptKind.Review, CanGoBack: false, CanCancel: false);

        Assert.Equal(ChoiceIds.EditPrefix + step, TypedChoice.Match(review, typed, ShippedFlow.Load().Texts, byBeginning: true));
    }

    [Theory]
    [InlineData("hospital", new[] { 1, 3 })]
    [InlineData("Hospital!", new[] { 1, 3 })]
    [InlineData("OST", new[] { 1, 2, 4 })]
    public void AWordThatNamesSeveralChoicesGivesTheirNumbersToAskWhich(string typed, int[] expected)
    {
        var question = new Prompt("?",
            [new PromptChoice("hospital", "No OST in hospital"), new PromptChoice("custody", "No OST in police custody or prison"),
                new PromptChoice("ambulance", "Refused by an ambulance or a maternity hospital"), new PromptChoice("police", "Police at the OST site, detention"),
                new PromptChoice("other", "Something else")],
            PromptKind.SingleChoice, CanGoBack: false, CanCancel: false);

        Assert.Null(TypedChoice.Match(question, typed, ShippedFlow.Load().Texts, byBeginning: true));
        Assert.Equal(expected, TypedChoice.Candidates(question, typed, ShippedFlow.Load().Texts));
    }

    [Theory]
    [InlineData("no")]
    [InlineData("не знаю")]
    [InlineData("ambulance")]
    [InlineData("prison hospital")]
    [InlineData("o")]
    public void AYesANoOrAWordOfOneChoiceOrOfNoneGivesNoChoicesToAskWhich(string typed)
    {
        var question = new Prompt("?",
            [new PromptChoice("hospital", "No OST in hospital"), new PromptChoice("custody", "No OST in police custody or prison"),
                new PromptChoice("ambulance", "Refused by an ambulance or a maternity hospital"), new PromptChoice("other", "Something else")],
            PromptKind.SingleChoice, CanGoBack: false, CanCancel: false);

        Assert.Empty(TypedChoice.Candidates(question, typed, ShippedFlow.Load().Texts));
    }

    [Theory]
    [InlineData("изменить")]
    [InlineData("изменить дату рождения")]
    [InlineData("не рассказ")]
    [InlineData("исправить всё")]
    public void AChangeThatNamesNoOneAnswerOrMoreThanItsWordsPicksNothing(string typed)
    {
        var review = new Prompt("?",
            [new PromptChoice(ChoiceIds.Submit, "Отправить"), new PromptChoice(ChoiceIds.EditPrefix + "when", "Изменить: Когда это было"),
                new PromptChoice(ChoiceIds.EditPrefix + "story", "Изменить: Ваш рассказ")],
            PromptKind.Review, CanGoBack: false, CanCancel: false);

        Assert.Null(TypedChoice.Match(review, typed, ShippedFlow.Load().Texts, byBeginning: true));
    }

    [Theory]
    [InlineData("нет")]
    [InlineData("no")]
    [InlineData("жоқ")]
    public void NoAtAListOfTicksIsItsNoneOfThese(string typed)
    {
        var list = new Prompt("?", [new PromptChoice("missed_doses", "Пропустил дозы"), new PromptChoice(ChoiceIds.None, "Ничего из этого"),
            new PromptChoice(ChoiceIds.Done, "Готово")], PromptKind.MultipleChoice, CanGoBack: false, CanCancel: false);

        Assert.Equal(ChoiceIds.None, TypedChoice.Match(list, typed, ShippedFlow.Load().Texts));
    }

    private static readonly Prompt Affected = new("?",
        [new PromptChoice("me", "To me only"), new PromptChoice("someone", "To someone I know"), new PromptChoice("several", "Several people"),
            new PromptChoice("bribe", "Money or a bribe demanded"), new PromptChoice("no_ost", "No OST in hospital")],
        PromptKind.SingleChoice, CanGoBack: true, CanCancel: true);

    [Theory]
    [InlineData("me", "me")]
    [InlineData("Me.", "me")]
    [InlineData("someone I know", "someone")]
    [InlineData("bribe", "bribe")]
    [InlineData("a bribe", "bribe")]
    public void AShortAnswerNamingOneChoiceByItsTellingWordsPicksIt(string typed, string expected) =>
        Assert.Equal(expected, TypedChoice.Match(Affected, typed, ShippedFlow.Load().Texts, byBeginning: true));

    [Theory]
    [InlineData("to")]
    [InlineData("no")]
    [InlineData("not sure")]
    [InlineData("i")]
    [InlineData("money was demanded at the hospital")]
    public void AWordSeveralLabelsShareAYesOrNoOrASentencePicksNothing(string typed) =>
        Assert.Null(TypedChoice.Match(Affected, typed, ShippedFlow.Load().Texts, byBeginning: true));

    [Fact]
    public void AChoiceIsNotPickedByItsWordsWhereATypedNameIsAnAnswer() =>
        Assert.Null(TypedChoice.Match(Affected, "me", ShippedFlow.Load().Texts));

    [Theory]
    [InlineData("ru", "мне", "me")]
    [InlineData("ru", "Я", "me")]
    [InlineData("ru", "подруге", "someone")]
    [InlineData("ru", "нам", "several")]
    [InlineData("en", "myself", "me")]
    [InlineData("en", "a friend", "someone")]
    [InlineData("en", "мне", "me")]
    [InlineData("kk", "мен", "me")]
    [InlineData("kk", "маған", "me")]
    [InlineData("kk", "досым", "someone")]
    [InlineData("ru", "я сам", "me")]
    [InlineData("ru", "Я, сама", "me")]
    [InlineData("ru", "нам всем", "several")]
    [InlineData("en", "me myself", "me")]
    [InlineData("kk", "мен өзім", "me")]
    public void EverydayWordsForWhomItHappenedToAnswerThatQuestionInAnyLanguage(string language, string typed, string expected)
    {
        var chat = Transcript.Start(language).Press(ChoiceIds.Accept).Press("hospital").Say(typed);

        Assert.Equal("when", chat.StepId);
        Assert.Equal(new ChoiceAnswer(expected), chat.State?.Answers["affected"]);
    }

    [Theory]
    [InlineData("я и друг")]
    [InlineData("я друг")]
    [InlineData("сам не знаю")]
    public void WordsOfDifferentChoicesOrWithOthersTogetherPickNone(string typed)
    {
        var chat = Transcript.Start("ru").Press(ChoiceIds.Accept).Press("hospital").Say(typed);

        Assert.Equal("affected", chat.StepId);
        Assert.False(chat.State?.Answers.ContainsKey("affected"));
    }

    private static Transcript AtConsequences(string language) =>
        Transcript.Start(language).Press(ChoiceIds.Accept).Press("hospital").Press("me").Press(ChoiceIds.Today).Press("almaty").Press("almaty")
            .Press("narcology").Press("almaty_narcology").Say("В стационаре три дня не давали метадон, врач сказал ждать выписки.");

    [Theory]
    [InlineData("ru", "ломка и здоровье")]
    [InlineData("ru", "Пропуск доз, ломка; здоровье ухудшилось")]
    [InlineData("ru", "1 и здоровье")]
    [InlineData("en", "missed doses, health")]
    public void SeveralChoicesTypedAsAListOfLabelsOrWordsAreAllTicked(string language, string typed)
    {
        var chat = AtConsequences(language).Say(typed);

        Assert.Equal("reported", chat.StepId);
        Assert.Equal(new ChoicesAnswer(["missed_doses", "health_worse"]), chat.State?.Answers["consequences"]);
    }

    [Fact]
    public void AListWithAPartThatNamesNothingTicksNothingAndAsksAgain()
    {
        var chat = AtConsequences("ru").Say("ломка и что-то ещё");

        Assert.Equal("consequences", chat.StepId);
        Assert.False(chat.State?.Answers.ContainsKey("consequences"));
    }

    [Theory]
    [InlineData("ru", "больница", "hospital")]
    [InlineData("kk", "аурухана", "hospital")]
    [InlineData("ru", "взятка", "extortion")]
    [InlineData("ru", "полицией", "police")]
    public void OneWordTypedInAnotherCaseThanTheLabelsPicksItsChoice(string language, string typed, string expected)
    {
        var chat = Transcript.Start(language).Press(ChoiceIds.Accept).Say(typed);

        Assert.Equal("affected", chat.StepId);
        Assert.Equal(new ChoiceAnswer(expected), chat.State?.Answers["category"]);
    }

    [Theory]
    [InlineData("ru", "программе")]
    [InlineData("kk", "бермеді")]
    [InlineData("ru", "дали")]
    public void AWordWhoseStemSeveralLabelsShareOrTooShortPicksNothing(string language, string typed)
    {
        var chat = Transcript.Start(language).Press(ChoiceIds.Accept).Say(typed);

        Assert.Equal("category", chat.StepId);
    }

    private static readonly Prompt Review = new("?",
        [new PromptChoice(ChoiceIds.Submit, "Жіберу"), new PromptChoice(ChoiceIds.EditPrefix + "story", "Өзгерту: Сіздің әңгімеңіз"),
            new PromptChoice("other", "Other place")],
        PromptKind.Review, CanGoBack: false, CanCancel: false);

    [Theory]
    [InlineData("дa", ChoiceIds.Yes)]       // Latin a
    [InlineData("ДA", ChoiceIds.Yes)]       // Latin A
    [InlineData("нeт", ChoiceIds.No)]       // Latin e
    [InlineData("HЕТ", ChoiceIds.No)]       // Latin H
    public void AYesOrNoTypedWithLettersOfTheOtherKeyboardIsUnderstood(string typed, string expected) =>
        Assert.Equal(expected, TypedChoice.Match(YesOrNo, typed, ShippedFlow.Load().Texts));

    [Theory]
    [InlineData("Дpугое", "other")]                          // Latin p
    [InlineData("Пoлиция у кабинета ОЗТ, задержание", "police")] // Latin o
    public void ALabelTypedWithLettersOfTheOtherKeyboardPicksItsChoice(string typed, string expected) =>
        Assert.Equal(expected, TypedChoice.Match(Labels, typed, ShippedFlow.Load().Texts));

    [Theory]
    [InlineData("Жiберу", ChoiceIds.Submit)]          // the Kazakh і typed as a Latin i
    [InlineData("жіберу", ChoiceIds.Submit)]          // Kazakh letters as they are
    [InlineData("Оther plаce", "other")]              // Cyrillic О and а in English words
    public void KazakhLettersStayAndEachWordIsReadInItsOwnScript(string typed, string expected) =>
        Assert.Equal(expected, TypedChoice.Match(Review, typed, ShippedFlow.Load().Texts));

    [Fact]
    public void AWordOfOneScriptIsFoldedAsItStands()
    {
        Assert.Equal("қалалық аурухана", LookAlikes.FixWords("қалалық аурухана"));
        Assert.Equal("hospital", TypedChoice.Fold("Hospital"));
    }

    [Fact]
    public void KazakhLettersAreFoldedAsTheRussianOnesTypedInTheirPlace() =>
        Assert.Equal(TypedChoice.Fold("калалык аурухана"), TypedChoice.Fold("Қалалық Аурухана"));

    [Theory]
    [InlineData("HET", ChoiceIds.No)]   // every letter Latin: caps lock on the Latin keyboard
    [InlineData("HEТ", ChoiceIds.No)]   // Latin H and E, Cyrillic Т
    [InlineData("het", ChoiceIds.No)]
    [InlineData("OK", ChoiceIds.Yes)]
    [InlineData("ОК", ChoiceIds.Yes)]   // Cyrillic
    public void AYesOrNoTypedWhollyInLettersOfTheOtherKeyboardIsUnderstood(string typed, string expected) =>
        Assert.Equal(expected, TypedChoice.Match(YesOrNo, typed, ShippedFlow.Load().Texts));

    [Fact]
    public void ALabelTypedWhollyInCyrillicLookAlikesOfItsLatinLettersPicksItsChoice()
    {
        var prompt = new Prompt("?", [new PromptChoice("boat", "Boat"), new PromptChoice("car", "Car or taxi")], PromptKind.SingleChoice, CanGoBack: false,
            CanCancel: false);

        Assert.Equal("boat", TypedChoice.Match(prompt, "ВОАТ", ShippedFlow.Load().Texts));
    }

    [Fact]
    public void AWordThatNamesAChoiceAsTypedIsNotReadInTheOtherScript()
    {
        // "me" would read "ме" in Cyrillic; as typed it is the English word for "To me".
        var prompt = new Prompt("?", [new PromptChoice("me", "To me"), new PromptChoice("other", "Ме")], PromptKind.SingleChoice, CanGoBack: false,
            CanCancel: false);

        Assert.Equal("me", TypedChoice.Match(prompt, "me", ShippedFlow.Load().Texts, byBeginning: true));
    }

    [Theory]
    [InlineData("третий", 3)]
    [InlineData("Пятая", 5)]
    [InlineData("восемнадцать", 18)]
    [InlineData("двадцатый", 20)]
    [InlineData("eighteen", 18)]
    [InlineData("Fifth", 5)]
    [InlineData("12th", 12)]
    [InlineData("бес", 5)]
    [InlineData("бесінші", 5)]
    [InlineData("он сегіз", 18)]
    public void ANumberInWordsPicksTheChoiceOfThatNumber(string typed, int number)
    {
        var prompt = new Prompt("?", [.. Enumerable.Range(1, 20).Select(n => new PromptChoice($"c{n}", $"Вариант {n}"))], PromptKind.SingleChoice,
            CanGoBack: false, CanCancel: false);

        Assert.Equal($"c{number}", TypedChoice.Match(prompt, typed, ShippedFlow.Load().Texts));
        Assert.Null(TypedChoice.Match(prompt, typed, ShippedFlow.Load().Texts, numberWords: false));
    }
}
