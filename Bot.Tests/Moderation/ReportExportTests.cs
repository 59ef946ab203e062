using System.Text.Json;
using CommunityBot.Moderation;
using CommunityBot.Reports;
using CsvHelper;

namespace CommunityBot.Tests.Moderation;

public sealed class ReportExportTests
{
    private const string ConsentedStory = "Consented story: the head nurse refused the dose in ward 3 for two days.";
    private const string PrivateStory = "Private story: do not export this sentence about the TB ward anywhere.";
    private const string PrivatePlace = "Private place: the clinic behind Zarina's house";

    private static async Task<(StatisticsStores Stores, string Consented, string Private, string Typed)> ThreeReportsAsync()
    {
        var stores = new StatisticsStores(pageSize: 2);
        var consented = await stores.SubmitAsync(
            new StatisticsReport("hospital", new DateOnly(2026, 2, 20), Narrative: ConsentedStory, FollowupConsent: true));
        var notConsented = await stores.SubmitAsync(
            new StatisticsReport("tb", new DateOnly(2026, 3, 1), Community: null, Region: "abai", City: "semey",
                FacilityTyped: PrivatePlace, AppealsConsent: false, Narrative: PrivateStory));
        var typed = await stores.SubmitAsync(
            new StatisticsReport("police", new DateOnly(2026, 3, 2), FacilityTyped: "Отдел полиции у рынка", Narrative: ConsentedStory));
        return (stores, consented.Label, notConsented.Label, typed.Label);
    }

    private static async Task<Dictionary<string, Dictionary<string, string>>> CsvAsync(
        StatisticsStores stores,
        ReportFilter filter,
        string language = "ru")
    {
        using var file = new MemoryStream();
        await stores.Export.WriteCsvAsync(file, filter, language, CancellationToken.None);
        file.Position = 0;
        using var csv = CsvReader.Create(file, new CsvReaderOptions { Separator = ',' }, leaveOpen: true);
        var rows = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        while (await csv.ReadAsync(CancellationToken.None))
        {
            Assert.Equal(ExportRow.Columns, csv.Headers);
            rows[csv.GetString("label")] = ExportRow.Columns.ToDictionary(column => column, csv.GetString, StringComparer.Ordinal);
        }
        return rows;
    }

    [Fact]
    public async Task BroadAndNarrowFiltersExportExactlyTheirReportsAcrossPages()
    {
        // Pages of three: "everything" reads ranges of reports, a rare category looks each one up.
        using var stores = new StatisticsStores(pageSize: 3);
        var categories = new[] { "hospital", "hospital", "hospital", "police", "hospital", "tb", "hospital", "hospital" };
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < 40; i++)
        {
            var category = categories[i % categories.Length];
            labels[(await stores.SubmitAsync(new StatisticsReport(category, new DateOnly(2026, 2, 1)))).Label] = category;
        }

