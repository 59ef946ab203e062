using CommunityBot.Conversations;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Conversations;

/// <summary>Whatever a member writes of their story, wherever it arrives, is kept or they are told what became of it.</summary>
public sealed class StoryKeepingTests
{
    private const string Story = "В больнице мне три дня не давали метадон, сказали что у них нет лицензии.";
    private const string StoryWithPhone = "Врач сказал звонить ему на +7 701 234 56 78, иначе дозу не дадут вообще.";

    /// <summary>A story as long as the app sends in one message (Telegram cuts at 4,096 characters).</summary>
    private static readonly string CutPart = string.Concat(Enumerable.Repeat("В больнице не давали дозу и кричали при всех. ", 100))[..4096];

    private static Transcript AtWhen(string language = "ru") =>
        Transcript.Start(language).Press(ChoiceIds.Accept).Press("hospital").Press("me");

    private static Transcript AtNarrative(string language = "ru") =>
        AtWhen(language).Press(ChoiceIds.Today).Press("almaty").Press("almaty").Press("narcology").Press("almaty_narcology");

    private static Transcript ToReview() =>
        AtNarrative().Say(Story).Press("none").Press(ChoiceIds.Done).Press(ChoiceIds.No).Press(ChoiceIds.Yes).Press(ChoiceIds.No);

    private static string Said(Transcript chat) => string.Join("\n", chat.Replies.Select(reply => reply.Text));

    private static string StoryOf(Transcript chat) => Assert.IsType<TextAnswer>(chat.State?.Answers["narrative"]).Text;

    // ---- "Hide it?" -------------------------------------------------------------------------------------

    [Theory]
    [InlineData("ru", "Да, скройте пожалуйста номер телефона")]
    [InlineData("en", "hide it")]
    [InlineData("en", "Yes please, hide it")]
    [InlineData("kk", "иә, жасырыңыз")]
    public void ASentenceBeginningWithYesOrHideHidesTheContactDetails(string language, string typed)
    {
        var chat = AtNarrative(language).Say(StoryWithPhone).Say(typed);

        Assert.Equal("consequences", chat.StepId);
        Assert.StartsWith("Врач сказал звонить ему на ", StoryOf(chat));
        Assert.DoesNotContain("701", StoryOf(chat));
    }

    [Theory]
    [InlineData("ru", "оставить")]
    [InlineData("ru", "Нет, не надо скрывать")]
    [InlineData("en", "keep")]
    [InlineData("en", "keep it please")]
    public void AShortAnswerBeginningWithKeepOrNoKeepsTheStoryAsItIs(string language, string typed)
    {
        var chat = AtNarrative(language).Say(StoryWithPhone).Say(typed);

        Assert.Equal("consequences", chat.StepId);
        Assert.Equal(StoryWithPhone, StoryOf(chat));
    }

    [Theory]
    [InlineData("что это значит")]
    [InlineData("А кто увидит этот номер, модераторы?")]
    [InlineData("?")]
    public void AQuestionOrAFewWordsAtTheContactQuestionKeepTheStoryAndAskAgain(string typed)
    {
        var chat = AtNarrative().Say(StoryWithPhone).Say(typed);

        Assert.Equal("narrative", chat.StepId);
        Assert.Equal(StoryWithPhone, Assert.IsType<PendingMask>(chat.State?.Pending).Text);
        Assert.Contains("«Написать заново»", chat.AllText);
        Assert.Contains(chat.Question.Choices, c => c.Id == ChoiceIds.Mask);
    }

