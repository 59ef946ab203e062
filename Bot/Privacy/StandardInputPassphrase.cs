using System.Security.Cryptography;
using System.Text;

namespace CommunityBot.Privacy;

/// <summary>Reads a passphrase from standard input: at a terminal without echo, from a pipe as one line read byte by
/// byte, so that whatever follows it on the pipe (a conversation typed into <c>chat</c>) is left for the verb.</summary>
internal sealed class StandardInputPassphrase(Func<Stream> open, bool isTerminal, TextWriter prompts)
{
    private const int MaxLength = 1024;

    private Stream? _input;

    public static StandardInputPassphrase OfConsole() => new(Console.OpenStandardInput, !Console.IsInputRedirected, Console.Error);

    /// <summary>One line, without its line break; null when the input has ended.</summary>
    public byte[]? ReadLine(string prompt)
    {
        if (isTerminal)
        {
            prompts.Write(prompt);
            prompts.Flush();
            return ReadHidden();
        }

        return ReadPipedLine();
    }

    private byte[]? ReadPipedLine()
    {
        _input ??= open();
        var buffer = new byte[MaxLength];
        var length = 0;
        var one = new byte[1];
        try
        {
            while (true)
            {
                if (_input.Read(one, 0, 1) == 0)
                {
                    return length == 0 ? null : Passphrases.Trim(buffer[..length]);
                }

                if (one[0] == (byte)'\n')
                {
                    return Passphrases.Trim(buffer[..length]);
                }

                if (length == buffer.Length)
                {
                    throw new InvalidOperationException($"The passphrase on standard input is longer than {MaxLength} bytes.");
                }

                buffer[length++] = one[0];
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
            one[0] = 0;
        }
    }

    private byte[] ReadHidden()
    {
        var typed = new char[MaxLength];
        var length = 0;
        try
        {
            while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
            {
                if (key.Key == ConsoleKey.Backspace)
                {
                    length = Math.Max(0, length - 1);
                }
                else if (key.KeyChar != '\0' && length < typed.Length)
                {
                    typed[length++] = key.KeyChar;
                }
            }

            prompts.WriteLine();
            return Encoding.UTF8.GetBytes(typed, 0, length);
        }
        finally
        {
            Array.Clear(typed);
        }
    }
}
