using CommunityBot.Letters;
using CommunityBot.Moderation;
using CommunityBot.Reports;
using CommunityBot.Tests.Moderation;

namespace CommunityBot.Tests.Letters;

/// <summary>What an official reads and what the letter must not give away: the letters' own wording, counts that
/// keep small groups small, and the appeals consent that decides what a letter may use.</summary>
public sealed class LetterWordingTests : IDisposable
{
    private static readonly string[] AppealFields = ["sender", "sender_bin", "sender_address", "signatory", "legal_basis"];

    private static readonly string[] Overstated =
    [
        "прошу", "инициативн", "initiative group", "рекомендованный ВОЗ", "recommended by the WHO", "не увеличивает риск", "does not increase the risk",
        "о полиции", "о правах пациентов", "patients' rights and the police", "| downcase", "ст. 77", "Article 77",
    ];

    private static readonly ReportFilter Autumn = new(new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 30), null, null, null);

    private readonly LetterBench _bench = new();

    public void Dispose() => _bench.Dispose();

    public static TheoryData<string, string> Shipped() => LetterBench.Shipped();

    [Fact]
    public void ExamplesComeOnlyFromGroupsOfAtLeastThreeAndCarryNoLabel()
    {
        IncidentReport[] set =
        [
            LetterBench.Report("R-2P2P", new DateOnly(2026, 10, 1), "police", "ost_site", "almaty_ost", consent: true, "Canary-police: an officer took my passport at the door."),
            LetterBench.Report("R-3H3H", new DateOnly(2026, 10, 2), "hospital", "hospital", "almaty_narcology", consent: true, "Hospital story one."),
            LetterBench.Report("R-4H4H", new DateOnly(2026, 10, 3), "hospital", "hospital", "almaty_narcology", consent: true, "Hospital story two."),
            LetterBench.Report("R-5H5H", new DateOnly(2026, 10, 4), "hospital", "hospital", "almaty_narcology", consent: true, "Hospital story three."),
            LetterBench.Report("R-6H6H", new DateOnly(2026, 10, 5), "hospital", "hospital", "almaty_narcology", consent: false, "x"),
            .. Enumerable.Range(1, 3).Select(day =>
                LetterBench.Report("R-7T7" + day, new DateOnly(2026, 10, day), "take_home", "ost_site", "almaty_ost", consent: true, "Canary-take-home story " + day)),
        ];

        foreach (var language in new[] { "ru", "en" })
        {
            var text = _bench.Writer.Write(_bench.Template("summary-appeal-health-department", language), set, Autumn, LetterBench.Fields(language)).PlainText;

            Assert.DoesNotContain("Canary-police", text);
            // Three take-home reports, but their count is hidden to protect the one police report: no story from them.
            Assert.DoesNotContain("Canary-take-home", text);
            Assert.DoesNotMatch(@"R-[0-9A-Z]{4}", text);
            Assert.Contains("Hospital story one.", text);
            Assert.Contains("Hospital story three.", text);
        }
        var ru = _bench.Writer.Write(_bench.Template("summary-appeal-health-department", "ru"), set, Autumn, LetterBench.Fields("ru")).PlainText;
        Assert.Contains("– действия сотрудников полиции у кабинета ОЗТ, задержания — не приводится;", ru);
        Assert.Contains("– отказ в выдаче доз препарата на руки — не приводится;", ru);
        Assert.Contains("– октябрь 2026, отказ в продолжении ОЗТ при стационарном лечении: «Hospital story one.»", ru);
    }

    [Fact]
    public void AFacilityIsCountedByCityAndNameAndRejectedDuplicateAndWithdrawnReportsAreLeftOut()
    {
        IncidentReport[] set =
        [
            .. Enumerable.Range(1, 3).Select(day =>
                LetterBench.Report("R-22A" + day, new DateOnly(2026, 10, day), "hospital", "hospital", "almaty_narcology", consent: false, "x")),
            LetterBench.Report("R-33B3", new DateOnly(2026, 10, 9), "hospital", "hospital", "astana_narcology", consent: false, "x", region: "astana", city: "astana"),
            LetterBench.Report("R-44C4", new DateOnly(2026, 10, 9), "hospital", "hospital", "almaty_narcology", consent: false, "x", status: ReportStatus.Rejected),
            LetterBench.Report("R-55D5", new DateOnly(2026, 10, 9), "hospital", "hospital", "almaty_narcology", consent: false, "x", status: ReportStatus.Duplicate),
            LetterBench.Report("R-66E6", new DateOnly(2026, 10, 9), "hospital", "hospital", "almaty_narcology", consent: false, "x", status: ReportStatus.Withdrawn),
        ];
        var template = _bench.Template("summary-appeal-health-department", "ru");

        var text = _bench.Writer.Write(template, set, Autumn, LetterBench.Fields("ru")).PlainText;
        var rejected = _bench.Writer.Write(template, set, Autumn with { Status = ReportStatus.Rejected }, LetterBench.Fields("ru")).PlainText;

        Assert.Contains("Всего сообщений: 4.", text);
        // Total 4: "Almaty 3, Astana fewer than 3" would make Astana exactly 1.
        Assert.Contains("– Городской наркологический центр, Алматы — не приводится;", text);
        Assert.Contains("– Городской наркологический центр, Астана — не приводится;", text);
        Assert.Contains("Всего сообщений: менее 3.", rejected);
        Assert.Contains("отклонённые при проверке, повторные и отозванные авторами, не учтены.", text);
        Assert.DoesNotContain("отклонённые при проверке", rejected);
    }

    [Fact]
    public void TwoSmallCountsThatTheTotalWouldGiveAwayAreHiddenWithOneMoreAndNoneReadsFewerThanThree()
    {
        IncidentReport[] set =
        [
            .. Enumerable.Range(1, 3).Select(day =>
                LetterBench.Report("R-22A" + day, new DateOnly(2026, 10, day), "hospital", "hospital", "almaty_narcology", consent: false, "x")),
            LetterBench.Report("R-33B3", new DateOnly(2026, 10, 9), "tb", "tb_dispensary", "almaty_tb", consent: false, "x"),
            LetterBench.Report("R-44C4", new DateOnly(2026, 10, 9), "police", "ost_site", "almaty_ost", consent: false, "x"),
        ];

        var text = _bench.Writer.Write(_bench.Template("summary-appeal-health-department", "en"), set, Autumn, LetterBench.Fields("en")).PlainText;

        // Total 5: "3, fewer than 3, fewer than 3" would make each small one exactly 1.
        Assert.Contains("Reports in total: 5.", text);
        Assert.Contains("– refusal to continue OST during in-patient care — not shown;", text);
        Assert.Contains("– no OST during tuberculosis treatment — not shown;", text);
        Assert.Contains("– City narcology centre, Almaty — not shown;", text);
        Assert.Contains("– October 2026 — 5;", text);
        Assert.DoesNotContain("fewer than 3", text);
        Assert.Contains("the lists do not show numbers below three and, where needed, one more number.", text);
    }

    [Fact]
    public void AListThatWouldSingleSomeoneOutWhateverIsHiddenIsLeftOutOfTheLetter()
    {
        IncidentReport[] oneEach =
        [
            LetterBench.Report("R-22A2", new DateOnly(2026, 10, 2), "hospital", "hospital", "almaty_narcology", consent: false, "x"),
            LetterBench.Report("R-33B3", new DateOnly(2026, 10, 3), "hospital", "hospital", "almaty_tb", consent: false, "x"),
            LetterBench.Report("R-44C4", new DateOnly(2026, 10, 4), "hospital", "hospital", "almaty_ost", consent: false, "x"),
        ];
        IncidentReport[] two =
        [
            LetterBench.Report("R-22A2", new DateOnly(2026, 10, 2), "hospital", "hospital", "almaty_narcology", consent: false, "x"),
            LetterBench.Report("R-33B3", new DateOnly(2026, 10, 3), "tb", "hospital", "almaty_narcology", consent: false, "x"),
        ];
        var template = _bench.Template("summary-appeal-health-department", "ru");

        var facilities = _bench.Writer.Write(template, oneEach, Autumn, LetterBench.Fields("ru")).PlainText;
        var small = _bench.Writer.Write(template, two, Autumn, LetterBench.Fields("ru")).PlainText;

        // Three facilities with three reports: each has exactly one, whatever is hidden.
        Assert.DoesNotContain("По учреждениям:", facilities);
        Assert.DoesNotContain("Кабинет ОЗТ, Алматы", facilities);
        Assert.Contains("– отказ в продолжении ОЗТ при стационарном лечении — 3;", facilities);
        // Fewer than 3 reports in two kinds: each kind has exactly one.
        Assert.Contains("Всего сообщений: менее 3.", small);
        Assert.DoesNotContain("По видам нарушений:", small);
        Assert.Contains("– Городской наркологический центр, Алматы — не приводится;", small);
    }

    [Fact]
    public void TheTakeHomeLetterCountsOnlyTakeHomeReportsUnlessTheFilterNamesACategory()
    {
        IncidentReport[] set =
        [
            .. Enumerable.Range(1, 3).Select(day =>
                LetterBench.Report("R-22A" + day, new DateOnly(2026, 10, day), "take_home", "ost_site", "almaty_ost", consent: true, "Take-home story " + day)),
            .. Enumerable.Range(1, 4).Select(day =>
                LetterBench.Report("R-33B" + day, new DateOnly(2026, 10, day), "hospital", "hospital", "almaty_narcology", consent: true, "Hospital story " + day)),
        ];
        var template = _bench.Template("take-home-doses-ministry", "en");

        var text = _bench.Writer.Write(template, set, Autumn, LetterBench.Fields("en")).PlainText;
        var hospital = _bench.Writer.Write(template, set, Autumn with { Category = "hospital" }, LetterBench.Fields("en")).PlainText;

        Assert.Contains(template.RequiredFields, field => field.Name == "take_home_days");
        Assert.Contains("for up to 7 days;", text);
        Assert.Contains("in the period September 2026 – November 2026: 3.", text);
        Assert.Contains("– refusal of take-home doses — 3;", text);
        Assert.DoesNotContain("in-patient care", text);
        Assert.Contains("Take-home story 1", text);
        Assert.Contains("in the period September 2026 – November 2026: 4.", hospital);
    }

    [Fact]
    public void ALetterUsesItsOwnWordingAndDoesNotRepeatACityThatIsItsRegion()
    {
        var almaty = LetterBench.Report("R-7K3Q", new DateOnly(2026, 11, 20), "hospital", "hospital", "almaty_narcology", consent: true, "Story.");
        var semey = LetterBench.Report("R-8K3Q", new DateOnly(2026, 11, 20), "hospital", "hospital", null, consent: true, "Story.", region: "abai", city: "semey");
        var template = _bench.Template("appeal-chief-narcologist", "ru");

        var text = _bench.Writer.Write(template, almaty, LetterBench.Fields("ru")).PlainText;
        var oblast = _bench.Writer.Write(template, semey, LetterBench.Fields("ru")).PlainText;

        Assert.Contains("– учреждение: Городской наркологический центр, Алматы;", text);
        Assert.Contains("– характер нарушения: отказ в продолжении ОЗТ при стационарном лечении;", text);
        Assert.Contains("– последствия для пациента: пропуск доз и синдром отмены, ухудшение здоровья.", text);
        Assert.DoesNotContain("Алматы (город)", text);
        Assert.DoesNotContain("ломка", text);
        Assert.Contains("– учреждение: Canary typed clinic behind the bazaar, Семей, Область Абай;", oblast);
    }

    [Fact]
    public void TheStoryIsThePatientsWordsOnlyWhenTheMemberReportedAboutThemselves()
    {
        var self = LetterBench.Report("R-7K3Q", new DateOnly(2026, 11, 20), "hospital", "hospital", "almaty_narcology", consent: true, "Story.");
        var friend = LetterBench.Report("R-8K3Q", new DateOnly(2026, 11, 20), "hospital", "hospital", "almaty_narcology", consent: true, "Story.", affected: "someone");

        foreach (var (language, patient) in new[] { ("ru", "Со слов пациента"), ("en", "In the patient's words") })
        {
            var template = _bench.Template("appeal-chief-narcologist", language);
            Assert.Contains(patient, _bench.Writer.Write(template, self, LetterBench.Fields(language)).PlainText);
            Assert.DoesNotContain(patient, _bench.Writer.Write(template, friend, LetterBench.Fields(language)).PlainText);
        }
    }

    [Fact]
    public void APlaceTypedUnderOtherIsFreeTextAndReachesALetterOnlyWithConsent()
    {
        var names = new LetterNames(StatisticsStores.Flow, "en");
        var typed = LetterBench.Report("R-7K3Q", new DateOnly(2026, 11, 20), "hospital", "hospital", null, consent: false, "Story.");

        var facts = LetterFacts.OfReport(typed, names);

        Assert.Equal(names.Unknown, facts["facility"]);
        Assert.Null(facts["narrative"]);
        Assert.Equal("Canary typed clinic behind the bazaar", LetterFacts.OfReport(LetterBench.Report("R-8K3Q", new DateOnly(2026, 11, 20), "hospital", "hospital", null,
            consent: true, "Story."), names)["facility"]);
    }

    [Theory]
    [MemberData(nameof(Shipped))]
    public void EveryTemplateIsAnAppealAStateBodyRegistersAndAsksForAWrittenAnswerInTheLegalTerm(string id, string language)
    {
        var template = _bench.Template(id, language);
        var text = template.Kind == LetterKind.Single
            ? _bench.Writer.Write(template, LetterBench.SingleReport(id), LetterBench.Fields(language)).PlainText
            : _bench.Writer.Write(template, LetterBench.Set(), Autumn, LetterBench.Fields(language)).PlainText;
        var source = File.ReadAllText(template.File);

        Assert.All(AppealFields, name => Assert.Contains(template.RequiredFields, field => field.Name == name));
        Assert.Contains(LetterBench.Fields(language)["sender_bin"], text);
        Assert.Contains(LetterBench.Fields(language)["sender_address"], text);
        Assert.Contains(language == "ru" ? "____________ (подпись)" : "____________ (signature)", text);
        Assert.Contains(language == "ru" ? "в срок, установленный статьёй 76 Административного процедурно-процессуального кодекса" : "Article 76 of the Administrative Procedural", text);
        // The letters' own words: never a member's button lower-cased ("кабинет озт").
        Assert.DoesNotContain("озт", text, StringComparison.Ordinal);
        foreach (var banned in Overstated)
        {
            Assert.DoesNotContain(banned, source, StringComparison.OrdinalIgnoreCase);
        }
    }
}
