using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using CommunityBot.Privacy;

namespace CommunityBot.Verbs;

/// <summary>A command line that does not parse is answered as System.CommandLine answers it (the error, the usage),
/// except that a value typed there is not repeated when it could be a phone number, an e-mail address, a date or a
/// receipt code: the terminal's scrollback and whatever logs the command's output would keep it.</summary>
internal static class ParseErrors
{
    /// <summary>What stands in the error for a value not repeated.</summary>
    public const string Hidden = "…";

    public static async Task<int> ReportAsync(ParseResult parse)
    {
        using var errors = new StringWriter(CultureInfo.InvariantCulture);
        var exitCode = await parse.InvokeAsync(new InvocationConfiguration { Error = errors });
        await Console.Error.WriteAsync(Masked(errors.ToString(), parse.Tokens));
        return exitCode;
    }

    /// <summary>The errors with each such value, quoted as System.CommandLine quotes what was typed, hidden. Option and
    /// command names, and plain words (a misspelt verb, "xls"), stay, as they say what to correct.</summary>
    public static string Masked(string errors, IEnumerable<Token> tokens) =>
        tokens.Where(token => token.Type == TokenType.Argument && MayBePersonal(token.Value))
            .Aggregate(errors, (text, token) => text.Replace($"'{token.Value}'", $"'{Hidden}'", StringComparison.Ordinal));

    private static bool MayBePersonal(string value) =>
        value.Any(char.IsDigit) || value.Contains('@', StringComparison.Ordinal) || ReceiptCode.Appears(value);
}
