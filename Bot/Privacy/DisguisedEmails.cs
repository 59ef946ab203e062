using System.Text.RegularExpressions;

namespace CommunityBot.Privacy;

/// <summary>
/// E-mail addresses written so that machines miss them: "ivan[at]mail.ru", "ivan (at) mail.ru", "ivan собака mail ru".
/// People read them as easily as the plain form, so they are as telling.
/// </summary>
internal static partial class DisguisedEmails
{
    private const int RegexTimeoutMs = 250;

    public static IEnumerable<SensitiveFinding> Find(string text) =>
        Disguised().Matches(text)
            .Select(m => new SensitiveFinding(SensitiveKind.Email, m.Index, m.Length, m.Value))
            .ToList();

    private const string Name = @"(?<![\p{L}\p{N}._%+\-])[a-z0-9][a-z0-9._%+\-]{0,63}";
    private const string Dot = @"[ \u00A0]*(?:\.|[\[(][ \u00A0]*(?:dot|точка)[ \u00A0]*[\])])[ \u00A0]*|[ \u00A0]+(?:dot|точка)[ \u00A0]+";
    private const string Label = @"[a-z0-9\-]{1,63}";
    private const string TopLevel = @"(?:ru|com|net|org|kz|kg|uz|ua|by|ge|tj|tm|am|az|md|info|io|me|su|рф|ру|ком)(?![\p{L}\p{N}])";

    // The name, then "at" in brackets or "собака" (the Russian name of '@'), then a domain whose last part is a common
    // top-level domain, its dots written as dots, "dot", "точка" or left out. A bare "at" counts only with the dots
    // written, which prose ("we were at the clinic by noon") does not have.
    [GeneratedRegex(
        Name + @"(?:(?:[ \u00A0]*[\[({<][ \u00A0]*(?:at|собака|собачка|@)[ \u00A0]*[\])}>][ \u00A0]*|[ \u00A0]+(?:собака|собачка)[ \u00A0]+)"
            + "(?:" + Label + "(?:" + Dot + @"|[ \u00A0]+)){1,3}"
            + "|[ \u00A0]+at[ \u00A0]+(?:" + Label + "(?:" + Dot + ")){1,3})" + TopLevel,
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, RegexTimeoutMs)]
    private static partial Regex Disguised();
}
