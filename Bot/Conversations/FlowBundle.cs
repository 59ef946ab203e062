namespace CommunityBot.Conversations;

/// <summary>A flow with everything it needs to run: its texts and its place directory, validated together.</summary>
internal sealed record FlowBundle(Flow Flow, TextCatalog Texts, PlaceDirectory Places)
{
    /// <summary>Loads and validates; throws <see cref="FlowDefinitionException"/> listing every problem found.</summary>
    public static FlowBundle Load(string flowFile, string textsDirectory, string? placesFile, string defaultLanguage)
    {
        var problems = new List<FlowProblem>();
        var flow = FlowLoader.Load(flowFile, problems);
        var texts = TextCatalog.Load(textsDirectory, defaultLanguage, problems);
        var places = placesFile is null ? PlaceDirectory.Empty : PlaceDirectory.Load(placesFile, problems);
        if (flow is null || texts is null || places is null || problems.Count > 0)
        {
            throw new FlowDefinitionException(problems);
        }
        var bundle = new FlowBundle(flow, texts, places);
        var found = FlowValidator.Validate(bundle);
        return found.Count > 0 ? throw new FlowDefinitionException(found) : bundle;
    }
}
