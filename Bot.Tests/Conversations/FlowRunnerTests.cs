using CommunityBot.Conversations;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Conversations;

public sealed class FlowRunnerTests
{
    private const string Story = "В больнице мне три дня не давали метадон, сказали что у них нет лицензии.";

    /// <summary>Answers every question of the shipped flow up to the review screen, by buttons and typing.</summary>
    private static Transcript ToReview(string language = "ru")
    {
        var chat = Transcript.Start(language)
            .Press(ChoiceIds.Accept)
            .Press("hospital")
            .Press("me")
            .Say("12.03.2026")
            .Press("almaty")
            .Press("almaty")
            .Press("narcology")
            .Press("almaty_narcology")
            .Say(Story)
            .Press("missed_doses").Press("health_worse").Press(ChoiceIds.Done)
            .Press(ChoiceIds.No)
            .Press(ChoiceIds.Yes)
            .Press(ChoiceIds.No);
        Assert.Equal("review", chat.StepId);
        return chat;
    }

    [Fact]
    public void MemberAnswersEveryQuestionAndSubmits()
    {
        var chat = ToReview().Press(ChoiceIds.Submit);

        Assert.Equal(FlowOutcome.Completed, chat.Last?.Outcome);
        var answers = chat.Last?.Answers;
        Assert.NotNull(answers);
        Assert.Equal(new ChoiceAnswer("hospital"), answers["category"]);
        Assert.Equal(new DateAnswer(new DateOnly(2026, 3, 12)), answers["when"]);
        Assert.Equal(new PlaceAnswer("almaty_narcology", null), answers["facility"]);
        Assert.Equal(new TextAnswer(Story), answers["narrative"]);
        Assert.Equal(new ChoicesAnswer(["missed_doses", "health_worse"]), answers["consequences"]);
        Assert.Equal(new YesNoAnswer(false), answers["reported"]);
        Assert.False(answers.ContainsKey("reported_where"));
        Assert.Equal(new YesNoAnswer(true), answers["appeals_consent"]);
    }

    [Fact]
    public void ReviewScreenShowsEveryAnswerWithAnEditButton()
    {
        var review = ToReview("en").Question;

        Assert.Equal(PromptKind.Review, review.Kind);
        Assert.Contains("12.03.2026", review.Text);
        Assert.Contains("Almaty", review.Text);
        Assert.Contains(Story[..40], review.Text);
        Assert.Equal(ChoiceIds.Submit, review.Choices[0].Id);
        Assert.Contains(review.Choices, c => c.Id == "edit:when");
        Assert.Contains(review.Choices, c => c.Id == "edit:narrative");
        Assert.DoesNotContain(review.Choices, c => c.Id == "edit:consent");
    }

    [Fact]
    public void EditingOneAnswerFromReviewChangesExactlyThatAnswer()
    {
        var chat = ToReview();
        var before = chat.State?.Answers;

        chat.Press("edit:when");
        Assert.Equal("when", chat.StepId);
        chat.Say("вчера");
        Assert.Equal("review", chat.StepId);
        chat.Press(ChoiceIds.Submit);

        var after = chat.Last?.Answers;
        Assert.NotNull(before);
        Assert.NotNull(after);
        Assert.Equal(new DateAnswer(new DateOnly(2026, 11, 28)), after["when"]);
        Assert.Equal(before.Remove("when").OrderBy(a => a.Key), after.Remove("when").OrderBy(a => a.Key));
    }

    [Fact]
    public void EditingTheCategoryAsksOnlyTheQuestionsItMadeNecessary()
    {
        var chat = ToReview().Press("edit:category").Press("tb");

        // The facility kinds for TB are different, so that question (and the facility) come again.
        Assert.Equal("facility_kind", chat.StepId);
        Assert.Contains(chat.Question.Choices, c => c.Id == "tb_dispensary");
        chat.Press("tb_dispensary").Press("almaty_tb");
        Assert.Equal("review", chat.StepId);
        Assert.Equal(new TextAnswer(Story), chat.State?.Answers["narrative"]);
    }

