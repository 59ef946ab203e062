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

    /// <summary>What an activist types for this template: each letter goes to a body that can act on it.</summary>
    public static ImmutableDictionary<string, string> Fields(string templateId, string language) =>
        (templateId, language) switch
        {
            ("police-at-ost-sites", "ru") => Fields(language).SetItem("recipient", "Прокурору г. Алматы").SetItem("copy_to", "Уполномоченному по правам человека в Республике Казахстан"),
            ("police-at-ost-sites", _) => Fields(language).SetItem("recipient", "Prosecutor of the City of Almaty").SetItem("recipient_name", "Mr I. Ivanov"),
            ("take-home-doses-ministry", "ru") => Fields(language).SetItem("recipient", "Вице-министру здравоохранения Республики Казахстан").Remove("copy_to"),
            ("take-home-doses-ministry", _) => Fields(language).SetItem("recipient", "Deputy Minister of Health of the Republic of Kazakhstan").SetItem("recipient_name", "Mr I. Ivanov"),
            _ => Fields(language),
        };

    /// <summary>What an activist types, in the letter's language.</summary>
    public static ImmutableDictionary<string, string> Fields(string language) => language == "ru"
        ? new Dictionary<string, string>
        {
            ["recipient"] = "Руководителю Управления общественного здравоохранения г. Алматы",
            ["recipient_name"] = "Иванову И. И.",
            ["copy_to"] = "Главному внештатному психиатру-наркологу г. Алматы",
            ["sender"] = "Общественный фонд «Сообщество пациентов ОЗТ»",
            ["sender_bin"] = "123456789012",
            ["sender_address"] = "050000, г. Алматы, ул. Абая, 1, офис 2",
            ["legal_basis"] = "Кодекс Республики Казахстан «О здоровье народа и системе здравоохранения»",
            ["signatory"] = "Председатель правления А. Б. Сидоров",
            ["contacts"] = "info@ost-community.example",
            ["take_home_days"] = "7",
            ["salutation"] = "Уважаемый Иван Иванович",
        }.ToImmutableDictionary()
        : new Dictionary<string, string>
        {
            ["recipient"] = "Head of the Almaty Public Health Department",
            ["recipient_name"] = "Dr I. Ivanov",
            ["sender"] = "Public Foundation OST Patients' Community",
            ["sender_bin"] = "123456789012",
            ["sender_address"] = "1 Abai Street, office 2, Almaty 050000",
            ["legal_basis"] = "the Code of the Republic of Kazakhstan on People's Health and the Healthcare System",
            ["signatory"] = "A. Sidorov, Chair of the Board",
            ["take_home_days"] = "7",
            ["outgoing_number"] = "14/26",
        }.ToImmutableDictionary();

    /// <summary>The single report each single-report template is shown with: a police report for the police complaint,
    /// OST refused during TB care for the rest.</summary>
    public static IncidentReport SingleReport(string templateId) => templateId.Contains("police", StringComparison.Ordinal)
        ? Report("R-7K3Q", new DateOnly(2026, 11, 20), "police", "near_ost_site", "almaty_ost", consent: true,
            "Two officers stood at the door of the OST site every morning this week and checked the papers of everyone who came for methadone.")
        : Report("R-7K3Q", new DateOnly(2026, 11, 20), "tb", "tb_hospital", "almaty_tb", consent: true,
            "I was admitted to the TB ward and the doctor said methadone cannot be brought in, so for four days I had none.");

    /// <summary>Twelve reports from September to November 2026 (for the collective templates): ten counted, one rejected
    /// and one duplicate that are not; a narcology centre of the same name in two cities; stories of a category of fewer
    /// than three reports (TB) that must not be quoted.</summary>
    public static IReadOnlyList<IncidentReport> Set() =>
    [
        Report("R-2A2A", new DateOnly(2026, 9, 3), "hospital", "hospital", "almaty_narcology", consent: true, "The ward nurse said there is no methadone for in-patients."),
        Report("R-3B3B", new DateOnly(2026, 10, 7), "hospital", "hospital", "almaty_narcology", consent: false, NoConsentStory),
        Report("R-4C4C", new DateOnly(2026, 10, 19), "hospital", "hospital", "almaty_narcology", consent: true, "Three days in the surgical ward without a dose."),
        Report("R-5D5D", new DateOnly(2026, 11, 2), "tb", "tb_hospital", "almaty_tb", consent: false, NoConsentStory),
        Report("R-6E6E", new DateOnly(2026, 11, 9), "tb", "tb_hospital", "almaty_tb", consent: false, NoConsentStory),
        Report("R-7F7F", new DateOnly(2026, 11, 12), "take_home", "ost_site", null, consent: true, "Take-home doses refused although I work night shifts."),
        Report("R-8G8G", new DateOnly(2026, 11, 15), "hospital", "hospital", "almaty_narcology", consent: true, "Discharged early because of methadone."),
        Report("R-9H9H", new DateOnly(2026, 11, 16), "hospital", "hospital", "astana_narcology", consent: false, NoConsentStory, region: "astana", city: "astana"),
        Report("R-CLCL", new DateOnly(2026, 10, 21), "take_home", "ost_site", "almaty_ost", consent: false, NoConsentStory),
        Report("R-DMDM", new DateOnly(2026, 11, 19), "take_home", "ost_site", "almaty_ost", consent: true, "Asked for doses for a week-long business trip and was refused."),
        Report("R-AJAJ", new DateOnly(2026, 11, 17), "police", "ost_site", "almaty_ost", consent: true, RejectedStory, status: ReportStatus.Rejected),
        Report("R-BKBK", new DateOnly(2026, 11, 18), "hospital", "hospital", "almaty_narcology", consent: true, RejectedStory, status: ReportStatus.Duplicate),
    ];

    public const string RejectedStory = "Canary-rejected: a story a moderator did not count.";

    public const string NoConsentStory = "Canary-no-consent: the head of the ward shouted at me in front of everyone.";

    public static IncidentReport Report(
        string label,
        DateOnly day,
        string category,
        string kind,
        string? facility,
        bool consent,
        string narrative,
        string region = "almaty",
        string city = "almaty",
        string affected = "me",
        ReportStatus status = ReportStatus.New) => new(
        Guid.NewGuid(),
        label,
        day.AddDays(1),
        "incident",
        1,
        "ru",
        null,
        ReportChannel.Telegram,
        new Dictionary<string, Answer>
        {
            ["category"] = new ChoiceAnswer(category),
            ["affected"] = new ChoiceAnswer(affected),
            ["when"] = new DateAnswer(day),
            ["region"] = new PlaceAnswer(region, null),
            ["city"] = new PlaceAnswer(city, null),
            ["facility_kind"] = new ChoiceAnswer(kind),
            ["facility"] = facility is null ? new PlaceAnswer(null, "Canary typed clinic behind the bazaar") : new PlaceAnswer(facility, null),
            ["narrative"] = new TextAnswer(narrative),
            ["consequences"] = new ChoicesAnswer(["missed_doses", "health_worse"]),
            ["reported"] = new YesNoAnswer(false),
            ["appeals_consent"] = new YesNoAnswer(consent),
            ["followup_consent"] = new YesNoAnswer(false),
        }.ToImmutableDictionary(),
        status,
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