    [Theory]
    [InlineData("ru", "А ещё он сказал писать ему на doctor@example.kz, иначе дозы не будет.", "Скрыть")]
    [InlineData("ru", "Это мой рассказ, я хочу его отправить так, как написал, пусть видят все, что там творится.", "1")]
    [InlineData("en", "He also said to write to doctor@example.kz or there would be no dose.", "hide")]
    [InlineData("kk", "Ол тағы doctor@example.kz поштасына жаз деді, әйтпесе доза болмайды.", "иә")]
    public void MoreOfTheStoryAtTheContactQuestionJoinsItAndItsOwnContactsAreHiddenWithTheRest(string language, string more, string hide)
    {
        var chat = AtNarrative(language).Say(StoryWithPhone).Say(more);

        Assert.Equal(StoryWithPhone + "\n" + more, Assert.IsType<PendingMask>(chat.State?.Pending).Text);
        Assert.Contains(ShippedFlow.Load().Texts.Get(language, "text.added_at_mask", ("retype", ShippedFlow.Load().Texts.Get(language, "text.retype"))), chat.AllText);
        Assert.Equal(more.Contains('@') ? 2 : 1, Assert.IsType<PendingMask>(chat.State?.Pending).Findings.Length);

        chat.Say(hide);
        Assert.Equal("consequences", chat.StepId);
        Assert.EndsWith(more[^12..], StoryOf(chat));
        Assert.DoesNotContain("701", StoryOf(chat));
        Assert.DoesNotContain("doctor@", StoryOf(chat));
    }

    [Fact]
    public void BackFromTheContactQuestionOffersTheStoryToKeep()
    {
        var chat = AtNarrative().Say(StoryWithPhone).Back();

        Assert.Equal("narrative", chat.StepId);
        Assert.Null(chat.State?.Pending);
        Assert.Contains("+7 701 234 56 78", chat.Question.Text);
        Assert.Equal([ChoiceIds.KeepText], chat.Question.Choices.Select(c => c.Id));

        chat.Press(ChoiceIds.KeepText);
        Assert.IsType<PendingMask>(chat.State?.Pending);
        chat.Press(ChoiceIds.Mask);
        Assert.StartsWith("Врач сказал звонить ему на ", StoryOf(chat));
    }

    // ---- "That is long" ---------------------------------------------------------------------------------

    [Theory]
    [InlineData("kk", "иә")]
    [InlineData("ru", "да")]
    [InlineData("en", "ok")]
    public void AYesAtTheLongStoryQuestionKeepsItsStart(string language, string typed)
    {
        var chat = AtNarrative(language).Say(new string('а', 7000)).Say(typed);

        Assert.Equal("consequences", chat.StepId);
        Assert.Equal(new string('а', 6000), StoryOf(chat));
    }

    [Theory]
    [InlineData("нет")]
    [InlineData("не знаю")]
    [InlineData("not sure")]
    public void ANoAtTheLongStoryQuestionKeepsTheStoryAndAsksAgain(string typed)
    {
        var chat = AtNarrative().Say(new string('а', 7000)).Say(typed);

        Assert.Equal(new PendingTooLong(new string('а', 7000)), chat.State?.Pending);
        Assert.Contains(chat.Question.Choices, c => c.Id == ChoiceIds.KeepStart);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("999999999999999999999")]
    [InlineData("😢")]
    [InlineData("?")]
    public void ANumberOrASignThatPicksNothingAtTheLongStoryQuestionIsNotAddedToTheStory(string typed)
    {
        var chat = AtNarrative().Say(new string('а', 7000)).Say(typed);

        Assert.Equal(new PendingTooLong(new string('а', 7000)), chat.State?.Pending);
        Assert.Contains(chat.Replies, r => r.Text == ShippedFlow.Load().Texts.Get("ru", "text.story_waits", ("retype", ShippedFlow.Load().Texts.Get("ru", "text.retype"))));
        Assert.Contains(chat.Question.Choices, c => c.Id == ChoiceIds.KeepStart);
    }

    // ---- a message cut in parts by the app ---------------------------------------------------------------