    [Fact]
    public void BackReturnsToThePreviousQuestionAndKeepsTheAnswer()
    {
        var chat = Transcript.Start("ru").Press(ChoiceIds.Accept).Press("police").Press("someone");
        Assert.Equal("when", chat.StepId);

        chat.Back();

        Assert.Equal("affected", chat.StepId);
        Assert.Contains(chat.Question.Choices, c => c.Id == "someone" && c.Selected);
        Assert.Equal(new ChoiceAnswer("police"), chat.State?.Answers["category"]);
    }

    [Fact]
    public void BackFromTheFirstQuestionSaysSoAndStays()
    {
        var chat = Transcript.Start("en").Back();

        Assert.Equal("consent", chat.StepId);
        Assert.Equal(2, chat.Replies.Length);
    }

    [Fact]
    public void DecliningConsentEndsKindly()
    {
        var chat = Transcript.Start("ru").Press(ChoiceIds.Decline);

        Assert.Equal(FlowOutcome.Cancelled, chat.Last?.Outcome);
        Assert.Null(chat.State);
        Assert.NotEmpty(chat.Replies[0].Text);
    }

    [Fact]
    public void CancelEndsTheConversation()
    {
        var chat = Transcript.Start("ru").Press(ChoiceIds.Accept).Send(new CancelRequested());

        Assert.Equal(FlowOutcome.Cancelled, chat.Last?.Outcome);
        Assert.Null(chat.State);
    }

    [Theory]
    [InlineData("1", "hospital")]
    [InlineData("2.", "tb")]
    [InlineData("  18 ", "other")]
    public void ATypedNumberPicksThatChoice(string typed, string expected)
    {
        var chat = Transcript.Start("ru").Say("1").Say(typed);

        Assert.Equal(new ChoiceAnswer(expected), chat.State?.Answers["category"]);
    }

    [Theory]
    [InlineData("custody", "custody_facility")]
    [InlineData("ambulance_maternity", "maternity")]
    [InlineData("extortion", "police_station")]
    [InlineData("work", "workplace")]
    public void NewKindsOfCaseOfferThePlacesWhereTheyHappen(string category, string place)
    {
        var chat = Transcript.Start("ru").Press(ChoiceIds.Accept).Press(category).Press("several").Press(ChoiceIds.Today)
            .Press("almaty").Press("almaty");

        Assert.Equal("facility_kind", chat.StepId);
        Assert.Contains(chat.Question.Choices, c => c.Id == place);
        Assert.Equal(new ChoiceAnswer("several"), chat.State?.Answers["affected"]);
    }

    [Fact]
    public void ATypedLabelPicksThatChoice()
    {
        var chat = Transcript.Start("en").Press(ChoiceIds.Accept).Press("hospital");
        var (id, label) = (chat.Question.Choices[1].Id, chat.Question.Choices[1].Label);

        chat.Say(label.ToUpperInvariant());

        Assert.Equal(new ChoiceAnswer(id), chat.State?.Answers["affected"]);
        Assert.Equal("when", chat.StepId);
    }

    [Theory]
    [InlineData("99")]
    [InlineData("0")]
    [InlineData("больница?")]
    [InlineData("🙂")]
    public void AnUnknownChoiceIsAskedAgainAndNothingIsLost(string typed)
    {
        var chat = Transcript.Start("ru").Press(ChoiceIds.Accept).Press("tb");
        var answers = chat.State?.Answers;

        chat.Say(typed);

        Assert.Equal("affected", chat.StepId);
        Assert.Equal(2, chat.Replies.Length);
        Assert.Equal(PromptKind.Notice, chat.Replies[0].Kind);
        Assert.Equal(answers, chat.State?.Answers);
    }

    [Fact]
    public void AStaleOrForgedButtonChangesNothing()
    {
        var chat = Transcript.Start("ru").Press(ChoiceIds.Accept).Press("tb");

        chat.Press("hospital").Press(ChoiceIds.Submit).Press("edit:narrative");

        Assert.Equal("affected", chat.StepId);
        Assert.Equal(new ChoiceAnswer("tb"), chat.State?.Answers["category"]);
    }

    [Fact]
    public void AStickerOrPhotoGetsAnAnswerAndTheSameQuestion()
    {
        var chat = Transcript.Start("ru").Press(ChoiceIds.Accept).Send(new NonTextReceived());

        Assert.Equal("category", chat.StepId);
        Assert.Equal(2, chat.Replies.Length);
    }

