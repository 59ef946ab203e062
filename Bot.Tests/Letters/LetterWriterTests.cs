using CommunityBot.Letters;
using CommunityBot.Moderation;
using CommunityBot.Tests.Moderation;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Letters;

public sealed class LetterWriterTests : IDisposable
{
    private const string Withheld = "Canary-withheld: the head nurse Gulnara shouted at me in ward seven.";

    // Pages of two reports: the collective letter reads across page boundaries.
    private readonly LetterBench _bench = new(pageSize: 2);

    public void Dispose() => _bench.Dispose();

    [Fact]
    public async Task ACollectiveLetterCountsStoredReportsSuppressesSmallCountsAndQuotesOnlyConsentedStories()
    {
        for (var i = 0; i < 4; i++)
        {
            await _bench.Stores.SubmitAsync(new StatisticsReport("hospital", new DateOnly(2026, 10, 5 + i),
                AppealsConsent: i != 1, Narrative: i == 1 ? Withheld : $"Consented story number {i} about the ward."));
        }
        await _bench.Stores.SubmitAsync(new StatisticsReport("tb", new DateOnly(2026, 11, 2), FacilityId: "almaty_tb", AppealsConsent: false, Narrative: Withheld));
        await _bench.Stores.SubmitAsync(new StatisticsReport("police", new DateOnly(2026, 8, 2)));
        for (var i = 0; i < 3; i++)
        {
            await _bench.Stores.SubmitAsync(new StatisticsReport("take_home", new DateOnly(2026, 9, 10 + i), FacilityId: "almaty_ost", AppealsConsent: false));
        }

        var outcome = await _bench.Writer.WriteAsync(new LetterRequest("summary-appeal-health-department", "ru",
            new ReportSet(new ReportFilter(new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 30), null, null, null)), LetterBench.Fields("ru")), default);

