using CommunityBot.Conversations;
using CommunityBot.Letters;
using CommunityBot.Moderation;
using CommunityBot.Reports;
using CommunityBot.Reports.Retention;
using CommunityBot.Tests.Letters;
using CommunityBot.Tests.Moderation;
using CommunityBot.Tests.Support;
using LiteDB;

namespace CommunityBot.Tests.Reports;

public sealed class ReportPurgeTests : IDisposable
{
    private const string By = "M-3F9A";
    private static readonly DateOnly Incident = new(2026, 3, 2);
    private static readonly DateOnly LongAfter = new(2029, 1, 15);
    private readonly LetterBench _bench = new();

    public void Dispose() => _bench.Dispose();

    private StatisticsStores Stores => _bench.Stores;

    private ReportStore Reports => Stores.Stores.Reports;

    private StatusChanges StatusChanges => Stores.Stores.StatusChanges;

    private ReportPurge Purge => new(Stores.Stores.Database);

    private static PurgeRule EndedBeforeLongAfter => new(LongAfter.AddYears(-2).AddDays(1), PurgeRule.EndedStatuses);

    [Fact]
    public async Task APurgeErasesEveryFreeTextButStatisticsAndCollectiveLettersStillAddUp()
    {
        var resolved = await SubmitAsync("hospital", "Canary-one: the nurse in ward seven refused the dose.");
        var rejected = await SubmitAsync("police", "Canary-two: the officer by the clinic door took my card.");
        var open = await SubmitAsync("hospital", "Canary-three: still waiting for an answer from the ward.");
        var others = new[] { await SubmitAsync("hospital", "Canary-four: no dose on Sunday."), await SubmitAsync("hospital", "Canary-five: sent home.") };
        await Reports.AddNoteAsync(resolved.Id, By, "Canary-note: called the head doctor");
        await Reports.AddInformationAsync(resolved.ReceiptCode, "Canary-addition: it happened again");
        foreach (var report in others.Append(resolved))
        {
            await ResolveAsync(report.Id);
        }
        Assert.Equal(StatusOutcome.Changed, (await StatusChanges.DecideAsync(rejected.Id, new StatusDecision.Reject(RejectReasons.Unverifiable), By)).Outcome);
        var statisticsBefore = await SummaryAsync();
        var letterBefore = await LetterAsync();

        var result = await Purge.PurgeAsync(EndedBeforeLongAfter, LongAfter);

        Assert.Equal(4, result.Erased);
        Assert.Equal(statisticsBefore, await SummaryAsync());
        var letterAfter = await LetterAsync();
        foreach (var line in new[] { "Всего сообщений: 4.", "– март 2026 — 4;", "при стационарном лечении — 4;" })
        {
            Assert.Contains(line, letterBefore);
            Assert.Contains(line, letterAfter);
        }
        Assert.Contains("Canary-one", letterBefore);
        Assert.DoesNotContain("Canary-one", letterAfter);
        Assert.Contains("Canary-three", letterAfter);

        var erased = await Reports.FindByIdAsync(resolved.Id) ?? throw new InvalidOperationException("the report is gone");
        Assert.Equal(ReportStatus.Resolved, erased.Status);
        Assert.Equal(resolved.Label, erased.Label);
        Assert.DoesNotContain(erased.Answers.Values, answer => answer is TextAnswer);
        Assert.Equal(new ChoiceAnswer("hospital"), erased.Answers["category"]);
        Assert.Equal(new DateAnswer(Incident), erased.Answers["when"]);
        Assert.Empty(erased.Additions);
        Assert.Empty(erased.Notes);
        Assert.Empty(ReportDocuments.FreeTexts(erased));
        Assert.Null(await Reports.FindByReceiptAsync(resolved.ReceiptCode));
        var untouched = await Reports.FindByIdAsync(open.Id) ?? throw new InvalidOperationException("the open report is gone");
        Assert.Contains("Canary-three: still waiting for an answer from the ward.", ReportDocuments.FreeTexts(untouched));
        Assert.NotNull(await Reports.FindByReceiptAsync(open.ReceiptCode));

        // Nor do the erased words live on in the search index: a moderator's search finds only the open report.
        Assert.Empty(await Stores.Stores.Queue.FindTextAsync("nurse", 10));
        Assert.Empty(await Stores.Stores.Queue.FindTextAsync("officer", 10));
        Assert.Equal([open.Id], [.. (await Stores.Stores.Queue.FindTextAsync("waiting", 10)).Select(report => report.Id)]);
        var indexed = await Stores.Stores.Database.RunAsync(db =>
            db.GetCollection(ReportDocuments.Collection).FindById(resolved.Id)[SearchIndex.Field].AsArray.Count);
        Assert.Equal(0, indexed);
    }

