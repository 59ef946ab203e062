using System.Collections.Immutable;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace CommunityBot.Conversations;

/// <summary>A named place in the directory, with its name in every language and the names members also type for it
/// (<paramref name="Also"/>: a former name, "Чимкент" for Shymkent), which are never shown.</summary>
internal sealed record Place(string Id, ImmutableDictionary<string, string> Names, string? Kind, ImmutableArray<Place> Children,
    ImmutableArray<string> Also)
{
    /// <summary>Every name a member may type for the place: its names in every language and its other names.</summary>
    public IEnumerable<string> TypedNames => Names.Values.Concat(Also);

    public string Name(string language, string fallbackLanguage) =>
        Names.TryGetValue(language, out var name) ? name : Names.GetValueOrDefault(fallbackLanguage, Id);
}

/// <summary>What a member typed at the region question turned out to name: a region, or a town and its region.</summary>
internal sealed record TypedPlace(string RegionId, string? CityId);

/// <summary>The configured regions, their cities and the facilities in them (format: Bot/Flows/README.md).</summary>
internal sealed partial class PlaceDirectory(ImmutableArray<Place> regions, string sourcePath)
{
    public ImmutableArray<Place> Regions { get; } = regions;

    public string SourcePath { get; } = sourcePath;

    public static PlaceDirectory Empty { get; } = new([], "(none)");

    public ImmutableArray<Place> CitiesOf(string? regionId) =>
        Regions.FirstOrDefault(r => r.Id == regionId)?.Children ?? [];

    public ImmutableArray<Place> FacilitiesOf(string? regionId, string? cityId, string? kind) =>
        CitiesOf(regionId).FirstOrDefault(c => c.Id == cityId)?.Children
            .Where(f => kind is null || f.Kind == kind).ToImmutableArray() ?? [];

    /// <summary>The place a member typed at the region question, or null when it names none of the directory's, or several.
    /// Members answer "where" with their town more often than with the region ("Караганда", "г. Алматы", "Өскемен"): a
    /// town, in any of its languages' names, is looked up in every region and names its region too. A region may be
    /// typed by its name or by its first words ("Карагандинская" for "Карагандинская область").</summary>
    public TypedPlace? FindTyped(string text)
    {
        // "в Алматы" as "Алматы": the preposition members answer "where?" with is no part of the name.
        var typed = Bare(text);
        if (typed.Length == 0)
        {
            return null;
        }
        var towns = Regions.SelectMany(r => r.Children.Select(c => (Id: r.Id + "/" + c.Id, Names: c.TypedNames)));
        if (TypedChoice.MatchName(towns, typed) is { } town)
        {
            var at = town.IndexOf('/', StringComparison.Ordinal);
            return new TypedPlace(town[..at], town[(at + 1)..]);
        }
        var regions = Regions.Select(r => (r.Id, Names: r.TypedNames)).ToList();
        if ((TypedChoice.MatchName(regions, text) ?? ByFirstWords(regions, typed)) is { } region)
        {
            return new TypedPlace(region, null);
        }
        return null;
    }

    /// <summary>The one region one of whose names begins with <paramref name="text"/> as whole words.</summary>
    private static string? ByFirstWords(List<(string Id, IEnumerable<string> Names)> regions, string text)
    {
        var folded = TypedChoice.Fold(text);
        if (folded.Length < MinFirstWords || !folded.All(c => char.IsLetter(c) || c is ' ' or '-'))
        {
            return null;
        }
        var begun = regions
            .Where(r => r.Names.Select(TypedChoice.Fold).Any(name => name.Length > folded.Length
                && name.StartsWith(folded, StringComparison.Ordinal) && !char.IsLetterOrDigit(name[folded.Length])))
            .Select(r => r.Id)
            .Take(2)
            .ToList();
        return begun.Count == 1 ? begun[0] : null;
    }

    // Shorter than any region's first word: "за" or "се" begin nothing a member means.
    private const int MinFirstWords = 4;

    /// <summary>A place's name as typed without the words around it: "в Алматы", "г. Алматы", "in Almaty", "Алматы
    /// қаласы".</summary>
    public static string Bare(string text) => TownWord().Replace(Preposition().Replace(text.Trim(), ""), "");

    /// <summary>A preposition before a place's name, as members answer "where": "в Алматы", "in Almaty".</summary>
    [GeneratedRegex(@"^(?:в|во|из|под|около|in|at|near)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Preposition();

    /// <summary>The word for a town written before or after its name: "г. Алматы", "город Караганда", "Алматы қаласы"
    /// (also typed "каласы"), "Almaty city".</summary>
    [GeneratedRegex(@"^(?:г\.|гор\.|г(?=\s)|город(?=\s)|қ\.|city of(?=\s))\s*|\s+(?:[қк]аласы|қ\.|city)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TownWord();

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
            ImmutableArray<string> also = map.Child("also") is YamlSequenceNode alsoNodes
                ? [.. alsoNodes.OfType<YamlScalarNode>().Select(n => n.Value).OfType<string>().Where(name => name.Length > 0)]
                : [];
            places.Add(new Place(id, names.ToImmutable(), map.Scalar("kind"), children, also));
        }
        return places.ToImmutable();
    }
}
