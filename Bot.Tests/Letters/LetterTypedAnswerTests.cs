using System.Collections.Immutable;
using CommunityBot.Conversations;
using CommunityBot.Letters;
using CommunityBot.Moderation;
using CommunityBot.Tests.Moderation;
using static CommunityBot.Tests.Letters.ShippedLetters;

namespace CommunityBot.Tests.Letters;

/// <summary>The letter interview answered as people type on a phone or at a terminal: words instead of buttons, the
/// keyboard on the other layout, Russian in Latin letters, help asked for in the middle.</summary>
public sealed class LetterTypedAnswerTests
{
    private static readonly ImmutableDictionary<string, string> Remembered = ImmutableDictionary.CreateRange(StringComparer.Ordinal,
    [
        KeyValuePair.Create("recipient", "Руководителю Управления общественного здравоохранения г. Алматы"),
        KeyValuePair.Create("recipient_name", "Иванову И. И."),
        KeyValuePair.Create("sender", "Общественный фонд «Сообщество пациентов ОЗТ»"),
        KeyValuePair.Create("sender_bin", "123456789012"),
        KeyValuePair.Create("sender_address", "050000, г. Алматы, ул. Абая, 1"),
        KeyValuePair.Create("legal_basis", "Кодекс «О здоровье народа»"),
        KeyValuePair.Create("signatory", "Председатель правления А. Б. Сидоров"),
    ]);

    private static string T(string language, string key) => StatisticsStores.Flow.Texts.Get(language, key);

    private static LetterState InChat(string language) =>
        new(language) { Offered = [.. Catalog.For(language)], Confirm = true, ByReply = true };

    private static LetterTemplate Template(string language, string id) => Catalog.Find(id, language) ?? throw new InvalidOperationException(id);

    private static LetterTurn Type(LetterTurn turn, string text) => Interview.Handle(turn.State, new LetterInput.Typed(text), Today);

    private static LetterTurn Preview(string language) =>
        Interview.Start(InChat(language) with { Remembered = Remembered }, Today, Template(language, SingleCase), new OneReport("R-7K3Q"));

    [Theory]
    [InlineData("ru", "2")]
    [InlineData("ru", "Прислать .docx")]
    [InlineData("ru", "прислать")]
    [InlineData("ru", "Да.")]
    [InlineData("ru", "да 👍")]
    [InlineData("ru", "отправить")]
    [InlineData("ru", "lf")]
    [InlineData("ru", "jnghfdbnm")]
    [InlineData("ru", "otpravit")]
    [InlineData("en", "send")]
    [InlineData("en", "SEND .DOCX")]
    [InlineData("en", "yes")]
    [InlineData("en", "ok")]
    public void UnderTheLetterShownASendTypedAsPeopleTypeItSendsIt(string language, string typed)
    {
        var preview = Preview(language);
        // "2" is no send: the second button changes a field.
        var sent = Type(preview, typed);

        Assert.IsType<LetterNext.Preview>(preview.Next);
        if (typed == "2")
        {
            Assert.Equal(LetterStep.Change, sent.State.Step);
            return;
        }
        Assert.Equal(new OneReport("R-7K3Q"), Assert.IsType<LetterNext.Finish>(sent.Next).Request.Source);
    }

    [Theory]
    [InlineData("ru", "прошлый месяц")]
    [InlineData("ru", "Прошлый месяц.")]
    [InlineData("en", "last month")]
    public void AReadyMadePeriodIsChosenByItsFirstWords(string language, string typed)
    {
        var set = Interview.Handle(Interview.Start(InChat(language), Today).State, new LetterInput.Chose(ManyCases), Today);

        var chosen = Type(set, typed);

        Assert.Equal(new ReportSet(ReportFilter.All with { From = new DateOnly(2026, 10, 1), To = new DateOnly(2026, 10, 31) }), chosen.State.Source);
    }

    [Theory]
    [InlineData("jnvtyf")]
    [InlineData("otmena")]
    public void CancelTypedOnTheOtherLayoutOrInLatinLettersEndsTheLetterAtAChoice(string typed)
    {
        var cancelled = Type(Interview.Start(InChat("ru"), Today), typed);

        Assert.IsType<LetterNext.Cancelled>(cancelled.Next);
    }

    [Fact]
    public void BackTypedOnTheOtherLayoutAtAChoiceGoesToTheQuestionBefore()
    {
        var set = Interview.Handle(Interview.Start(InChat("ru"), Today).State, new LetterInput.Chose(ManyCases), Today);

        var back = Type(set, "yfpfl");

        Assert.Equal(LetterStep.Template, back.State.Step);
    }

    [Fact]
    public void AWordThatNamesSeveralTemplatesIsAnsweredWithThoseToChooseFrom()
    {
        var start = Interview.Start(InChat("ru"), Today);

        var which = Type(start, "обращение");

        Assert.Equal(LetterStep.Template, which.State.Step);
        Assert.StartsWith("«обращение»", which.Prompts[0].Text, StringComparison.Ordinal);
        var named = start.Prompts.Single().Choices.Select((choice, i) => $"{i + 1}. {choice.Label}").Where(line => line.Contains(". Обращение", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, named.Count);
        Assert.All(named, line => Assert.Contains(line, which.Prompts[0].Text, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/help")]
    [InlineData("помощь")]
    [InlineData("?")]
    [InlineData("Help.")]
    [InlineData("стоп")]
    [InlineData("exit")]
    public void HelpOrStopTypedAtAFieldIsAnsweredWithHowToAnswerAndTheQuestionStaysWithNothingStored(string typed)
    {
        var field = Interview.Start(InChat("ru"), Today, Template("ru", SingleCase), new OneReport("R-7K3Q"));

        var help = Type(field, typed);
        var answered = Type(help, "Руководителю Управления");

        Assert.Equal([T("ru", "letters.help"), field.Prompts.Single().Text], help.Prompts.Select(p => p.Text));
        Assert.Equal((LetterStep.Field, "recipient"), (help.State.Step, help.State.Field));
        Assert.Empty(help.State.Fields);
        Assert.Equal("Руководителю Управления", answered.State.Fields["recipient"]);
        Assert.Equal("recipient_name", answered.State.Field);
    }

    [Fact]
    public void TheSecondQuestionSaysThatBackGoesToTheFirst()
    {
        var first = Interview.Start(new LetterState("ru") { Offered = [.. Catalog.For("ru")] }, Today, Template("ru", SingleCase), new OneReport("R-7K3Q"));

        var second = Type(first, "Руководителю Управления");

        Assert.False(first.Prompts.Single().CanGoBack);
        Assert.Equal("recipient_name", second.State.Field);
        Assert.True(second.Prompts.Single().CanGoBack);
    }
}
