using System.Collections.Immutable;
using System.Globalization;
using CommunityBot.Conversations;
using CommunityBot.Moderation;
using CommunityBot.Reports;

namespace CommunityBot.Letters;

/// <summary>What a letter is about: one report, or the reports a filter covers.</summary>
internal abstract record LetterSource
{
    private protected LetterSource()
    {
    }
}

/// <summary>One report, by its label as a person types it (<c>r-7k3q</c> works).</summary>
internal sealed record OneReport(string Label) : LetterSource;

/// <summary>The reports a filter covers (withdrawn ones are never counted; rejected and duplicate ones only when the
/// filter names that status).</summary>
internal sealed record ReportSet(ReportFilter Filter) : LetterSource;

/// <param name="Fields">The activist's answers by field name; blank answers count as missing.</param>
internal sealed record LetterRequest(string TemplateId, string Language, LetterSource Source, IReadOnlyDictionary<string, string> Fields);

/// <summary>A finished letter.</summary>
/// <param name="FileName">Says what it is: <c>appeal-chief-narcologist-R-7K3Q-2026-11-29.docx</c>.</param>
/// <param name="Docx">The Word document, ready to send or save.</param>
internal sealed record DraftedLetter(LetterTemplate Template, LetterText Text, string FileName, byte[] Docx)
{
    /// <summary>The text preview.</summary>
    public string PlainText => Text.ToPlainText();
}

/// <summary>What became of a request for a letter.</summary>
internal abstract record LetterOutcome
{
    private protected LetterOutcome()
    {
    }

    public sealed record Drafted(DraftedLetter Letter) : LetterOutcome;

    /// <summary>No template with this id in this language.</summary>
    public sealed record TemplateNotFound(string TemplateId, string Language) : LetterOutcome;

    /// <summary>No report with this label, or it was withdrawn by its member.</summary>
    public sealed record ReportNotFound(string Label) : LetterOutcome;

    /// <summary>The member did not agree to the use of their report in appeals: it counts only in letters about many
    /// cases, never in a letter of its own, whose date, facility and city could point at them.</summary>
    public sealed record NoConsent(string Label) : LetterOutcome;

    /// <summary>A single-report template asked for a filter, or a collective one for a label.</summary>
    public sealed record WrongSource(LetterKind Needed) : LetterOutcome;

    /// <summary>A letter about many cases whose filter counts fewer than <see cref="ReportCounts.SmallCountFloor"/>
    /// reports: with none it would tell a state body of violations with nothing to show for them; with one or two, its
    /// kind, facility and month would describe those cases themselves, though their members may have said no to letters.</summary>
    public sealed record TooFewReports(ReportFilter Filter) : LetterOutcome;

    /// <summary>Required fields without an answer; ask for these, in this order.</summary>
    public sealed record MissingFields(ImmutableArray<LetterField> Fields) : LetterOutcome;
}

