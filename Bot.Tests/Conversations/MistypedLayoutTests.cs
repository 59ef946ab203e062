using System.Collections.Immutable;
using CommunityBot.Conversations;
using CommunityBot.Tests.Support;
using CsCheck;

namespace CommunityBot.Tests.Conversations;

/// <summary>Answers typed with the keyboard on the other layout ("lf" for "да", "нуы" for "yes") or Russian written in
/// Latin letters ("bolnica", "ya sama"), at the interview's choice questions; and what must stay as typed.</summary>
public sealed class MistypedLayoutTests
{
    private const string Story = "В больнице мне три дня не давали метадон, сказали нет лицензии.";

    private static Transcript AtAffected(string language = "ru") =>
        Transcript.Start(language).Press(ChoiceIds.Accept).Press("hospital");

    private static Transcript AtWhen(string language = "ru") => AtAffected(language).Press("me");

    private static Transcript AtFacilityKind(string language = "ru") =>
        AtWhen(language).Press(ChoiceIds.Today).Press("almaty").Press("almaty");

    private static Transcript AtNarrative(string language = "ru") => AtFacilityKind(language).Press("narcology").Press("almaty_narcology");

    private static Transcript AtConsequences(string language = "ru") => AtNarrative(language).Say(Story);

    private static Transcript AtReported(string language = "ru") => AtConsequences(language).Press("none").Press(ChoiceIds.Done);

    private static Transcript AtReview(string language = "ru") =>
        AtReported(language).Press(ChoiceIds.No).Press(ChoiceIds.Yes).Press(ChoiceIds.No);

    private static Transcript At(string language, string question) => question switch
    {
        "consent" => Transcript.Start(language),
        "category" => Transcript.Start(language).Press(ChoiceIds.Accept),
        "affected" => AtAffected(language),
        "facility_kind" => AtFacilityKind(language),
        "consequences" => AtConsequences(language),
        "reported" => AtReported(language),
        "review" => AtReview(language),
        _ => throw new ArgumentOutOfRangeException(nameof(question), question, "no such question in these tests"),
    };

    [Theory]
    // Russian typed with the English layout on.
    [InlineData("ru", "consent", "lf", "category")]
    [InlineData("ru", "consent", "Lf? yfxfnm", "category")]
    [InlineData("ru", "consent", "[jxe", "category")]
    [InlineData("ru", "category", "Lheujt", "affected")]
    [InlineData("ru", "affected", "vyt", "when")]
    [InlineData("ru", "facility_kind", ",jkmybwf", "facility")]
    [InlineData("ru", "consequences", "Gthtljpbhjdrf", "reported")]
    [InlineData("ru", "reported", "YTN", "appeals_consent")]
    [InlineData("kk", "reported", "ytn", "appeals_consent")]
    // Russian in Latin letters, as people write it.
    [InlineData("ru", "consent", "hochu", "category")]
    [InlineData("ru", "consent", "da nachat", "category")]
    [InlineData("ru", "category", "drugoe", "affected")]
    [InlineData("ru", "affected", "ya sam", "when")]
    [InlineData("ru", "affected", "Ya sama", "when")]
    [InlineData("ru", "facility_kind", "bolnica", "facility")]
    [InlineData("ru", "facility_kind", "Bolnitsa", "facility")]
    [InlineData("ru", "facility_kind", "bol'nica", "facility")]
    [InlineData("ru", "consequences", "peredozirovka", "reported")]
    [InlineData("ru", "consequences", "nichego iz etogo", "reported")]
    [InlineData("ru", "reported", "konechno", "reported_where")]
    // English typed with the Russian layout on.
    [InlineData("en", "consent", "нуы", "category")]
    [InlineData("en", "affected", "ьу", "when")]
    [InlineData("en", "reported", "тщ", "appeals_consent")]
    public void AnAnswerTypedOnTheOtherLayoutOrInLatinLettersAnswersTheQuestion(string language, string question, string typed, string next)
    {
        var chat = At(language, question).Say(typed);

        Assert.Equal(next, chat.StepId);
    }

