using System.Text.RegularExpressions;

namespace CommunityBot.Channels.Console;

/// <summary>A line read at the terminal, as the member meant it.</summary>
/// <param name="Unreadable">Some of its bytes were not UTF-8 (text pasted from an old app): they were read as
/// U+FFFD, so what the member wrote there is gone, and the line must not be taken as an answer.</param>
internal sealed record TerminalLine(string Text, bool Unreadable);

/// <summary>
/// Reads lines at a terminal or from a pipe. What the keyboard or a paste adds that is no text — a byte order mark,
/// colour and cursor sequences (arrow keys, text copied from another terminal), NUL and other control characters — is
/// left out, so it is neither stored nor printed back at the review (where it would clear or recolour the screen);
/// a tab is a space.
/// </summary>
internal static partial class TerminalInput
{
    private const char Replacement = '\uFFFD';

    /// <returns>Null at the end of input, and when <paramref name="stop"/> is cancelled (Ctrl-C, a stop of the program):
    /// the member is then told what is kept, as at the end of input.</returns>
    public static async Task<TerminalLine?> ReadAsync(TextReader input, CancellationToken stop)
    {
        string? line;
        try
        {
            // The console's reader blocks its thread and never looks at a token: it waits on a thread of its own, so that
            // a stop ends the wait while the member is still thinking.
            line = await Task.Run(input.ReadLine, CancellationToken.None).WaitAsync(stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return null;
        }
        return line is null ? null : new TerminalLine(Clean(line), line.Contains(Replacement, StringComparison.Ordinal));
    }

    public static string Clean(string line)
    {
        var text = EscapeSequence().Replace(line.TrimStart('\uFEFF'), "");
        if (!text.Any(char.IsControl))
        {
            return text;
        }
        return new string([.. text.Where(c => c == '\t' || !char.IsControl(c)).Select(c => c == '\t' ? ' ' : c)]);
    }

    /// <summary>ECMA-48 sequences: CSI (<c>ESC [</c> or U+009B, parameters, final byte), OSC and the other strings up
    /// to BEL or <c>ESC \</c>, and the two-character escapes.</summary>
    [GeneratedRegex(@"(?:\x1B\[|\u009B)[0-?]*[ -/]*[@-~]|\x1B[\]PX^_][^\x07\x1B]*(?:\x07|\x1B\\)|\x1B[ -/]*[0-~]")]
    private static partial Regex EscapeSequence();
}
