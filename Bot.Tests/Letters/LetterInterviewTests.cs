using System.Collections.Immutable;
using CommunityBot.Conversations;
using CommunityBot.Letters;
using CommunityBot.Moderation;
using CommunityBot.Tests.Moderation;
using static CommunityBot.Tests.Letters.ShippedLetters;

namespace CommunityBot.Tests.Letters;

/// <summary>The letter interview driven directly, as every channel drives it: state + input → state + prompts.</summary>
public sealed class LetterInterviewTests
{
    private static readonly ImmutableDictionary<string, string> Remembered = ImmutableDictionary.CreateRange(StringComparer.Ordinal,
    [
        KeyValuePair.Create("recipient", "Head of the Almaty Public Health Department"),
        KeyValuePair.Create("recipient_name", "Dr I. Ivanov"),
        KeyValuePair.Create("sender", "Public Foundation OST Patients' Community"),
        KeyValuePair.Create("sender_bin", "123456789012"),
        KeyValuePair.Create("sender_address", "1 Abai Street, Almaty 050000"),
        KeyValuePair.Create("signatory", "A. Sidorov, Chair of the Board"),
        KeyValuePair.Create("not_a_field", "kept out"),
    ]);

    private static string T(string key) => StatisticsStores.Flow.Texts.Get("en", key);

    private static LetterState InChat() => new("en") { Offered = [.. Catalog.For("en")], Confirm = true, ByReply = true };

    private static LetterState AtTerminal() => new("en") { Offered = [.. Catalog.For("en")] };

    private static LetterTemplate Template(string id) => Catalog.Find(id, "en") ?? throw new InvalidOperationException(id);

    private static LetterTurn Type(LetterTurn turn, string text) => Interview.Handle(turn.State, new LetterInput.Typed(text), Today);

    private static LetterTurn Press(LetterTurn turn, string id) => Interview.Handle(turn.State, new LetterInput.Chose(id), Today);

    [Theory]
    [InlineData("1")]
    [InlineData("Appeal to the public health department or the medical control department about OST refused during in-patient or TB care")]
    [InlineData(SingleCase)]
    public void ATemplateIsChosenByItsNumberByItsLabelOrByAPress(string choice)
    {
        var start = Interview.Start(InChat(), Today);

        var chosen = choice == SingleCase ? Press(start, choice) : Type(start, choice);

        Assert.Equal(T("letters.tg.pick"), start.Prompts.Single().Text);
        Assert.Equal(Catalog.For("en").Select(t => t.Id), start.Prompts.Single().Choices.Select(c => c.Id));
        Assert.Equal(SingleCase, chosen.State.Template?.Id);
        Assert.Equal(LetterStep.Report, chosen.State.Step);
        Assert.Equal(T("letters.tg.report"), chosen.Prompts.Single().Text);
    }

    [Fact]
    public void AChoiceTypedThatNamesNoTemplateIsExplainedAndAskedAgain()
    {
        var start = Interview.Start(InChat(), Today);

        var again = Type(start, "the one about the police, please");

        Assert.Equal(LetterStep.Template, again.State.Step);
        Assert.Equal([T("error.choice.unknown"), T("letters.tg.pick")], again.Prompts.Select(p => p.Text));
    }

    [Fact]
    public void ATemplateIsChosenByItsNumberInWords()
    {
        var chosen = Type(Interview.Start(InChat(), Today), "first");

        Assert.Equal(Catalog.For("en")[0].Id, chosen.State.Template?.Id);
    }