    [Fact]
    public async Task AfterAPurgeThePurgedStorysCiphertextIsNowhereInTheDataFolder()
    {
        var report = await SubmitAsync("hospital", string.Concat(Enumerable.Repeat("Canary-ciphertext: the ward sent him away again. ", 40)));
        await Stores.Stores.Database.RunAsync(db => db.Checkpoint());
        var ciphertext = await Stores.Stores.Database.RunAsync(db =>
            db.GetCollection(ReportDocuments.Collection).FindById(report.Id)[ReportDocuments.Answers].AsArray
                .First(answer => answer["step"].AsString == "narrative")["text"].AsBinary);
        await ResolveAsync(report.Id);
        var before = Stores.Stores.RawBytes();

        var result = await Purge.PurgeAsync(EndedBeforeLongAfter, LongAfter);

        var after = Stores.Stores.RawBytes();
        Console.WriteLine($"ciphertext {ciphertext.Length} bytes; data folder {before.Length} bytes before the purge, {after.Length} after; " +
            $"database file {result.FileBefore} → {result.FileAfter} bytes");
        Assert.Equal(1, result.Erased);
        Assert.True(before.AsSpan().IndexOf(ciphertext) >= 0, "the ciphertext was not on disk before the purge: the test proves nothing");
        Assert.True(after.AsSpan().IndexOf(ciphertext) < 0, "the purged story's ciphertext is still on disk");
        Assert.Empty(Directory.GetFiles(Stores.Stores.Options.DataDirectory, "*-backup*"));
    }

    [Fact]
    public async Task TheDatabasePasswordAndItsIndexesSurviveTheCompaction()
    {
        using var directory = new TempDirectory();
        const string password = "a database password";
        var stores = new TestStores(directory, password: password);
        SubmittedReport report;
        string[] indexesBefore;
        try
        {
            report = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("member-1"), new StatisticsReport(When: Incident).ToNewReport());
            await stores.StatusChanges.DecideAsync(report.Id, new StatusDecision.Reject(RejectReasons.Spam), By);
            indexesBefore = await IndexesAsync(stores);

            Assert.Equal(1, (await new ReportPurge(stores.Database).PurgeAsync(EndedBeforeLongAfter, LongAfter)).Erased);

            // The purge may add a collection (the pending questions it clears), never lose an index.
            Assert.Empty(indexesBefore.Except(await IndexesAsync(stores)));
        }
        finally
        {
            stores.Dispose();
        }

