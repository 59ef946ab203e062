using System.Collections.Immutable;
using System.Text;

namespace CommunityBot.Privacy;

/// <summary>Replaces findings in a text with placeholders, leaving every other character as it was.</summary>
internal static class Redaction
{
    /// <exception cref="ArgumentException">A finding lies outside the text or does not match it: it was found in another text.</exception>
    public static string Mask(string text, IEnumerable<SensitiveFinding> findings, Func<SensitiveKind, string> placeholder)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(placeholder);

        var spans = findings.ToList();
        foreach (var finding in spans)
        {
            // Masking a stale finding would cut the wrong characters and leave the contact detail in place.
            if (!Matches(text, finding))
            {
                throw new ArgumentException("A finding does not belong to this text.", nameof(findings));
            }
        }

        var merged = Merge(text, spans);
        var masked = new StringBuilder(text);
        for (var i = merged.Length - 1; i >= 0; i--)
        {
            var finding = merged[i];
            masked.Remove(finding.Start, finding.Length).Insert(finding.Start, placeholder(finding.Kind));
        }

        return masked.ToString();
    }

    /// <summary>Sorts findings by start and joins overlapping ones into one finding of the most telling kind.</summary>
    internal static ImmutableArray<SensitiveFinding> Merge(string text, IEnumerable<SensitiveFinding> findings)
    {
        var ordered = findings.OrderBy(f => f.Start).ThenByDescending(f => f.Length);
        var merged = ImmutableArray.CreateBuilder<SensitiveFinding>();
        SensitiveFinding? current = null;
        foreach (var next in ordered)
        {
            if (current is null)
            {
                current = next;
                continue;
            }

            var currentEnd = current.Start + current.Length;
            if (next.Start < currentEnd)
            {
                var end = Math.Max(currentEnd, next.Start + next.Length);
                current = new SensitiveFinding(
                    Stronger(current.Kind, next.Kind),
                    current.Start,
                    end - current.Start,
                    text.Substring(current.Start, end - current.Start));
            }
            else
            {
                merged.Add(current);
                current = next;
            }
        }

        if (current is not null)
        {
            merged.Add(current);
        }

        return merged.ToImmutable();
    }

    private static bool Matches(string text, SensitiveFinding finding) =>
        finding.Start >= 0
        && finding.Length > 0
        && finding.Start <= text.Length - finding.Length
        && string.CompareOrdinal(text, finding.Start, finding.Text, 0, finding.Length) == 0
        && finding.Text.Length == finding.Length;

    // An e-mail address contains a domain (a URL) and an @name (a mention); a wa.me/ link contains a phone
    // number. The outer, more specific reading is the one the member will recognise.
    private static SensitiveKind Stronger(SensitiveKind a, SensitiveKind b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(SensitiveKind kind) => kind switch
    {
        SensitiveKind.Code => 6,
        SensitiveKind.Email => 5,
        SensitiveKind.Url => 4,
        // A card or ID number is also a run of digits the phone readings take in part.
        SensitiveKind.Card => 3,
        SensitiveKind.IdNumber => 2,
        SensitiveKind.Phone => 1,
        _ => 0,
    };
}
