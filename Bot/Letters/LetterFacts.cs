using System.Collections.Immutable;
using CommunityBot.Conversations;
using CommunityBot.Moderation;
using CommunityBot.Reports;

namespace CommunityBot.Letters;

/// <summary>What a template may name: an object with known members, a list of one shape, or plain text.</summary>
/// <param name="Open">Anything goes below this point (a template's own <c>assign</c> or <c>forloop</c>).</param>
internal sealed record FieldShape(ImmutableDictionary<string, FieldShape>? Members = null, FieldShape? Element = null, bool Open = false)
{
    public static FieldShape Text { get; } = new();

    public static FieldShape Anything { get; } = new(Open: true);

    public static FieldShape Object(params IEnumerable<(string Name, FieldShape Shape)> members) =>
        new(members.ToImmutableDictionary(member => member.Name, member => member.Shape, StringComparer.Ordinal));

    public static FieldShape ListOf(FieldShape element) => new(Element: element);
}

/// <summary>
/// The facts a letter template sees, and nothing else: the de-identified fields of one report, or counts over a set.
/// No member, no moderator, no free text but the member's story and the names of places they typed themselves, and
/// those only when they agreed to the use of their report in appeals. The names here are the template language's;
/// <c>Bot/Letters/Templates/README.md</c> lists them.
/// </summary>
internal static class LetterFacts
{
    public const string Letter = "letter";
    public const string Fields = "fields";
    public const string Report = "report";
    public const string Aggregate = "aggregate";

    /// <summary>The most consented stories a collective letter quotes.</summary>
    public const int MaxAccounts = 5;

    /// <summary>The <c>affected</c> answer of a member who reported about themselves: only then is the story the
    /// patient's own words.</summary>
    private const string AffectedSelf = "me";

    private static readonly FieldShape Row = FieldShape.Object(("name", FieldShape.Text), ("count", FieldShape.Text));

    private static readonly FieldShape ReportShape = FieldShape.Object(
        ("label", FieldShape.Text),
        ("category", FieldShape.Text),
        ("incident_date", FieldShape.Text),
        ("submitted", FieldShape.Text),
        ("region", FieldShape.Text),
        ("city", FieldShape.Text),
        ("place", FieldShape.Text),
        ("facility_kind", FieldShape.Text),
        ("facility", FieldShape.Text),
        ("consequences", FieldShape.ListOf(FieldShape.Text)),
        ("about_self", FieldShape.Text),
        ("narrative", FieldShape.Text));

    private static readonly FieldShape AggregateShape = FieldShape.Object(
        ("total", FieldShape.Text),
        ("period", FieldShape.Text),
        ("period_from", FieldShape.Text),
        ("period_to", FieldShape.Text),
        ("by_category", FieldShape.ListOf(Row)),
        ("by_facility", FieldShape.ListOf(Row)),
        ("by_month", FieldShape.ListOf(Row)),
        ("without_rejected", FieldShape.Text),
        ("accounts", FieldShape.ListOf(FieldShape.Object(
            ("month", FieldShape.Text), ("category", FieldShape.Text), ("narrative", FieldShape.Text)))));

    /// <summary>Every name a template of this kind with these fields may use.</summary>
    public static ImmutableDictionary<string, FieldShape> Shape(LetterKind kind, IEnumerable<string> fieldNames)
    {
        var roots = ImmutableDictionary.CreateBuilder<string, FieldShape>(StringComparer.Ordinal);
        roots[Letter] = FieldShape.Object(("date", FieldShape.Text), ("title", FieldShape.Text));
        roots[Fields] = FieldShape.Object(fieldNames.Select(name => (name, FieldShape.Text)));
        roots[kind == LetterKind.Single ? Report : Aggregate] = kind == LetterKind.Single ? ReportShape : AggregateShape;
        return roots.ToImmutable();
    }

    /// <summary>Whether the member agreed to the use of their report in appeals. Only then may a letter be about this
    /// one case (its date, facility and city could point at the one person at a small site), quote the story, or name
    /// a place in the member's own words; without it the case is only counted among many.</summary>
    public static bool AppealsConsent(ImmutableDictionary<string, Answer> answers) =>
        answers.GetValueOrDefault(ReportSteps.AppealsConsent) is YesNoAnswer { Yes: true };