    [Fact]
    public void ANumberTheListHasNotIsAskedAgainWithTheNumbersItHas()
    {
        var start = Interview.Start(InChat(), Today);
        var count = start.Prompts.Single().Choices.Length;

        var again = Type(start, "0");

        Assert.Equal(LetterStep.Template, again.State.Step);
        Assert.Equal(StatisticsStores.Flow.Texts.Get("en", "error.choice.no_such_number", ("max", count.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            again.Prompts[0].Text);
    }

    [Fact]
    public void AReportNamedIsCheckedByTheChannelAndOneWithoutConsentIsRefusedBeforeAnyField()
    {
        var report = Type(Interview.Start(InChat(), Today), "1");

        var check = Type(report, " r-7k3q ");
        var refused = Interview.Handle(check.State, new LetterInput.ReportChecked("R-7K3Q", new LetterOutcome.NoConsent("R-7K3Q")), Today);
        var unknown = Interview.Handle(check.State, new LetterInput.ReportChecked("R-ZZZZ", new LetterOutcome.ReportNotFound("R-ZZZZ")), Today);
        var accepted = Interview.Handle(check.State, new LetterInput.ReportChecked("r-7k3q", null), Today);

        Assert.Equal(new LetterNext.CheckReport("r-7k3q"), check.Next);
        Assert.Equal(StatisticsStores.Flow.Texts.Get("en", "letters.tg.no_consent", ("label", "R-7K3Q")), refused.Prompts.Single().Text);
        Assert.Equal(LetterStep.Report, refused.State.Step);
        Assert.Equal(StatisticsStores.Flow.Texts.Get("en", "letters.tg.report_unknown", ("label", "R-ZZZZ")), unknown.Prompts.Single().Text);
        Assert.Equal(new OneReport("R-7K3Q"), accepted.State.Source);
        Assert.Equal(LetterStep.Field, accepted.State.Step);
        Assert.Equal(Template(SingleCase).RequiredFields.First().Name, accepted.State.Field);
    }

    [Fact]
    public void RememberedAnswersFillTheFieldsAndOnlyTheRestIsAsked()
    {
        var state = InChat() with { Remembered = Remembered };

        var turn = Interview.Start(state, Today, Template(SingleCase), new OneReport("R-7K3Q"));

        Assert.Equal("legal_basis", turn.State.Field);
        Assert.Contains(Template(SingleCase).Fields.Single(f => f.Name == "legal_basis").Prompt, turn.Prompts.Single().Text);
        Assert.Equal("Dr I. Ivanov", turn.State.Fields["recipient_name"]);
        Assert.False(turn.State.Fields.ContainsKey("not_a_field"));
        var preview = Type(turn, "Code on People's Health");
        Assert.Equal(LetterStep.Preview, preview.State.Step);
        Assert.Equal(1, preview.State.Typed);
    }

    [Fact]
    public void AnAnswerGivenBeforehandWinsOverTheRememberedOne()
    {
        var given = new Dictionary<string, string>(StringComparer.Ordinal) { ["signatory"] = "V. Petrova, Coordinator" };

        var turn = Interview.Start(AtTerminal() with { Remembered = Remembered }, Today, Template(SingleCase), new OneReport("R-7K3Q"), given);

        Assert.Equal("V. Petrova, Coordinator", turn.State.Fields["signatory"]);
    }

    [Fact]
    public void AnEmptyAnswerIsAskedForAgainWithoutSpeakingOfALimit()
    {
        var field = Interview.Start(InChat(), Today, Template(SingleCase), new OneReport("R-7K3Q"));

        var again = Type(field, "   ");

        Assert.Equal(field.State, again.State);
        Assert.StartsWith(T("letters.tg.field_empty").Split('\n')[0], again.Prompts.Single().Text, StringComparison.Ordinal);
        Assert.DoesNotContain("1000", again.Prompts.Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ATooLongAnswerIsAskedAgainWithItsLengthAndTheLimit()
    {
        var field = Interview.Start(InChat(), Today, Template(SingleCase), new OneReport("R-7K3Q"));

        var again = Type(field, new string('a', LetterInterview.MaxAnswer + 1));

        Assert.Equal(field.State, again.State);
        Assert.StartsWith("That answer was not kept: it has 1001 characters, and an answer can have up to 1000.", again.Prompts.Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public void InAChatTheLetterIsShownThenAFieldIsChangedThenItIsSent()
    {
        var preview = Interview.Start(InChat() with { Remembered = Remembered }, Today, Template(SingleCase), new OneReport("R-7K3Q"),
            new Dictionary<string, string>(StringComparer.Ordinal) { ["legal_basis"] = "Code on People's Health" });

        var fields = Press(preview, LetterInterview.Change);
        var back = Press(fields, LetterInterview.Back);
        var asked = Type(fields, "Who signs");
        var changed = Type(asked, "D. Zhukov, Coordinator");
        var sent = Type(changed, "1");

        Assert.IsType<LetterNext.Preview>(preview.Next);
        Assert.Equal([LetterInterview.Send, LetterInterview.Change], preview.Prompts.Single().Choices.Select(c => c.Id));
        Assert.Equal([.. Template(SingleCase).Fields.Select(f => f.Name), LetterInterview.Back], fields.Prompts.Single().Choices.Select(c => c.Id));
        Assert.Equal(LetterStep.Preview, back.State.Step);
        Assert.Equal(LetterStep.NewValue, asked.State.Step);
        Assert.Contains("A. Sidorov, Chair of the Board", asked.Prompts.Single().Text);
        Assert.IsType<LetterNext.Preview>(changed.Next);
        var request = Assert.IsType<LetterNext.Finish>(sent.Next).Request;
        Assert.Equal("D. Zhukov, Coordinator", request.Fields["signatory"]);
        Assert.Equal(new OneReport("R-7K3Q"), request.Source);
    }

    [Fact]
    public void AtATerminalTheLetterIsWrittenOnceEveryFieldIsKnownAndTheRememberedAnswersAreListed()
    {
        var turn = Interview.Start(AtTerminal() with { Remembered = Remembered }, Today, Template(ManyCases), new ReportSet(ReportFilter.All),
            new Dictionary<string, string>(StringComparer.Ordinal) { ["legal_basis"] = "Code on People's Health" });

        var request = Assert.IsType<LetterNext.Finish>(turn.Next).Request;
        var listed = turn.Prompts.Single();
        Assert.Equal(PromptKind.Notice, listed.Kind);
        Assert.StartsWith(T("letters.chat.remembered"), listed.Text, StringComparison.Ordinal);
        Assert.Contains(Template(ManyCases).Fields.Single(f => f.Name == "recipient_name").Prompt + " [Dr I. Ivanov]", listed.Text);
        Assert.DoesNotContain("Code on People's Health", listed.Text);
        Assert.Equal(ManyCases, request.TemplateId);
    }

    [Theory]
    [InlineData("", "This answer is empty. Please type the answer.")]
    [InlineData(null, "That answer was not kept: it has 10000 characters, and an answer can have up to 1000. Please type it again, shorter.")]
    public void AtATerminalAFieldQuestionIsTheFieldsOwnPromptAndABlankOrTooLongLineIsAskedAgainWithItsOwnReason(string? typed, string reason)
    {
        var field = Interview.Start(AtTerminal(), Today, Template(SingleCase), new OneReport("R-7K3Q"));

        var again = Type(field, typed ?? new string('я', 10_000));

        Assert.Equal(Template(SingleCase).RequiredFields.First().Prompt, field.Prompts.Single().Text);
        Assert.Equal([reason, field.Prompts.Single().Text], again.Prompts.Select(p => p.Text));
        Assert.Equal(field.State, again.State);
    }

    [Theory]
    [InlineData("/cancel")]
    [InlineData("Cancel")]
    [InlineData("отмена")]
    [InlineData("/cancel@CommunityBot")]
    public void CancelTypedAtAnyQuestionEndsTheLetterAndIsNeverAnAnswer(string typed)
    {
        var template = Interview.Start(InChat(), Today);
        var report = Type(template, "1");
        var field = Interview.Start(AtTerminal(), Today, Template(SingleCase), new OneReport("R-7K3Q"));

        Assert.All([Type(template, typed), Type(report, typed), Type(field, typed)], turn => Assert.IsType<LetterNext.Cancelled>(turn.Next));
    }

    [Theory]
    [InlineData("/back")]
    [InlineData("назад")]
    [InlineData("Back.")]
    public void BackTypedGoesToTheQuestionBeforeKeepingEveryAnswerTypedSince(string back)
    {
        var report = Type(Interview.Start(InChat(), Today), "1");
        var first = Interview.Handle(Type(report, "R-7K3Q").State, new LetterInput.ReportChecked("R-7K3Q", null), Today);
        var second = Type(first, "Head of the Almaty Public Health Department");

        var toFirst = Type(second, back);
        var toReport = Type(toFirst, back);
        var toTemplate = Type(toReport, back);
        var atStart = Type(toTemplate, back);
        var relabelled = Interview.Handle(Type(toReport, "R-8M4P").State, new LetterInput.ReportChecked("R-8M4P", null), Today);

        Assert.True(second.Prompts.Single().CanGoBack);
        Assert.Equal((LetterStep.Field, "recipient"), (toFirst.State.Step, toFirst.State.Field));
        Assert.Contains(Template(SingleCase).Fields.Single(f => f.Name == "recipient").Prompt, toFirst.Prompts.Single().Text);
        Assert.Equal(LetterStep.Report, toReport.State.Step);
        Assert.Equal(LetterStep.Template, toTemplate.State.Step);
        Assert.Equal(LetterStep.Template, atStart.State.Step);
        Assert.Equal(T("letters.tg.pick"), atStart.Prompts.Single().Text);
        Assert.False(atStart.Prompts.Single().CanGoBack);
        Assert.Equal("Head of the Almaty Public Health Department", toTemplate.State.Fields["recipient"]);
        // The answer typed before going back is not asked again: the next question is the one after it.
        Assert.Equal(new OneReport("R-8M4P"), relabelled.State.Source);
        Assert.Equal("recipient_name", relabelled.State.Field);
        Assert.DoesNotContain(back, string.Join("|", relabelled.State.Fields.Values), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void BackTypedUnderTheLetterShownGoesToTheLastFieldTypedEvenAfterAFieldWasChanged()
    {
        var last = Interview.Start(InChat() with { Remembered = Remembered }, Today, Template(SingleCase), new OneReport("R-7K3Q"));
        var preview = Type(last, "Code on People's Health");
        var changed = Type(Type(Press(preview, LetterInterview.Change), "Who signs"), "D. Zhukov, Coordinator");

        var back = Type(changed, "назад");
        var again = Type(back, "Code on People's Health, Article 1");

        Assert.Equal(LetterStep.Preview, changed.State.Step);
        Assert.Equal((LetterStep.Field, "legal_basis"), (back.State.Step, back.State.Field));
        Assert.Equal("D. Zhukov, Coordinator", back.State.Fields["signatory"]);
        var request = Assert.IsType<LetterNext.Preview>(again.Next).Request;
        Assert.Equal(("Code on People's Health, Article 1", "D. Zhukov, Coordinator"), (request.Fields["legal_basis"], request.Fields["signatory"]));
    }

    [Fact]
    public void ACollectiveLetterCountsAReadyMadePeriodOrTheReportsFilterWordsChoose()
    {
        var set = Press(Interview.Start(InChat(), Today), ManyCases);

        var lastMonth = Type(set, "1");
        var words = Press(set, LetterInterview.Words);
        var wrong = Type(words, "2026-Q3 nowhere");
        var filtered = Type(words, "2026-Q3 almaty");

        Assert.Equal(LetterStep.Set, set.State.Step);
        Assert.Equal(5, set.Prompts.Single().Choices.Length);
        Assert.Equal(new ReportSet(ReportFilter.All with { From = new DateOnly(2026, 10, 1), To = new DateOnly(2026, 10, 31) }), lastMonth.State.Source);
        Assert.StartsWith(T("letters.tg.filter"), words.Prompts.Single().Text, StringComparison.Ordinal);
        Assert.StartsWith(StatisticsStores.Flow.Texts.Get("en", "mod.filter.unknown", ("position", "2")), wrong.Prompts.Single().Text, StringComparison.Ordinal);
        Assert.DoesNotContain("nowhere", wrong.Prompts.Single().Text, StringComparison.Ordinal);
        Assert.Equal(LetterStep.Filter, wrong.State.Step);
        var filter = Assert.IsType<ReportSet>(filtered.State.Source).Filter;
        Assert.Equal((new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30), "almaty"), (filter.From, filter.To, filter.Community));
    }

    [Fact]
    public void APressThatDoesNotFitTheStepChangesNothingAndCancelEndsTheLetter()
    {
        var start = Interview.Start(InChat(), Today);

        var stale = Press(start, LetterInterview.Send);
        var cancelled = Interview.Handle(start.State, new LetterInput.Cancel(), Today);

        Assert.IsType<LetterNext.Stale>(stale.Next);
        Assert.Equal(start.State, stale.State);
        Assert.Empty(stale.Prompts);
        Assert.IsType<LetterNext.Cancelled>(cancelled.Next);
    }
}
