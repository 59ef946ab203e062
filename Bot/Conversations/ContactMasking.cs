using CommunityBot.Privacy;

namespace CommunityBot.Conversations;

/// <summary>
/// Hides phone numbers, e-mail addresses, links and @names in what a member writes after the report (an addition, an
/// answer to a moderator's question) before moderators see it. In the interview the member chooses whether to mask
/// them; later texts go to moderators at once, so they are masked without asking and the member is told.
/// </summary>
internal sealed class ContactMasking(SensitiveDataScanner scanner, TextCatalog texts)
{
    /// <returns>The text with each finding replaced by its placeholder in <paramref name="language"/>, and whether
    /// anything was hidden.</returns>
    public (string Text, bool Masked) Mask(string language, string text)
    {
        var findings = scanner.Scan(text);
        return findings.IsEmpty
            ? (text, false)
            : (Redaction.Mask(text, findings, kind => texts.Get(language, "mask.placeholder." + SensitiveKinds.Key(kind))), true);
    }
}
