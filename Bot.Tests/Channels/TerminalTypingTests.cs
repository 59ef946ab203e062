using System.Text.RegularExpressions;
using CommunityBot.Channels.Console;
using CommunityBot.Conversations;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Channels;

/// <summary>What a member sees at the terminal, where there are no buttons and everything is typed.</summary>
public sealed partial class TerminalTypingTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private static string Lf(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    [Fact]
    public async Task EnterAloneShowsThePromptAgainAndThreeInARowSayHowToAnswer()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;
        var consent = texts.Get("en", "consent.prompt_terminal");

        var output = Lf(await host.TypeAsync("en", "", "", "", "1"));

        var afterConsent = output[(output.IndexOf(consent, StringComparison.Ordinal) + consent.Length)..];
        var category = afterConsent.IndexOf(texts.Get("en", "category.prompt"), StringComparison.Ordinal);
        Assert.True(category > 0, output);
        // The consent question's own prompt, one more for each Enter, the hint after the third.
        Assert.EndsWith("> > > " + texts.Get("en", "chat.empty_lines") + "\n> \n", afterConsent[..category]);
        // Enter answered nothing: the "1" typed next still answers the consent question.
        Assert.Contains(texts.Get("en", "category.prompt"), output);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("Помощь")]
    [InlineData("?")]
    [InlineData("??")]
    public async Task HelpOrAQuestionMarkTypedAloneShowsTheHelpAndTheSameQuestion(string typed)
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;

        var output = await host.TypeAsync("ru", "1", typed, "1");

        var help = output.IndexOf(texts.Get("ru", "help.text_terminal"), StringComparison.Ordinal);
        Assert.True(help > 0, output);
        Assert.DoesNotContain(texts.Get("ru", "error.choice.unknown"), output);
        // The question is asked again below the help, and the "1" typed next still answers it.
        Assert.Contains(texts.Get("ru", "category.prompt"), output[help..]);
        Assert.Contains(texts.Get("ru", "affected.prompt"), output[help..]);
    }

    [Theory]
    [InlineData("ru")]
    [InlineData("en")]
    [InlineData("kk")]
    public async Task ALineAddedToALongStoryIsNotSaidToHaveComeInParts(string language)
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;
        var story = string.Concat(Enumerable.Repeat("В больнице мне не дали метадон три дня подряд, никто не объяснил почему. ", 50));

        var output = Lf(await host.TypeAsync(language, "1", "1", "1", "1", "1", "1", "1", "1", story, "Потом пришла полиция"));

        // A terminal line is never cut in parts: the member is told the line was added, not that a message was long.
        Assert.Contains(texts.Get(language, "text.appended" + TerminalWording.Suffix), output);
        Assert.DoesNotContain(texts.Get(language, "text.appended"), output);
    }

    /// <summary>Words that send a member looking for a button the terminal does not have.</summary>
    [GeneratedRegex(@"\btap\b|\bpress|button|нажм|кнопк|басыңыз|батырма|түйме", RegexOptions.IgnoreCase)]
    private static partial Regex ButtonWords();

    [Theory]
    [InlineData("en")]
    [InlineData("ru")]
    [InlineData("kk")]
    public async Task AWholeReportAtTheTerminalNeverAsksToPressAButton(string language)
    {
        await using var host = await ChatHost.StartAsync(_data.Path);

        var output = await host.TypeAsync(language, [.. Scripts.UpToStory(Scripts.RussianStory), "11", .. Scripts.Rest]);

        Assert.Matches(Scripts.ReceiptCode(), output);
        // Among them the question of the town, the list of what it led to, "Done" typed with nothing chosen, and the review.
        Assert.Contains(ShippedFlow.Load().Texts.Get(language, "error.multi.empty" + TerminalWording.Suffix), output);
        Assert.DoesNotMatch(ButtonWords(), output);
        // Nor speaks of a Telegram account the terminal does not have.
        Assert.DoesNotContain("Telegram", output, StringComparison.Ordinal);
    }

    // Nothing reaches a terminal after the report: the question must not promise a chat the bot keeps and writes to.
    [Theory]
    [InlineData("en")]
    [InlineData("ru")]
    [InlineData("kk")]
    public async Task TheFollowUpQuestionAtTheTerminalSaysQuestionsAreReadWithStatusAndKeepsNoChat(string language)
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;

        var output = await host.TypeAsync(language, Scripts.WholeReport(Scripts.RussianStory));

        Assert.Matches(Scripts.ReceiptCode(), output);
        Assert.Contains(texts.Get(language, "followup_consent.prompt" + TerminalWording.Suffix), output);
        Assert.DoesNotContain(texts.Get(language, "followup_consent.prompt"), output);
    }

    [Fact]
    public void EveryTextThatSpeaksOfButtonsHasATerminalWordingInEveryLanguageWithoutThem()
    {
        var texts = ShippedFlow.Load().Texts;

        foreach (var language in texts.Languages)
        {
            foreach (var key in TerminalWording.Keys)
            {
                Assert.True(texts.Has(language, key + TerminalWording.Suffix), $"{language}: {key}{TerminalWording.Suffix}");
                Assert.DoesNotMatch(ButtonWords(), texts.Get(language, key + TerminalWording.Suffix));
            }
        }
    }

    [Fact]
    public void ATextWithAPlaceholderIsShownInItsTerminalWordingWithWhatFilledIt()
    {
        var texts = ShippedFlow.Load().Texts;
        const string story = "They said “come back tomorrow”.\nThen they closed.";
        var shown = texts.Get("ru", "narrative.prompt") + "\n\n" + texts.Get("ru", "text.current", ("text", story));

        var typed = TerminalWording.Of(texts, "ru", shown);

        Assert.Equal(texts.Get("ru", "narrative.prompt") + "\n\n" + texts.Get("ru", "text.current" + TerminalWording.Suffix, ("text", story)), typed);
    }

    [Fact]
    public async Task AnswersTypedWithTheOtherKeyboardsLettersAndNumbersWrittenAnyWayReachTheReceipt()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);

        var output = await host.TypeAsync("ru",
            "дa",                       // consent: yes, with a Latin a
            "#1",                       // category: hospital
            "\uFF11",                   // affected: me, a full-width 1
            "12.03.2026",
            "нaзад",                    // back to the date, with a Latin a: never a town called so
            "12.03.2026",
            " 1 ",                      // region: the first listed
            "1)",                       // city: the first listed
            "Бoльница",                 // facility kind: hospital, with a Latin o
            "Городская больница №4",    // the place's name, typed
            Scripts.RussianStory,
            "№1, 4)",                   // consequences: missed doses, health worse
            "нeт",                      // reported elsewhere: no, with a Latin e
            "ДA",                       // appeals: yes, with a Latin A
            "HЕТ",                      // follow-up: no, with a Latin H
            "1.");                      // review: send

        var code = Scripts.ReceiptCode().Match(output);
        Assert.True(code.Success, output);
        var report = await host.Reports.FindByReceiptAsync(code.Value);
        Assert.NotNull(report);
        Assert.Equal(new ChoiceAnswer("hospital"), report.Answers["category"]);
        Assert.Equal(new ChoiceAnswer("me"), report.Answers["affected"]);
        Assert.IsType<PlaceAnswer>(report.Answers["region"]);
        Assert.NotNull(((PlaceAnswer)report.Answers["region"]).PlaceId);
        Assert.Equal(new ChoiceAnswer("hospital"), report.Answers["facility_kind"]);
        Assert.Equal(new ChoicesAnswer(["missed_doses", "health_worse"]), report.Answers["consequences"]);
        Assert.Equal(new YesNoAnswer(false), report.Answers["reported"]);
        Assert.Equal(new YesNoAnswer(true), report.Answers["appeals_consent"]);
        Assert.Equal(new YesNoAnswer(false), report.Answers["followup_consent"]);
    }
}