    [Theory]
    [InlineData("ru", "affected", "vyt", "me")]
    [InlineData("ru", "affected", "ya sama", "me")]
    [InlineData("ru", "affected", "drug", "someone")]
    [InlineData("ru", "facility_kind", "bolnica", "hospital")]
    [InlineData("ru", "facility_kind", "bolnitsa", "hospital")]
    [InlineData("ru", "facility_kind", ",jkmybwf", "hospital")]
    [InlineData("ru", "facility_kind", "poliklinika", "polyclinic")]
    [InlineData("ru", "category", "Lheujt", "other")]
    [InlineData("en", "affected", "ьу", "me")]
    public void TheChoiceTheMemberMeantIsTheOneStored(string language, string question, string typed, string expected)
    {
        var chat = At(language, question).Say(typed);

        Assert.Equal(new ChoiceAnswer(expected), chat.State?.Answers[question]);
    }

    [Theory]
    [InlineData("ru", "lf", true)]
    [InlineData("ru", "ytn", false)]
    [InlineData("ru", "da", true)]
    [InlineData("ru", "net", false)]
    [InlineData("ru", "netu", false)]
    [InlineData("ru", "horosho", true)]
    [InlineData("en", "нуы", true)]
    [InlineData("en", "Тщ", false)]
    [InlineData("en", "ok", true)]
    [InlineData("en", "no", false)]
    [InlineData("kk", "lf", true)]
    public void AYesOrNoTypedOnTheOtherLayoutOrInLatinLettersAnswersAYesOrNoQuestion(string language, string typed, bool yes)
    {
        var chat = AtReported(language).Say(typed);

        Assert.Equal(new YesNoAnswer(yes), chat.State?.Answers["reported"]);
    }

    [Theory]
    [InlineData("ytn")]
    [InlineData("net")]
    public void NoOnTheOtherLayoutAtTheConsequencesIsNoneOfThese(string typed)
    {
        var chat = AtConsequences().Say(typed);

        Assert.Equal(new ChoicesAnswer(["none"]), chat.State?.Answers["consequences"]);
    }

    [Theory]
    [InlineData("jnghfdbnm")]
    [InlineData("Jnghfdbnm")]
    [InlineData("otpravit")]
    [InlineData("otprav'te")]
    [InlineData("lf")]
    public void SendTypedOnTheOtherLayoutOrInLatinLettersSendsTheReportFromTheReview(string typed)
    {
        var chat = AtReview().Say(typed);

        Assert.Equal(FlowOutcome.Completed, chat.Last?.Outcome);
    }

    [Theory]
    [InlineData("ru", "yfpfl")]
    [InlineData("ru", "nazad")]
    [InlineData("en", "ифсл")]
    public void BackTypedOnTheOtherLayoutOrInLatinLettersGoesBackAtAChoiceQuestion(string language, string typed)
    {
        var chat = AtWhen(language).Press(ChoiceIds.Today).Press("almaty").Press("almaty").Say(typed);

        Assert.Equal("city", chat.StepId);
        Assert.True(chat.State?.Answers.ContainsKey("region"));
    }

    [Theory]
    [InlineData("ru", "jnvtyf")]
    [InlineData("ru", "otmena")]
    [InlineData("ru", "otmenit'")]
    [InlineData("en", "сфтсуд")]
    public void CancelTypedOnTheOtherLayoutOrInLatinLettersCancelsAtAChoiceQuestion(string language, string typed)
    {
        var chat = AtAffected(language).Say(typed);

        Assert.Equal(FlowOutcome.Cancelled, chat.Last?.Outcome);
        Assert.Null(chat.State);
    }

