using System.Text;
using CsCheck;

namespace CommunityBot.Tests.Benchmarks.Fuzz;

/// <summary>Generators of the texts members and moderators type, and of damage done to the files operators edit.</summary>
internal static class FuzzInputs
{
    // Any UTF-16 unit at all, lone surrogates, control and format characters included.
    public static readonly Gen<string> AnyUnicode = Gen.Char[char.MinValue, char.MaxValue].Array[0, 60]
        .Select(chars => new string(chars));

    // What phones really send: emoji with joiners and skin tones, right-to-left marks, combining accents,
    // full-width digits, non-breaking and zero-width spaces, Kazakh and Russian letters.
    private static readonly string[] OddPieces =
    [
        "👩‍⚕️", "👍🏽", "🏳️‍🌈", "\u200F", "\u202E", "\u200B", "\u00A0", "\uFEFF", "é", "е\u0301", "１２", "٣", "〇",
        "қ", "ү", "ә", "ё", "Й", "\uD800", "\uDC00", "\0", "\r\n", "\t", "<b>", "&amp;", "</i>", "${x}", "{{ x }}", "%s",
    ];

    public static readonly Gen<string> OddUnicode = Gen.OneOf(OddPieces.Select(Gen.Const).ToArray()).Array[0, 20]
        .Select(pieces => string.Concat(pieces));

    public static readonly Gen<string> DigitsAndDots = Gen.String[Gen.Char["0123456789./- :"], 0, 24];

    public static readonly Gen<string> Words = Gen.String[Gen.Char["0123456789 .,-назадднейвчерапозавчерасегодняweeksagoyesterdaylastкүнбұрыапташ"], 0, 40];

    // Up to 10,000 characters: longer than a Telegram message may be, so every length a member can send comes up.
    public static readonly Gen<string> Huge = Gen.Int[1_000, 10_000].SelectMany(length =>
        Gen.OneOf(Gen.Const('а'), Gen.Const('1'), Gen.Const(' '), Gen.Const('.'), Gen.Char).Select(c => new string(c, length)));

    public static readonly Gen<string> HugeMixed = Gen.Int[100, 2_000].SelectMany(times =>
        Gen.OneOf(Gen.Const("12.05.2024 "), Gen.Const("1, 2, 3, "), Gen.Const("вчера "), Gen.Const("👍🏽"), Gen.Const("-"))
            .Select(piece => string.Concat(Enumerable.Repeat(piece, times))));

    public static readonly Gen<string> AnyText = Gen.Frequency(
        (4, AnyUnicode), (3, OddUnicode), (3, DigitsAndDots), (3, Words), (2, Gen.String), (1, Huge), (1, HugeMixed));

    /// <summary>Breaks a file the way an editor's slip, a bad merge or a truncated copy does.</summary>
    public static Gen<string> Mutated(string original) =>
        Gen.Int[1, 4].SelectMany(times => Mutation(original.Length + 200).Array[times])
            .Select(mutations => mutations.Aggregate(original, (text, mutation) => mutation(text)));

    private static readonly string[] YamlPieces =
    [
        ":", ": ", "- ", "  ", "\t", "\n", "{", "}", "[", "]", "&a ", "*a", "*b", "!!binary ", "!!int ", "!tag ", "? ", "|", ">", "'", "\"",
        "#", "---\n", "...\n", "%YAML 1.2\n", "~", "null", "true", "99999999999999999999", "-1", "0", "1e400", "<<: *a\n",
        "{{", "}}", "{%", "%}", "{% if %}", "{% for x in %}", "{% endfor %}", "{{ fields. }}", "{{ x | nosuch }}", "[to]\n", "[body]\n",
        "\uFEFF", "\0", "\uD800", "é",
    ];

    private static Gen<Func<string, string>> Mutation(int maxLength) => Gen.Int[0, maxLength].SelectMany(at =>
        Gen.Int[0, 400].SelectMany(length => Gen.OneOf(
            Gen.Const<Func<string, string>>(text => text.Remove(Math.Min(at, text.Length), Math.Min(length, text.Length - Math.Min(at, text.Length)))),
            Gen.Const<Func<string, string>>(text => text[..Math.Min(at, text.Length)]),
            Gen.Const<Func<string, string>>(text => Duplicate(text, at, length)),
            Gen.OneOf(YamlPieces.Select(Gen.Const).ToArray()).Select<string, Func<string, string>>(piece => text => text.Insert(Math.Min(at, text.Length), piece)),
            AnyUnicode.Select<string, Func<string, string>>(junk => text => text.Insert(Math.Min(at, text.Length), junk)),
            Gen.Const<Func<string, string>>(text => SwapLines(text, at, length)))));

    private static string Duplicate(string text, int at, int length)
    {
        var start = Math.Min(at, text.Length);
        var piece = text.Substring(start, Math.Min(length, text.Length - start));
        return text.Insert(start, piece);
    }

    private static string SwapLines(string text, int first, int second)
    {
        var lines = text.Split('\n');
        var (a, b) = (first % lines.Length, second % lines.Length);
        (lines[a], lines[b]) = (lines[b], lines[a]);
        return new StringBuilder().AppendJoin('\n', lines).ToString();
    }
}
