using System.Collections.Immutable;
using System.Text;
using CommunityBot.Conversations;
using CommunityBot.Letters;
using CommunityBot.Moderation;
using CommunityBot.Reports;
using CommunityBot.Tests.Moderation;
using CommunityBot.Tests.Support;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Extensions.Time.Testing;

namespace CommunityBot.Tests.Letters;

/// <summary>The shipped templates and a letter writer over real stores, with the clock pinned at
/// <see cref="ShippedFlow.Now"/> (Sunday 29 November 2026).</summary>
internal sealed class LetterBench : IDisposable
{
    public LetterBench(int pageSize = ReportReader.PageSize)
    {
        Stores = new StatisticsStores(pageSize);
        Catalog = LetterTemplateCatalog.Load([LetterTemplateCatalog.ShippedFolder], StatisticsStores.Flow, Renderer);
        Writer = new LetterWriter(Catalog, Renderer, Stores.Stores.Reports, Stores.Reader, StatisticsStores.Flow, ShippedFlow.Calendar, Time);
    }

    public static LetterRenderer Renderer { get; } = new();

    public FakeTimeProvider Time { get; } = new(ShippedFlow.Now);

    public StatisticsStores Stores { get; }

    public LetterTemplateCatalog Catalog { get; }

    public LetterWriter Writer { get; }

    public LetterTemplate Template(string id, string language) =>
        Catalog.Find(id, language) ?? throw new InvalidOperationException($"no template {id} in {language}");

    public void Dispose() => Stores.Dispose();

    /// <summary>Every (template id, language) that ships.</summary>
    public static TheoryData<string, string> Shipped()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.EnumerateFiles(LetterTemplateCatalog.ShippedFolder, "*.liquid", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file), Path.GetFileName(Path.GetDirectoryName(file) ?? ""));
        }
        return data;
    }

    /// <summary>What an activist types, in the letter's language.</summary>
    public static ImmutableDictionary<string, string> Fields(string language) => language == "ru"
        ? new Dictionary<string, string>
        {
            ["recipient"] = "Главному внештатному специалисту психиатру-наркологу Управления общественного здравоохранения г. Алматы",
            ["recipient_name"] = "Иванову И. И.",
            ["sender"] = "ОФ «Сообщество пациентов ОЗТ»",
            ["legal_basis"] = "ст. 77 Кодекса Республики Казахстан «О здоровье народа и системе здравоохранения»",
            ["signatory"] = "Председатель ОФ «Сообщество пациентов ОЗТ» А. Б. Сидоров",
            ["contacts"] = "г. Алматы, ул. Абая, 1; info@ost-community.example",
            ["salutation"] = "Уважаемый Иван Иванович",
        }.ToImmutableDictionary()
        : new Dictionary<string, string>
        {
            ["recipient"] = "Chief Specialist in Addiction Medicine, Almaty Public Health Department",
            ["recipient_name"] = "Dr I. Ivanov",
            ["sender"] = "The OST Patients' Community foundation",
            ["legal_basis"] = "Article 77 of the Health Code of the Republic of Kazakhstan",
            ["signatory"] = "A. Sidorov, Chair, OST Patients' Community foundation",
            ["contacts"] = "1 Abai Street, Almaty; info@ost-community.example",
            ["outgoing_number"] = "14/26",
        }.ToImmutableDictionary();

    /// <summary>The single report each single-report template is shown with: a police report for the police complaint,
    /// OST refused during TB care for the rest.</summary>
    public static IncidentReport SingleReport(string templateId) => templateId.Contains("police", StringComparison.Ordinal)
        ? Report("R-7K3Q", new DateOnly(2026, 11, 20), "police", "ost_site", "almaty_ost", consent: true,
            "Two officers stood at the door of the OST site every morning this week and checked the papers of everyone who came for methadone.")
        : Report("R-7K3Q", new DateOnly(2026, 11, 20), "tb", "tb_hospital", "almaty_tb", consent: true,
            "I was admitted to the TB ward and the doctor said methadone cannot be brought in, so for four days I had none.");

    /// <summary>Seven reports from September to November 2026 (for the collective templates).</summary>
    public static IReadOnlyList<IncidentReport> Set() =>
    [
        Report("R-2A2A", new DateOnly(2026, 9, 3), "hospital", "hospital", "almaty_narcology", consent: true, "The ward nurse said there is no methadone for in-patients."),
        Report("R-3B3B", new DateOnly(2026, 10, 7), "hospital", "hospital", "almaty_narcology", consent: false, NoConsentStory),
        Report("R-4C4C", new DateOnly(2026, 10, 19), "hospital", "hospital", "almaty_narcology", consent: true, "Three days in the surgical ward without a dose."),
        Report("R-5D5D", new DateOnly(2026, 11, 2), "tb", "tb_hospital", "almaty_tb", consent: false, NoConsentStory),
        Report("R-6E6E", new DateOnly(2026, 11, 9), "tb", "tb_hospital", "almaty_tb", consent: false, NoConsentStory),
        Report("R-7F7F", new DateOnly(2026, 11, 12), "take_home", "ost_site", null, consent: true, "Take-home doses refused although I work night shifts."),
        Report("R-8G8G", new DateOnly(2026, 11, 15), "hospital", "hospital", "almaty_narcology", consent: true, "Discharged early because of methadone."),
    ];

    public const string NoConsentStory = "Canary-no-consent: the head of the ward shouted at me in front of everyone.";

    public static IncidentReport Report(string label, DateOnly day, string category, string kind, string? facility, bool consent, string narrative) => new(
        Guid.NewGuid(),
        label,
        day.AddDays(1),
        "incident",
        1,
        "ru",
        null,
        new Dictionary<string, Answer>
        {
            ["category"] = new ChoiceAnswer(category),
            ["affected"] = new ChoiceAnswer("me"),
            ["when"] = new DateAnswer(day),
            ["region"] = new PlaceAnswer("almaty", null),
            ["city"] = new PlaceAnswer("almaty", null),
            ["facility_kind"] = new ChoiceAnswer(kind),
            ["facility"] = facility is null ? new PlaceAnswer(null, "Canary typed clinic behind the bazaar") : new PlaceAnswer(facility, null),
            ["narrative"] = new TextAnswer(narrative),
            ["consequences"] = new ChoicesAnswer(["missed_doses", "health_worse"]),
            ["reported"] = new YesNoAnswer(false),
            ["appeals_consent"] = new YesNoAnswer(consent),
            ["followup_consent"] = new YesNoAnswer(false),
        }.ToImmutableDictionary(),
        ReportStatus.New,
        [],
        [],
        null,
        null,
        null,
        [],
        false);

    /// <summary>The validator's errors (none for a good document) and all the text of the document, paragraph by paragraph.</summary>
    public static (IReadOnlyList<string> Errors, string Text) Open(byte[] docx)
    {
        using var stream = new MemoryStream(docx);
        using var document = WordprocessingDocument.Open(stream, isEditable: false);
        var errors = new OpenXmlValidator().Validate(document).Select(error => $"{error.Path?.XPath}: {error.Description}").ToList();
        var text = new StringBuilder();
        foreach (var paragraph in document.MainDocumentPart?.Document?.Body?.Elements<Paragraph>() ?? [])
        {
            text.AppendLine(paragraph.InnerText);
        }
        return (errors, text.ToString());
    }
}
