using System.Collections.Immutable;
using System.Text.RegularExpressions;
using CommunityBot.Conversations;
using CommunityBot.Moderation;
using CommunityBot.Reports;

namespace CommunityBot.Letters;

/// <summary>
/// Every letter template, by language: the shipped ones (<c>Letters/Templates/{language}/{id}.liquid</c> beside the
/// program), replaced or added to by those of a configured folder of the same layout. Loading checks every template
/// (it parses, names only fields its kind provides, renders a sample in its language, agrees in kind with its other
/// languages) and throws <see cref="LetterTemplateException"/> naming each file and line that does not.
/// </summary>
internal sealed partial class LetterTemplateCatalog
{
    private readonly ImmutableDictionary<string, ImmutableArray<LetterTemplate>> _byLanguage;

    private LetterTemplateCatalog(ImmutableDictionary<string, ImmutableArray<LetterTemplate>> byLanguage) => _byLanguage = byLanguage;

    public static string ShippedFolder => Path.Combine(AppContext.BaseDirectory, "Letters", "Templates");

    public IEnumerable<string> Languages => _byLanguage.Keys.Order(StringComparer.Ordinal);

    /// <summary>The templates in a language, ordered by id.</summary>
    public ImmutableArray<LetterTemplate> For(string language) => _byLanguage.GetValueOrDefault(language, []);

    public LetterTemplate? Find(string id, string language) =>
        For(language).FirstOrDefault(template => string.Equals(template.Id, id, StringComparison.Ordinal));

    /// <param name="folders">Later folders replace the templates of earlier ones with the same language and id; a
    /// folder that does not exist is skipped.</param>
    public static LetterTemplateCatalog Load(IEnumerable<string> folders, FlowBundle flow, LetterRenderer renderer)
    {
        var problems = new List<TemplateProblem>();
        var files = new Dictionary<(string Language, string Id), string>();
        foreach (var folder in folders.Where(Directory.Exists))
        {
            foreach (var languageFolder in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
            {
                var language = Path.GetFileName(languageFolder);
                if (!LanguageCode().IsMatch(language))
                {
                    continue;
                }
                foreach (var file in Directory.EnumerateFiles(languageFolder, "*" + LetterTemplateFile.Extension).Order(StringComparer.Ordinal))
                {
                    files[(language, Path.GetFileNameWithoutExtension(file))] = file;
                }
            }
        }

        var templates = new List<LetterTemplate>();
        foreach (var ((language, _), file) in files.OrderBy(pair => pair.Value, StringComparer.Ordinal))
        {
            if (!flow.Texts.Has(language))
            {
                problems.Add(new TemplateProblem(file, null, $"there is no language file for '{language}' (Flows/texts/{language}.yaml)"));
                continue;
            }
            if (LetterTemplateFile.Read(file, language, renderer.Parser, renderer.Filters, problems) is { } template
                && RendersItsSample(template, flow, renderer, problems))
            {
                templates.Add(template);
            }
        }
        foreach (var sameId in templates.GroupBy(template => template.Id, StringComparer.Ordinal))
        {
            if (sameId.Select(template => template.Kind).Distinct().Count() > 1)
            {
                problems.AddRange(sameId.Select(template =>
                    new TemplateProblem(template.File, null, $"'{template.Id}' is {Kind(template.Kind)} here but not in every language")));
            }
            // Remembered answers are kept by field name, so one letter asks for the same fields in every language.
            if (sameId.Select(RequiredNames).Distinct(StringComparer.Ordinal).Count() > 1)
            {
                problems.AddRange(sameId.Select(template =>
                    new TemplateProblem(template.File, null, $"'{template.Id}' requires {RequiredNames(template)} here but other fields in another language")));
            }
        }
        foreach (var template in templates.Where(template => template.Category is { } category && !ChoicesOf(flow, ReportSteps.Category).Contains(category)))
        {
            problems.Add(new TemplateProblem(template.File, null,
                $"'category: {template.Category}' is not a choice of the flow's category step ({string.Join(", ", ChoicesOf(flow, ReportSteps.Category))})"));
        }
        problems.AddRange(MissingLetterWords(flow, templates.Select(template => template.Language).Distinct(StringComparer.Ordinal)));
        if (problems.Count > 0)
        {
            throw new LetterTemplateException(problems);
        }
        return new LetterTemplateCatalog(templates
            .GroupBy(template => template.Language, StringComparer.Ordinal)
            .ToImmutableDictionary(group => group.Key, group => group.OrderBy(template => template.Id, StringComparer.Ordinal).ToImmutableArray(), StringComparer.Ordinal));
    }

    /// <summary>A letter names what happened in its own words (<c>letters.category.hospital</c>), not with the member's
    /// button: every choice of those steps needs them in every language that has templates.</summary>
    private static IEnumerable<TemplateProblem> MissingLetterWords(FlowBundle flow, IEnumerable<string> languages) =>
        from language in languages.Order(StringComparer.Ordinal)
        from worded in LetterNames.WordedSteps
        from choice in ChoicesOf(flow, worded.Step).Except(worded.Unnamed, StringComparer.Ordinal)
        let key = LetterNames.LetterKey(worded.Step, choice)
        where !flow.Texts.Has(language, key)
        select new TemplateProblem($"Flows/texts/{language}.yaml", null, $"letters need the key '{key}': how a letter names this choice");

    private static ImmutableArray<string> ChoicesOf(FlowBundle flow, string stepId) =>
        flow.Flow.TryGetStep(stepId, out var step)
            ? [.. step.Choices.Concat(step.ChoiceVariants.SelectMany(variant => variant.Choices)).Distinct(StringComparer.Ordinal)]
            : [];

    private static string RequiredNames(LetterTemplate template) =>
        string.Join(", ", template.RequiredFields.Select(field => field.Name).Order(StringComparer.Ordinal));

    public static string Kind(LetterKind kind) => kind == LetterKind.Single ? "single" : "aggregate";

    private static bool RendersItsSample(LetterTemplate template, FlowBundle flow, LetterRenderer renderer, List<TemplateProblem> problems)
    {
        try
        {
            var names = new LetterNames(flow, template.Language);
            var letter = renderer.Render(template, LetterSamples.Facts(template, names));
            if (letter.Subject.Length == 0 || letter.Body.IsEmpty || letter.Addressee.IsEmpty)
            {
                problems.Add(new TemplateProblem(template.File, null, "with a sample report the addressee, the subject or the body comes out empty"));
                return false;
            }
            return true;
        }
#pragma warning disable CA1031 // Whatever a broken template throws, start-up reports it with the file's name.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            problems.Add(new TemplateProblem(template.File, null, "does not render with a sample report: " + ex.Message));
            return false;
        }
    }

