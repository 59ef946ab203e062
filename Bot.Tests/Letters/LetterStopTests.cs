using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CommunityBot.Channels.Console;
using CommunityBot.Letters;
using CommunityBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static CommunityBot.Tests.Letters.ShippedLetters;

namespace CommunityBot.Tests.Letters;

/// <summary>The letter verb stopped while the activist is at a question (Ctrl-C, SIGTERM), or given its last answer
/// without a newline: it ends as the chat does, saying what became of the letter.</summary>
public sealed class LetterStopTests : IDisposable
{
    /// <summary>Only guards against a test that would otherwise wait for ever; nothing is measured.</summary>
    private static readonly TimeSpan Hang = TimeSpan.FromMinutes(1);

    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task AStopWhileTheActivistThinksEndsTheLetterAtOnce()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var label = Scripts.Label().Match(await host.TypeAsync("ru", [.. Scripts.WholeReport(Scripts.RussianStory), "нет"])).Value;
        var template = host.Services.GetRequiredService<LetterWriter>().Find("appeal-chief-narcologist", "ru")
            ?? throw new InvalidOperationException("no template");
        using var keyboard = new WaitingKeyboard(RussianFields[0]);
        var screen = new StringWriter(new StringBuilder());

        var letter = host.Services.GetRequiredService<TerminalLetters>().RunAsync(keyboard, screen, "ru", [template], new OneReport(label), template,
            ImmutableDictionary<string, string>.Empty, CancellationToken.None);
        await keyboard.Waiting.WaitAsync(Hang);
        // What Ctrl-C and SIGTERM do to the program: its host is asked to stop.
        host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        Assert.IsType<TerminalLetter.Unfinished>(await letter.WaitAsync(Hang));
        Assert.Contains(template.RequiredFields.ElementAt(1).Prompt, screen.ToString());
    }

    [Theory]
    [InlineData("INT", false)]
    [InlineData("TERM", false)]
    [InlineData(null, true)]
    public async Task ASignalOrCtrlCAtAFieldEndsTheLetterVerbSayingNothingWasWritten(string? signal, bool atATerminal)
    {
        var texts = ShippedFlow.Load().Texts;
        var label = await ReportAsync();
        using var process = BotProcess.StartChat(
            ["letter", "--template", "appeal-chief-narcologist", "--report", label, "--lang", "ru", "--data", _data.Path, "--out", _data.File("letter.docx")],
            atATerminal);
        string output;
        try
        {
            await process.StandardInput.WriteAsync(RussianFields[0] + "\n");
            await process.StandardInput.FlushAsync();
            var seen = new StringBuilder();
            using (var patience = new CancellationTokenSource(Hang))
            {
                // The second field's question: "Фамилия и инициалы адресата…".
                while (!seen.ToString().Contains("Фамилия и инициалы адресата", StringComparison.Ordinal))
                {
                    seen.AppendLine(await process.StandardOutput.ReadLineAsync(patience.Token)
                        ?? throw new InvalidOperationException("The letter ended before its second question: " + seen));
                }
            }
            await StopAsync(process, signal);
            using (var patience = new CancellationTokenSource(Hang))
            {
                seen.Append(await process.StandardOutput.ReadToEndAsync(patience.Token));
                await process.WaitForExitAsync(patience.Token);
            }
            output = seen.ToString();
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.Equal(0, process.ExitCode);
        Assert.Contains(texts.Get("ru", "letters.verb.unfinished"), output);
        Assert.DoesNotContain("   at ", output + await process.StandardError.ReadToEndAsync());
        Assert.False(File.Exists(_data.File("letter.docx")));
    }

    [Fact]
    public async Task ThePipedLastAnswerWithoutANewlineIsReadAndTheLetterWritten()
    {
        var label = await ReportAsync();

        var result = await BotProcess.RunAsync(
            ["letter", "--template", "appeal-chief-narcologist", "--report", label, "--lang", "ru", "--data", _data.Path, "--out", _data.File("letter.docx")],
            string.Join("\n", RussianFields));

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Contains(RussianFields[^1], LetterBench.Open(await File.ReadAllBytesAsync(_data.File("letter.docx"))).Text);
    }

    [Fact]
    public async Task InputThatEndsBeforeTheLetterSaysSoInTheLettersLanguageAndFails()
    {
        var texts = ShippedFlow.Load().Texts;
        var label = await ReportAsync();

        var result = await BotProcess.RunAsync(
            ["letter", "--template", "appeal-chief-narcologist", "--report", label, "--lang", "ru", "--data", _data.Path, "--out", _data.File("letter.docx")],
            RussianFields[0] + "\n");

        Assert.Equal(1, result.ExitCode);
        Assert.EndsWith("> " + Environment.NewLine + texts.Get("ru", "letters.verb.unfinished") + Environment.NewLine, result.Output);
    }

    private async Task<string> ReportAsync()
    {
        var submitted = await BotProcess.RunAsync(["chat", "--data", _data.Path, "--lang", "ru"], string.Join("\n", [.. Scripts.WholeReport(Scripts.RussianStory), "нет"]) + "\n");
        return Scripts.Label().Match(submitted.Output).Value;
    }

    /// <param name="signal">Sent with <c>kill</c>; without one, Ctrl-C is typed (at a terminal, the terminal sends SIGINT).</param>
    private static async Task StopAsync(Process process, string? signal)
    {
        if (signal is null)
        {
            await process.StandardInput.WriteAsync('\u0003');
            await process.StandardInput.FlushAsync();
            return;
        }
        using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }
}
