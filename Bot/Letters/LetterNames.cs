using System.Globalization;
using CommunityBot.Conversations;
using CommunityBot.Moderation;

namespace CommunityBot.Letters;

/// <summary>How a letter in one language names what reports hold: choices and places by their display names from the
/// flow's texts and directory, days and months as that language writes them, counts with small ones suppressed.</summary>
internal sealed class LetterNames
{
    private readonly FlowBundle _flow;
    private readonly StatisticsLabels _labels;
    private readonly CultureInfo _culture;
    private readonly Dictionary<string, Dictionary<string, string>> _places;

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
    }

    public string Language { get; }

    public string Text(string key, params ReadOnlySpan<(string Name, string Value)> values) => _flow.Texts.Get(Language, key, values);

    public string Unknown => Text("letters.unknown");

    public string Category(string? id) => id is null ? Unknown : _labels.Category(id);

    public string Choice(string step, string id) => _labels.Choice(step, id);

    public string Place(string step, string id) =>
        _places.TryGetValue(step, out var level) && level.TryGetValue(id, out var name) ? name : id;

    public string Day(DateOnly day) => day.ToString(Text("letters.date_format"), _culture);

    public string Month(DateOnly day) => day.ToString(Text("letters.month_format"), _culture);

    /// <summary>A count as a letter may show it: below <see cref="ReportCounts.SmallCountFloor"/> (but not zero) as
    /// "fewer than 3", so that nobody reading the letter can single out one or two people.</summary>
    public string Count(int count) =>
        count is > 0 and < ReportCounts.SmallCountFloor
            ? Text("letters.fewer_than", ("floor", ReportCounts.SmallCountFloor.ToString(_culture)))
            : count.ToString(_culture);

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