    /// <summary>The de-identified fields of one report. The story and typed place names only with the member's consent
    /// to the use of the report in appeals (a single-report letter is refused without it, see
    /// <see cref="LetterWriter"/>).</summary>
    public static Dictionary<string, object?> OfReport(IncidentReport report, LetterNames names)
    {
        var answers = report.Answers;
        var consent = AppealsConsent(answers);
        var city = Place(answers, ReportSteps.City, names, consent);
        var region = Place(answers, ReportSteps.Region, names, consent);
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["label"] = report.Label,
            ["category"] = names.Category(Choice(answers, ReportSteps.Category)),
            ["incident_date"] = answers.GetValueOrDefault(ReportSteps.When) is DateAnswer when ? names.Day(when.Date) : names.Unknown,
            ["submitted"] = names.Day(report.SubmittedOn),
            ["region"] = region ?? names.Unknown,
            ["city"] = city ?? names.Unknown,
            ["place"] = city is null ? region ?? names.Unknown : LetterNames.CityAndRegion(city, region, RegionIsTheCity(answers)),
            ["facility_kind"] = Choice(answers, ReportSteps.FacilityKind) is { } kind ? names.Choice(ReportSteps.FacilityKind, kind) : names.Unknown,
            ["facility"] = Place(answers, ReportSteps.Facility, names, consent) ?? names.Unknown,
            ["consequences"] = Consequences(answers).Select(id => (object?)names.Choice(ReportSteps.Consequences, id)).ToList(),
            ["about_self"] = Choice(answers, ReportSteps.Affected) == AffectedSelf,
            ["narrative"] = ConsentedNarrative(answers),
        };
    }

    public static Dictionary<string, object?> OfLetter(string date, string title) =>
        new(StringComparer.Ordinal) { ["date"] = date, ["title"] = title };

    /// <summary>Every declared field, empty when not given, so <c>{% if fields.x != "" %}</c> works for optional ones.</summary>
    public static Dictionary<string, object?> OfFields(LetterTemplate template, IReadOnlyDictionary<string, string> answers) =>
        template.Fields.ToDictionary(field => field.Name, field => (object?)(answers.GetValueOrDefault(field.Name)?.Trim() ?? ""), StringComparer.Ordinal);

    /// <summary>The story, when the member agreed to the use of the facts in appeals; null otherwise.</summary>
    public static string? ConsentedNarrative(ImmutableDictionary<string, Answer> answers) =>
        AppealsConsent(answers) && answers.GetValueOrDefault(ReportSteps.Narrative) is TextAnswer { Text: { Length: > 0 } text }
            ? text
            : null;

    internal static string? Choice(ImmutableDictionary<string, Answer> answers, string step) =>
        answers.GetValueOrDefault(step) is ChoiceAnswer answer ? answer.Choice : null;

    /// <summary>A place from the directory by its name; one the member typed under "Other" only with their consent.</summary>
    internal static string? Place(ImmutableDictionary<string, Answer> answers, string step, LetterNames names, bool consent) =>
        answers.GetValueOrDefault(step) switch
        {
            PlaceAnswer { PlaceId: { } id } => names.Place(step, id),
            PlaceAnswer { OtherText: { } typed } when consent => typed,
            _ => null,
        };

    // The directory lists each city of republican significance (Almaty, Astana, Shymkent) as a region of the same id.
    private static bool RegionIsTheCity(ImmutableDictionary<string, Answer> answers) =>
        answers.GetValueOrDefault(ReportSteps.Region) is PlaceAnswer { PlaceId: { } region }
        && answers.GetValueOrDefault(ReportSteps.City) is PlaceAnswer { PlaceId: { } city }
        && string.Equals(region, city, StringComparison.Ordinal);

    private static IEnumerable<string> Consequences(ImmutableDictionary<string, Answer> answers) =>
        answers.GetValueOrDefault(ReportSteps.Consequences) is ChoicesAnswer consequences
            ? consequences.Choices.Where(id => id != "none")
            : [];
}

/// <summary>
/// Counts for a collective letter, gathered one report at a time as they stream from the database: by category, by
/// facility (with its city) and by month of the incident, and a few stories from members who agreed to their use in
/// appeals. Facilities typed by members (not from the directory) are counted together, unnamed: a typed name is the
/// member's own words, and a row of one would point at them. Withdrawn reports are never counted; rejected and
/// duplicate ones only when the filter asks for that status.
/// </summary>
/// <remarks>Small-count suppression must not be undone by the letter itself: each breakdown hides, besides its counts
/// below <see cref="ReportCounts.SmallCountFloor"/>, whatever the total would give back (<see cref="Breakdown"/>); a
/// story is quoted only from a category and a month whose counts are shown, and carries at most its month, never a
/// label.</remarks>
internal sealed class AggregateFigures(LetterNames names, ReportFilter filter)
{
    private static readonly ReportStatus[] LeftOutByDefault = [ReportStatus.Rejected, ReportStatus.Duplicate];

    private readonly Dictionary<string, int> _byCategory = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _byFacility = new(StringComparer.Ordinal);
    private readonly SortedDictionary<DateOnly, int> _byMonth = [];
    private readonly List<(string Category, DateOnly Month, string Narrative)> _stories = [];