    private static Transcript AtNarrative(string language = "ru") =>
        Transcript.Start(language).Press(ChoiceIds.Accept).Press("hospital").Press("me").Press(ChoiceIds.Today)
            .Press("almaty").Press("almaty").Press("narcology").Press("almaty_narcology");

    [Fact]
    public void EmptyAndTooShortStoriesAreAskedAgain()
    {
        var chat = AtNarrative();
        chat.Say("   ");
        Assert.Equal("narrative", chat.StepId);
        chat.Say("плохо");
        Assert.Equal("narrative", chat.StepId);
        Assert.Contains("20", chat.Replies[0].Text);
        Assert.Equal(new DateAnswer(new DateOnly(2026, 11, 29)), chat.State?.Answers["when"]);
    }

    [Fact]
    public void ATooLongStoryIsKeptUntilTheMemberDecides()
    {
        var longStory = string.Concat(Enumerable.Repeat("Очень длинная история о больнице. ", 300));
        var chat = AtNarrative().Say(longStory);

        Assert.Equal("narrative", chat.StepId);
        Assert.Equal(new PendingTooLong(longStory.Trim()), chat.State?.Pending);
        Assert.Contains(chat.Question.Choices, c => c.Id == ChoiceIds.KeepStart);

        chat.Press(ChoiceIds.KeepStart);

        Assert.Equal("consequences", chat.StepId);
        Assert.Equal(6000, ((TextAnswer?)chat.State?.Answers["narrative"])?.Text.Length);
    }

    [Fact]
    public void ANewMessageAfterATooLongStoryIsItsNextPartAndTheQuestionIsAskedAgain()
    {
        // A story over the limit was long enough to have been cut by the app: the next text is its next part.
        var chat = AtNarrative().Say(new string('а', 7000)).Say(Story);

        Assert.Equal("narrative", chat.StepId);
        Assert.Equal(new PendingTooLong(new string('а', 7000) + "\n" + Story), chat.State?.Pending);
        Assert.Contains(chat.Question.Choices, c => c.Id == ChoiceIds.KeepStart);
    }

    [Fact]
    public void ContactDetailsInTheStoryAreShownAndCanBeMasked()
    {
        var chat = AtNarrative().Say("Врач сказал звонить ему на +7 701 234 56 78, иначе дозу не дадут вообще.");

        Assert.Equal("narrative", chat.StepId);
        Assert.IsType<PendingMask>(chat.State?.Pending);
        Assert.Contains("+7 701 234 56 78", chat.Question.Text);

        chat.Press(ChoiceIds.Mask);

        var stored = Assert.IsType<TextAnswer>(chat.State?.Answers["narrative"]).Text;
        Assert.DoesNotContain("701", stored);
        Assert.StartsWith("Врач сказал звонить ему на ", stored);
        Assert.EndsWith(", иначе дозу не дадут вообще.", stored);
    }

    [Fact]
    public void ContactDetailsCanBeKeptWhenTheMemberChooses()
    {
        var text = "Пишите организации на help@example.org, они помогали раньше с такими отказами.";
        var chat = AtNarrative().Say(text).Press(ChoiceIds.Keep);

        Assert.Equal(new TextAnswer(text), chat.State?.Answers["narrative"]);
    }

    [Theory]
    [InlineData("ru", "1")]
    [InlineData("ru", "Скрыть")]
    [InlineData("ru", "скрыть")]
    [InlineData("en", "hide")]
    [InlineData("en", "Hide.")]
    public void TheContactQuestionCanBeAnsweredByTyping(string language, string typed)
    {
        var chat = AtNarrative(language).Say("Врач сказал звонить ему на +7 701 234 56 78, иначе дозу не дадут вообще.").Say(typed);

        Assert.Equal("consequences", chat.StepId);
        Assert.DoesNotContain("701", Assert.IsType<TextAnswer>(chat.State?.Answers["narrative"]).Text);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("Оставить как есть")]
    public void KeepingContactDetailsCanBeTyped(string typed)
    {
        var story = "Врач сказал звонить ему на +7 701 234 56 78, иначе дозу не дадут вообще.";
        var chat = AtNarrative().Say(story).Say(typed);

        Assert.Equal(new TextAnswer(story), chat.State?.Answers["narrative"]);
    }

