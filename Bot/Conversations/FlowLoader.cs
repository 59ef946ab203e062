using System.Collections.Immutable;
using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace CommunityBot.Conversations;

/// <summary>Reads a flow file (format: Bot/Flows/README.md). Shape errors are collected, not thrown one by one,
/// so an operator sees every problem of a broken file at once.</summary>
internal static class FlowLoader
{
    private static readonly ImmutableDictionary<string, StepKind> Kinds = new Dictionary<string, StepKind>
    {
        ["consent"] = StepKind.Consent,
        ["single"] = StepKind.SingleChoice,
        ["multi"] = StepKind.MultipleChoice,
        ["yesno"] = StepKind.YesNo,
        ["text"] = StepKind.FreeText,
        ["date"] = StepKind.Date,
        ["place"] = StepKind.Place,
        ["review"] = StepKind.Review,
    }.ToImmutableDictionary();

    public static Flow? Load(string path, List<FlowProblem> problems)
    {
        if (YamlNodes.Load(path, problems) is not { } root)
        {
            return null;
        }
        if (root is not YamlMappingNode map)
        {
            problems.Add(new FlowProblem(path, null, "the file must be a mapping with id, version, start and steps"));
            return null;
        }

        var id = map.Scalar("id");
        if (string.IsNullOrWhiteSpace(id))
        {
            problems.Add(new FlowProblem(path, null, "'id' is missing"));
        }
        if (!int.TryParse(map.Scalar("version"), NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
        {
            problems.Add(new FlowProblem(path, null, "'version' must be a whole number from 1 up"));
        }
        var start = map.Scalar("start");
        if (string.IsNullOrWhiteSpace(start))
        {
            problems.Add(new FlowProblem(path, null, "'start' is missing"));
        }
        if (map.Child("steps") is not YamlSequenceNode stepNodes || stepNodes.Children.Count == 0)
        {
            problems.Add(new FlowProblem(path, null, "'steps' must be a non-empty list"));
            return null;
        }

        var steps = ImmutableArray.CreateBuilder<Step>();
        foreach (var node in stepNodes)
        {
            if (ReadStep(path, node, problems) is { } step)
            {
                steps.Add(step);
            }
        }
        var duplicates = steps.GroupBy(s => s.Id, StringComparer.Ordinal).Where(g => g.Count() > 1);
        foreach (var duplicate in duplicates)
        {
            problems.Add(new FlowProblem(path, $"step '{duplicate.Key}'", "this id is used by more than one step"));
        }
        if (problems.Count > 0 || id is null || start is null)
        {
            return null;
        }
        return new Flow(id, version, start, steps.ToImmutable(), path);
    }

    private static Step? ReadStep(string path, YamlNode node, List<FlowProblem> problems)
    {
        if (node is not YamlMappingNode map)
        {
            problems.Add(new FlowProblem(path, node.Line(), "a step must be a mapping"));
            return null;
        }
        var id = map.Scalar("id");
        if (string.IsNullOrWhiteSpace(id) || !IsIdentifier(id))
        {
            problems.Add(new FlowProblem(path, node.Line(), "a step needs an 'id' of lowercase letters, digits and '_'"));
            return null;
        }
        var where = $"step '{id}' ({node.Line()})";
        var before = problems.Count;

        var kindText = map.Scalar("kind");
        if (kindText is null || !Kinds.TryGetValue(kindText, out var kind))
        {
            problems.Add(new FlowProblem(path, where, $"'kind' must be one of {string.Join(", ", Kinds.Keys.Order())}"));
            return null;
        }

        var choices = ReadChoices(path, where, map.Child("choices"), problems);
        var variants = ImmutableArray.CreateBuilder<ChoiceVariant>();
        if (map.Child("variants") is YamlSequenceNode variantNodes)
        {
            foreach (var variantNode in variantNodes)
            {
                if (variantNode is YamlMappingNode variantMap
                    && ReadCondition(path, where, variantMap.Child("when"), problems) is { } condition)
                {
                    variants.Add(new ChoiceVariant(condition, ReadChoices(path, where, variantMap.Child("choices"), problems)));
                }
                else
                {
                    problems.Add(new FlowProblem(path, where, "each variant needs 'when' and 'choices'"));
                }
            }
        }

        var next = ReadNext(path, where, map.Child("next"), problems);
        var min = ReadInt(path, where, map, "min", 1, problems);
        var max = ReadInt(path, where, map, "max", 4000, problems);
        var scan = map.Scalar("scan") is "true" or "yes";
        var level = map.Scalar("level") switch
        {
            null => PlaceLevel.None,
            "region" => PlaceLevel.Region,
            "city" => PlaceLevel.City,
            "facility" => PlaceLevel.Facility,
            var other => Invalid(other),
        };
        PlaceLevel Invalid(string value)
        {
            problems.Add(new FlowProblem(path, where, $"'level' must be region, city or facility, not '{value}'"));
            return PlaceLevel.None;
        }

        return problems.Count > before
            ? null
            : new Step(id, kind, choices, variants.ToImmutable(), next, min, max, scan, level, map.Scalar("facility_kind_step"));
    }

    private static ImmutableArray<string> ReadChoices(string path, string where, YamlNode? node, List<FlowProblem> problems)
    {
        if (node is null)
        {
            return [];
        }
        if (node is not YamlSequenceNode sequence)
        {
            problems.Add(new FlowProblem(path, where, "'choices' must be a list of ids"));
            return [];
        }
        var ids = sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToImmutableArray();
        foreach (var bad in ids.Where(c => !IsIdentifier(c)))
        {
            problems.Add(new FlowProblem(path, where, $"choice '{bad}' must be lowercase letters, digits and '_'"));
        }
        foreach (var twice in ids.GroupBy(c => c).Where(g => g.Count() > 1))
        {
            problems.Add(new FlowProblem(path, where, $"choice '{twice.Key}' is listed twice"));
        }
        return ids;
    }

    private static ImmutableArray<Transition> ReadNext(string path, string where, YamlNode? node, List<FlowProblem> problems)
    {
        switch (node)
        {
            case null:
                return [];
            case YamlScalarNode { Value: { } target }:
                return [new Transition(null, target)];
            case YamlSequenceNode sequence:
                var transitions = ImmutableArray.CreateBuilder<Transition>();
                foreach (var item in sequence)
                {
                    if (item is YamlMappingNode map && map.Scalar("goto") is { } target)
                    {
                        var condition = map.Child("when") is null ? null : ReadCondition(path, where, map.Child("when"), problems);
                        transitions.Add(new Transition(condition, target));
                    }
                    else
                    {
                        problems.Add(new FlowProblem(path, where, $"each entry of 'next' needs 'goto' ({item.Line()})"));
                    }
                }
                return transitions.ToImmutable();
            default:
                problems.Add(new FlowProblem(path, where, "'next' must be a step id or a list of transitions"));
                return [];
        }
    }

    private static Condition? ReadCondition(string path, string where, YamlNode? node, List<FlowProblem> problems)
    {
        if (node is YamlMappingNode map && map.Scalar("step") is { } step && map.Child("any") is YamlSequenceNode any)
        {
            return new Condition(step, any.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToImmutableArray());
        }
        problems.Add(new FlowProblem(path, where, "a condition is written 'when: { step: <id>, any: [<choice>, ...] }'"));
        return null;
    }

    private static int ReadInt(string path, string where, YamlMappingNode map, string key, int fallback, List<FlowProblem> problems)
    {
        var text = map.Scalar(key);
        if (text is null)
        {
            return fallback;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }
        problems.Add(new FlowProblem(path, where, $"'{key}' must be a whole number from 1 up"));
        return fallback;
    }

    internal static bool IsIdentifier(string value) =>
        value.Length is > 0 and <= 40 && value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');
}