        var letter = Assert.IsType<LetterOutcome.Drafted>(outcome).Letter;
        var text = letter.PlainText;
        Assert.Contains("Всего сообщений: 8.", text);
        Assert.Contains("– отказ в продолжении ОЗТ при стационарном лечении — 4;", text);
        // Shown, the take-home count would give away the one tuberculosis report: both are hidden.
        Assert.Contains("– отказ в выдаче доз препарата на руки — не приводится;", text);
        Assert.Contains("– отсутствие ОЗТ при лечении туберкулёза — не приводится;", text);
        Assert.Contains("– Городской наркологический центр, Алматы — 4;", text);
        Assert.Contains("– октябрь 2026 — 4;", text);
        Assert.Contains("– сентябрь 2026 — не приводится;", text);
        Assert.Contains("– ноябрь 2026 — не приводится;", text);
        Assert.DoesNotContain("менее 3", text);
        Assert.DoesNotContain("полиции у кабинета ОЗТ, задержания", text);
        Assert.Contains("Consented story number 0", text);
        Assert.Contains("Consented story number 3", text);
        Assert.DoesNotContain("Canary-withheld", text);
        var (errors, docx) = LetterBench.Open(letter.Docx);
        Assert.Empty(errors);
        Assert.DoesNotContain("Canary-withheld", docx);
        Assert.Contains("отсутствие ОЗТ при лечении туберкулёза — не приводится", docx);
        Assert.Equal("summary-appeal-health-department-2026-09-2026-11.docx", letter.FileName);
    }

    [Fact]
    public async Task ASingleLetterAboutAReportWhoseMemberDidNotConsentIsRefusedWithTheReason()
    {
        var submitted = await _bench.Stores.SubmitAsync(new StatisticsReport("hospital", new DateOnly(2026, 11, 3), AppealsConsent: false, Narrative: Withheld));
        var stored = await _bench.Stores.Stores.Reports.FindByLabelAsync(submitted.Label) ?? throw new InvalidOperationException("not stored");

        var outcome = await _bench.Writer.WriteAsync(
            new LetterRequest("appeal-chief-narcologist", "en", new OneReport(submitted.Label.ToLowerInvariant()), LetterBench.Fields("en")), default);

        Assert.Equal(new LetterOutcome.NoConsent(submitted.Label), outcome);
        Assert.Equal(new LetterOutcome.NoConsent(submitted.Label), await _bench.Writer.RefusalAsync(submitted.Label));
        Assert.Throws<ArgumentException>(() => _bench.Writer.Write(_bench.Template("police-at-ost-sites", "ru"), stored, LetterBench.Fields("ru")));
    }

    [Fact]
    public async Task AReportWhoseMemberConsentedMayHaveALetterOfItsOwn()
    {
        var submitted = await _bench.Stores.SubmitAsync(new StatisticsReport("hospital", new DateOnly(2026, 11, 3), Narrative: "Consented story about the ward."));

        var outcome = await _bench.Writer.WriteAsync(
            new LetterRequest("appeal-chief-narcologist", "en", new OneReport(submitted.Label.ToLowerInvariant()), LetterBench.Fields("en")), default);

        Assert.Null(await _bench.Writer.RefusalAsync(submitted.Label));
        var letter = Assert.IsType<LetterOutcome.Drafted>(outcome).Letter;
        Assert.Contains("3 November 2026", letter.PlainText);
        Assert.Contains("Consented story about the ward.", letter.PlainText);
        Assert.Equal($"appeal-chief-narcologist-{submitted.Label}-2026-11-29.docx", letter.FileName);
    }

    [Fact]
    public async Task ASingleLetterNamesATypedPlaceOnlyWithConsentAndIsRefusedWithout()
    {
        var withheld = await _bench.Stores.SubmitAsync(new StatisticsReport("hospital", new DateOnly(2026, 11, 3),
            FacilityId: null, FacilityTyped: "Canary-place behind the bazaar", AppealsConsent: false));
        var consented = await _bench.Stores.SubmitAsync(new StatisticsReport("hospital", new DateOnly(2026, 11, 4),
            FacilityId: null, FacilityTyped: "Consented clinic on Abay street", AppealsConsent: true));

        var refused = await _bench.Writer.WriteAsync(
            new LetterRequest("appeal-chief-narcologist", "en", new OneReport(withheld.Label), LetterBench.Fields("en")), default);
        var named = Assert.IsType<LetterOutcome.Drafted>(await _bench.Writer.WriteAsync(
            new LetterRequest("appeal-chief-narcologist", "en", new OneReport(consented.Label), LetterBench.Fields("en")), default)).Letter;

        // Without consent there is no letter about the one case at all, so its typed place cannot reach one.
        Assert.IsType<LetterOutcome.NoConsent>(refused);
        Assert.Contains("Consented clinic on Abay street", named.PlainText);
    }

    [Fact]
    public async Task UnknownTemplatesReportsAndMismatchedSourcesAreSaidPlainly()
    {
        var fields = LetterBench.Fields("ru");

        Assert.IsType<LetterOutcome.TemplateNotFound>(await _bench.Writer.WriteAsync(new LetterRequest("no-such", "ru", new OneReport("R-2345"), fields), default));
        Assert.IsType<LetterOutcome.TemplateNotFound>(await _bench.Writer.WriteAsync(new LetterRequest("appeal-chief-narcologist", "kk", new OneReport("R-2345"), fields), default));
        Assert.Equal(new LetterOutcome.ReportNotFound("R-2345"),
            await _bench.Writer.WriteAsync(new LetterRequest("appeal-chief-narcologist", "ru", new OneReport("R-2345"), fields), default));
        Assert.Equal(new LetterOutcome.WrongSource(LetterKind.Single),
            await _bench.Writer.WriteAsync(new LetterRequest("appeal-chief-narcologist", "ru", new ReportSet(ReportFilter.All), fields), default));
        Assert.Equal(new LetterOutcome.WrongSource(LetterKind.Aggregate),
            await _bench.Writer.WriteAsync(new LetterRequest("take-home-doses-ministry", "ru", new OneReport("R-2345"), fields), default));
    }

    [Fact]
    public async Task ALetterAboutManyCasesIsNotWrittenWhenItsFilterCountsFewerThanThreeReports()
    {
        await _bench.Stores.SubmitAsync(new StatisticsReport("hospital", new DateOnly(2026, 10, 5)));
        foreach (var day in new[] { 5, 6, 7 })
        {
            await _bench.Stores.SubmitAsync(new StatisticsReport("hospital", new DateOnly(2026, 11, day)));
        }
        var october = new ReportFilter(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), null, null, null);
        var twoDays = new ReportFilter(new DateOnly(2026, 11, 5), new DateOnly(2026, 11, 6), null, null, null);
        var november = new ReportFilter(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), null, null, null);
        var future = new ReportFilter(new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 31), null, null, null);
        var police = ReportFilter.All with { Category = "police" };

        // None, one (its kind, facility and month would be that case's), two.
        foreach (var filter in new[] { future, police, october, twoDays })
        {
            var outcome = await _bench.Writer.WriteAsync(new LetterRequest("summary-appeal-health-department", "ru", new ReportSet(filter), LetterBench.Fields("ru")), default);

            Assert.Equal(new LetterOutcome.TooFewReports(filter), outcome);
        }
        Assert.IsType<LetterOutcome.Drafted>(await _bench.Writer.WriteAsync(
            new LetterRequest("summary-appeal-health-department", "ru", new ReportSet(november), LetterBench.Fields("ru")), default));
    }

    [Fact]
    public async Task OnlyTheRequiredFieldsStillMissingAreAsked()
    {
        var template = _bench.Template("appeal-chief-narcologist", "ru");
        var known = new Dictionary<string, string> { ["recipient"] = "Главному наркологу", ["legal_basis"] = " ", ["salutation"] = "" };

        var missing = LetterWriter.MissingFields(template, known);

        Assert.Equal(["recipient_name", "sender", "sender_bin", "sender_address", "legal_basis", "signatory"], missing.Select(f => f.Name));
        var outcome = await _bench.Writer.WriteAsync(new LetterRequest(template.Id, "ru", new OneReport("R-2345"), known), default);
        Assert.Equal(missing.Select(f => f.Name), Assert.IsType<LetterOutcome.MissingFields>(outcome).Fields.Select(f => f.Name));
    }

    [Fact]
    public void TemplatesAreListedByLanguageAndKind()
    {
        Assert.Equal(["appeal-chief-narcologist", "police-at-ost-sites"], _bench.Writer.Templates("en", LetterKind.Single).Select(t => t.Id));
        Assert.Equal(4, _bench.Writer.Templates("ru").Length);
        Assert.Empty(_bench.Writer.Templates("kk"));
    }
}