        var path = stores.Options.DatabasePath;
        Assert.ThrowsAny<LiteException>(() =>
        {
            using var withoutPassword = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
            withoutPassword.GetCollectionNames().ToList();
        });
        using var reopened = new TestStores(directory, stores.Keys, password: password);
        Assert.Empty(indexesBefore.Except(await IndexesAsync(reopened)));
        var found = await reopened.Reports.FindByLabelAsync(report.Label);
        Assert.Equal(ReportStatus.Rejected, found?.Status);
    }

    [Fact]
    public async Task OnlyReportsInTheNamedStatusesThatEndedBeforeTheCutoffAreErasedAndOnlyOnce()
    {
        var resolved = await SubmitAsync("hospital", "Canary-resolved");
        var rejected = await SubmitAsync("police", "Canary-rejected");
        await SubmitAsync("hospital", "Canary-new");
        await ResolveAsync(resolved.Id);
        await StatusChanges.DecideAsync(rejected.Id, new StatusDecision.Reject(RejectReasons.Spam), By);
        var onlyResolved = EndedBeforeLongAfter with { Statuses = [ReportStatus.Resolved] };

        var found = await Purge.FindAsync(onlyResolved);
        var tooRecent = await Purge.FindAsync(new PurgeRule(TestStores.Calendar.Today(Stores.Stores.Time.GetUtcNow()), PurgeRule.EndedStatuses));

        Assert.Equal([resolved.Label], found.Select(c => c.Label));
        Assert.Empty(tooRecent);
        Assert.Contains("Canary-resolved", ReportDocuments.FreeTexts(await Reports.FindByIdAsync(resolved.Id) ?? throw new InvalidOperationException()));
        Assert.Equal(1, (await Purge.PurgeAsync(onlyResolved, LongAfter)).Erased);
        Assert.Equal(0, (await Purge.PurgeAsync(onlyResolved, LongAfter)).Erased);
        Assert.Equal([rejected.Label], (await Purge.FindAsync(EndedBeforeLongAfter)).Select(c => c.Label));
    }

    [Theory]
    [InlineData("90d", "2028-10-17")]
    [InlineData("6m", "2028-07-15")]
    [InlineData("2y", "2027-01-15")]
    [InlineData(" 2Y ", "2027-01-15")]
    public void ARetentionPeriodCountsBackFromToday(string text, string cutoff) =>
        Assert.Equal(DateOnly.Parse(cutoff, System.Globalization.CultureInfo.InvariantCulture), RetentionPeriod.Parse(text)?.Cutoff(LongAfter));

    [Theory]
    [InlineData("2x")]
    [InlineData("0d")]
    [InlineData("y")]
    [InlineData("")]
    [InlineData("-1y")]
    public void ARetentionPeriodThatIsNotANumberAndAUnitIsRefused(string text) => Assert.Null(RetentionPeriod.Parse(text));

    private async Task<SubmittedReport> SubmitAsync(string category, string narrative) =>
        await Stores.SubmitAsync(new StatisticsReport(category, Incident, FacilityId: category == "hospital" ? "almaty_narcology" : null, Narrative: narrative));

    private async Task ResolveAsync(Guid id)
    {
        foreach (var status in new[] { ReportStatus.Verified, ReportStatus.ActionTaken, ReportStatus.Resolved })
        {
            Assert.Equal(StatusOutcome.Changed, (await StatusChanges.DecideAsync(id, new StatusDecision.Move(status), By)).Outcome);
        }
    }

    private async Task<string> SummaryAsync() =>
        Stores.Statistics.Summarize(await Stores.Statistics.CountAsync(ReportFilter.All, default), "ru", suppressSmallCounts: false);

    private async Task<string> LetterAsync()
    {
        var outcome = await _bench.Writer.WriteAsync(new LetterRequest("summary-appeal-health-department", "ru",
            new ReportSet(new ReportFilter(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), null, null, null)), LetterBench.Fields("ru")), default);
        return Assert.IsType<LetterOutcome.Drafted>(outcome).Letter.PlainText;
    }

    private static Task<string[]> IndexesAsync(TestStores stores) => stores.Database.RunAsync(db =>
        db.GetCollection("$indexes").FindAll()
            .Select(index => $"{index["collection"].AsString}/{index["name"].AsString}: {index["expression"].AsString} unique={index["unique"].AsBoolean}")
            .Order(StringComparer.Ordinal)
            .ToArray());
}
