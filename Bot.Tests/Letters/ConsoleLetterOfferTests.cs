using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Letters;

/// <summary>The chat verb, after a report is submitted, offers the letter: the whole path in one terminal session.</summary>
public sealed class ConsoleLetterOfferTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Theory]
    [InlineData("1", "2")]
    [InlineData("yes", "Complaint to the prosecutor or the Human Rights Commissioner about police at an OST site")]
    public async Task AfterSubmittingTheMemberCanDraftALetterAndFindsTheDocxInTheDataFolder(string yes, string template)
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;

        var output = await host.TypeAsync("en", [
            .. Scripts.WholeReport(Scripts.EnglishStory),
            yes,                // yes, a letter
            template,           // the second single-report template: police at OST sites
            "Prosecutor of the City of Almaty",
            "Mr I. Ivanov",
            "Public Foundation OST Patients' Community",
            "123456789012",
            "1 Abai Street, Almaty 050000",
            "the Constitution of the Republic of Kazakhstan",
            "A. Sidorov, Chair of the Board",
        ]);

        var label = Scripts.Label().Match(output).Value;
        Assert.Contains(texts.Get("en", "letters.chat.offer"), output);
        Assert.Contains("Complaint about police officers at an opioid substitution therapy site (report " + label + ")", output);
        Assert.Contains(Scripts.EnglishStory, output);
        var file = Path.Combine(_data.Path, "letters", $"police-at-ost-sites-{label}-2026-11-29.docx");
        // Named from the data folder, never from the root, which would show the operator's home folder and user name.
        Assert.Contains(texts.Get("en", "letters.chat.written_data", ("path", Path.Combine("letters", Path.GetFileName(file)))), output);
        Assert.DoesNotContain(_data.Path, output);
        var (errors, text) = LetterBench.Open(await File.ReadAllBytesAsync(file));
        Assert.Empty(errors);
        Assert.Contains("Mr I. Ivanov", text);
    }

    [Fact]
    public async Task NoLetterIsOfferedForAReportWhoseMemberDidNotConsentToAppeals()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;

        var output = await host.TypeAsync("en", [.. Scripts.UpToStory(Scripts.EnglishStory), "1, 4", "2", "2", "2", "1", "1"]);

        Assert.Matches(Scripts.Label(), output);
        Assert.DoesNotContain(texts.Get("en", "letters.chat.offer"), output);
        Assert.False(Directory.Exists(Path.Combine(_data.Path, "letters")));
    }

    [Fact]
    public async Task DecliningTheOfferEndsPolitelyAndWritesNothing()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;

        var output = await host.TypeAsync("ru", [.. Scripts.WholeReport(Scripts.RussianStory), "2"]);

        Assert.Contains(texts.Get("ru", "letters.chat.skipped"), output);
        Assert.False(Directory.Exists(Path.Combine(_data.Path, "letters")));
    }

    [Fact]
    public async Task TextTypedAtTheOfferThatIsNoAnswerToItIsKeptNotLost()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;
        const string forgotten = "Забыл написать: медсестра кричала на меня при всех, и охранник это видел.";

        var output = await host.TypeAsync("ru", [.. Scripts.WholeReport(Scripts.RussianStory), forgotten]);

        // No letter, as before; but the text is read as if typed after the receipt: kept as the story of a new report.
        var skipped = output.IndexOf(texts.Get("ru", "letters.chat.skipped"), StringComparison.Ordinal);
        Assert.True(skipped > 0, output);
        Assert.Contains(texts.Get("ru", "chat.story_kept_terminal"), output[skipped..]);
        var resumed = await host.TypeAsync("ru", "1", "1", "1", "12.03.2026", "1", "1", "1", "1");
        Assert.Contains(forgotten, resumed);
    }

    // An empty line before it is no answer (Enter alone answers nothing at any question), and a yes in a sentence, or
    // typed on the other keyboard layout, is a yes.
    [Theory]
    [InlineData("Да, давайте")]
    [InlineData("\nда")]
    [InlineData("lf")]    // да, typed with the keyboard on the English layout
    public async Task AYesInASentenceAfterAnEmptyLineOrOnTheOtherLayoutStartsTheLetter(string yes)
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;

        var output = await host.TypeAsync("ru", [.. Scripts.WholeReport(Scripts.RussianStory), yes]);

        var label = Scripts.Label().Match(output).Value;
        Assert.DoesNotContain(texts.Get("ru", "letters.chat.skipped"), output);
        Assert.Contains(texts.Get("ru", "letters.tg.pick_for", ("label", label)), output);
    }

    [Fact]
    public async Task AnEmptyLineAtALetterQuestionAsksForTheAnswerAgainWithoutSpeakingOfALimit()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;

        var output = await host.TypeAsync("ru", [.. Scripts.WholeReport(Scripts.RussianStory), "да", "1", ""]);

        var picked = output.LastIndexOf(texts.Get("ru", "letters.tg.pick_for", ("label", Scripts.Label().Match(output).Value)), StringComparison.Ordinal);
        Assert.True(picked > 0, output);
        Assert.Contains(texts.Get("ru", "letters.chat.field_empty"), output[picked..]);
        Assert.DoesNotContain("1000", output[picked..]);
    }

    [Fact]
    public async Task TheTerminalRemembersTheAnswersAndTheNextLetterAsksNoFieldAgain()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;
        await host.TypeAsync("en", [
            .. Scripts.WholeReport(Scripts.EnglishStory), "yes", "1",
            "Head of the Almaty Public Health Department", "Dr I. Ivanov", "Public Foundation OST Patients' Community", "123456789012",
            "1 Abai Street, Almaty 050000", "Code on People's Health", "A. Sidorov, Chair of the Board",
        ]);

        var again = await host.TypeAsync("en", [.. Scripts.WholeReport(Scripts.EnglishStory), "yes", "1"]);

        var label = Scripts.Label().Match(again).Value;
        var recipientName = "Name of the addressee (e.g. Dr I. Ivanov)";
        Assert.Contains(texts.Get("en", "letters.chat.remembered"), again);
        Assert.Contains(recipientName + " [Dr I. Ivanov]", again);
        Assert.DoesNotContain(recipientName + Environment.NewLine, again);
        var file = Path.Combine(_data.Path, "letters", $"appeal-chief-narcologist-{label}-2026-11-29.docx");
        Assert.Contains("A. Sidorov, Chair of the Board", LetterBench.Open(await File.ReadAllBytesAsync(file)).Text);
    }

    [Fact]
    public async Task InputEndingInTheMiddleOfALetterSaysTheLetterWasNotWrittenAndTheReportStands()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;

        var output = (await host.TypeAsync("en", [.. Scripts.WholeReport(Scripts.EnglishStory), "yes", "1", "Head of the Almaty Public Health Department"]))
            .Replace("\r\n", "\n", StringComparison.Ordinal);

        Assert.EndsWith("> \n" + texts.Get("en", "letters.chat.unfinished") + "\n" + texts.Get("en", "chat.bye") + "\n", output);
        Assert.False(Directory.Exists(Path.Combine(_data.Path, "letters")));
    }

    [Fact]
    public async Task InputEndingAtTheOfferSaysGoodbyeBelowItsPrompt()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;

        var output = (await host.TypeAsync("en", Scripts.WholeReport(Scripts.EnglishStory))).Replace("\r\n", "\n", StringComparison.Ordinal);

        Assert.EndsWith("> \n" + texts.Get("en", "chat.bye") + "\n", output);
    }
}