        foreach (var category in new string?[] { null, "hospital", "police", "tb" })
        {
            var rows = await CsvAsync(stores, ReportFilter.All with { Category = category });
            var expected = labels.Where(pair => category is null || pair.Value == category).Select(pair => pair.Key);
            Assert.Equal(expected.Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task CsvRowsMatchTheStoredReports()
    {
        var (stores, consented, notConsented, typed) = await ThreeReportsAsync();
        using var _ = stores;

        var rows = await CsvAsync(stores, ReportFilter.All);

        Assert.Equal(new[] { consented, notConsented, typed }.Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["label"] = consented,
                ["submitted"] = "2026-03-12",
                ["status"] = "new",
                ["community"] = "almaty",
                ["channel"] = "telegram",
                ["category"] = "hospital",
                ["affected"] = "me",
                ["incident_date"] = "2026-02-20",
                ["region"] = "Алматы (город)",
                ["city"] = "Алматы",
                ["facility_kind"] = "narcology",
                ["facility"] = "Городской наркологический центр",
                ["consequences"] = "missed_doses;health_worse",
                ["reported_elsewhere"] = "yes",
                ["appeals_consent"] = "yes",
                ["followup_consent"] = "yes",
                ["narrative"] = ConsentedStory,
            },
            rows[consented]);
        Assert.Equal("Отдел полиции у рынка", rows[typed]["facility"]);
        Assert.Equal("", rows[notConsented]["community"]);
        Assert.Equal("Область Абай", rows[notConsented]["region"]);
        Assert.Equal("Семей", rows[notConsented]["city"]);
    }

    [Fact]
    public async Task PlacesAreNamedInTheLanguageOfTheExport()
    {
        var (stores, consented, _, _) = await ThreeReportsAsync();
        using var _ = stores;

        var rows = await CsvAsync(stores, ReportFilter.All, "en");

        Assert.Equal("Almaty (city)", rows[consented]["region"]);
        Assert.Equal("Almaty", rows[consented]["city"]);
        Assert.Equal("City narcology centre", rows[consented]["facility"]);
    }

    [Fact]
    public async Task CsvHoldsNoStoryOfAMemberWhoDidNotConsent()
    {
        var (stores, _, notConsented, _) = await ThreeReportsAsync();
        using var _ = stores;

        using var file = new MemoryStream();
        await stores.Export.WriteCsvAsync(file, ReportFilter.All, "ru", CancellationToken.None);
        var rows = await CsvAsync(stores, ReportFilter.All);

        Assert.Equal("", rows[notConsented]["narrative"]);
        Assert.Equal("no", rows[notConsented]["appeals_consent"]);
        Assert.DoesNotContain("Private story", System.Text.Encoding.UTF8.GetString(file.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATypedPlaceThatLooksLikeAFormulaIsWrittenAsText()
    {
        using var stores = new StatisticsStores();
        var formula = await stores.SubmitAsync(new StatisticsReport("tb", FacilityTyped: "=HYPERLINK(\"x\") clinic on the corner"));

        var rows = await CsvAsync(stores, ReportFilter.All);

        Assert.StartsWith("'=HYPERLINK", rows[formula.Label]["facility"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task APlaceTypedUnderOtherIsExportedOnlyWithConsentLikeTheStory()
    {
        var (stores, _, notConsented, typed) = await ThreeReportsAsync();
        using var _ = stores;
        using var csv = new MemoryStream();
        using var json = new MemoryStream();

        await stores.Export.WriteCsvAsync(csv, ReportFilter.All, "ru", CancellationToken.None);
        await stores.Export.WriteJsonAsync(json, ReportFilter.All, "ru", CancellationToken.None);
        var rows = await CsvAsync(stores, ReportFilter.All);

        Assert.Equal("", rows[notConsented]["facility"]);
        Assert.Equal("Отдел полиции у рынка", rows[typed]["facility"]);
        Assert.DoesNotContain("Private place", System.Text.Encoding.UTF8.GetString(csv.ToArray()), StringComparison.Ordinal);
        Assert.DoesNotContain("Private place", System.Text.Encoding.UTF8.GetString(json.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CsvStartsWithAByteOrderMarkSoSpreadsheetsReadCyrillic()
    {
        using var stores = new StatisticsStores();
        using var file = new MemoryStream();

        await stores.Export.WriteCsvAsync(file, ReportFilter.All, "ru", CancellationToken.None);

        Assert.Equal([0xEF, 0xBB, 0xBF], file.ToArray()[..3]);
    }

    [Fact]
    public async Task ExportKeepsToTheFilter()
    {
        var (stores, consented, notConsented, typed) = await ThreeReportsAsync();
        using var _ = stores;

        Assert.Equal([typed], (await CsvAsync(stores, ReportFilter.All with { Category = "police" })).Keys);
        Assert.Equal([notConsented], (await CsvAsync(stores, ReportFilter.All with { Category = "tb" })).Keys);
        Assert.Equal([consented], (await CsvAsync(stores, ReportFilter.All with { To = new DateOnly(2026, 2, 28) })).Keys);
        Assert.Empty(await CsvAsync(stores, ReportFilter.All with { Status = ReportStatus.Resolved }));
    }

    [Fact]
    public async Task EachRowSaysTheChannelAndAReportStoredBeforeChannelsWereRecordedSaysTelegram()
    {
        using var stores = new StatisticsStores();
        var messenger = await stores.SubmitAsync(new StatisticsReport(Channel: ReportChannel.Messenger));
        var terminal = await stores.SubmitAsync(new StatisticsReport(Channel: ReportChannel.Terminal));
        var older = await stores.SubmitAsync(new StatisticsReport(Channel: ReportChannel.Messenger));
        await stores.Stores.Database.RunAsync(db =>
        {
            var reports = db.GetCollection("reports");
            var document = reports.FindById(older.Id);
            document.Remove("channel");
            reports.Update(document);
        });

        var rows = await CsvAsync(stores, ReportFilter.All);

        Assert.Equal("messenger", rows[messenger.Label]["channel"]);
        Assert.Equal("terminal", rows[terminal.Label]["channel"]);
        Assert.Equal("telegram", rows[older.Label]["channel"]);
        Assert.Equal(ReportChannel.Telegram, (await stores.Stores.Reports.FindByIdAsync(older.Id))?.Channel);
        Assert.Equal(ReportChannel.Messenger, (await stores.Stores.Reports.FindByIdAsync(messenger.Id))?.Channel);
    }

    [Fact]
    public async Task WithdrawnReportsAreNotExported()
    {
        using var stores = new StatisticsStores();
        var kept = await stores.SubmitAsync(new StatisticsReport());
        var withdrawn = await stores.SubmitAsync(new StatisticsReport());
        await stores.Stores.Reports.WithdrawAsync(withdrawn.ReceiptCode);

        Assert.Equal([kept.Label], (await CsvAsync(stores, ReportFilter.All)).Keys);
    }

    [Fact]
    public async Task JsonHoldsTheSameReportsAndNoStoryWithoutConsent()
    {
        var (stores, consented, notConsented, typed) = await ThreeReportsAsync();
        using var _ = stores;
        using var file = new MemoryStream();

        await stores.Export.WriteJsonAsync(file, ReportFilter.All, "ru", CancellationToken.None);

        using var json = JsonDocument.Parse(file.ToArray());
        var reports = json.RootElement.EnumerateArray().ToDictionary(report => report.GetProperty("label").GetString() ?? "", StringComparer.Ordinal);
        Assert.Equal(new[] { consented, notConsented, typed }.Order(StringComparer.Ordinal), reports.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(ExportRow.Columns, reports[consented].EnumerateObject().Select(property => property.Name));
        Assert.Equal(ConsentedStory, reports[consented].GetProperty("narrative").GetString());
        Assert.Equal(JsonValueKind.Null, reports[notConsented].GetProperty("narrative").ValueKind);
        Assert.False(reports[notConsented].GetProperty("appeals_consent").GetBoolean());
        Assert.Equal(JsonValueKind.Null, reports[notConsented].GetProperty("community").ValueKind);
        Assert.Equal(["missed_doses", "health_worse"], reports[typed].GetProperty("consequences").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("2026-03-02", reports[typed].GetProperty("incident_date").GetString());
        Assert.Equal("Область Абай", reports[notConsented].GetProperty("region").GetString());
        Assert.DoesNotContain("Private story", System.Text.Encoding.UTF8.GetString(file.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonOfNoReportsIsAnEmptyList()
    {
        using var stores = new StatisticsStores();
        using var file = new MemoryStream();

        await stores.Export.WriteJsonAsync(file, ReportFilter.All, "en", CancellationToken.None);

        using var json = JsonDocument.Parse(file.ToArray());
        Assert.Equal(0, json.RootElement.GetArrayLength());
    }
}