    public int Total { get; private set; }

    public void Add(IncidentReport report)
    {
        if (!Counts(report))
        {
            return;
        }
        var answers = report.Answers;
        Total++;
        var category = names.Category(LetterFacts.Choice(answers, ReportSteps.Category));
        Increment(_byCategory, category);
        var facility = answers.GetValueOrDefault(ReportSteps.Facility) switch
        {
            PlaceAnswer { PlaceId: { } id } => names.FacilityInCity(id),
            PlaceAnswer => names.Text("letters.other_facilities"),
            _ => names.Unknown,
        };
        Increment(_byFacility, facility);
        var day = answers.GetValueOrDefault(ReportSteps.When) is DateAnswer when ? when.Date : report.SubmittedOn;
        var month = new DateOnly(day.Year, day.Month, 1);
        _byMonth[month] = _byMonth.GetValueOrDefault(month) + 1;
        // Enough of each category to fill the letter whichever categories turn out large enough to quote.
        if (LetterFacts.ConsentedNarrative(answers) is { } narrative && _stories.Count(story => story.Category == category) < LetterFacts.MaxAccounts)
        {
            _stories.Add((category, month, narrative));
        }
    }

    /// <param name="from">The filter's first day, if it has one; else the first month counted.</param>
    /// <param name="to">The filter's last day, if it has one; else the last month counted.</param>
    public Dictionary<string, object?> ToFacts(DateOnly? from, DateOnly? to)
    {
        var first = from ?? (_byMonth.Count > 0 ? _byMonth.Keys.First() : null);
        var last = to ?? (_byMonth.Count > 0 ? _byMonth.Keys.Last() : null);
        var periodFrom = first is { } f ? names.Month(f) : names.Unknown;
        var periodTo = last is { } l ? names.Month(l) : names.Unknown;
        var categories = Shown(_byCategory.Select(pair => (pair.Key, pair.Value)));
        // Months keep their order: it says nothing about the counts.
        var months = Shown(_byMonth.Select(pair => (names.Month(pair.Key), pair.Value)), inOrder: true);
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["total"] = names.Count(Total),
            ["period"] = periodFrom == periodTo ? periodFrom : periodFrom + " – " + periodTo,
            ["period_from"] = periodFrom,
            ["period_to"] = periodTo,
            ["by_category"] = Rows(categories),
            ["by_facility"] = Rows(Shown(_byFacility.Select(pair => (pair.Key, pair.Value)))),
            ["by_month"] = Rows(months),
            ["without_rejected"] = filter.Status is null,
            ["accounts"] = _stories
                .Where(story => ShownCount(categories, story.Category) && ShownCount(months, names.Month(story.Month)))
                .Take(LetterFacts.MaxAccounts)
                .Select(story => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["month"] = names.Month(story.Month),
                    ["category"] = story.Category,
                    ["narrative"] = story.Narrative,
                })
                .ToList(),
        };
    }

    private bool Counts(IncidentReport report) =>
        report.Status != ReportStatus.Withdrawn
        && (filter.Status is { } status ? report.Status == status : !LeftOutByDefault.Contains(report.Status))
        && (filter.Category is not { } category || LetterFacts.Choice(report.Answers, ReportSteps.Category) == category);

    /// <summary>A breakdown as the letter shows it (see <see cref="Breakdown"/>): shown counts largest first, then the
    /// hidden rows by name, so that their order tells nothing of their counts; months in order. Empty when the
    /// breakdown cannot be shown without singling someone out.</summary>
    private static List<(string Name, int? Count)> Shown(IEnumerable<(string Name, int Count)> counts, bool inOrder = false)
    {
        var rows = counts.ToList();
        if (Breakdown.HiddenRows(rows, ReportCounts.SmallCountFloor) is not { } hidden)
        {
            return [];
        }
        var shown = rows.Select((row, index) => (row.Name, Count: hidden[index] ? null : (int?)row.Count));
        return inOrder
            ? [.. shown]
            : [.. shown.OrderBy(row => row.Count is null).ThenByDescending(row => row.Count).ThenBy(row => row.Name, StringComparer.Ordinal)];
    }

    // A story is quoted only where its category and its month show their counts: quoting from a hidden row would tell
    // that it holds at least one report, or as many as the stories quoted, and so undo what was hidden.
    private static bool ShownCount(List<(string Name, int? Count)> rows, string name) =>
        rows.Exists(row => row.Name == name && row.Count is not null);

    private List<object?> Rows(List<(string Name, int? Count)> rows) =>
        [.. rows.Select(row => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = row.Name,
            ["count"] = row.Count is { } count ? names.Figure(count) : names.Text("letters.not_shown"),
        })];

    private static void Increment(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}
