using System.Runtime.CompilerServices;
using System.Text;
using CommunityBot.Letters;
using CommunityBot.Moderation;

namespace CommunityBot.Tests.Letters;

/// <summary>Each shipped template in each language, rendered for fixed reports on a pinned day, is exactly the checked-in
/// text in <c>Approved/</c>. A deliberate change: run with APPROVE=1 to rewrite the file, then read the diff in review.</summary>
public sealed class LetterApprovalTests : IDisposable
{
    private readonly LetterBench _bench = new();

    public void Dispose() => _bench.Dispose();

    public static TheoryData<string, string> Shipped() => LetterBench.Shipped();

    [Theory]
    [MemberData(nameof(Shipped))]
    public void EveryShippedLetterReadsAsApproved(string id, string language)
    {
        var letter = Draft(id, language);

        Approve($"{id}.{language}.txt", letter.PlainText);
    }

    [Theory]
    [MemberData(nameof(Shipped))]
    public void EveryShippedLetterIsAValidWordDocumentWithItsSubject(string id, string language)
    {
        var letter = Draft(id, language);

        var (errors, text) = LetterBench.Open(letter.Docx);
        Assert.Empty(errors);
        Assert.Contains(letter.Text.Subject, text);
        Assert.Contains(LetterBench.Fields(language)["signatory"], text);
        Assert.StartsWith(id + "-", letter.FileName);
        Assert.EndsWith(".docx", letter.FileName);
        // .ci/letters-in-libreoffice sets this to open every shipped letter in LibreOffice as well.
        if (Environment.GetEnvironmentVariable("LETTERS_DOCX_OUT") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, $"{language}-{letter.FileName}"), letter.Docx);
        }
    }

    [Fact]
    public void ASingleLetterIsNamedByTemplateLabelAndDay()
    {
        var letter = Draft("appeal-chief-narcologist", "ru");

        Assert.Equal("appeal-chief-narcologist-R-7K3Q-2026-11-29.docx", letter.FileName);
    }

    [Fact]
    public void ACollectiveLetterIsNamedByTemplateAndPeriod()
    {
        var letter = Draft("summary-appeal-health-department", "en");

        Assert.Equal("summary-appeal-health-department-2026-09-2026-11.docx", letter.FileName);
    }

    private DraftedLetter Draft(string id, string language)
    {
        var template = _bench.Template(id, language);
        return template.Kind == LetterKind.Single
            ? _bench.Writer.Write(template, LetterBench.SingleReport(id), LetterBench.Fields(id, language))
            : _bench.Writer.Write(template, LetterBench.Set(), new ReportFilter(new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 30), null, null, null),
                LetterBench.Fields(id, language));
    }

    private static void Approve(string name, string actual, [CallerFilePath] string here = "")
    {
        var file = Path.Combine(Path.GetDirectoryName(here) ?? ".", "Approved", name);
        if (!File.Exists(file) || Environment.GetEnvironmentVariable("APPROVE") == "1")
        {
            Assert.True(Environment.GetEnvironmentVariable("APPROVE") == "1",
                $"{file} does not exist. Read the letter below; if it is right, run the tests with APPROVE=1 to write it.\n\n{actual}");
            File.WriteAllText(file, actual, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return;
        }
        var expected = File.ReadAllText(file).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            Assert.Fail($"{name} differs from the approved text (APPROVE=1 rewrites it):\n{Diff(expected, actual)}");
        }
    }

    private static string Diff(string expected, string actual)
    {
        var want = expected.Split('\n');
        var got = actual.Split('\n');
        var diff = new StringBuilder();
        for (var i = 0; i < Math.Max(want.Length, got.Length); i++)
        {
            var w = i < want.Length ? want[i] : "(nothing)";
            var g = i < got.Length ? got[i] : "(nothing)";
            if (w != g)
            {
                diff.Append("line ").Append(i + 1).Append(":\n- ").Append(w).Append("\n+ ").Append(g).Append('\n');
            }
        }
        return diff.ToString();
    }
}