    [Fact]
    public void TypingTheRetypeChoiceAsksForTheStoryAgainWithoutKeepingTheOldOne()
    {
        var chat = AtNarrative().Say("Врач сказал звонить ему на +7 701 234 56 78, иначе дозу не дадут вообще.").Say("3");

        Assert.Equal("narrative", chat.StepId);
        Assert.Null(chat.State?.Pending);
        Assert.Equal(PromptKind.Text, chat.Question.Kind);
        chat.Say(Story);
        Assert.Equal(new TextAnswer(Story), chat.State?.Answers["narrative"]);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("Оставить первые 6000")]
    public void KeepingTheStartOfATooLongStoryCanBeTyped(string typed)
    {
        var chat = AtNarrative().Say(new string('а', 7000)).Say(typed);

        Assert.Equal("consequences", chat.StepId);
        Assert.Equal(6000, ((TextAnswer?)chat.State?.Answers["narrative"])?.Text.Length);
    }

    [Fact]
    public void AStoryThatCameFirstWaitsAtTheStoryQuestionToBeKeptOrRewritten()
    {
        var chat = new Transcript(ShippedFlow.Runner, ShippedFlow.Now);
        chat.Apply(ShippedFlow.Runner.StartWithStory("ru", Story, ShippedFlow.Now));
        Assert.Equal("consent", chat.StepId);

        chat.Press(ChoiceIds.Accept).Press("hospital").Press("me").Press(ChoiceIds.Today)
            .Press("almaty").Press("almaty").Press("narcology").Press("almaty_narcology");

        Assert.Equal("narrative", chat.StepId);
        Assert.Contains(Story[..30], chat.Question.Text);
        Assert.Equal([ChoiceIds.KeepText], chat.Question.Choices.Select(c => c.Id));
        chat.Say("1");
        Assert.Equal("consequences", chat.StepId);
        Assert.Equal(new TextAnswer(Story), chat.State?.Answers["narrative"]);
    }

    [Fact]
    public void AStoryThatCameFirstCanBeWrittenAgain()
    {
        var chat = new Transcript(ShippedFlow.Runner, ShippedFlow.Now);
        chat.Apply(ShippedFlow.Runner.StartWithStory("ru", "Здравствуйте, хочу рассказать про больницу и про то, что там было", ShippedFlow.Now));
        chat.Press(ChoiceIds.Accept).Press("hospital").Press("me").Press(ChoiceIds.Today)
            .Press("almaty").Press("almaty").Press("narcology").Press("almaty_narcology").Say(Story);

        Assert.Equal(new TextAnswer(Story), chat.State?.Answers["narrative"]);
    }

    [Fact]
    public void EditingTheStoryFromReviewShowsItAndKeepingItChangesNothing()
    {
        var chat = ToReview().Press("edit:narrative");

        Assert.Contains(ChoiceIds.KeepText, chat.Question.Choices.Select(c => c.Id));
        chat.PressLabel(ShippedFlow.Load().Texts.Get("ru", "text.keep_current"));
        Assert.Equal("review", chat.StepId);
        Assert.Equal(new TextAnswer(Story), chat.State?.Answers["narrative"]);
    }

    private static Transcript AtWhen() =>
        Transcript.Start("ru").Press(ChoiceIds.Accept).Press("hospital").Press("me");

    [Theory]
    [InlineData("01.12.2026")]
    [InlineData("завтра")]
    public void AFutureDateIsRefusedWithAMessage(string typed)
    {
        var chat = AtWhen().Press(ChoiceIds.Earlier).Say(typed);

        Assert.Equal("when", chat.StepId);
        Assert.Equal(2, chat.Replies.Length);
        Assert.False(chat.State?.Answers.ContainsKey("when"));
    }

    [Fact]
    public void ADateBeforeTheFloorIsRefusedNamingTheFloor()
    {
        var chat = AtWhen().Say("12.03.2009");

        Assert.Equal("when", chat.StepId);
        Assert.Contains("01.01.2015", chat.Replies[0].Text);
    }

    [Fact]
    public void GarbageAtTheDateQuestionIsAskedAgain()
    {
        var chat = AtWhen().Say("ну где-то когда-то");

        Assert.Equal("when", chat.StepId);
        Assert.Equal(PromptKind.Notice, chat.Replies[0].Kind);
        Assert.Equal(new ChoiceAnswer("hospital"), chat.State?.Answers["category"]);
    }

