using System.Collections.Immutable;
using YamlDotNet.RepresentationModel;

namespace CommunityBot.Conversations;

/// <summary>A named place in the directory, with its name in every language.</summary>
internal sealed record Place(string Id, ImmutableDictionary<string, string> Names, string? Kind, ImmutableArray<Place> Children)
{
    public string Name(string language, string fallbackLanguage) =>
        Names.TryGetValue(language, out var name) ? name : Names.GetValueOrDefault(fallbackLanguage, Id);
}

/// <summary>The configured regions, their cities and the facilities in them (format: Bot/Flows/README.md).</summary>
internal sealed class PlaceDirectory(ImmutableArray<Place> regions, string sourcePath)
{
    public ImmutableArray<Place> Regions { get; } = regions;

    public string SourcePath { get; } = sourcePath;

    public static PlaceDirectory Empty { get; } = new([], "(none)");

    public ImmutableArray<Place> CitiesOf(string? regionId) =>
        Regions.FirstOrDefault(r => r.Id == regionId)?.Children ?? [];

    public ImmutableArray<Place> FacilitiesOf(string? regionId, string? cityId, string? kind) =>
        CitiesOf(regionId).FirstOrDefault(c => c.Id == cityId)?.Children
            .Where(f => kind is null || f.Kind == kind).ToImmutableArray() ?? [];

    public IEnumerable<Place> All() =>
        Regions.SelectMany(r => new[] { r }.Concat(r.Children).Concat(r.Children.SelectMany(c => c.Children)));

    public static PlaceDirectory? Load(string path, List<FlowProblem> problems)
    {
        if (YamlNodes.Load(path, problems) is not { } root)
        {
            return null;
        }
        if (root is not YamlMappingNode map || map.Child("regions") is not YamlSequenceNode regions)
        {
            problems.Add(new FlowProblem(path, null, "the file must have a list 'regions'"));
            return null;
        }
        var before = problems.Count;
        var read = ReadPlaces(path, regions, ["cities", "facilities"], problems);
        return problems.Count > before ? null : new PlaceDirectory(read, path);
    }

    private static ImmutableArray<Place> ReadPlaces(string path, YamlSequenceNode nodes, string[] childLevels, List<FlowProblem> problems)
    {
        var places = ImmutableArray.CreateBuilder<Place>();
        foreach (var node in nodes)
        {
            if (node is not YamlMappingNode map || map.Scalar("id") is not { } id || !FlowLoader.IsIdentifier(id))
            {
                problems.Add(new FlowProblem(path, node.Line(), "each place needs an 'id' of lowercase letters, digits and '_'"));
                continue;
            }
            var names = ImmutableDictionary.CreateBuilder<string, string>();
            if (map.Child("name") is YamlMappingNode nameMap)
            {
                foreach (var (language, name) in nameMap.Children)
                {
                    if (language is YamlScalarNode { Value: { } lang } && name is YamlScalarNode { Value: { Length: > 0 } text })
                    {
                        names[lang] = text;
                    }
                }
            }
            if (names.Count == 0)
            {
                problems.Add(new FlowProblem(path, $"place '{id}' ({node.Line()})", "needs 'name: {{ ru: ..., en: ... }}'"));
            }
            var children = childLevels.Length > 0 && map.Child(childLevels[0]) is YamlSequenceNode childNodes
                ? ReadPlaces(path, childNodes, childLevels[1..], problems)
                : [];
            places.Add(new Place(id, names.ToImmutable(), map.Scalar("kind"), children));
        }
        return places.ToImmutable();
    }
}
