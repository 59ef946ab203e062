using System.Collections.Immutable;

namespace CommunityBot.Conversations;

/// <summary>Checks a loaded flow before anyone meets it: every step reachable, every target present, no loops,
/// every condition meaningful, every text key in every language, every place named in the default language.</summary>
internal static class FlowValidator
{
    public static IReadOnlyList<FlowProblem> Validate(FlowBundle bundle)
    {
        var (flow, texts, places) = bundle;
        var problems = new List<FlowProblem>();
        void Add(string? where, string problem) => problems.Add(new FlowProblem(flow.SourcePath, where, problem));

        if (!flow.TryGetStep(flow.StartStepId, out _))
        {
            Add(null, $"'start' names step '{flow.StartStepId}', which does not exist");
        }
        if (flow.Steps.Count(s => s.Kind == StepKind.Review) != 1)
        {
            Add(null, "a flow needs exactly one step of kind review (its end)");
        }

        foreach (var step in flow.Steps)
        {
            var where = $"step '{step.Id}'";
            CheckTransitions(flow, step, Add);
            CheckChoices(flow, step, Add);
            if (step.Kind == StepKind.FreeText && step.MinLength > step.MaxLength)
            {
                Add(where, $"'min' ({step.MinLength}) is more than 'max' ({step.MaxLength})");
            }
            if (step.Kind == StepKind.Place)
            {
                CheckPlace(flow, step, places, Add);
            }
        }

        CheckReachableAndAcyclic(flow, Add);
        CheckTexts(flow, texts, problems);
        CheckPlaceNames(places, texts, problems);
        return problems;
    }

    private static void CheckTransitions(Flow flow, Step step, Action<string?, string> add)
    {
        var where = $"step '{step.Id}'";
        if (step.Kind == StepKind.Review)
        {
            if (step.Next.Length > 0)
            {
                add(where, "a review step ends the flow and takes no 'next'");
            }
            return;
        }
        if (step.Next.IsEmpty)
        {
            add(where, "'next' is missing");
            return;
        }
        if (step.Next[^1].When is not null)
        {
            add(where, "the last entry of 'next' must have no 'when' (it is where to go otherwise)");
        }
        foreach (var transition in step.Next)
        {
            if (!flow.TryGetStep(transition.Goto, out _))
            {
                add(where, $"'next' goes to '{transition.Goto}', which does not exist");
            }
            if (transition.When is { } condition)
            {
                CheckCondition(flow, where, condition, add);
            }
        }
    }

    private static void CheckChoices(Flow flow, Step step, Action<string?, string> add)
    {
        var where = $"step '{step.Id}'";
        var needsChoices = step.Kind is StepKind.SingleChoice or StepKind.MultipleChoice;
        if (needsChoices && step.Choices.IsEmpty)
        {
            add(where, "a choice step needs 'choices'");
        }
        if (!needsChoices && (!step.Choices.IsEmpty || !step.ChoiceVariants.IsEmpty))
        {
            add(where, $"a {step.Kind} step takes no 'choices' or 'variants'");
        }
        foreach (var variant in step.ChoiceVariants)
        {
            CheckCondition(flow, where, variant.When, add);
            if (variant.Choices.IsEmpty)
            {
                add(where, "a variant needs 'choices'");
            }
        }
    }

    private static void CheckCondition(Flow flow, string where, Condition condition, Action<string?, string> add)
    {
        if (!flow.TryGetStep(condition.StepId, out var target))
        {
            add(where, $"a condition reads step '{condition.StepId}', which does not exist");
            return;
        }
        var possible = PossibleValues(target);
        if (possible is null)
        {
            add(where, $"a condition reads step '{condition.StepId}', whose answers are not choices");
            return;
        }
        foreach (var value in condition.AnyOf.Where(v => !possible.Contains(v)))
        {
            add(where, $"a condition expects '{value}' from step '{condition.StepId}', which never answers that");
        }
    }

    private static ImmutableHashSet<string>? PossibleValues(Step step) => step.Kind switch
    {
        StepKind.YesNo => [ChoiceIds.Yes, ChoiceIds.No],
        StepKind.SingleChoice or StepKind.MultipleChoice =>
            step.Choices.Concat(step.ChoiceVariants.SelectMany(v => v.Choices)).ToImmutableHashSet(),
        _ => null,
    };