    [Fact]
    public void ThisWeekOffersTheLastSevenDays()
    {
        var chat = AtWhen().Press(ChoiceIds.ThisWeek);

        Assert.Equal(7, chat.Question.Choices.Length);
        Assert.Equal("day:2026-11-29", chat.Question.Choices[0].Id);
        chat.Press("day:2026-11-25");
        Assert.Equal(new DateAnswer(new DateOnly(2026, 11, 25)), chat.State?.Answers["when"]);
    }

    [Theory]
    [InlineData("вчера", 2026, 11, 28)]
    [InlineData("3 дня назад", 2026, 11, 26)]
    [InlineData("12.03", 2026, 3, 12)]
    [InlineData("2026-03-12", 2026, 3, 12)]
    public void TypedDatesInRussianAreUnderstood(string typed, int year, int month, int day)
    {
        var chat = AtWhen().Say(typed);

        Assert.Equal(new DateAnswer(new DateOnly(year, month, day)), chat.State?.Answers["when"]);
    }

    [Fact]
    public void EnglishFreeTextDatesAreUnderstood()
    {
        var chat = Transcript.Start("en").Press(ChoiceIds.Accept).Press("hospital").Press("me").Say("last Tuesday evening");

        Assert.Equal(new DateAnswer(new DateOnly(2026, 11, 24)), chat.State?.Answers["when"]);
    }

    [Fact]
    public void APlaceNotInTheListCanBeTyped()
    {
        var chat = AtWhen().Press(ChoiceIds.Today).Press("almaty").Press(ChoiceIds.Other).Say("Талгар");

        Assert.Equal(new PlaceAnswer(null, "Талгар"), chat.State?.Answers["city"]);
        // No facilities are known in a city that is not listed: the name is asked as text.
        chat.Press("narcology");
        Assert.Equal(PromptKind.Text, chat.Question.Kind);
        chat.Say("Талгарская ЦРБ");
        Assert.Equal(new PlaceAnswer(null, "Талгарская ЦРБ"), chat.State?.Answers["facility"]);
    }

    [Fact]
    public void MultipleChoiceTicksToggleAndNoneExcludesTheRest()
    {
        var chat = AtNarrative().Say(Story).Press("missed_doses").Press("paid_money").Press("missed_doses");
        Assert.Equal(new PendingSelection(["paid_money"]), chat.State?.Pending);
        Assert.Contains(chat.Question.Choices, c => c.Id == "paid_money" && c.Selected);

        chat.Press("none");
        Assert.Equal(new PendingSelection(["none"]), chat.State?.Pending);
    }

    [Fact]
    public void DoneWithNothingTickedIsAskedAgain()
    {
        var chat = AtNarrative().Say(Story).Press(ChoiceIds.Done);

        Assert.Equal("consequences", chat.StepId);
        Assert.Equal(PromptKind.Notice, chat.Replies[0].Kind);
    }

    [Fact]
    public void TypedNumbersAnswerAMultipleChoiceAtOnce()
    {
        var chat = AtNarrative().Say(Story).Say("1, 4");

        Assert.Equal("reported", chat.StepId);
        Assert.Equal(new ChoicesAnswer(["missed_doses", "health_worse"]), chat.State?.Answers["consequences"]);
    }

    [Fact]
    public void AnAnswerThatNoLongerAppliesIsNotSubmitted()
    {
        var chat = ToReview().Press("edit:reported").Press(ChoiceIds.Yes);
        Assert.Equal("reported_where", chat.StepId);
        chat.Press("ngo").Press(ChoiceIds.Done);
        Assert.Equal("review", chat.StepId);

        chat.Press("edit:reported").Press(ChoiceIds.No).Press(ChoiceIds.Submit);

        Assert.False(chat.Last?.Answers?.ContainsKey("reported_where"));
    }

    [Fact]
    public void BackDuringAnEditReturnsToTheReview()
    {
        var chat = ToReview().Press("edit:affected").Back();

        Assert.Equal("review", chat.StepId);
        Assert.False(chat.State?.ReturnToReview);
    }

