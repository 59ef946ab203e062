using System.Globalization;
using CommunityBot.Conversations;
using CommunityBot.Moderation;
using CommunityBot.Reports;

namespace CommunityBot.Letters;

/// <summary>How a letter in one language names what reports hold: choices by the letters' own wording
/// (<c>letters.category.*</c>, <c>letters.consequences.*</c>, <c>letters.facility_kind.*</c>: an official reads a
/// sentence, not a member's button), places by their names in the directory, days and months as that language writes
/// them, counts with small ones suppressed.</summary>
internal sealed class LetterNames
{
    private readonly FlowBundle _flow;
    private readonly StatisticsLabels _labels;
    private readonly CultureInfo _culture;
    private readonly Dictionary<string, Dictionary<string, string>> _places;
    private readonly Dictionary<string, string> _cityOfFacility;

    public LetterNames(FlowBundle flow, string language)
    {
        _flow = flow;
        Language = language;
        _labels = new StatisticsLabels(flow, language);
        _culture = Culture(language);
        // Ids are unique within a level only: the city of Almaty and the region of Almaty are both "almaty".
        var regions = flow.Places.Regions;
        var cities = regions.SelectMany(region => region.Children).ToArray();
        _places = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal)
        {
            [ReportSteps.Region] = Names(regions),
            [ReportSteps.City] = Names(cities),
            [ReportSteps.Facility] = Names(cities.SelectMany(city => city.Children)),
        };
        _cityOfFacility = cities
            .SelectMany(city => city.Children.Select(facility => (facility.Id, City: city.Name(language, flow.Texts.DefaultLanguage))))
            .DistinctBy(pair => pair.Id, StringComparer.Ordinal)
            .ToDictionary(pair => pair.Id, pair => pair.City, StringComparer.Ordinal);
    }

    /// <summary>The steps whose choices a letter names in its own words, each with the choices that need no words.</summary>
    public static IReadOnlyList<(string Step, string[] Unnamed)> WordedSteps { get; } =
        [(ReportSteps.Category, []), (ReportSteps.Consequences, ["none"]), (ReportSteps.FacilityKind, [])];

    /// <summary>The text key of a choice as a letter words it.</summary>
    public static string LetterKey(string step, string id) => $"letters.{step}.{id}";

    public string Language { get; }

    public string Text(string key, params ReadOnlySpan<(string Name, string Value)> values) => _flow.Texts.Get(Language, key, values);

    public string Unknown => Text("letters.unknown");

    public string Category(string? id) => id is null ? Unknown : Choice(ReportSteps.Category, id);

    /// <summary>The letters' wording of a choice; the member's label only for a choice added to the flow without one
    /// (start-up refuses that for the shipped steps, see <see cref="LetterTemplateCatalog"/>).</summary>
    public string Choice(string step, string id) =>
        _flow.Texts.Has(Language, LetterKey(step, id)) ? Text(LetterKey(step, id)) : _labels.Choice(step, id);

    /// <summary>A facility of the directory with its city (<c>Кабинет ОЗТ, Шымкент</c>): many cities have a facility
    /// of the same name, and each is a place of its own.</summary>
    public string FacilityInCity(string id) =>
        _cityOfFacility.TryGetValue(id, out var city) ? Place(ReportSteps.Facility, id) + ", " + city : Place(ReportSteps.Facility, id);

    /// <summary>The city, then its region, unless the region is the city itself (Almaty is both): "Алматы", "Семей,
    /// Область Абай".</summary>
    public static string CityAndRegion(string city, string? region, bool regionIsTheCity) =>
        region is null || regionIsTheCity ? city : city + ", " + region;

    public string Place(string step, string id) =>
        _places.TryGetValue(step, out var level) && level.TryGetValue(id, out var name) ? name : id;

    public string Day(DateOnly day) => day.ToString(Text("letters.date_format"), _culture);

    public string Month(DateOnly day) => day.ToString(Text("letters.month_format"), _culture);

    /// <summary>A count a letter shows as it is (a breakdown's rows, once <see cref="Breakdown"/> has chosen which).</summary>
    public string Figure(int count) => count.ToString(_culture);

    /// <summary>A total as a letter may show it: below <see cref="ReportCounts.SmallCountFloor"/> (but not zero) as
    /// "fewer than 3", so that nobody reading the letter can single out one or two people.</summary>
    public string Count(int count) =>
        count is > 0 and < ReportCounts.SmallCountFloor
            ? Text("letters.fewer_than", ("floor", ReportCounts.SmallCountFloor.ToString(_culture)))
            : Figure(count);

    private Dictionary<string, string> Names(IEnumerable<Place> places) =>
        places.DistinctBy(place => place.Id, StringComparer.Ordinal)
            .ToDictionary(place => place.Id, place => place.Name(Language, _flow.Texts.DefaultLanguage), StringComparer.Ordinal);

    private static CultureInfo Culture(string language)
    {
        try
        {
            return CultureInfo.GetCultureInfo(language);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }
}
