using System.Security.Cryptography;
using CommunityBot.Privacy;

namespace CommunityBot.Reports;

/// <summary>R- and four characters of the receipt alphabet: about a million labels, drawn at random.</summary>
internal static class ReportLabel
{
    public const string Prefix = "R-";
    public const int Length = 4;

    public static string Generate() => Prefix + RandomNumberGenerator.GetString(ReceiptCode.Alphabet, Length);

    /// <summary>A typed label ("r-7k3q", "Р-7К3Q", "7K3Q") in stored form, or null.</summary>
    public static string? Normalize(string typed)
    {
        var text = typed.Trim();
        if (text.Length > 0 && char.ToUpperInvariant(text[0]) is 'R' or 'Р')
        {
            text = text[1..];
        }

        var code = ReceiptCode.NormalizeTo(text, Length);
        return code is null ? null : Prefix + code;
    }
}
