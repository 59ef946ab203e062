using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace CommunityBot.Letters;

/// <summary>
/// Walks a parsed part of a template and names every field it uses that the template's kind does not provide
/// (<c>{{ report.nmae }}</c>) and every filter Fluid does not know, in every branch, whether or not a sample would
/// reach it. A name the template defines itself (<c>assign</c>, <c>capture</c>, a <c>for</c> variable) is its own.
/// </summary>
internal sealed partial class TemplateFieldCheck : AstVisitor
{
    private static readonly ImmutableHashSet<string> Literals = ["empty", "blank", "nil", "null", "true", "false"];

    private readonly ImmutableDictionary<string, FieldShape> _roots;
    private readonly FilterCollection _filters;
    private readonly Dictionary<string, FieldShape> _locals = new(StringComparer.Ordinal) { ["forloop"] = FieldShape.Anything };
    private readonly List<(string Text, string Problem)> _found = [];

    private TemplateFieldCheck(ImmutableDictionary<string, FieldShape> roots, FilterCollection filters)
    {
        _roots = roots;
        _filters = filters;
    }

    /// <summary>The problems of one part, each with the text to look for in the source to find its line.</summary>
    public static IReadOnlyList<(string Text, string Problem)> Check(
        IFluidTemplate template,
        ImmutableDictionary<string, FieldShape> roots,
        FilterCollection filters)
    {
        var check = new TemplateFieldCheck(roots, filters);
        check.VisitTemplate(template);
        return check._found;
    }

    protected override Statement VisitForStatement(ForStatement forStatement)
    {
        Visit(forStatement.Source);
        var element = Resolve(forStatement.Source) is { Element: { } listed } ? listed : FieldShape.Anything;
        var hidden = _locals.GetValueOrDefault(forStatement.Identifier);
        _locals[forStatement.Identifier] = element;
        foreach (var statement in forStatement.Statements)
        {
            Visit(statement);
        }
        if (forStatement.Else is { } otherwise)
        {
            Visit(otherwise);
        }
        if (hidden is null)
        {
            _locals.Remove(forStatement.Identifier);
        }
        else
        {
            _locals[forStatement.Identifier] = hidden;
        }
        return forStatement;
    }

    protected override Statement VisitAssignStatement(AssignStatement assignStatement)
    {
        Visit(assignStatement.Value);
        _locals[assignStatement.Identifier] = FieldShape.Anything;
        return assignStatement;
    }

    protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
    {
        _locals[captureStatement.Identifier] = FieldShape.Anything;
        return base.VisitCaptureStatement(captureStatement);
    }

    protected override Expression VisitFilterExpression(FilterExpression filterExpression)
    {
        if (!_filters.TryGetValue(filterExpression.Name, out _))
        {
            _found.Add((filterExpression.Name, $"unknown filter '{filterExpression.Name}'"));
        }
        return base.VisitFilterExpression(filterExpression);
    }

    protected override Expression VisitMemberExpression(MemberExpression memberExpression)
    {
        Check(memberExpression);
        foreach (var segment in memberExpression.Segments)
        {
            if (segment is IndexerSegment { Expression: { } index })
            {
                Visit(index);
            }
        }
        return memberExpression;
    }

    private void Check(MemberExpression member)
    {
        if (member.Segments is not [IdentifierSegment { Identifier: var root }, ..])
        {
            return;
        }
        var path = root;
        if (!_locals.TryGetValue(root, out var shape) && !_roots.TryGetValue(root, out shape))
        {
            if (!Literals.Contains(root))
            {
                _found.Add((root, $"unknown field '{root}' (known: {string.Join(", ", _roots.Keys.Order(StringComparer.Ordinal))})"));
            }
            return;
        }
        foreach (var segment in member.Segments.Skip(1))
        {
            if (shape.Open)
            {
                return;
            }
            var name = segment switch
            {
                IdentifierSegment identifier => identifier.Identifier,
                IndexerSegment { Expression: LiteralExpression { Value: StringValue text } } => text.ToStringValue(),
                _ => null,
            };
            if (name is null)
            {
                // An index into a list: the element; anything else cannot be told before it runs.
                shape = shape.Element ?? FieldShape.Anything;
                continue;
            }
            var next = Member(shape, name);
            if (next is null)
            {
                var known = shape.Members is { } members ? string.Join(", ", members.Keys.Order(StringComparer.Ordinal)) : "size";
                _found.Add((path + "." + name, $"unknown field '{path}.{name}' (known: {known})"));
                return;
            }
            path += "." + name;
            shape = next;
        }
    }

    private static FieldShape? Member(FieldShape shape, string name) =>
        shape switch
        {
            { Members: { } members } => members.GetValueOrDefault(name),
            { Element: { } element } => name switch
            {
                "first" or "last" => element,
                "size" => FieldShape.Text,
                _ => null,
            },
            _ => name == "size" ? FieldShape.Text : null,
        };

    private FieldShape? Resolve(Expression expression)
    {
        if (expression is not MemberExpression { Segments: [IdentifierSegment { Identifier: var root }, ..] } member)
        {
            return null;
        }
        if (!_locals.TryGetValue(root, out var shape) && !_roots.TryGetValue(root, out shape))
        {
            return null;
        }
        foreach (var segment in member.Segments.Skip(1))
        {
            if (segment is not IdentifierSegment identifier || Member(shape, identifier.Identifier) is not { } next)
            {
                return null;
            }
            shape = next;
        }
        return shape;
    }

    /// <summary>The 1-based line of <paramref name="source"/> where <paramref name="text"/> (a dotted path) first appears
    /// inside a tag or an output, or null.</summary>
    public static int? LineOf(string source, string text)
    {
        var pattern = new Regex(@"(?<![\w.])" + string.Join(@"\s*\.\s*", text.Split('.').Select(Regex.Escape)) + @"(?!\w)",
            RegexOptions.None, TimeSpan.FromSeconds(1));
        foreach (Match markup in Markup().Matches(source))
        {
            if (pattern.Match(markup.Value) is { Success: true } found)
            {
                return source.AsSpan(0, markup.Index + found.Index).Count('\n') + 1;
            }
        }
        return null;
    }

    [GeneratedRegex(@"\{\{.*?\}\}|\{%.*?%\}", RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Markup();
}