    [Fact]
    public void AShortLastPartOfACutStoryIsAddedToItNotTakenAsTheNextAnswer()
    {
        var chat = AtNarrative().Say(CutPart).Say("И всё это при всех.");

        Assert.Equal("consequences", chat.StepId);
        Assert.Equal(CutPart.Trim() + "\nИ всё это при всех.", StoryOf(chat));
        Assert.False(chat.State?.Answers.ContainsKey("consequences"));
        Assert.Null(chat.State?.Pending);
        Assert.Contains("частями", chat.AllText);
    }

    [Fact]
    public void AShortLastPartArrivingWhileTheContactQuestionIsOpenJoinsTheStory()
    {
        var first = ("Врач сказал звонить ему на +7 701 234 56 78. " + CutPart)[..4096];
        var chat = AtNarrative().Say(first).Say("Вот и всё.");

        Assert.Equal(first.Trim() + "\nВот и всё.", Assert.IsType<PendingMask>(chat.State?.Pending).Text);
        chat.Press(ChoiceIds.Mask);
        Assert.EndsWith("Вот и всё.", StoryOf(chat));
        Assert.DoesNotContain("701", StoryOf(chat));
    }

    [Theory]
    [InlineData("Вот и всё.")]
    [InlineData("Потом меня выписали без дозы, и я два дня искал, где её получить, звонил по всем номерам и ходил в диспансер.")]
    public void TheNextPartOfAStoryRewrittenFromTheReviewIsAddedToIt(string part)
    {
        var chat = ToReview().Press("edit:narrative").Say(CutPart);
        Assert.Equal("review", chat.StepId);

        chat.Say(part);

        Assert.Equal("review", chat.StepId);
        Assert.Equal(CutPart.Trim() + "\n" + part, StoryOf(chat));
    }

    [Theory]
    [InlineData("1, 4", new[] { "missed_doses", "health_worse" })]
    [InlineData("ломка и здоровье", new[] { "missed_doses", "health_worse" })]
    public void TheNumbersOrLabelsOfTheNextQuestionTypedAfterALongStoryAnswerItAndAreNotAddedToTheStory(string typed, string[] ticked)
    {
        var chat = AtNarrative().Say(CutPart).Say(typed);

        Assert.Equal(CutPart.Trim(), StoryOf(chat));
        Assert.Equal(new ChoicesAnswer([.. ticked]), chat.State?.Answers["consequences"]);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("😢")]
    public void ANumberOutOfRangeOrAnEmojiAfterALongStoryIsNotAddedToIt(string typed)
    {
        var chat = AtNarrative().Say(CutPart).Say(typed);

        Assert.Equal(CutPart.Trim(), StoryOf(chat));
        Assert.Equal("consequences", chat.StepId);
    }

    [Fact]
    public void PartsThatMakeTheStoryTooLongAreAllKeptAndTheMemberChoosesWhatToKeep()
    {
        var third = "Третья часть: " + CutPart[..4000];
        var chat = AtNarrative().Say(CutPart).Say(CutPart).Say(third);

        var whole = CutPart.Trim() + "\n" + CutPart.Trim() + "\n" + third.Trim();
        Assert.Equal("narrative", chat.StepId);
        Assert.Equal(new PendingTooLong(whole), chat.State?.Pending);
        Assert.DoesNotContain("не сохранил", Said(chat), StringComparison.Ordinal);
        Assert.Contains(whole.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), chat.Question.Text, StringComparison.Ordinal);

        chat.Press(ChoiceIds.KeepStart);

