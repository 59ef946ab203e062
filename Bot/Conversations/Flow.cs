using System.Collections.Immutable;

namespace CommunityBot.Conversations;

/// <summary>A conversation as data: loaded from a YAML flow file and validated before use.</summary>
internal sealed record Flow(
    string Id,
    int Version,
    string StartStepId,
    ImmutableArray<Step> Steps,
    string SourcePath)
{
    private readonly ImmutableDictionary<string, Step> _byId =
        Steps.ToImmutableDictionary(s => s.Id, StringComparer.Ordinal);

    public Step this[string stepId] => _byId[stepId];

    public bool TryGetStep(string stepId, out Step step) =>
        _byId.TryGetValue(stepId, out step!);

    public Step Start => this[StartStepId];
}

internal enum StepKind
{
    /// <summary>Must be accepted to go on; declining ends the conversation kindly.</summary>
    Consent,
    SingleChoice,
    MultipleChoice,
    YesNo,
    FreeText,
    Date,
    /// <summary>A place from the configured directory (region, city or facility), with "other".</summary>
    Place,
    /// <summary>All answers with an edit button each, and submit.</summary>
    Review,
}

internal enum PlaceLevel { None, Region, City, Facility }

/// <summary>
/// One question. Texts are looked up by key in the language files: the question is
/// <c>{id}.prompt</c>, its short name on the review screen <c>{id}.label</c>, and a choice
/// <c>{id}.{choice}</c>.
/// </summary>
internal sealed record Step(
    string Id,
    StepKind Kind,
    ImmutableArray<string> Choices,
    ImmutableArray<ChoiceVariant> ChoiceVariants,
    ImmutableArray<Transition> Next,
    int MinLength,
    int MaxLength,
    bool ScanForContacts,
    PlaceLevel PlaceLevel,
    string? FacilityKindStep)
{
    public string PromptKey => $"{Id}.prompt";

    public string LabelKey => $"{Id}.label";

    /// <summary>A place question asked without a list (none is known, or the member chose "Other"): its own words,
    /// since the usual prompt speaks of a list and an "Other" button.</summary>
    public string TypedPromptKey => $"{Id}.typed";

    public string ChoiceKey(string choice) => $"{Id}.{choice}";
}

/// <summary>Choices offered instead of the default list when an earlier answer matches.</summary>
internal sealed record ChoiceVariant(Condition When, ImmutableArray<string> Choices);

/// <summary>Where to go after a step: the first transition whose condition holds (none = always).</summary>
internal sealed record Transition(Condition? When, string Goto);

/// <summary>Holds when the answer to <paramref name="StepId"/> is (or, for multiple choice, contains) one of the values.</summary>
internal sealed record Condition(string StepId, ImmutableArray<string> AnyOf);