    private static void CheckPlace(Flow flow, Step step, PlaceDirectory places, Action<string?, string> add)
    {
        var where = $"step '{step.Id}'";
        if (step.PlaceLevel == PlaceLevel.None)
        {
            add(where, "a place step needs 'level: region | city | facility'");
            return;
        }
        var levels = flow.Steps.Where(s => s.Kind == StepKind.Place).GroupBy(s => s.PlaceLevel);
        if (levels.Any(g => g.Key == step.PlaceLevel && g.Count() > 1))
        {
            add(where, $"only one place step may ask for the {step.PlaceLevel.ToString().ToLowerInvariant()}");
        }
        bool Has(PlaceLevel level) => flow.Steps.Any(s => s.Kind == StepKind.Place && s.PlaceLevel == level);
        if (step.PlaceLevel == PlaceLevel.City && !Has(PlaceLevel.Region))
        {
            add(where, "a city step needs a region step in the flow");
        }
        if (step.PlaceLevel == PlaceLevel.Facility)
        {
            if (!Has(PlaceLevel.City))
            {
                add(where, "a facility step needs a city step in the flow");
            }
            if (step.FacilityKindStep is { } kindStep)
            {
                if (!flow.TryGetStep(kindStep, out var kinds) || kinds.Kind != StepKind.SingleChoice)
                {
                    add(where, $"'facility_kind_step' must name a single-choice step, not '{kindStep}'");
                }
                else
                {
                    var known = PossibleValues(kinds) ?? [];
                    foreach (var facility in places.All().Where(p => p.Kind is not null && !known.Contains(p.Kind)))
                    {
                        add(where, $"place '{facility.Id}' in {places.SourcePath} has kind '{facility.Kind}', which step '{kindStep}' never offers");
                    }
                }
            }
        }
    }

    private static void CheckReachableAndAcyclic(Flow flow, Action<string?, string> add)
    {
        if (!flow.TryGetStep(flow.StartStepId, out var start))
        {
            return;
        }
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the current path, true: finished
        var cycles = new HashSet<string>(StringComparer.Ordinal);
        void Visit(Step step)
        {
            state[step.Id] = false;
            foreach (var transition in step.Next)
            {
                if (!flow.TryGetStep(transition.Goto, out var next))
                {
                    continue;
                }
                if (!state.TryGetValue(next.Id, out var done))
                {
                    Visit(next);
                }
                else if (!done)
                {
                    cycles.Add(next.Id);
                }
            }
            state[step.Id] = true;
        }
        Visit(start);
        foreach (var step in flow.Steps.Where(s => !state.ContainsKey(s.Id)))
        {
            add($"step '{step.Id}'", "no path from the start leads here (unreachable)");
        }
        foreach (var step in cycles)
        {
            add($"step '{step}'", "the flow loops back to this step; a flow must always move forward (Back is built in)");
        }
    }

    private static void CheckTexts(Flow flow, TextCatalog texts, List<FlowProblem> problems)
    {
        var keys = new List<string>(TextKeys.Required);
        foreach (var step in flow.Steps)
        {
            keys.Add(step.PromptKey);
            if (step.Kind != StepKind.Review)
            {
                keys.Add(step.LabelKey);
            }
            if (step.Kind == StepKind.Place)
            {
                keys.Add(step.TypedPromptKey);
            }
            keys.AddRange((PossibleValues(step) is { } values && step.Kind != StepKind.YesNo ? values : []).Select(step.ChoiceKey));
        }
        foreach (var language in texts.Languages)
        {
            foreach (var key in keys.Distinct().Where(k => !texts.Has(language, k)))
            {
                problems.Add(new FlowProblem($"texts/{language}.yaml", $"key '{key}'", "missing"));
            }
        }
    }

    private static void CheckPlaceNames(PlaceDirectory places, TextCatalog texts, List<FlowProblem> problems)
    {
        // Only the default language is required: a member of another language sees that name where theirs is missing
        // (Place.Name falls back to it), so adding a language never blocks on place names nobody has checked yet.
        foreach (var place in places.All().Where(p => !p.Names.ContainsKey(texts.DefaultLanguage)))
        {
            problems.Add(new FlowProblem(places.SourcePath, $"place '{place.Id}'", $"has no name in '{texts.DefaultLanguage}', the default language"));
        }
        var levels = new[]
        {
            ("region", places.Regions.AsEnumerable()),
            ("city", places.Regions.SelectMany(r => r.Children)),
            ("facility", places.Regions.SelectMany(r => r.Children).SelectMany(c => c.Children)),
        };
        foreach (var (level, all) in levels)
        {
            foreach (var twice in all.GroupBy(p => p.Id).Where(g => g.Count() > 1))
            {
                problems.Add(new FlowProblem(places.SourcePath, $"place '{twice.Key}'", $"more than one {level} has this id"));
            }
        }
    }
}