    [Theory]
    [InlineData("cnjg")]
    [InlineData("hvatit")]
    public void StopTypedOnTheOtherLayoutOrInLatinLettersIsToldHowToPauseAndKeepsTheQuestion(string typed)
    {
        var texts = ShippedFlow.Load().Texts;

        var chat = AtAffected().Say(typed);

        Assert.Equal("affected", chat.StepId);
        Assert.Equal(texts.Get("ru", "chat.stop_hint"), chat.Replies[0].Text);
    }

    [Theory]
    [InlineData("ne znayu")]
    [InlineData("ne znaju")]
    [InlineData("yt pyf.")]
    public void IDontKnowInLatinLettersOrOnTheOtherLayoutAtAYesOrNoGetsAWayForward(string typed)
    {
        var texts = ShippedFlow.Load().Texts;

        var chat = AtReported().Say(typed);

        Assert.Equal("reported", chat.StepId);
        Assert.Equal(texts.Get("ru", "yesno.unsure_hint"), chat.Replies[0].Text);
    }

    [Fact]
    public void YesOnTheOtherLayoutHidesTheContactDetailsFoundInTheStory()
    {
        var chat = AtNarrative().Say("Врач сказал звонить ему на +7 701 234 56 78, иначе дозу не дадут вообще.");
        Assert.IsType<PendingMask>(chat.State?.Pending);

        chat.Say("lf");

        var story = Assert.IsType<TextAnswer>(chat.State?.Answers["narrative"]);
        Assert.DoesNotContain("234 56 78", story.Text, StringComparison.Ordinal);
    }

    // ---- what stays as typed ------------------------------------------------------------------------

    [Theory]
    [InlineData("Bolnica")]
    [InlineData("Lheujt")]
    public void APlaceTypedInLatinLettersIsKeptAsTheMemberTypedIt(string typed)
    {
        var chat = AtNarrative().Back().Say(typed);

        Assert.Equal(new PlaceAnswer(null, typed), chat.State?.Answers["facility"]);
    }

    [Fact]
    public void AStoryInLatinLettersIsKeptWordForWord()
    {
        const string story = "ya sama ne znayu chto delat, v bolnice otkazali v metadone tri dnya";

        var chat = AtNarrative().Say(story);

        Assert.Equal(new TextAnswer(story), chat.State?.Answers["narrative"]);
    }

    [Theory]
    [InlineData("lf")]
    [InlineData("ytn")]
    public void AShortStoryOnTheOtherLayoutIsNotTakenForAYesOrNo(string typed)
    {
        var chat = AtNarrative().Say(typed);

        Assert.Equal("narrative", chat.StepId);
        Assert.False(chat.State?.Answers.ContainsKey("narrative"));
    }

    [Theory]
    // Russian date words in Latin letters, numbers kept, and on the other layout; read as dates, not as a button's label.
    [InlineData("ru", "vchera", 1)]
    [InlineData("ru", "Pozavchera", 2)]
    [InlineData("ru", "3 dnya nazad", 3)]
    [InlineData("ru", "2 nedeli nazad", 14)]
    [InlineData("ru", "dxthf", 1)]
    [InlineData("en", "vchera", 1)]
    [InlineData("kk", "3 dnya nazad", 3)]
    public void ADateTypedInLatinLettersOrOnTheOtherLayoutIsThatDate(string language, string typed, int daysAgo)
    {
        var chat = AtWhen(language).Say(typed);

        Assert.Equal(DateOnly.FromDateTime(chat.Now.UtcDateTime).AddDays(-daysAgo), Assert.IsType<DateAnswer>(chat.State?.Answers["when"]).Date);
    }

