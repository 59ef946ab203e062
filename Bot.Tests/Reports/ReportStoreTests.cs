using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CommunityBot.Conversations;
using CommunityBot.Privacy;
using CommunityBot.Reports;
using CommunityBot.Tests.Support;
using LiteDB;
using Moq;

namespace CommunityBot.Tests.Reports;

public sealed partial class ReportStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 12, 15, 42, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task AReportIsDatedByTheCommunitysDayNotUtcs()
    {
        using var stores = new TestStores(_directory);
        // 21:30 in UTC is already half past two the next morning in Almaty.
        stores.Time.SetUtcNow(new DateTimeOffset(2026, 3, 12, 21, 30, 0, TimeSpan.Zero));

        var submitted = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:99"), Samples.Report());

        var found = await stores.Reports.FindByIdAsync(submitted.Id);
        Assert.Equal(new DateOnly(2026, 3, 13), found?.SubmittedOn);
        Assert.Equal(new DateOnly(2026, 3, 13), found?.History[0].On);
    }

    [Fact]
    public async Task ASubmittedReportIsFoundByItsReceiptCode()
    {
        using var stores = new TestStores(_directory);

        var submitted = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:100"), Samples.Report());
        var found = await stores.Reports.FindByReceiptAsync(submitted.ReceiptCode);

        Assert.NotNull(found);
        Assert.Equal(submitted.Id, found.Id);
        Assert.Equal(submitted.Label, found.Label);
        Assert.Equal(new DateOnly(2026, 3, 12), found.SubmittedOn);
        Assert.Equal("incident", found.FlowId);
        Assert.Equal(3, found.FlowVersion);
        Assert.Equal("ru", found.Language);
        Assert.Equal("almaty-ost", found.Community);
        Assert.Equal(AnswerText.Of(Samples.Answers()), AnswerText.Of(found.Answers));
        Assert.Equal(ReportStatus.New, found.Status);
        Assert.Equal([new StatusChange(ReportStatus.New, new DateOnly(2026, 3, 12))], found.History.AsEnumerable());
    }

    [Fact]
    public async Task TheReceiptCodeIsSixteenCharactersInFourGroups()
    {
        using var stores = new TestStores(_directory);

        var submitted = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:100"), Samples.Report());

        Assert.Matches("^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{4}(-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{4}){3}$", submitted.ReceiptCode);
    }

    [Fact]
    public async Task TheCodeIsFoundHoweverTheMemberTypesIt()
    {
        using var stores = new TestStores(_directory);
        var submitted = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:100"), Samples.Report());
        var code = submitted.ReceiptCode;

        foreach (var typed in new[]
        {
            code.ToLowerInvariant(),
            code.Replace("-", "", StringComparison.Ordinal),
            code.Replace('-', ' '),
            $"  {code.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal)}  ",
            ToCyrillicLookAlikes(code),
            ToCyrillicLookAlikes(code).ToLowerInvariant(),
        })
        {
            var found = await stores.Reports.FindByReceiptAsync(typed);
            Assert.Equal(submitted.Id, found?.Id);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("ABCD-EFGH-JKLM")]
    [InlineData("0000-0000-0000-0000")]
    [InlineData("ABCD-EFGH-JKLM-NPQR")]
    public async Task AWrongOrMalformedCodeFindsNothing(string typed)
    {
        using var stores = new TestStores(_directory);
        await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:100"), Samples.Report());

        Assert.Null(await stores.Reports.FindByReceiptAsync(typed));
    }

    [Fact]
    public async Task AnotherReportsCodeWithOneCharacterChangedFindsNothing()
    {
        using var stores = new TestStores(_directory);
        var submitted = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:100"), Samples.Report());
        var code = submitted.ReceiptCode.ToCharArray();
        code[0] = code[0] == '2' ? '3' : '2';

        Assert.Null(await stores.Reports.FindByReceiptAsync(new string(code)));
    }

    [Theory]
    [InlineData("{0}.")]
    [InlineData("«{0}»")]
    [InlineData("№ {0}")]
    [InlineData("#{0}")]
    [InlineData("({0})")]
    [InlineData("\"{0}\",")]
    public async Task AReportIsFoundByItsLabelTypedWithAFullStopQuotesBracketsOrANumberSign(string form)
    {
        using var stores = new TestStores(_directory);
        var submitted = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:100"), Samples.Report());

        var found = await stores.Reports.FindByLabelAsync(string.Format(CultureInfo.InvariantCulture, form, submitted.Label.ToLowerInvariant()));

        Assert.Equal(submitted.Id, found?.Id);
        Assert.Null(ReportLabel.Normalize("R-7K3Q.X"));
    }

    [Fact]
    public async Task AReportIsFoundByItsLabelHoweverItIsTyped()
    {
        using var stores = new TestStores(_directory);
        var submitted = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:100"), Samples.Report());

        foreach (var typed in new[] { submitted.Label, submitted.Label.ToLowerInvariant(), submitted.Label[2..], $" {ToCyrillicLookAlikes(submitted.Label)} " })
        {
            Assert.Equal(submitted.Id, (await stores.Reports.FindByLabelAsync(typed))?.Id);
        }

        Assert.Null(await stores.Reports.FindByLabelAsync("R-"));
        Assert.Equal("R-R7K3", ReportLabel.Normalize("r7k3"));
        Assert.Equal("R-R7K3", ReportLabel.Normalize("R-R7K3"));
        Assert.Equal("R-7K3Q", ReportLabel.Normalize("р7к3q"));
        Assert.Null(await stores.Reports.FindByLabelAsync("R-OOOO"));
    }

    [Fact]
    public void ALabelTypedWithTheRussianLayoutOnIsReadOnlyWithItsPrefixAndDash()
    {
        Assert.Equal("R-7K3Q", ReportLabel.Normalize("К-7Л3Й"));
        Assert.Equal("R-7K3Q", ReportLabel.Normalize("к-7л3й."));
        // A Russian word whose keys would give a label ("книга" is typed where "rybuf" is, R-YBUF) stays a word.
        Assert.Null(ReportLabel.Normalize("книга"));
        // "К" is also the look-alike of K: a code typed without its prefix keeps that reading.
        Assert.Equal("R-K7AB", ReportLabel.Normalize("К7АВ"));
    }

    [Fact]
    public async Task LabelsAreShortRandomAndUniqueOverThousandsOfReports()
    {
        using var stores = new TestStores(_directory);

        var submitted = await Task.WhenAll(Enumerable.Range(0, 2000).Select(async i =>
            await stores.Reports.SubmitAsync(await stores.DraftKeyAsync($"telegram:{i}"), Samples.Report(narrative: $"story {i}"))));
        var labels = submitted.Select(s => s.Label).ToList();

        Assert.All(labels, label => Assert.Matches(LabelPattern(), label));
        Assert.Equal(labels.Count, labels.Distinct().Count());
        // Random, not counted up: consecutive reports do not share a prefix run.
        Assert.True(labels.Zip(labels.Skip(1)).Count(pair => pair.First[..4] == pair.Second[..4]) < 100);
    }

    [Fact]
    public async Task ATakenLabelIsDrawnAgain()
    {
        var codes = new Mock<IReportCodes>();
        codes.SetupSequence(c => c.NewLabel()).Returns("R-AAAA").Returns("R-AAAA").Returns("R-BBBB");
        codes.Setup(c => c.NewReceiptCode()).Returns(ReceiptCode.Generate);
        using var stores = new TestStores(_directory, codes: codes.Object);

        var first = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:1"), Samples.Report());
        var second = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:2"), Samples.Report());

        Assert.Equal("R-AAAA", first.Label);
        Assert.Equal("R-BBBB", second.Label);
    }

    [Fact]
    public async Task SubmittingRemovesTheMembersDraftButNoOtherDraft()
    {
        using var stores = new TestStores(_directory);
        var mine = await stores.DraftKeyAsync("telegram:100");
        var theirs = await stores.DraftKeyAsync("telegram:101");
        await stores.Drafts.SaveAsync(mine, Samples.State(Now));
        await stores.Drafts.SaveAsync(theirs, Samples.State(Now));

        await stores.Reports.SubmitAsync(mine, Samples.Report());

        Assert.Null(await stores.Drafts.LoadAsync(mine));
        Assert.NotNull(await stores.Drafts.LoadAsync(theirs));
    }

    [Fact]
    public async Task AFailedWriteOfTheReportLeavesTheDraftInPlace()
    {
        // The same receipt code twice: the unique index refuses the second report.
        var codes = new Mock<IReportCodes>();
        codes.Setup(c => c.NewLabel()).Returns(ReportLabel.Generate);
        codes.Setup(c => c.NewReceiptCode()).Returns("ABCDEFGHJKLMNPQR");
        using var stores = new TestStores(_directory, codes: codes.Object);
        var first = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:1"), Samples.Report(narrative: "first"));
        var key = await stores.DraftKeyAsync("telegram:2");
        await stores.Drafts.SaveAsync(key, Samples.State(Now));

        await Assert.ThrowsAsync<LiteException>(() => stores.Reports.SubmitAsync(key, Samples.Report(narrative: "second")));

        Assert.Equal("story", (await stores.Drafts.LoadAsync(key))?.StepId);
        Assert.Equal(1, await CountReports(stores));
        Assert.Equal(first.Id, (await stores.Reports.FindByReceiptAsync("ABCD-EFGH-JKLM-NPQR"))?.Id);
    }

    [Fact]
    public async Task AFailureHalfWayThroughSubmittingLeavesReportsAndDraftAsTheyWere()
    {
        // Labels are drawn after the draft is removed: failing there must put the draft back.
        var codes = new Mock<IReportCodes>();
        codes.SetupSequence(c => c.NewLabel()).Returns("R-AAAA").Returns("R-AAAA").Throws(new InvalidOperationException("injected"));
        codes.Setup(c => c.NewReceiptCode()).Returns(ReceiptCode.Generate);
        using var stores = new TestStores(_directory, codes: codes.Object);
        await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:1"), Samples.Report());
        var key = await stores.DraftKeyAsync("telegram:2");
        await stores.Drafts.SaveAsync(key, Samples.State(Now));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => stores.Reports.SubmitAsync(key, Samples.Report()));

        Assert.Equal("injected", error.Message);
        Assert.Equal("story", (await stores.Drafts.LoadAsync(key))?.StepId);
        Assert.Equal(1, await CountReports(stores));
    }

    [Fact]
    public async Task ReportsSurviveClosingAndReopeningTheDatabase()
    {
        var keys = TestKeys.Fresh();
        SubmittedReport submitted;
        using (var stores = new TestStores(_directory, keys))
        {
            submitted = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:100"), Samples.Report());
        }

        using var reopened = new TestStores(_directory, keys);
        var byCode = await reopened.Reports.FindByReceiptAsync(submitted.ReceiptCode);
        var byLabel = await reopened.Reports.FindByLabelAsync(submitted.Label);

        Assert.Equal(AnswerText.Of(Samples.Answers()), AnswerText.Of(byCode?.Answers ?? []));
        Assert.Equal(submitted.Id, byLabel?.Id);
    }

    [Fact]
    public async Task AReportHoldsNoIdentifierOfTheMember()
    {
        using var stores = new TestStores(_directory);
        var key = await stores.DraftKeyAsync("telegram:987654321");
        await stores.Drafts.SaveAsync(key, Samples.State(Now));
        var submitted = await stores.Reports.SubmitAsync(key, Samples.Report());

        var document = await stores.Database.RunAsync(db => db.GetCollection("reports").FindById(submitted.Id));
        var json = LiteDB.JsonSerializer.Serialize(document);

        Assert.DoesNotContain("987654321", json, StringComparison.Ordinal);
        Assert.DoesNotContain(key.Current, json, StringComparison.Ordinal);
        Assert.DoesNotContain("15:42", json, StringComparison.Ordinal);
        Assert.Equal(
            [
                "_id", "additions", "answers", "assignedTo", "channel", "community", "duplicateOf", "flowId", "flowVersion", "history",
                "label", "language", "notes", "receipt", "rejectReason", "status", "submittedOn", "words",
            ],
            document.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheRawDatabaseFilesHoldNeitherFreeTextNorTheReceiptCode()
    {
        using var stores = new TestStores(_directory);
        var key = await stores.DraftKeyAsync("telegram:100");
        await stores.Drafts.SaveAsync(key, Samples.State(Now));
        var submitted = await stores.Reports.SubmitAsync(key, Samples.Report());

        AssertStoredWithoutSecrets(stores.RawBytes(), submitted);
        stores.Dispose();
        AssertStoredWithoutSecrets(stores.RawBytes(), submitted);
    }

    private static void AssertStoredWithoutSecrets(byte[] raw, SubmittedReport submitted)
    {
        // The label is stored in clear: finding it proves these are the bytes that hold the report.
        Assert.True(raw.AsSpan().IndexOf(Encoding.UTF8.GetBytes(submitted.Label)) >= 0, "the report is not in the files");

        var secrets = new[]
        {
            Samples.Narrative, "Zarina was refused", "Гульнара", Samples.OtherPlace, "Canary clinic",
            submitted.ReceiptCode, submitted.ReceiptCode.Replace("-", "", StringComparison.Ordinal),
        };
        foreach (var secret in secrets)
        {
            Assert.True(raw.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"'{secret}' found in UTF-8");
            Assert.True(raw.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)) < 0, $"'{secret}' found in UTF-16");
        }
    }

    private static Task<int> CountReports(TestStores stores) =>
        stores.Database.RunAsync(db => db.GetCollection("reports").Count());

    private static string ToCyrillicLookAlikes(string text) => string.Concat(text.Select(c => c switch
    {
        'A' => 'А',
        'B' => 'В',
        'E' => 'Е',
        'K' => 'К',
        'M' => 'М',
        'H' => 'Н',
        'P' => 'Р',
        'C' => 'С',
        'T' => 'Т',
        'X' => 'Х',
        _ => c,
    }));

    [GeneratedRegex("^R-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{4}$")]
    private static partial Regex LabelPattern();
}
