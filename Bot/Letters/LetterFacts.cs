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
/// No member, no moderator, no free text but the member's story, and that only when they agreed to its use in
/// appeals. The names here are the template language's; <c>Bot/Letters/Templates/README.md</c> lists them.
/// </summary>
internal static class LetterFacts
{
    public const string Letter = "letter";
    public const string Fields = "fields";
    public const string Report = "report";
    public const string Aggregate = "aggregate";

    /// <summary>The most consented stories a collective letter quotes.</summary>
    public const int MaxAccounts = 5;

    private static readonly FieldShape Row = FieldShape.Object(("name", FieldShape.Text), ("count", FieldShape.Text));

    private static readonly FieldShape ReportShape = FieldShape.Object(
        ("label", FieldShape.Text),
        ("category", FieldShape.Text),
        ("incident_date", FieldShape.Text),
        ("submitted", FieldShape.Text),
        ("region", FieldShape.Text),
        ("city", FieldShape.Text),
        ("facility_kind", FieldShape.Text),
        ("facility", FieldShape.Text),
        ("consequences", FieldShape.ListOf(FieldShape.Text)),
        ("narrative", FieldShape.Text));

    private static readonly FieldShape AggregateShape = FieldShape.Object(
        ("total", FieldShape.Text),
        ("period", FieldShape.Text),
        ("period_from", FieldShape.Text),
        ("period_to", FieldShape.Text),
        ("by_category", FieldShape.ListOf(Row)),
        ("by_facility", FieldShape.ListOf(Row)),
        ("by_month", FieldShape.ListOf(Row)),
        ("accounts", FieldShape.ListOf(FieldShape.Object(
            ("label", FieldShape.Text), ("month", FieldShape.Text), ("category", FieldShape.Text), ("narrative", FieldShape.Text)))));

    /// <summary>Every name a template of this kind with these fields may use.</summary>
    public static ImmutableDictionary<string, FieldShape> Shape(LetterKind kind, IEnumerable<string> fieldNames)
    {
        var roots = ImmutableDictionary.CreateBuilder<string, FieldShape>(StringComparer.Ordinal);
        roots[Letter] = FieldShape.Object(("date", FieldShape.Text), ("title", FieldShape.Text));
        roots[Fields] = FieldShape.Object(fieldNames.Select(name => (name, FieldShape.Text)));
        roots[kind == LetterKind.Single ? Report : Aggregate] = kind == LetterKind.Single ? ReportShape : AggregateShape;
        return roots.ToImmutable();
    }