/// <summary>
/// Appeal letters for any channel: which templates there are, which fields a template still needs, and the letter
/// itself (text preview and .docx) for one report or a filtered set. It reads reports but never changes them, and it
/// stores nothing (remembered answers are <see cref="LetterDefaults"/>, the caller's choice).
/// </summary>
internal sealed class LetterWriter(
    LetterTemplateCatalog catalog,
    LetterRenderer renderer,
    ReportStore reports,
    ReportReader reader,
    FlowBundle flow,
    CalendarSettings calendar,
    TimeProvider time)
{
    /// <summary>The templates in a language (ordered by id), all or of one kind.</summary>
    public ImmutableArray<LetterTemplate> Templates(string language, LetterKind? kind = null) =>
        [.. catalog.For(language).Where(template => kind is null || template.Kind == kind)];

    public LetterTemplate? Find(string templateId, string language) => catalog.Find(templateId, language);

    /// <summary>The required fields of <paramref name="template"/> without a non-blank answer in <paramref name="known"/>.</summary>
    public static ImmutableArray<LetterField> MissingFields(LetterTemplate template, IReadOnlyDictionary<string, string> known) =>
        [.. template.RequiredFields.Where(field => string.IsNullOrWhiteSpace(known.GetValueOrDefault(field.Name)))];

    /// <summary>Why no letter can be written about this one report (it is not there, or its member did not agree to
    /// its use in appeals), or null when one can. Asked before the activist types a single field.</summary>
    public async Task<LetterOutcome?> RefusalAsync(string label) =>
        Refusal(label, await reports.FindByLabelAsync(label));

    private static LetterOutcome? Refusal(string label, IncidentReport? report) =>
        report switch
        {
            null or { Status: ReportStatus.Withdrawn } => new LetterOutcome.ReportNotFound(label),
            _ when !LetterFacts.AppealsConsent(report.Answers) => new LetterOutcome.NoConsent(report.Label),
            _ => null,
        };

    public async Task<LetterOutcome> WriteAsync(LetterRequest request, CancellationToken ct)
    {
        if (catalog.Find(request.TemplateId, request.Language) is not { } template)
        {
            return new LetterOutcome.TemplateNotFound(request.TemplateId, request.Language);
        }
        var needed = template.Kind == LetterKind.Single ? request.Source is OneReport : request.Source is ReportSet;
        if (!needed)
        {
            return new LetterOutcome.WrongSource(template.Kind);
        }
        if (MissingFields(template, request.Fields) is { IsEmpty: false } missing)
        {
            return new LetterOutcome.MissingFields(missing);
        }

        var names = new LetterNames(flow, template.Language);
        var today = calendar.Today(time.GetUtcNow());
        switch (request.Source)
        {
            case OneReport one:
                var report = await reports.FindByLabelAsync(one.Label);
                if (report is null)
                {
                    return new LetterOutcome.ReportNotFound(one.Label);
                }
                return Refusal(one.Label, report) ?? new LetterOutcome.Drafted(Compose(template, names, request.Fields,
                    LetterFacts.Report, LetterFacts.OfReport(report, names), report.Label + "-" + Day(today)));
            case ReportSet set:
                // Streamed: a hundred thousand reports are counted without being held.
                var filter = Counted(template, set.Filter);
                var figures = new AggregateFigures(names, filter);
                await foreach (var each in reader.ReadAsync(filter, ct))
                {
                    figures.Add(each);
                }
                if (figures.Total < ReportCounts.SmallCountFloor)
                {
                    return new LetterOutcome.TooFewReports(set.Filter);
                }
                return new LetterOutcome.Drafted(Compose(template, names, request.Fields,
                    LetterFacts.Aggregate, figures.ToFacts(filter.From, filter.To), Period(filter, today)));
            default:
                return new LetterOutcome.WrongSource(template.Kind);
        }
    }

    /// <summary>A single-report letter for a report already in hand (tests, and a channel that has just read it).</summary>
    /// <exception cref="ArgumentException">The member did not agree to the use of the report in appeals.</exception>
    public DraftedLetter Write(LetterTemplate template, IncidentReport report, IReadOnlyDictionary<string, string> fields)
    {
        if (!LetterFacts.AppealsConsent(report.Answers))
        {
            throw new ArgumentException("Without its member's consent to its use in appeals, a report is only counted in letters about many reports.", nameof(report));
        }
        var names = new LetterNames(flow, template.Language);
        return Compose(template, names, fields, LetterFacts.Report, LetterFacts.OfReport(report, names),
            report.Label + "-" + Day(calendar.Today(time.GetUtcNow())));
    }

    /// <summary>A collective letter over reports already in hand (tests).</summary>
    public DraftedLetter Write(LetterTemplate template, IEnumerable<IncidentReport> set, ReportFilter filter, IReadOnlyDictionary<string, string> fields)
    {
        var names = new LetterNames(flow, template.Language);
        var counted = Counted(template, filter);
        var figures = new AggregateFigures(names, counted);
        foreach (var report in set)
        {
            figures.Add(report);
        }
        return Compose(template, names, fields, LetterFacts.Aggregate, figures.ToFacts(counted.From, counted.To),
            Period(counted, calendar.Today(time.GetUtcNow())));
    }

    /// <summary>The filter as the template counts it: a template with a subject of its own (take-home doses) counts
    /// that category unless the filter names another.</summary>
    private static ReportFilter Counted(LetterTemplate template, ReportFilter filter) =>
        filter with { Category = filter.Category ?? template.Category };

    private DraftedLetter Compose(
        LetterTemplate template,
        LetterNames names,
        IReadOnlyDictionary<string, string> fields,
        string root,
        Dictionary<string, object?> facts,
        string about)
    {
        var text = renderer.Render(template, new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [LetterFacts.Letter] = LetterFacts.OfLetter(names.Day(calendar.Today(time.GetUtcNow())), template.Title),
            [LetterFacts.Fields] = LetterFacts.OfFields(template, fields),
            [root] = facts,
        });
        return new DraftedLetter(template, text, $"{template.Id}-{about}.docx", DocxWriter.Write(text, template.Language));
    }

    // The period the filter names (months), or the day of writing when it names none.
    private static string Period(ReportFilter filter, DateOnly today) =>
        filter switch
        {
            { From: { } from } => $"{Month(from)}-{Month(filter.To ?? today)}",
            { To: { } to } => "to-" + Month(to),
            _ => Day(today),
        };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Month(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
