using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace CommunityBot.Letters;

/// <summary>
/// Writes a letter as a Word document laid out the way official letters are in the region: A4, margins of 2 cm
/// (3 cm on the left, for binding), the addressee block in the right half, the date, the subject in bold, justified
/// paragraphs with a first-line indent, the signature. Times New Roman, 14 pt for Russian (the usual size for
/// official letters), 12 pt otherwise.
/// </summary>
internal static class DocxWriter
{
    private const int PageWidth = 11906;
    private const int PageHeight = 16838;
    private const int MarginLeft = 1701;
    private const int MarginRight = 850;
    private const int MarginTopBottom = 1134;
    private const string TextWidthHalf = "4678";
    private const string FirstLineIndent = "709";

    public static byte[] Write(LetterText letter, string language)
    {
        using var memory = new MemoryStream();
        using (var document = WordprocessingDocument.Create(memory, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            AddStyles(main, language);
            var body = new Body();
            foreach (var line in letter.Addressee)
            {
                body.Append(Paragraph(line, indentLeft: TextWidthHalf));
            }
            body.Append(Empty(), Paragraph(letter.Date), Empty());
            body.Append(Paragraph(letter.Subject, bold: true), Empty());
            foreach (var paragraph in letter.Body)
            {
                body.Append(paragraph.IsListItem
                    ? Paragraph(LetterText.ListMark + paragraph.Text, justify: true, indentLeft: FirstLineIndent, hanging: "284")
                    : Paragraph(paragraph.Text, justify: true, firstLine: FirstLineIndent));
            }
            body.Append(Empty());
            foreach (var line in letter.Signature)
            {
                body.Append(Paragraph(line));
            }
            body.Append(new SectionProperties(
                new PageSize { Width = PageWidth, Height = PageHeight },
                new PageMargin
                {
                    Top = MarginTopBottom,
                    Bottom = MarginTopBottom,
                    Left = MarginLeft,
                    Right = MarginRight,
                    Header = 709,
                    Footer = 709,
                    Gutter = 0,
                }));
            main.Document = new Document(body);
            document.PackageProperties.Title = letter.Subject;
        }
        return memory.ToArray();
    }

    private static void AddStyles(MainDocumentPart main, string language)
    {
        var size = language == "ru" ? "28" : "24";
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", ComplexScript = "Times New Roman", EastAsia = "Times New Roman" },
                    new FontSize { Val = size },
                    new FontSizeComplexScript { Val = size },
                    new Languages { Val = language == "ru" ? "ru-RU" : "en-GB" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { After = "0", Line = "276", LineRule = LineSpacingRuleValues.Auto }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle())
            {
                Type = StyleValues.Paragraph,
                StyleId = "Normal",
                Default = true,
            });
    }

    private static Paragraph Empty() => new(new ParagraphProperties(new ParagraphStyleId { Val = "Normal" }));

    private static Paragraph Paragraph(
        string text,
        bool bold = false,
        bool justify = false,
        string? indentLeft = null,
        string? firstLine = null,
        string? hanging = null)
    {
        var properties = new ParagraphProperties(new ParagraphStyleId { Val = "Normal" });
        if (indentLeft is not null || firstLine is not null || hanging is not null)
        {
            // An attribute set to null is written empty, which is invalid: set only those that have a value.
            var indentation = new Indentation();
            if (indentLeft is not null)
            {
                indentation.Left = indentLeft;
            }
            if (firstLine is not null)
            {
                indentation.FirstLine = firstLine;
            }
            if (hanging is not null)
            {
                indentation.Hanging = hanging;
            }
            properties.Append(indentation);
        }
        properties.Append(new Justification { Val = justify ? JustificationValues.Both : JustificationValues.Left });
        var run = new Run();
        if (bold)
        {
            run.Append(new RunProperties(new Bold(), new BoldComplexScript()));
        }
        run.Append(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        return new Paragraph(properties, run);
    }
}