    [Theory]
    [InlineData("ru", "да")]
    [InlineData("ru", "Да!")]
    [InlineData("ru", "ок")]
    [InlineData("en", "yes")]
    [InlineData("en", "OK")]
    [InlineData("kk", "иә")]
    public void TheFirstQuestionIsAnsweredByATypedYes(string language, string typed)
    {
        var chat = Transcript.Start(language).Say(typed);

        Assert.Equal("category", chat.StepId);
    }

    [Theory]
    [InlineData("нет")]
    [InlineData("Не")]
    public void ATypedNoAtTheFirstQuestionEndsKindly(string typed)
    {
        var chat = Transcript.Start("ru").Say(typed);

        Assert.Equal(FlowOutcome.Cancelled, chat.Last?.Outcome);
    }

    [Theory]
    [InlineData("ru", "Полиция у кабинета ОЗТ", "police")]
    [InlineData("ru", "требуют прописку", "documents")]
    [InlineData("en", "police at the OST site", "police")]
    [InlineData("en", "Money or a bribe", "extortion")]
    public void TheFirstWordsOfOneLabelPickThatChoice(string language, string typed, string expected)
    {
        var chat = Transcript.Start(language).Press(ChoiceIds.Accept).Say(typed);

        Assert.Equal(new ChoiceAnswer(expected), chat.State?.Answers["category"]);
        Assert.Equal("affected", chat.StepId);
    }

    [Theory]
    [InlineData("ru", "Не дали")]
    [InlineData("en", "No OST")]
    [InlineData("en", "No OST in")]
    [InlineData("en", "polic")]
    public void WordsThatBeginSeveralLabelsOrCutAWordAreAskedAgain(string language, string typed)
    {
        var chat = Transcript.Start(language).Press(ChoiceIds.Accept);
        var asked = chat.Question;
        chat.Say(typed);

        Assert.Equal("category", chat.StepId);
        Assert.False(chat.State?.Answers.ContainsKey("category"));
        Assert.Equal(asked.Choices.Select(c => c.Id), chat.Question.Choices.Select(c => c.Id));
    }

    [Theory]
    [InlineData("да")]
    [InlineData("ok")]
    public void ATypedYesHidesTheContactDetailsItWasAskedAbout(string typed)
    {
        var chat = AtNarrative().Say("Врач сказал звонить ему на +7 701 234 56 78, иначе дозу не дадут вообще.").Say(typed);

        Assert.Equal("consequences", chat.StepId);
        Assert.DoesNotContain("701", Assert.IsType<TextAnswer>(chat.State?.Answers["narrative"]).Text);
    }

    [Fact]
    public void ATypedNoKeepsTheContactDetailsItWasAskedAbout()
    {
        var story = "Врач сказал звонить ему на +7 701 234 56 78, иначе дозу не дадут вообще.";
        var chat = AtNarrative().Say(story).Say("нет");

        Assert.Equal(new TextAnswer(story), chat.State?.Answers["narrative"]);
    }

    [Fact]
    public void ThePlaceTypedAsTheBeginningOfAListedNameIsTheTypedPlace()
    {
        var chat = Transcript.Start("ru").Press(ChoiceIds.Accept).Press("hospital").Press("me").Press(ChoiceIds.Today)
            .Press("almaty").Press("almaty").Press("narcology");
        Assert.Equal("facility", chat.StepId);

        chat.Say("Городской наркологический");

        Assert.Equal(new PlaceAnswer(null, "Городской наркологический"), chat.State?.Answers["facility"]);
    }

    [Fact]
    public void AStoryTypedAtAChoiceQuestionWaitsAtTheStoryQuestionInsteadOfBeingLost()
    {
        var chat = Transcript.Start("ru").Press(ChoiceIds.Accept).Press("hospital");

        chat.Say(Story + " Потом отправили домой, и два дня я искал, где взять дозу.");

        Assert.Equal("affected", chat.StepId);
        Assert.Contains("сохранил этот текст", chat.AllText);
        Assert.Contains(chat.Question.Choices, c => c.Id == "me");
        chat.Press("me").Press(ChoiceIds.Today).Press("almaty").Press("almaty").Press("narcology").Press("almaty_narcology");
        Assert.Equal("narrative", chat.StepId);
        Assert.Contains("Потом отправили домой", chat.Question.Text);

        chat.Say("1");

        Assert.Equal(new TextAnswer(Story + " Потом отправили домой, и два дня я искал, где взять дозу."), chat.State?.Answers["narrative"]);
        Assert.Equal("consequences", chat.StepId);
    }

