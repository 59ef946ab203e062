namespace CommunityBot.Letters;

/// <summary>One thing wrong with a template file; <paramref name="Line"/> counts from 1 in the file as written.</summary>
internal sealed record TemplateProblem(string File, int? Line, string Problem)
{
    public override string ToString() => Line is { } line ? $"{File}:{line}: {Problem}" : $"{File}: {Problem}";
}

/// <summary>A letter template that must not be used. Start-up stops with this message.</summary>
internal sealed class LetterTemplateException(IReadOnlyList<TemplateProblem> problems)
    : ConfigurationException(Describe(problems))
{
    public IReadOnlyList<TemplateProblem> Problems { get; } = problems;

    private static string Describe(IReadOnlyList<TemplateProblem> problems) =>
        $"The letter templates cannot be used ({problems.Count} problem(s)):" + Environment.NewLine +
        string.Join(Environment.NewLine, problems.Select(p => "  - " + p));
}
