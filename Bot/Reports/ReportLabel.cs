using System.Security.Cryptography;
using System.Globalization;
using CommunityBot.Conversations;
using CommunityBot.Privacy;

namespace CommunityBot.Reports;

/// <summary>R- and four characters of the receipt alphabet: about a million labels, drawn at random.</summary>
internal static class ReportLabel
{
    public const string Prefix = "R-";
    public const int Length = 4;

    public static string Generate() => Prefix + RandomNumberGenerator.GetString(ReceiptCode.Alphabet, Length);

    /// <summary>What people type around a label: a full stop at the end of a sentence, quotes, brackets, a number sign.</summary>
    private static readonly char[] Around = ['.', ',', ';', ':', '!', '?', '«', '»', '"', '“', '”', '\'', '(', ')', '[', ']', '№', '#'];

    /// <summary>A typed label ("r-7k3q", "Р-7К3Q", "7K3Q", "R-7K3Q.", "«R-7K3Q»", "№ R-7K3Q", "К-7Л3Й") in stored form, or
    /// null.</summary>
    public static string? Normalize(string typed)
    {
        var text = typed.Trim().Trim(Around).Trim();
        return Read(text) ?? (OnEnglishKeys(text) is { } meant ? Read(meant) : null);
    }

    /// <summary>A label typed with the Russian layout on, as a moderator who writes in Russian types it: "R-7K3Q" comes
    /// out as "К-7Л3Й". Only with its prefix and dash ("К-"), which no look-alike reading starts with (the look-alike of R
    /// is "Р"), so that a Russian word ("книга") is never read as the label its keys would give.</summary>
    private static string? OnEnglishKeys(string text) =>
        text.Length > 2 && char.ToUpperInvariant(text[0]) == 'К' && CharUnicodeInfo.GetUnicodeCategory(text[1]) == UnicodeCategory.DashPunctuation
            ? KeyboardLayouts.OnEnglishLayout(text)
            : null;

    private static string? Read(string text)
    {
        // "R7K3" may be a label whose own code starts with R, typed without its prefix: try the whole text first.
        var code = ReceiptCode.NormalizeTo(text, Length);
        if (code is null && text.Length > 0 && char.ToUpperInvariant(text[0]) is 'R' or 'Р')
        {
            code = ReceiptCode.NormalizeTo(text[1..], Length);
        }
        return code is null ? null : Prefix + code;
    }
}
