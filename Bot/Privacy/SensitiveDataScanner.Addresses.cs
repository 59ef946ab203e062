using System.Text.RegularExpressions;

namespace CommunityBot.Privacy;

/// <summary>E-mail addresses and @names as members write them, which the recognizer's models do not know.</summary>
internal sealed partial class SensitiveDataScanner
{
    // The library takes Latin addresses only; a member may write their name in Cyrillic before the '@' (иван@mail.ru),
    // and some mail services give Cyrillic addresses (иван@почта.рф).
    private static IEnumerable<SensitiveFinding> NonLatinEmails(string window) =>
        NonLatinEmail().Matches(window)
            .Where(m => !m.Value.All(char.IsAscii))
            .Select(m => Finding(SensitiveKind.Email, window, m.Index, m.Length));

    // The library finds no @name with a dot in it, as Instagram and TikTok names have (@ivan.petrov).
    private IEnumerable<SensitiveFinding> FindMentions(string text) =>
        FromModel(mentions, text, SensitiveKind.Mention)
            .Concat(DottedMention().Matches(text).Select(m => Finding(SensitiveKind.Mention, text, m.Index, m.Length)))
            .ToList();

    // A name with a dot inside, as Instagram and TikTok allow; one without is the library's. A Latin letter, digit or
    // sign of an address before the '@' makes it an e-mail address instead.
    [GeneratedRegex(@"(?<![A-Za-z0-9_.%+\-@])@[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)+", RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex DottedMention();

    [GeneratedRegex(
        @"(?<![\p{L}\p{N}._%+\-])[\p{L}\p{N}._%+\-]{1,64}@(?:[\p{L}\p{N}](?:[\p{L}\p{N}\-]{0,61}[\p{L}\p{N}])?\.)+(?:[a-z]{2,24}|" + CyrillicTopLevel + @")(?![\p{L}\p{N}])",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, RegexTimeoutMs)]
    private static partial Regex NonLatinEmail();
}