    [Fact]
    public void AStoryTypedEarlyOverTheLimitGetsTheLongStorysChoiceWhenKept()
    {
        var chat = Transcript.Start("ru").Press(ChoiceIds.Accept).Say(new string('а', 7000))
            .Press("hospital").Press("me").Press(ChoiceIds.Today).Press("almaty").Press("almaty").Press("narcology").Press("almaty_narcology");

        chat.Say("1");

        Assert.IsType<PendingTooLong>(chat.State?.Pending);
        chat.Say("1");
        Assert.Equal(6000, Assert.IsType<TextAnswer>(chat.State?.Answers["narrative"]).Text.Length);
        Assert.Equal("consequences", chat.StepId);
    }

    [Fact]
    public void AStoryTypedEarlyIsStillCheckedForContactDetailsWhenKept()
    {
        var story = "Врач сказал звонить ему на +7 701 234 56 78, иначе дозу не дадут вообще. Это было в обед, при всех, в коридоре у кабинета.";
        var chat = Transcript.Start("ru").Press(ChoiceIds.Accept).Say(story)
            .Press("hospital").Press("me").Press(ChoiceIds.Today).Press("almaty").Press("almaty").Press("narcology").Press("almaty_narcology");

        chat.Say("1").Say("да");

        Assert.Equal("consequences", chat.StepId);
        Assert.DoesNotContain("701", Assert.IsType<TextAnswer>(chat.State?.Answers["narrative"]).Text);
    }

    [Fact]
    public void AStoryCutInPartsWhileTheContactQuestionIsOpenLosesNoPart()
    {
        // Telegram cuts a message longer than 4,096 characters into parts; the first part's phone number opens the
        // question about contact details before the second part arrives.
        var first = "Врач сказал звонить ему на +7 701 234 56 78. " + string.Concat(Enumerable.Repeat("В больнице не давали дозу. ", 200));
        var second = "Потом меня выписали без дозы, и я два дня искал, где её получить, звонил по всем номерам и ходил в диспансер.";
        var chat = AtNarrative().Say(first[..4096]).Say(second);

        Assert.IsType<PendingMask>(chat.State?.Pending);
        chat.Say("1");

        var story = Assert.IsType<TextAnswer>(chat.State?.Answers["narrative"]).Text;
        Assert.Contains("В больнице не давали дозу", story);
        Assert.Contains("два дня искал", story);
        Assert.DoesNotContain("701", story);
        Assert.Equal("consequences", chat.StepId);
    }

    [Fact]
    public void AStoryRetypedAtTheContactQuestionDoesNotSilentlyReplaceItAndTheWayToRewriteIsSaid()
    {
        var story = "Врач сказал звонить ему на +7 701 234 56 78, иначе дозу не дадут вообще.";
        var retyped = "Врач сказал, что дозу не дадут, пока не принесу справку из полиции. Это было утром.";
        var chat = AtNarrative().Say(story).Say(retyped);

        // Kept after the story, not in its place: the member may have meant more of it.
        Assert.Equal(story + "\n" + retyped, Assert.IsType<PendingMask>(chat.State?.Pending).Text);
        Assert.Contains("«Написать заново»", chat.AllText);
        chat.PressLabel("Написать заново").Say(retyped);
        Assert.Equal(new TextAnswer(retyped), chat.State?.Answers["narrative"]);
    }

    [Fact]
    public void ContactDetailsInALaterPartOfTheStoryAreHiddenAndTheMemberIsTold()
    {
        var secondPart = "Потом главврач сказал звонить ему на +7 701 234 56 78 или писать на doctor@example.kz, а дозу так и не дали.";
        var chat = AtNarrative().Say(Story).Say(secondPart);

        var story = Assert.IsType<TextAnswer>(chat.State?.Answers["narrative"]).Text;
        Assert.StartsWith(Story, story);
        Assert.Contains("а дозу так и не дали", story);
        Assert.DoesNotContain("701", story);
        Assert.DoesNotContain("doctor@example.kz", story);
        Assert.Contains("скрыл", chat.AllText);
        Assert.Equal("consequences", chat.StepId);
    }