    [GeneratedRegex("^[a-z]{2,3}$")]
    private static partial Regex LanguageCode();
}

/// <summary>Made-up facts for checking that a template renders, and for trying one out.</summary>
internal static class LetterSamples
{
    public static IncidentReport Report(string label, DateOnly day, string category, bool appealsConsent, string narrative) => new(
        Guid.NewGuid(),
        label,
        day,
        "incident",
        1,
        "ru",
        null,
        ReportChannel.Telegram,
        new Dictionary<string, Answer>
        {
            [ReportSteps.Category] = new ChoiceAnswer(category),
            [ReportSteps.When] = new DateAnswer(day),
            [ReportSteps.Region] = new PlaceAnswer(null, "Region"),
            [ReportSteps.City] = new PlaceAnswer(null, "City"),
            [ReportSteps.FacilityKind] = new ChoiceAnswer("hospital"),
            [ReportSteps.Facility] = new PlaceAnswer(null, "Facility"),
            [ReportSteps.Narrative] = new TextAnswer(narrative),
            [ReportSteps.Consequences] = new ChoicesAnswer(["missed_doses"]),
            [ReportSteps.AppealsConsent] = new YesNoAnswer(appealsConsent),
        }.ToImmutableDictionary(),
        ReportStatus.New,
        [],
        [],
        null,
        null,
        null,
        [],
        false);

    public static Dictionary<string, object?> Facts(LetterTemplate template, LetterNames names)
    {
        var day = new DateOnly(2026, 1, 15);
        var facts = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [LetterFacts.Letter] = LetterFacts.OfLetter(names.Day(day), template.Title),
            [LetterFacts.Fields] = LetterFacts.OfFields(template, template.Fields.ToDictionary(field => field.Name, field => field.Name)),
        };
        if (template.Kind == LetterKind.Single)
        {
            facts[LetterFacts.Report] = LetterFacts.OfReport(Report("R-2345", day, "hospital", true, "Sample story."), names);
        }
        else
        {
            var figures = new AggregateFigures(names, ReportFilter.All);
            for (var i = 0; i < 4; i++)
            {
                figures.Add(Report("R-234" + i, day.AddDays(i * 20), i % 2 == 0 ? "hospital" : "tb", i % 2 == 0, "Sample story."));
            }
            facts[LetterFacts.Aggregate] = figures.ToFacts(null, null);
        }
        return facts;
    }
}
