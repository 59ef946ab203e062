using System.Diagnostics;
using System.Text;

namespace CommunityBot.Tests.Support;

/// <summary>Runs the built <c>Bot</c> program as a member or operator would, with standard input piped in.</summary>
internal static class BotProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>Starts the program as a long-running service; its output is collected into <paramref name="output"/>
    /// (so a full pipe never blocks it). The caller stops it: <see cref="Process.Kill()"/> is a <c>kill -9</c>.</summary>
    /// <param name="fileSizeLimitKb">When set, no file the program writes may grow past this many KiB (<c>ulimit -f</c>,
    /// no privileges needed): a disk that fills up, for the program's purposes.</param>
    public static Process StartService(string[] arguments, IReadOnlyDictionary<string, string> environment, StringBuilder output, long? fileSizeLimitKb = null)
    {
        var start = new ProcessStartInfo(fileSizeLimitKb is null ? "dotnet" : "bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        if (fileSizeLimitKb is { } limit)
        {
            // The signal a write past the limit raises is ignored, so the write fails with EFBIG as on a full disk;
            // the runtime's double-mapped code pages would meet the limit too, so they are off.
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add($"trap '' XFSZ; ulimit -f {limit}; exec dotnet \"$@\"");
            start.ArgumentList.Add("bash");
            start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        }
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Bot.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Privacy__", StringComparison.Ordinal) || k.StartsWith("Telegram__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        void Collect(object sender, DataReceivedEventArgs line)
        {
            lock (output)
            {
                output.AppendLine(line.Data);
            }
        }
        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Starts <c>chat</c> (or another verb) as a member runs it: standard input stays open for the test to
    /// write lines into while it reads what is printed; the caller ends it.</summary>
    /// <param name="atATerminal">The program's input and output are a terminal of their own (a pseudo-terminal that
    /// <c>script</c> opens), as when a person runs it: what the test writes is typed there, a Ctrl-C included.</param>
    public static Process StartChat(string[] arguments, bool atATerminal = false)
    {
        var program = Path.Combine(AppContext.BaseDirectory, "Bot.dll");
        var start = new ProcessStartInfo(atATerminal ? "script" : "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            WorkingDirectory = AppContext.BaseDirectory,
        };
        if (atATerminal)
        {
            // -e: script ends with the program's exit code; the output goes nowhere but to the test. The shell script
            // starts ($SHELL, or sh) replaces itself with the program, as a person's shell hands the terminal to it: a
            // shell left waiting (dash does not exec a -c command on its own) would die of the Ctrl-C meant for the program.
            start.ArgumentList.Add("-q");
            start.ArgumentList.Add("-e");
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("exec " + string.Join(" ", new[] { "dotnet", program }.Concat(arguments).Select(Quoted)));
            start.ArgumentList.Add("/dev/null");
        }
        else
        {
            start.ArgumentList.Add(program);
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
        }
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Privacy__", StringComparison.Ordinal) || k.StartsWith("Telegram__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");

        static string Quoted(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <param name="fileSizeLimitKb">As for <see cref="StartService"/>: a disk that fills up at this many KiB per file.</param>
    public static async Task<Result> RunAsync(string[] arguments, string input = "", IReadOnlyDictionary<string, string>? environment = null, long? fileSizeLimitKb = null)
    {
        var start = new ProcessStartInfo(fileSizeLimitKb is null ? "dotnet" : "bash")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            WorkingDirectory = AppContext.BaseDirectory,
        };
        if (fileSizeLimitKb is { } limit)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add($"trap '' XFSZ; ulimit -f {limit}; exec dotnet \"$@\"");
            start.ArgumentList.Add("bash");
            start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        }
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Bot.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // Keys or tokens from the machine running the tests must not leak into the program under test.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Privacy__", StringComparison.Ordinal) || k.StartsWith("Telegram__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }
}