        Assert.Equal(whole[..6000], StoryOf(chat));
        Assert.Equal("consequences", chat.StepId);
    }

    [Fact]
    public void MoreStoryAtTheReviewThatMakesItTooLongIsKeptAndTheReviewComesBackOnceTheMemberChose()
    {
        var chat = ToReview().Press("edit:narrative").Say(CutPart).Say(CutPart);

        Assert.Equal("narrative", chat.StepId);
        Assert.Equal(new PendingTooLong(CutPart.Trim() + "\n" + CutPart.Trim()), chat.State?.Pending);

        chat.Press(ChoiceIds.KeepStart);

        Assert.Equal("review", chat.StepId);
        Assert.Equal((CutPart.Trim() + "\n" + CutPart.Trim())[..6000], StoryOf(chat));
    }

    [Fact]
    public void BackFromALongStoryRewrittenFromTheReviewNeverBringsTheReviewWithTheStoryOverItsLimit()
    {
        var chat = ToReview().Press("edit:narrative").Say(CutPart).Say(CutPart);

        chat.Back().Back();

        Assert.Equal("narrative", chat.StepId);
        Assert.Contains(chat.Question.Choices, c => c.Id == ChoiceIds.KeepText);
    }

    [Theory]
    [InlineData("😢😢😢😢😢😢😢😢😢😢😢😢😢😢😢😢😢😢😢😢😢😢😢😢😢")]
    [InlineData("103 103 103 103 103 103 103 103")]
    public void AStoryOfEmojiOrNumbersAloneIsAskedForInWordsNotForMoreCharacters(string typed)
    {
        var chat = AtNarrative().Say(typed);

        Assert.Equal("narrative", chat.StepId);
        Assert.Contains("расскажите словами", chat.AllText);
        Assert.DoesNotContain("хотя бы 20", chat.AllText);
    }

    [Fact]
    public void ALoneNoAfterALongStoryIsNotAddedToIt()
    {
        var chat = AtNarrative().Say(CutPart).Say("нет");

        Assert.Equal(CutPart.Trim(), StoryOf(chat));
    }

    // ---- a story told at the date question ----------------------------------------------------------------

    [Fact]
    public void AStoryTypedAtTheDateQuestionWaitsForTheStoryQuestion()
    {
        const string told = "Медсестра в кабинете отказала мне в дозе и накричала при всех, сказала, что больше не придёт врач и чтобы я уходил.";
        var chat = AtWhen().Say(told);

        Assert.Equal("when", chat.StepId);
        Assert.False(chat.State?.Answers.ContainsKey("when"));
        Assert.Contains("сохранил этот текст", chat.AllText);

        chat.Press(ChoiceIds.Today).Press("almaty").Press("almaty").Press("narcology").Press("almaty_narcology");
        Assert.Contains("Медсестра в кабинете", chat.Question.Text);
        chat.Press(ChoiceIds.KeepText);
        Assert.Equal(told, StoryOf(chat));
    }

    [Fact]
    public void AStoryTypedAtTheDateQuestionThatNamesTheDayAnswersItAndIsKept()
    {
        const string told = "Yesterday the nurse at the OST site refused my dose and shouted at me in front of everyone, and told me not to come back.";
        var chat = AtWhen("en").Say(told);

        Assert.Equal(new DateAnswer(new DateOnly(2026, 11, 28)), chat.State?.Answers["when"]);
        Assert.Equal("region", chat.StepId);
        Assert.Contains("28.11.2026", chat.AllText);
        Assert.Contains("kept this text", chat.AllText);
        Assert.Equal(told, StoryOf(chat));
    }

    // ---- the region question ---------------------------------------------------------------------------

    [Fact]
    public void AStoryTypedAtTheRegionQuestionIsKeptForTheStoryNotStoredAsARegion()
    {
        const string told = "Меня не пустили на сайт, охранник сказал, что я опоздал, хотя было ещё десять минут, и дозу я в тот день не получил.";
        var chat = AtWhen().Press(ChoiceIds.Today).Say(told);

        Assert.Equal("region", chat.StepId);
        Assert.False(chat.State?.Answers.ContainsKey("region"));
        Assert.Equal(told, StoryOf(chat));
        Assert.Contains("сохранил этот текст", chat.AllText);
    }

    [Theory]
    [InlineData("ru", "Стоп")]
    [InlineData("ru", "хватит!")]
    [InlineData("en", "stop")]
    [InlineData("en", "Exit")]
    [InlineData("kk", "Тоқта")]
    public void AStopWordIsToldHowToPauseAndNeitherAnswersNorDeletesAnything(string language, string typed)
    {
        var atRegion = AtWhen(language).Press(ChoiceIds.Today);
        var answered = atRegion.State?.Answers.Count;

        atRegion.Say(typed);

        Assert.Equal("region", atRegion.StepId);
        Assert.False(atRegion.State?.Answers.ContainsKey("region"));
        Assert.Equal(answered, atRegion.State?.Answers.Count);
        Assert.Contains(ShippedFlow.Load().Texts.Get(language, "chat.stop_hint"), Said(atRegion), StringComparison.Ordinal);

        var atStory = AtNarrative(language).Say(typed);

        Assert.Equal("narrative", atStory.StepId);
        Assert.False(atStory.State?.Answers.ContainsKey("narrative"));
    }

    [Theory]
    [InlineData("ru", "Назад")]
    [InlineData("en", "back")]
    [InlineData("kk", "Артқа")]
    public void ABackWordTypedAtTheRegionQuestionGoesBack(string language, string typed)
    {
        var chat = AtWhen(language).Press(ChoiceIds.Today).Say(typed);

        Assert.Equal("when", chat.StepId);
        Assert.False(chat.State?.Answers.ContainsKey("region"));
    }

    [Theory]
    [InlineData("cancel")]
    [InlineData("Отмена")]
    public void ACancelWordTypedAtTheRegionQuestionCancels(string typed)
    {
        var chat = AtWhen().Press(ChoiceIds.Today).Say(typed);

        Assert.Equal(FlowOutcome.Cancelled, chat.Last?.Outcome);
    }

    [Theory]
    [InlineData("да")]
    [InlineData("не знаю")]
    [InlineData("Не помню.")]
    [InlineData("I don’t know")]
    [InlineData("білмеймін")]
    [InlineData("ok")]
    public void AYesOrNoIsNotAPlace(string typed)
    {
        var chat = AtWhen().Press(ChoiceIds.Today).Say(typed);

        Assert.Equal("region", chat.StepId);
        Assert.False(chat.State?.Answers.ContainsKey("region"));
        Assert.Contains("не похоже на название места", chat.AllText);
    }

    [Theory]
    [InlineData("Сарыозек")]
    [InlineData("Государственное коммунальное предприятие на праве хозяйственного ведения «Городской центр психического здоровья»")]
    public void AnUnlistedPlaceIsStillTakenAsTyped(string typed)
    {
        var chat = AtWhen().Press(ChoiceIds.Today).Say(typed);

        Assert.Equal(new PlaceAnswer(null, typed), chat.State?.Answers["region"]);
    }

    // ---- the review --------------------------------------------------------------------------------------

    [Fact]
    public void TheContactQuestionQuotesWhatItFoundAsTheMembersLanguageDoes()
    {
        var chat = AtNarrative("en").Say("The nurse refused my dose and told me to call her at 87011234567 tomorrow.");

        Assert.Contains("“87011234567”", chat.AllText);
        Assert.DoesNotContain("«", chat.AllText);
    }

    [Fact]
    public void MoreOfTheStoryTypedAtAQuestionChangedFromTheReviewIsAddedToTheStory()
    {
        const string more = "Забыл написать: охранник потом сказал, что в следующий раз вызовет полицию, если я снова приду за дозой.";
        var chat = ToReview().Press("edit:affected").Say(more);

        Assert.Equal("affected", chat.StepId);
        Assert.Equal(Story + "\n" + more, StoryOf(chat));
        Assert.Contains("добавил этот текст в конец вашего рассказа", chat.AllText);
    }

    [Fact]
    public void MoreOfTheStoryTypedAtTheReviewIsAddedToTheStory()
    {
        const string more = "Ещё хочу добавить: на следующий день я пришёл снова, и мне опять отказали, сказали приходить через неделю с направлением.";
        var chat = ToReview().Say(more);

        Assert.Equal("review", chat.StepId);
        Assert.Equal(Story + "\n" + more, StoryOf(chat));
        Assert.Contains("добавил этот текст в конец вашего рассказа", chat.AllText);
    }

    [Theory]
    [InlineData("en", "they refused methadone at the hospital again")]
    [InlineData("ru", "в больнице опять не дали метадон сегодня")]
    public void AShortSentenceTypedAtTheFirstQuestionWaitsForTheStoryQuestion(string language, string typed)
    {
        var chat = Transcript.Start(language).Press(ChoiceIds.Accept).Say(typed);

        Assert.Equal("category", chat.StepId);
        Assert.Equal(typed, StoryOf(chat));
        Assert.Contains(chat.Replies, r => r.Text.Contains(ShippedFlow.Load().Texts.Get(language, "text.kept_for_story"), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("what?")]
    [InlineData("I do not know which")]
    public void AFewWordsThatTellNothingAtAChoiceAreAskedAgainAndNotKept(string typed)
    {
        var chat = Transcript.Start("en").Press(ChoiceIds.Accept).Say(typed);

        Assert.Equal("category", chat.StepId);
        Assert.False(chat.State?.Answers.ContainsKey("narrative"));
    }

    [Theory]
    [InlineData("kk", "Ауруханада үш күн метадон бермеді, дәрігер шығуды күт деді.")]
    [InlineData("ru", "В больнице не дали дозу, сказали ждать выписки")]
    [InlineData("en", "in the hospital they did not give me my dose for three days")]
    public void AShortStoryTypedAtTheDateQuestionWaitsForTheStoryQuestion(string language, string typed)
    {
        var chat = AtWhen(language).Say(typed);

        Assert.Equal("when", chat.StepId);
        Assert.Equal(typed, StoryOf(chat));
    }

    [Theory]
    [InlineData("ru", "Ауруханада үш күн метадон бермеді, дәрігер шығуды күт деді.")]
    [InlineData("ru", "В больнице три дня не давали дозу, сказали ждать до выписки")]
    public void AShortStoryTypedAtThePlaceQuestionIsNotTakenForThePlace(string language, string typed)
    {
        var chat = AtWhen(language).Press(ChoiceIds.Today).Say(typed);

        Assert.Equal("region", chat.StepId);
        Assert.False(chat.State?.Answers.ContainsKey("region"));
        Assert.Equal(typed, StoryOf(chat));
    }

    [Theory]
    [InlineData("Республиканский научно-практический центр психиатрии, психотерапии и наркологии")]
    [InlineData("Городской наркологический центр")]
    public void ALongOfficialNameTypedAtThePlaceQuestionIsStillThePlace(string typed)
    {
        var chat = AtWhen().Press(ChoiceIds.Today).Press("almaty").Press("almaty").Press("narcology").Press(ChoiceIds.Other).Say(typed);

        Assert.Equal(new PlaceAnswer(null, typed), chat.State?.Answers["facility"]);
    }

    [Theory]
    [InlineData("ru", "не знаю")]
    [InlineData("en", "not sure")]
    [InlineData("kk", "білмеймін")]
    public void IDoNotKnowAtAYesOrNoQuestionGetsAWayForwardAndTheQuestionAgain(string language, string typed)
    {
        var chat = AtNarrative(language).Say(Story).Press("none").Press(ChoiceIds.Done).Say(typed);

        Assert.Equal("reported", chat.StepId);
        Assert.False(chat.State?.Answers.ContainsKey("reported"));
        Assert.Contains(chat.Replies, r => r.Text.Contains(ShippedFlow.Load().Texts.Get(language, "yesno.unsure_hint"), StringComparison.Ordinal));
    }
}