    [Theory]
    [InlineData("Fkvfns", "Алматы")]
    [InlineData("d Fkvfns", "в Алматы")]
    [InlineData("Isvrtyn", "Шымкент")]
    [InlineData("Isvrtynt", "Шымкенте")]
    public void APlaceTypedOnTheOtherLayoutIsThePlaceOfTheDirectory(string typed, string meant)
    {
        var chat = AtWhen().Press(ChoiceIds.Today).Say(typed);
        var asMeant = AtWhen().Press(ChoiceIds.Today).Say(meant);

        Assert.Equal(asMeant.StepId, chat.StepId);
        Assert.Equal(asMeant.State?.Answers.OrderBy(a => a.Key, StringComparer.Ordinal), chat.State?.Answers.OrderBy(a => a.Key, StringComparer.Ordinal));
    }

    [Theory]
    // A name in Latin letters, or one whose other-layout reading is no place of the directory, is the member's own.
    [InlineData("Qwerty")]
    [InlineData("Almaty Oblast Hospital")]
    public void APlaceNameNoOtherLayoutReadingNamesStaysAsTyped(string typed)
    {
        var chat = AtWhen().Press(ChoiceIds.Today).Press("almaty").Say(typed);

        var place = Assert.IsType<PlaceAnswer>(chat.State?.Answers["city"]);
        Assert.Equal(typed, place.OtherText);
    }

    [Theory]
    // Latin words that are no date read either way are still refused, and nothing is taken from them.
    [InlineData("dnem")]
    [InlineData("ne pomnyu tochno")]
    [InlineData("Almaty")]
    public void LatinWordsThatAreNoDateEitherWayAreStillRefusedAtTheDateQuestion(string typed)
    {
        var chat = AtWhen().Say(typed);

        Assert.False(chat.State?.Answers.ContainsKey("when"));
        Assert.Equal("when", chat.StepId);
    }

    [Theory]
    // A word that names a label only in part is no answer once read again: only a whole label is.
    [InlineData("category", "bolnica")]
    // English "no" stays English: it is no "но".
    [InlineData("category", "no")]
    [InlineData("category", "ok")]
    // A receipt code in letters only reads as nothing on either layout.
    [InlineData("category", "ABCD-EFGH-JKLM-NPQR")]
    [InlineData("affected", "ZXCV-BNMK-LPQR-STUV")]
    public void TextThatNamesNoWholeLabelOnEitherLayoutIsAskedAgain(string question, string typed)
    {
        var chat = At("ru", question).Say(typed);

        Assert.Equal(question, chat.StepId);
        Assert.False(chat.State?.Answers.ContainsKey(question));
    }

    [Fact]
    public void EnglishTypedToTheEnglishBotIsNotReadAsRussianInLatinLetters()
    {
        // "my" is "мы" (several people) in Latin letters, but to a member who chose English it is English.
        var chat = AtAffected("en").Say("my");

        Assert.Equal("affected", chat.StepId);
    }

    [Fact]
    public void AStoryInLatinLettersAtAChoiceQuestionIsKeptForTheStory()
    {
        const string story = "v bolnice mne ne dali metadon tri dnya, skazali net licenzii";

        var chat = AtAffected().Say(story);

        Assert.Equal("affected", chat.StepId);
        Assert.Equal(new TextAnswer(story), chat.State?.Answers["narrative"]);
    }

    // ---- every label --------------------------------------------------------------------------------

    /// <summary>Each choice of each question with choices, in each of its variants, with the answers that show it.</summary>
    private static ImmutableArray<(string Step, StepKind Kind, ImmutableDictionary<string, Answer> Answers, string Choice)> EveryChoice()
    {
        var flow = ShippedFlow.Runner.Flow;
        var all = new List<(string, StepKind, ImmutableDictionary<string, Answer>, string)>();
        foreach (var step in flow.Steps)
        {
            var sets = step.Kind switch
            {
                StepKind.SingleChoice or StepKind.MultipleChoice =>
                    [(ImmutableDictionary<string, Answer>.Empty, step.Choices),
                        .. step.ChoiceVariants.Select(v => (ImmutableDictionary<string, Answer>.Empty.Add(v.When.StepId, new ChoiceAnswer(v.When.AnyOf[0])), v.Choices))],
                StepKind.YesNo => [(ImmutableDictionary<string, Answer>.Empty, ImmutableArray.Create(ChoiceIds.Yes, ChoiceIds.No))],
                _ => new List<(ImmutableDictionary<string, Answer>, ImmutableArray<string>)>(),
            };
            all.AddRange(sets.SelectMany(set => set.Item2.Select(choice => (step.Id, step.Kind, set.Item1, choice))));
        }
        return [.. all];
    }

