using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using CommunityBot.Conversations;
using Fluid;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CommunityBot.Letters;

/// <summary>Reads one template file: the YAML header between <c>---</c> lines, then the parts, each after its
/// <c>[name]</c> line, each parsed as Liquid and checked against the fields its kind provides.</summary>
internal static partial class LetterTemplateFile
{
    public const string Extension = ".liquid";

    private static readonly ImmutableArray<LetterPart> NeededParts = [LetterPart.To, LetterPart.Date, LetterPart.Subject, LetterPart.Body, LetterPart.Signature];

    public static LetterTemplate? Read(string path, string language, FluidParser parser, FilterCollection filters, List<TemplateProblem> problems)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException ex)
        {
            problems.Add(new TemplateProblem(path, null, "cannot be read: " + ex.Message));
            return null;
        }
        return Parse(path, language, text, parser, filters, problems);
    }

    public static LetterTemplate? Parse(string path, string language, string text, FluidParser parser, FilterCollection filters, List<TemplateProblem> problems)
    {
        var before = problems.Count;
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        if (lines is not ["---", ..] || Array.IndexOf(lines, "---", 1) is var close && close < 0)
        {
            problems.Add(new TemplateProblem(path, 1, "a template starts with a header between two lines of '---'"));
            return null;
        }
        var header = ReadHeader(path, string.Join('\n', lines[1..close]), problems);
        if (header is null)
        {
            return null;
        }
        var (id, title, recipient, kind, fields, category) = header.Value;
        var expectedId = Path.GetFileNameWithoutExtension(path);
        if (!string.Equals(id, expectedId, StringComparison.Ordinal))
        {
            problems.Add(new TemplateProblem(path, 2, $"the id '{id}' must be the file's name ('{expectedId}')"));
        }

        var roots = LetterFacts.Shape(kind, fields.Select(field => field.Name));
        var parts = ImmutableArray.CreateBuilder<TemplatePart>();
        var seen = new HashSet<LetterPart>();
        LetterPart? current = null;
        var start = close + 1;
        for (var i = close + 1; i <= lines.Length; i++)
        {
            var atEnd = i == lines.Length;
            var marker = atEnd ? Match.Empty : PartMarker().Match(lines[i]);
            if (!atEnd && !marker.Success)
            {
                if (current is null && lines[i].Trim().Length > 0)
                {
                    problems.Add(new TemplateProblem(path, i + 1, "text before the first part: start with a line '[to]'"));
                    current = LetterPart.To;
                }
                continue;
            }
            if (current is { } part)
            {
                var source = string.Join('\n', lines[start..i]);
                if (ParsePart(path, part, source, start + 1, parser, filters, roots, problems) is { } parsed)
                {
                    parts.Add(parsed);
                }
            }
            if (atEnd)
            {
                break;
            }
            if (!Enum.TryParse<LetterPart>(marker.Groups["name"].Value, ignoreCase: true, out var next) || !Enum.IsDefined(next))
            {
                problems.Add(new TemplateProblem(path, i + 1, $"unknown part '[{marker.Groups["name"].Value}]'; the parts are [to], [date], [subject], [body], [signature]"));
                current = null;
                start = i + 1;
                continue;
            }
            if (!seen.Add(next))
            {
                problems.Add(new TemplateProblem(path, i + 1, $"the part [{marker.Groups["name"].Value}] appears twice"));
            }
            current = next;
            start = i + 1;
        }
        foreach (var missing in NeededParts.Where(part => !seen.Contains(part)))
        {
            problems.Add(new TemplateProblem(path, null, $"the part [{missing.ToString().ToLowerInvariant()}] is missing"));
        }

        return problems.Count > before
            ? null
            : new LetterTemplate(id, language, title, recipient, kind, fields, path, parts.ToImmutable(), category);
    }

    private static TemplatePart? ParsePart(
        string path,
        LetterPart part,
        string source,
        int firstLine,
        FluidParser parser,
        FilterCollection filters,
        ImmutableDictionary<string, FieldShape> roots,
        List<TemplateProblem> problems)
    {
        if (!parser.TryParse(TagLinesLeaveNoLine(source), out var template, out var error))
        {
            var at = ErrorPosition().Match(error);
            var line = at.Success ? firstLine + int.Parse(at.Groups["line"].Value, CultureInfo.InvariantCulture) - 1 : (int?)null;
            var message = error.Split('\n')[0].Trim();
            problems.Add(new TemplateProblem(path, line, "not valid Liquid: " + (at.Success ? message[..at.Index].TrimEnd() : message)));
            return null;
        }
        foreach (var (text, problem) in TemplateFieldCheck.Check(template, roots, filters))
        {
            problems.Add(new TemplateProblem(path, TemplateFieldCheck.LineOf(source, text) is { } line ? firstLine + line - 1 : null, problem));
        }
        return new TemplatePart(part, template, source, firstLine);
    }

    /// <summary>A line holding only tags (<c>{% if %}</c>, <c>{% endfor %}</c>) leaves no empty line behind, so tags
    /// can sit on lines of their own without splitting a paragraph. Only a '-' is added: lines keep their numbers.</summary>
    internal static string TagLinesLeaveNoLine(string source) =>
        TagLine().Replace(source, line => line.Value.EndsWith("-%}", StringComparison.Ordinal) ? line.Value : line.Value[..^2] + "-%}");

    private static (string Id, string Title, string Recipient, LetterKind Kind, ImmutableArray<LetterField> Fields, string? Category)? ReadHeader(
        string path,
        string yaml,
        List<TemplateProblem> problems)
    {
        YamlMappingNode map;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents is not [{ RootNode: YamlMappingNode root }])
            {
                problems.Add(new TemplateProblem(path, 2, "the header must be key: value lines (id, title, recipient, kind, required, optional)"));
                return null;
            }
            map = root;
        }
        catch (YamlException ex)
        {
            problems.Add(new TemplateProblem(path, (int)ex.Start.Line + 1, "the header is not valid YAML: " + ex.Message));
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet throws these instead of a YamlException on some broken headers (found by the fuzz command).
            problems.Add(new TemplateProblem(path, null, "the header is not valid YAML: " + ex.Message));
            return null;
        }

        int LineOf(YamlNode node) => (int)node.Start.Line + 1;
        string Needed(string key)
        {
            if (map.Scalar(key) is { Length: > 0 } value)
            {
                return value;
            }
            problems.Add(new TemplateProblem(path, null, $"the header needs '{key}'"));
            return "";
        }

        var id = Needed("id");
        var title = Needed("title");
        var recipient = Needed("recipient");
        var kindText = Needed("kind");
        var kind = kindText switch
        {
            "single" => LetterKind.Single,
            "aggregate" => LetterKind.Aggregate,
            _ => (LetterKind?)null,
        };
        if (kind is null && kindText.Length > 0)
        {
            problems.Add(new TemplateProblem(path, map.Child("kind") is { } node ? LineOf(node) : null, $"kind must be 'single' or 'aggregate', not '{kindText}'"));
        }
        foreach (var key in map.Keys().Where(key => key is not ("id" or "title" or "recipient" or "kind" or "category" or "required" or "optional")))
        {
            problems.Add(new TemplateProblem(path, map.Child(key) is { } node ? LineOf(node) : null, $"unknown header key '{key}'"));
        }
        var category = map.Scalar("category") is { Length: > 0 } counted ? counted : null;
        if (category is not null && kind == LetterKind.Single)
        {
            problems.Add(new TemplateProblem(path, map.Child("category") is { } node ? LineOf(node) : null,
                "'category' is for an aggregate template (the category it counts unless the filter names another)"));
        }

        var fields = ImmutableArray.CreateBuilder<LetterField>();
        foreach (var (key, required) in new[] { ("required", true), ("optional", false) })
        {
            switch (map.Child(key))
            {
                case null:
                    break;
                case YamlMappingNode list:
                    foreach (var (nameNode, promptNode) in list.Children)
                    {
                        if (nameNode is not YamlScalarNode { Value: { } name } || !FieldName().IsMatch(name))
                        {
                            problems.Add(new TemplateProblem(path, LineOf(nameNode), "a field name is lowercase letters, digits and '_'"));
                        }
                        else if (promptNode is not YamlScalarNode { Value: { Length: > 0 } prompt })
                        {
                            problems.Add(new TemplateProblem(path, LineOf(promptNode), $"the field '{name}' needs its prompt: {name}: \"...\""));
                        }
                        else if (fields.Any(field => field.Name == name))
                        {
                            problems.Add(new TemplateProblem(path, LineOf(nameNode), $"the field '{name}' is listed twice"));
                        }
                        else
                        {
                            fields.Add(new LetterField(name, prompt, required));
                        }
                    }
                    break;
                case var other:
                    problems.Add(new TemplateProblem(path, LineOf(other), $"'{key}' lists fields as name: \"prompt\" lines"));
                    break;
            }
        }
        return kind is { } known && id.Length > 0 && title.Length > 0 && recipient.Length > 0
            ? (id, title, recipient, known, fields.ToImmutable(), category)
            : null;
    }

    [GeneratedRegex(@"^[ \t]*(\{%(?:(?!%\}).)*%\}[ \t]*)*\{%(?:(?!%\}).)*%\}(?=[ \t]*$)", RegexOptions.Multiline)]
    private static partial Regex TagLine();

    [GeneratedRegex(@"^\[(?<name>[a-z]+)\]\s*$")]
    private static partial Regex PartMarker();

    [GeneratedRegex(@"at \((?<line>\d+):(?<column>\d+)\)")]
    private static partial Regex ErrorPosition();

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex FieldName();
}
