using System.Diagnostics;
using System.Text;
using CommunityBot.Channels.Console;
using CommunityBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CommunityBot.Tests.Channels;

/// <summary>Ctrl-C or a stop of the program while the member is at a question: the chat ends at once, as at the end of
/// input, and the next start goes on from that question.</summary>
public sealed class TerminalStopTests : IDisposable
{
    /// <summary>Only guards against a test that would otherwise wait for ever; nothing is measured.</summary>
    private static readonly TimeSpan Hang = TimeSpan.FromMinutes(1);

    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task AStopWhileTheMemberThinksEndsTheChatSayingTheAnswersAreKept()
    {
        var texts = ShippedFlow.Load().Texts;
        string output;
        await using (var host = await ChatHost.StartAsync(_data.Path))
        {
            using var keyboard = new WaitingKeyboard("/report", "1", "3");
            var screen = new StringWriter(new StringBuilder());
            var chat = host.Services.GetRequiredService<ConsoleChat>().RunAsync(keyboard, screen, "en", CancellationToken.None);
            await keyboard.Waiting.WaitAsync(Hang);

            // What Ctrl-C and SIGTERM do to the program: its host is asked to stop.
            host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
            await chat.WaitAsync(Hang);
            output = screen.ToString();
        }

        var stopped = output[output.LastIndexOf(texts.Get("en", "affected.prompt"), StringComparison.Ordinal)..];
        Assert.Contains(texts.Get("en", "chat.draft_kept"), stopped);
        Assert.EndsWith(texts.Get("en", "chat.bye") + Environment.NewLine, stopped);

        await using var restarted = await ChatHost.StartAsync(_data.Path);
        var again = await restarted.TypeAsync("en");
        Assert.Contains(texts.Get("en", "draft.resumed"), again);
        Assert.Contains(texts.Get("en", "affected.prompt"), again);
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task ASignalAtAQuestionEndsTheProgramAndTheNextStartGoesOnThere(string signal)
    {
        var texts = ShippedFlow.Load().Texts;
        using var process = BotProcess.StartChat(["chat", "--data", _data.Path, "--lang", "en"]);
        try
        {
            await StopAtTheSecondQuestionAsync(process, signal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        var next = await BotProcess.RunAsync(["chat", "--data", _data.Path, "--lang", "en"]);
        Assert.Contains(texts.Get("en", "draft.resumed"), next.Output);
        Assert.Contains(texts.Get("en", "affected.prompt"), next.Output);
    }

    [Fact]
    public async Task CtrlCTypedAtATerminalEndsTheProgramAfterItsGoodbye()
    {
        var texts = ShippedFlow.Load().Texts;
        using var process = BotProcess.StartChat(["chat", "--data", _data.Path, "--lang", "en"], atATerminal: true);
        try
        {
            await StopAtTheSecondQuestionAsync(process, signal: null);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        var next = await BotProcess.RunAsync(["chat", "--data", _data.Path, "--lang", "en"]);
        Assert.Contains(texts.Get("en", "draft.resumed"), next.Output);
        Assert.Contains(texts.Get("en", "affected.prompt"), next.Output);
    }

    /// <param name="signal">Sent with <c>kill</c>; without one, Ctrl-C is typed (at a terminal, the terminal sends SIGINT).</param>
    private static async Task StopAtTheSecondQuestionAsync(Process process, string? signal)
    {
        var texts = ShippedFlow.Load().Texts;
        await process.StandardInput.WriteAsync("/report\n1\n3\n");
        await process.StandardInput.FlushAsync();
        var seen = new StringBuilder();
        using (var patience = new CancellationTokenSource(Hang))
        {
            while (!seen.ToString().Contains(texts.Get("en", "affected.prompt"), StringComparison.Ordinal))
            {
                seen.AppendLine(await process.StandardOutput.ReadLineAsync(patience.Token)
                    ?? throw new InvalidOperationException("The chat ended before its question: " + seen));
            }
        }

        if (signal is null)
        {
            await process.StandardInput.WriteAsync('\u0003');
            await process.StandardInput.FlushAsync();
        }
        else
        {
            using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }
        using (var patience = new CancellationTokenSource(Hang))
        {
            seen.Append(await process.StandardOutput.ReadToEndAsync(patience.Token));
            await process.WaitForExitAsync(patience.Token);
        }

        var output = seen.ToString();
        Assert.Contains(texts.Get("en", "chat.draft_kept"), output);
        Assert.Contains(texts.Get("en", "chat.bye"), output);
        Assert.DoesNotContain("   at ", output + await process.StandardError.ReadToEndAsync());
    }
}