    private static readonly Lazy<TextCatalog> Texts = new(() => ShippedFlow.Load().Texts);

    private static string Label(string language, string step, StepKind kind, string choice) =>
        Texts.Value.Get(language, kind == StepKind.YesNo ? $"yesno.{choice}" : $"{step}.{choice}");

    private static readonly Lazy<ImmutableArray<(string Step, StepKind Kind, ImmutableDictionary<string, Answer> Answers, string Choice)>> Choices =
        new(EveryChoice);

    // The Russian layout's keys as the English layout has them, unshifted then shifted: what the same key gives.
    private const string RussianKeys = "йцукенгшщзхъфывапролджэячсмитьбю.ёЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ,Ё\"№;:?";
    private const string EnglishKeys = "qwertyuiop[]asdfghjkl;'zxcvbnm,./`QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>?~@#$^&";

    private static string OnTheOtherLayout(string text, string from, string to) =>
        string.Concat(text.Select(c => from.IndexOf(c, StringComparison.Ordinal) is >= 0 and var at ? to[at] : c));

    private static bool Typeable(string label) => !label.Any(char.IsDigit) && !label.Any(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z');

    private static void AssertUnderstood(string language, (string Step, StepKind Kind, ImmutableDictionary<string, Answer> Answers, string Choice) at, string typed)
    {
        var runner = ShippedFlow.Runner;
        var state = new ConversationState(runner.Flow.Id, runner.Flow.Version, language, at.Step, at.Answers, [], false, null,
            ShippedFlow.Now, ShippedFlow.Now);

        var result = runner.Handle(state, new TextEntered(typed), ShippedFlow.Now);

        Answer expected = at.Kind switch
        {
            StepKind.MultipleChoice => new ChoicesAnswer([at.Choice]),
            StepKind.YesNo => new YesNoAnswer(at.Choice == ChoiceIds.Yes),
            _ => new ChoiceAnswer(at.Choice),
        };
        Assert.True(result.State?.Answers.GetValueOrDefault(at.Step) == expected, $"'{typed}' at {at.Step} was not read as {at.Choice}");
    }

    [Fact]
    public void EveryRussianLabelTypedWithTheEnglishLayoutOnIsThatChoiceInAnyCase()
    {
        Gen.Select(Gen.OneOf<(string Step, StepKind Kind, ImmutableDictionary<string, Answer> Answers, string Choice)>([.. Choices.Value.Where(c => Typeable(Label("ru", c.Step, c.Kind, c.Choice)))]), Gen.Bool.Array[40])
            .Sample((at, shift) =>
            {
                var label = Label("ru", at.Step, at.Kind, at.Choice);
                var cased = string.Concat(label.Select((c, i) => shift[i % shift.Length] ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)));
                AssertUnderstood("ru", at, OnTheOtherLayout(cased, RussianKeys, EnglishKeys));
            }, iter: 500);
    }

    [Fact]
    public void EveryEnglishLabelTypedWithTheRussianLayoutOnIsThatChoice()
    {
        // Every one of them, not a sample: there are few, and each is a question a member may meet.
        foreach (var at in Choices.Value.Where(c => !Label("en", c.Step, c.Kind, c.Choice).Any(char.IsDigit)))
        {
            AssertUnderstood("en", at, OnTheOtherLayout(Label("en", at.Step, at.Kind, at.Choice), EnglishKeys, RussianKeys));
        }
    }
}
