using System.Collections.Immutable;
using System.Text;
using Fluid;

namespace CommunityBot.Letters;

/// <summary>Renders a template's parts with Fluid and lays the output out as a letter: addressee lines, one date line,
/// one subject line, body paragraphs (split at blank lines; a line starting with <c>- </c> is a list item), signature
/// lines.</summary>
internal sealed class LetterRenderer
{
    // Not greedy: a "-%}" takes the rest of its line only, never the blank line after it (a paragraph break).
    private readonly TemplateOptions _options = new() { Greedy = false, StrictFilters = true };

    public FluidParser Parser { get; } = new();

    public FilterCollection Filters => _options.Filters;

    /// <param name="facts">The root names (<c>letter</c>, <c>fields</c>, <c>report</c> or <c>aggregate</c>) and their values.</param>
    public LetterText Render(LetterTemplate template, IReadOnlyDictionary<string, object?> facts)
    {
        var context = new TemplateContext(_options);
        foreach (var (name, value) in facts)
        {
            context.SetValue(name, value);
        }
        var parts = new Dictionary<LetterPart, string>();
        foreach (var part in template.Parts)
        {
            // No HTML encoding: the output is a letter, not a web page.
            parts[part.Part] = Clean(part.Template.Render(context, NullEncoder.Default));
        }
        return new LetterText(
            Lines(parts.GetValueOrDefault(LetterPart.To)),
            string.Join(' ', Lines(parts.GetValueOrDefault(LetterPart.Date))),
            string.Join(' ', Lines(parts.GetValueOrDefault(LetterPart.Subject))),
            Paragraphs(parts.GetValueOrDefault(LetterPart.Body)),
            Lines(parts.GetValueOrDefault(LetterPart.Signature)));
    }

    private static ImmutableArray<string> Lines(string? text) =>
        text is null ? [] : [.. text.Split('\n').Select(Collapse).Where(line => line.Length > 0)];

    private static ImmutableArray<LetterParagraph> Paragraphs(string? text)
    {
        var paragraphs = ImmutableArray.CreateBuilder<LetterParagraph>();
        var current = new StringBuilder();
        void Flush()
        {
            if (current.Length > 0)
            {
                paragraphs.Add(new LetterParagraph(current.ToString()));
                current.Clear();
            }
        }
        foreach (var raw in (text ?? "").Split('\n'))
        {
            var line = Collapse(raw);
            if (line.Length == 0)
            {
                Flush();
            }
            else if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                Flush();
                paragraphs.Add(new LetterParagraph(line[2..].TrimStart(), IsListItem: true));
            }
            else
            {
                current.Append(current.Length > 0 ? " " : "").Append(line);
            }
        }
        Flush();
        return paragraphs.ToImmutable();
    }

    private static string Collapse(string line) => string.Join(' ', line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));

    // Control characters (a pasted story may hold some) are not allowed in a .docx and mean nothing in a letter.
    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        foreach (var c in text.ReplaceLineEndings("\n"))
        {
            clean.Append(c == '\n' || c == '\t' || !char.IsControl(c) ? c : ' ');
        }
        return clean.ToString();
    }
}
