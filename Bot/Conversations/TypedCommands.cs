using System.Collections.Frozen;
using CommunityBot.Privacy;

namespace CommunityBot.Conversations;

/// <summary>
/// Commands typed as words, without a slash: <c>статус КОД</c>, <c>мой статус КОД</c>, <c>delete my report</c>,
/// <c>cancel</c>. Messenger, which has no command menu, reads every command word (<see cref="Keyword"/>); every channel
/// reads a receipt command followed by a receipt code (<see cref="WithCode"/>), which can never be an answer, and the
/// intake reads a receipt command asked in a few words before anything was answered (<see cref="Asked"/>).
/// </summary>
internal static class TypedCommands
{
    /// <summary>The commands that take a receipt code.</summary>
    private static readonly FrozenSet<string> Receipt =
        FrozenSet.ToFrozenSet([CommandNames.Status, CommandNames.Add, CommandNames.Delete], StringComparer.Ordinal);

    /// <summary>"мой статус", "проверить статус", "check my status", "удалить отчёт": a receipt command asked in at most this
    /// many words. More is a sentence, which answers a question or tells a story.</summary>
    private const int MaxAskingWords = 3;

    // What people type around a command word: "статус?", "«удалить»", "статус,".
    private static readonly char[] AroundAWord = ['"', '\'', '«', '»', '“', '”', '(', ')', '.', ',', ':', ';', '!', '?', '*'];

    /// <summary>A command's word typed as the whole message (<c>cancel</c>, <c>статус</c>), or a receipt command's word
    /// followed by a receipt code or what can only be one typed wrong (<c>status XC89-D5LJ-HL6Y</c>), or
    /// <c>language en</c>: as Messenger reads what its members type, so that a story beginning "Help, they..." stays a story.</summary>
    public static MemberCommand? Keyword(string text)
    {
        var trimmed = text.Trim();
        var space = trimmed.IndexOfAny([' ', '\n', '\t']);
        var argument = space < 0 ? "" : trimmed[(space + 1)..].Trim();
        return CommandWords.Named(space < 0 ? trimmed : trimmed[..space]) is { } name
            && (argument.Length == 0 || (name == CommandNames.Language && argument.Length <= 3))
            ? new MemberCommand(name, argument)
            : WithCode(text);
    }

    /// <summary>A receipt command said in its word or in a few words (<c>статус</c>, <c>мой статус</c>, <c>delete my
    /// report</c>, <c>мәртебе</c>), followed by a receipt code and, after <c>add</c>, the text to add. A code is never the
    /// answer to a question, so this is the command wherever it is typed.</summary>
    public static MemberCommand? WithCode(string text)
    {
        var trimmed = text.Trim();
        var words = trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var rest = trimmed;
        for (var take = 1; take <= Math.Min(MaxAskingWords, words.Length - 1); take++)
        {
            rest = rest[(rest.IndexOf(words[take - 1], StringComparison.Ordinal) + words[take - 1].Length)..];
            // After more words than the command's own, a code with words after it must be written as a code (a digit,
            // capitals or its dashes: in "please add what were they sent to me" no code is meant). Or it is all there is
            // and can only be a code typed wrong: told that no report has it, the member checks it.
            if (Named(words.Take(take)) is { } name && (ReceiptCode.Split(rest) is { Code: not null, Text: var after }
                    && (take == 1 || after.Length == 0 || ReceiptCode.Appears(rest)) || IsMistypedCode(rest)))
            {
                return new MemberCommand(name, rest.Trim());
            }
        }
        return null;
    }

    /// <summary>The receipt command asked in a few words without its code ("мой статус", "проверить статус", "удалить
    /// отчёт", "check my status"), or null. One command's word among them, and no other receipt command's.</summary>
    public static string? Asked(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words.Length is > 0 and <= MaxAskingWords ? Named(words) : null;
    }

    private static string? Named(IEnumerable<string> words) =>
        words.Select(word => CommandWords.Named(word.Trim(AroundAWord))).Where(name => name is not null && Receipt.Contains(name)).Distinct().ToList()
            is [{ } name] ? name : null;

    /// <summary>A code with a character too many or too few, or one misread ("status XC89-D5LJ-HL6Y"): groups of at least
    /// three letters and digits, one of them a digit, about a code's length in all. Told that no report has that code,
    /// the member checks it; taken for an answer, it would have been stored or met with the welcome.</summary>
    private static bool IsMistypedCode(string argument)
    {
        var groups = argument.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var characters = argument.Count(char.IsLetterOrDigit);
        return groups.Length <= MaxCodeGroups
            && groups.All(g => g.Count(char.IsLetterOrDigit) >= MinGroup && g.All(c => char.IsLetterOrDigit(c) || c == '-'))
            && argument.Any(char.IsAsciiDigit)
            && characters is >= ReceiptCode.Length / 2 and <= ReceiptCode.Length + MinGroup;
    }

    private const int MaxCodeGroups = 4;
    private const int MinGroup = 3;
}