    /// <summary>The de-identified fields of one report. The story only with the member's consent to its use in appeals.</summary>
    public static Dictionary<string, object?> OfReport(IncidentReport report, LetterNames names)
    {
        var answers = report.Answers;
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["label"] = report.Label,
            ["category"] = names.Category(Choice(answers, ReportSteps.Category)),
            ["incident_date"] = answers.GetValueOrDefault(ReportSteps.When) is DateAnswer when ? names.Day(when.Date) : names.Unknown,
            ["submitted"] = names.Day(report.SubmittedOn),
            ["region"] = Place(answers, ReportSteps.Region, names) ?? names.Unknown,
            ["city"] = Place(answers, ReportSteps.City, names) ?? names.Unknown,
            ["facility_kind"] = Choice(answers, ReportSteps.FacilityKind) is { } kind ? names.Choice(ReportSteps.FacilityKind, kind) : names.Unknown,
            ["facility"] = Place(answers, ReportSteps.Facility, names) ?? names.Unknown,
            ["consequences"] = Consequences(answers).Select(id => (object?)names.Choice(ReportSteps.Consequences, id)).ToList(),
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
        AppealsConsented(answers) && answers.GetValueOrDefault(ReportSteps.Narrative) is TextAnswer { Text: { Length: > 0 } text }
            ? text
            : null;

    /// <summary>The member agreed to the use of the facts in appeals: only then does anything they typed in their own
    /// words (the story, a place under "Other") leave the bot in a letter or an export.</summary>
    public static bool AppealsConsented(ImmutableDictionary<string, Answer> answers) =>
        answers.GetValueOrDefault(ReportSteps.AppealsConsent) is YesNoAnswer { Yes: true };

    internal static string? Choice(ImmutableDictionary<string, Answer> answers, string step) =>
        answers.GetValueOrDefault(step) is ChoiceAnswer answer ? answer.Choice : null;

    internal static string? Place(ImmutableDictionary<string, Answer> answers, string step, LetterNames names) =>
        answers.GetValueOrDefault(step) switch
        {
            PlaceAnswer { PlaceId: { } id } => names.Place(step, id),
            // A place typed under "Other" is the member's own words, which can point at them like the story can.
            PlaceAnswer { OtherText: { } typed } when AppealsConsented(answers) => typed,
            _ => null,
        };

    private static IEnumerable<string> Consequences(ImmutableDictionary<string, Answer> answers) =>
        answers.GetValueOrDefault(ReportSteps.Consequences) is ChoicesAnswer consequences
            ? consequences.Choices.Where(id => id != "none")
            : [];
}

/// <summary>
/// Counts for a collective letter, gathered one report at a time as they stream from the database: by category, by
/// facility and by month of the incident, and a few stories from members who agreed to their use in appeals.
/// Facilities typed by members (not from the directory) are counted together, unnamed: a typed name is the member's
/// own words. Withdrawn reports are not counted.
/// </summary>
internal sealed class AggregateFigures(LetterNames names)
{
    private readonly Dictionary<string, int> _byCategory = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _byFacility = new(StringComparer.Ordinal);
    private readonly SortedDictionary<DateOnly, int> _byMonth = [];
    private readonly List<Dictionary<string, object?>> _accounts = [];

    public int Total { get; private set; }

    public void Add(IncidentReport report)
    {
        if (report.Status == ReportStatus.Withdrawn)
        {
            return;
        }
        var answers = report.Answers;
        Total++;
        var category = names.Category(LetterFacts.Choice(answers, ReportSteps.Category));
        Increment(_byCategory, category);
        var facility = answers.GetValueOrDefault(ReportSteps.Facility) switch
        {
            PlaceAnswer { PlaceId: { } id } => names.Place(ReportSteps.Facility, id),
            PlaceAnswer => names.Text("letters.other_facilities"),
            _ => names.Unknown,
        };
        Increment(_byFacility, facility);
        var day = answers.GetValueOrDefault(ReportSteps.When) is DateAnswer when ? when.Date : report.SubmittedOn;
        var month = new DateOnly(day.Year, day.Month, 1);
        _byMonth[month] = _byMonth.GetValueOrDefault(month) + 1;
        if (_accounts.Count < LetterFacts.MaxAccounts && LetterFacts.ConsentedNarrative(answers) is { } narrative)
        {
            _accounts.Add(new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["label"] = report.Label,
                ["month"] = names.Month(month),
                ["category"] = category,
                ["narrative"] = narrative,
            });
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
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["total"] = names.Count(Total),
            ["period"] = periodFrom == periodTo ? periodFrom : periodFrom + " – " + periodTo,
            ["period_from"] = periodFrom,
            ["period_to"] = periodTo,
            ["by_category"] = Rows(_byCategory),
            ["by_facility"] = Rows(_byFacility),
            ["by_month"] = _byMonth.Select(pair => Row(names.Month(pair.Key), pair.Value)).ToList(),
            ["accounts"] = _accounts.Cast<object?>().ToList(),
        };
    }

    private List<object?> Rows(Dictionary<string, int> counts) =>
        [.. counts.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => Row(pair.Key, pair.Value))];

    private Dictionary<string, object?> Row(string name, int count) =>
        new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = name, ["count"] = names.Count(count) };

    private static void Increment(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}
