namespace CommunityBot.Conversations;

/// <summary>One thing wrong with a flow, its texts or its place directory.</summary>
/// <param name="File">The file the problem is in.</param>
/// <param name="Where">The step (or key, or place) it concerns; null for the file as a whole.</param>
internal sealed record FlowProblem(string File, string? Where, string Problem)
{
    public override string ToString() =>
        Where is null ? $"{File}: {Problem}" : $"{File}: {Where}: {Problem}";
}

/// <summary>A flow that must not be run. Start-up stops with this message.</summary>
internal sealed class FlowDefinitionException(IReadOnlyList<FlowProblem> problems)
    : ConfigurationException(Describe(problems))
{
    public IReadOnlyList<FlowProblem> Problems { get; } = problems;

    private static string Describe(IReadOnlyList<FlowProblem> problems) =>
        $"The conversation flow cannot be used ({problems.Count} problem(s)):" + Environment.NewLine +
        string.Join(Environment.NewLine, problems.Select(p => "  - " + p));
}