    [Fact]
    public void APartThatDoesNotFitTheStoryWaitsWithTheRestOfItForTheMemberToChooseWhatToKeep()
    {
        var part = string.Concat(Enumerable.Repeat("Потом меня выписали без дозы и ничего не объяснили. ", 100));
        var chat = AtNarrative().Say(part[..4000]).Say(part[..4000]);
        Assert.Equal("narrative", chat.StepId);

        chat.Say(part[..3000]);

        var whole = part[..4000].Trim() + "\n" + part[..4000].Trim() + "\n" + part[..3000].Trim();
        Assert.Equal(new PendingTooLong(whole), chat.State?.Pending);
        Assert.Contains(whole.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), chat.AllText);
        Assert.Equal("narrative", chat.StepId);
    }

    [Theory]
    [InlineData("да")]
    [InlineData("Ок")]
    public void ATypedYesAtTheReviewSendsTheReport(string typed)
    {
        var chat = ToReview().Say(typed);

        Assert.Equal(FlowOutcome.Completed, chat.Last?.Outcome);
    }

    [Theory]
    [InlineData("нет")]
    [InlineData("не знаю")]
    public void AnythingElseAtTheReviewShowsItAgain(string typed)
    {
        var chat = ToReview().Say(typed);

        Assert.Equal("review", chat.StepId);
        Assert.Equal(PromptKind.Review, chat.Question.Kind);
    }

    [Fact]
    public void AnAnswerToChangeCanBeTypedAtTheReviewByTheFirstWordsOfItsButton()
    {
        var chat = ToReview().Say("изменить: когда");

        Assert.Equal("when", chat.StepId);
        Assert.True(chat.State?.ReturnToReview);
    }

    [Theory]
    [InlineData("▫️ Со мной")]
    [InlineData("✅ Со мной")]
    [InlineData("👉 со мной")]
    public void ALabelCopiedWithTheMarkItsButtonShowsPicksThatChoice(string typed)
    {
        var chat = Transcript.Start("ru").Press(ChoiceIds.Accept).Press("hospital").Say(typed);

        Assert.Equal(new ChoiceAnswer("me"), chat.State?.Answers["affected"]);
    }

    [Fact]
    public void YesAndNoCanBeTypedInWords()
    {
        var chat = AtNarrative().Say(Story).Say("1").Say("да");

        Assert.Equal("reported_where", chat.StepId);
    }

    [Fact]
    public void TheSecondPartOfALongStoryIsAddedToTheStoryNotRefused()
    {
        var secondPart = string.Concat(Enumerable.Repeat("Потом меня выписали без дозы. ", 10));
        var chat = AtNarrative().Say(Story).Say(secondPart);

        Assert.Equal("consequences", chat.StepId);
        Assert.Equal(new TextAnswer(Story + "\n" + secondPart.Trim()), chat.State?.Answers["narrative"]);
        Assert.Equal(2, chat.Replies.Length);
    }

    [Theory]
    [InlineData("И ушла.")]
    [InlineData("врач так и не пришёл")]
    public void AShortLastLineSentRightAfterTheStoryIsKeptWithItAndTheQuestionAskedAgain(string line)
    {
        var chat = AtNarrative().Say(Story).Say(line);

        Assert.Equal(new TextAnswer(Story + "\n" + line), chat.State?.Answers["narrative"]);
        Assert.Equal("consequences", chat.StepId);
        Assert.Contains(ShippedFlow.Load().Texts.Get("ru", "text.added_line")[..20], chat.AllText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("наверное 2 и 3")]
    [InlineData("нет, не было")]
    [InlineData("да, было")]
    public void AFewWordsAfterTheStoryThatTryToAnswerAreNotAddedToIt(string typed)
    {
        var chat = AtNarrative().Say(Story).Say(typed);

        Assert.Equal(new TextAnswer(Story), chat.State?.Answers["narrative"]);
    }

    [Fact]
    public void AShortWrongAnswerAfterTheStoryIsNotMistakenForMoreStory()
    {
        var chat = AtNarrative().Say(Story).Say("не знаю");

        Assert.Equal(new TextAnswer(Story), chat.State?.Answers["narrative"]);
    }
}
