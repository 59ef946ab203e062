using CommunityBot.Tests.Support;
using static CommunityBot.Tests.Letters.ShippedLetters;

namespace CommunityBot.Tests.Letters;

/// <summary>Letters from the terminal, as an operator or a newcomer would draft them: the real program, piped input.</summary>
public sealed class LetterProgramTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task TheLetterVerbWritesADocxFromAScriptedRun()
    {
        var submitted = await BotProcess.RunAsync(["chat", "--data", _data.Path, "--lang", "ru"],
            string.Join("\n", Scripts.WholeReport(Scripts.RussianStory)) + "\n");
        var label = Scripts.Label().Match(submitted.Output).Value;
        var docx = _data.File("letter.docx");
        // A file already there, readable by everyone, must not keep its mode once a story is written into it.
        await File.WriteAllTextAsync(docx, "old");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(docx, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        var result = await BotProcess.RunAsync(
            ["letter", "--template", "appeal-chief-narcologist", "--report", label, "--lang", "ru", "--data", _data.Path, "--out", docx],
            string.Join("\n", RussianFields) + "\n");

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Contains("Фамилия и инициалы адресата", result.Output);
        Assert.Contains("Об отказе в опиоидной заместительной терапии", result.Output);
        Assert.Contains(label, result.Output);
        Assert.Contains(Scripts.RussianStory, result.Output);
        // The file is named from the data folder: a path from the root would show the operator's home folder and name.
        Assert.Contains("Written: letter.docx in the data folder", result.Output);
        Assert.DoesNotContain(_data.Path, result.Output);
        var (errors, text) = LetterBench.Open(await File.ReadAllBytesAsync(docx));
        Assert.Empty(errors);
        Assert.Contains("Иванову И. И.", text);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(docx));
        }

        // The answers are remembered for this terminal: a second letter needs only empty lines to keep them. One report
        // is too few for a letter about many: it would describe that one case.
        var again = await BotProcess.RunAsync(
            ["letter", "--template", "summary-appeal-health-department", "--from", "2026-03-01", "--lang", "ru", "--data", _data.Path, "--out", _data.File("collective.docx"),
             "--field", "signatory=Координатор В. Г. Петрова"],
            "\n\n\n\n\n\n");
        Assert.True(again.ExitCode != 0, again.Error + again.Output);
        Assert.Contains("[Иванову И. И.]", again.Output);
        Assert.Contains("fewer than 3 reports fit", again.Error);
        Assert.False(File.Exists(_data.File("collective.docx")));
    }

    [Fact]
    public async Task ALetterAboutOneReportWhoseMemberDidNotConsentToAppealsIsRefusedBeforeAnyFieldIsAsked()
    {
        string[] noAppeals = ["1, 4", "2", "2", "2", "1"]; // consequences, reported elsewhere: no, appeals: no, follow-up: no, submit
        var submitted = await BotProcess.RunAsync(["chat", "--data", _data.Path, "--lang", "ru"],
            string.Join("\n", [.. Scripts.UpToStory(Scripts.RussianStory), .. noAppeals]) + "\n");
        var label = Scripts.Label().Match(submitted.Output).Value;
        var docx = _data.File("letter.docx");

        var result = await BotProcess.RunAsync(
            ["letter", "--template", "appeal-chief-narcologist", "--report", label, "--lang", "ru", "--data", _data.Path, "--out", docx],
            string.Join("\n", RussianFields) + "\n");

        Assert.NotEmpty(label);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"No letter can be about {label} alone: its member did not agree to the use of the report in appeals", result.Error);
        Assert.DoesNotContain("Фамилия и инициалы адресата", result.Output);
        Assert.DoesNotContain(Scripts.RussianStory, result.Output);
        Assert.False(File.Exists(docx));
    }

    [Fact]
    public async Task AnUnknownReportOrTemplateFailsWithAMessage()
    {
        var unknownReport = await BotProcess.RunAsync(
            ["letter", "--template", "police-at-ost-sites", "--report", "R-2345", "--lang", "en", "--data", _data.Path, "--out", _data.File("x.docx"),
             "--field", "recipient=a", "--field", "recipient_name=b", "--field", "sender=c", "--field", "legal_basis=d", "--field", "signatory=e", "--field", "contacts=f"]);
        var unknownTemplate = await BotProcess.RunAsync(
            ["letter", "--template", "no-such", "--report", "R-2345", "--data", _data.Path, "--out", _data.File("x.docx")]);

        Assert.Equal(1, unknownReport.ExitCode);
        Assert.Contains("no report R-2345", unknownReport.Error);
        Assert.Equal(1, unknownTemplate.ExitCode);
        Assert.Contains("appeal-chief-narcologist", unknownTemplate.Error);
        Assert.False(File.Exists(_data.File("x.docx")));
    }

    [Fact]
    public async Task ABrokenTemplateStopsStartUpNamingTheFileAndLine()
    {
        var folder = _data.File("templates");
        Directory.CreateDirectory(Path.Combine(folder, "en"));
        var shipped = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Letters", "Templates", "en", "police-at-ost-sites.liquid"));
        await File.WriteAllTextAsync(Path.Combine(folder, "en", "police-at-ost-sites.liquid"),
            shipped.Replace("registered the report as {{ report.label }}.", "registered the report as {{ report.lable }}.", StringComparison.Ordinal));

        var result = await BotProcess.RunAsync(["chat", "--data", _data.Path], "",
            new Dictionary<string, string> { ["Letters__TemplatesFolder"] = folder });

        Assert.Equal(78, result.ExitCode);
        Assert.Contains("police-at-ost-sites.liquid:38", result.Error);
        Assert.Contains("report.lable", result.Error);
    }

    [Fact]
    public async Task TheLetterVerbAsksNothingTheTerminalChatWasToldForTheLastLetter()
    {
        var chat = await BotProcess.RunAsync(["chat", "--data", _data.Path, "--lang", "ru"],
            string.Join("\n", [.. Scripts.WholeReport(Scripts.RussianStory), "да", "1", .. RussianFields]) + "\n");
        var label = Scripts.Label().Match(chat.Output).Value;

        var verb = await BotProcess.RunAsync(
            ["letter", "--template", "police-at-ost-sites", "--report", label, "--lang", "ru", "--data", _data.Path, "--out", _data.File("again.docx")], "");

        Assert.True(verb.ExitCode == 0, verb.Error + verb.Output);
        Assert.Contains("[Иванову И. И.]", verb.Output);
        Assert.Contains("Председатель правления А. Б. Сидоров", LetterBench.Open(await File.ReadAllBytesAsync(_data.File("again.docx"))).Text);
    }
}
