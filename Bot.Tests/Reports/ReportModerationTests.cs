using CommunityBot.Reports;
using CommunityBot.Tests.Support;
using LiteDB;

namespace CommunityBot.Tests.Reports;

public sealed class ReportModerationTests : IDisposable
{
    private const string Moderator = "M-3F9A";
    private static readonly DateOnly Today = new(2026, 3, 12);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task AReportWalksTheWholeLifecycleAndEachStepIsInItsHistory()
    {
        using var stores = new TestStores(_directory);
        var report = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:1"), Samples.Report());

        foreach (var status in new[] { ReportStatus.InReview, ReportStatus.Verified, ReportStatus.ActionTaken })
        {
            Assert.Equal(StatusOutcome.Changed, (await stores.StatusChanges.DecideAsync(report.Id, new StatusDecision.Move(status), Moderator)).Outcome);
            stores.Time.Advance(TimeSpan.FromDays(1));
        }
        var resolved = await stores.StatusChanges.DecideAsync(report.Id, new StatusDecision.Move(ReportStatus.Resolved), "M-77QQ");

        Assert.Equal(StatusOutcome.Changed, resolved.Outcome);
        Assert.Equal(ReportStatus.Resolved, resolved.Current);
        var expected = new[]
        {
            new StatusChange(ReportStatus.New, Today),
            new StatusChange(ReportStatus.InReview, Today, Moderator),
            new StatusChange(ReportStatus.Verified, Today.AddDays(1), Moderator),
            new StatusChange(ReportStatus.ActionTaken, Today.AddDays(2), Moderator),
            new StatusChange(ReportStatus.Resolved, Today.AddDays(3), "M-77QQ"),
        };
        Assert.Equal(expected, resolved.Report?.History.AsEnumerable());
        Assert.Equal(expected, (await stores.Reports.FindByIdAsync(report.Id))?.History.AsEnumerable());
    }

    [Fact]
    public async Task AnIllegalMoveIsRefusedWithTheCurrentStatusAndChangesNothing()
    {
        using var stores = new TestStores(_directory);
        var report = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:1"), Samples.Report());

        var skipped = await stores.StatusChanges.DecideAsync(report.Id, new StatusDecision.Move(ReportStatus.Resolved), Moderator, updateMarker: "marker-1");

        Assert.Equal(StatusOutcome.Refused, skipped.Outcome);
        Assert.Equal(ReportStatus.New, skipped.Current);
        var stored = await stores.Reports.FindByIdAsync(report.Id);
        Assert.Equal(ReportStatus.New, stored?.Status);
        Assert.Single(stored?.History ?? []);
        // Refused is an answer, not a handled change: a redelivered update may be answered again.
        Assert.False(await MarkerExists(stores, "marker-1"));
    }

    [Fact]
    public async Task NothingLeavesARejectedReport()
    {
        using var stores = new TestStores(_directory);
        var report = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:1"), Samples.Report());
        await stores.StatusChanges.DecideAsync(report.Id, new StatusDecision.Reject(RejectReasons.Spam), Moderator);

        var reopened = await stores.StatusChanges.DecideAsync(report.Id, new StatusDecision.Move(ReportStatus.InReview), Moderator);

        Assert.Equal(StatusOutcome.Refused, reopened.Outcome);
        Assert.Equal(ReportStatus.Rejected, reopened.Current);
        Assert.Equal(RejectReasons.Spam, reopened.Report?.RejectReason);
    }

    [Fact]
    public async Task AChangeWritesItsUpdateMarkerWithIt()
    {
        using var stores = new TestStores(_directory);
        var report = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:1"), Samples.Report());

        await stores.StatusChanges.DecideAsync(report.Id, new StatusDecision.Move(ReportStatus.Verified), Moderator, updateMarker: "marker-2");
        await stores.Reports.AssignAsync(report.Id, Moderator, updateMarker: "marker-3");
        await stores.Reports.AddNoteAsync(report.Id, Moderator, "called the clinic", updateMarker: "marker-4");

        Assert.True(await MarkerExists(stores, "marker-2"));
        Assert.True(await MarkerExists(stores, "marker-3"));
        Assert.True(await MarkerExists(stores, "marker-4"));
    }

    [Fact]
    public async Task AnUnknownReportIsNotFound()
    {
        using var stores = new TestStores(_directory);

        var result = await stores.StatusChanges.DecideAsync(Guid.NewGuid(), new StatusDecision.Move(ReportStatus.Verified), Moderator);

        Assert.Equal(StatusOutcome.NotFound, result.Outcome);
        Assert.Null(result.Current);
        Assert.False(await stores.Reports.AssignAsync(Guid.NewGuid(), Moderator));
        Assert.False(await stores.Reports.AddNoteAsync(Guid.NewGuid(), Moderator, "note"));
        Assert.Null(await stores.Reports.FindByIdAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task ADuplicatePointsAtItsOriginal()
    {
        using var stores = new TestStores(_directory);
        var original = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:1"), Samples.Report());
        var copy = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:2"), Samples.Report());

        var ofNothing = await stores.StatusChanges.DecideAsync(copy.Id, new StatusDecision.Duplicate(Guid.NewGuid()), Moderator);
        var ofItself = await stores.StatusChanges.DecideAsync(copy.Id, new StatusDecision.Duplicate(copy.Id), Moderator);
        var marked = await stores.StatusChanges.DecideAsync(copy.Id, new StatusDecision.Duplicate(original.Id), Moderator);

        Assert.Equal(StatusOutcome.UnknownOriginal, ofNothing.Outcome);
        Assert.Equal(StatusOutcome.UnknownOriginal, ofItself.Outcome);
        Assert.Equal(StatusOutcome.Changed, marked.Outcome);
        Assert.Equal(original.Id, (await stores.Reports.FindByIdAsync(copy.Id))?.DuplicateOf);
    }

    [Fact]
    public async Task DuplicatesMayChainButNeverCloseACaseInACircle()
    {
        using var stores = new TestStores(_directory);
        var a = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:1"), Samples.Report());
        var b = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:2"), Samples.Report());
        var c = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:3"), Samples.Report());
        var d = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:4"), Samples.Report());

        var aOfB = await stores.StatusChanges.DecideAsync(a.Id, new StatusDecision.Duplicate(b.Id), Moderator);
        var bOfA = await stores.StatusChanges.DecideAsync(b.Id, new StatusDecision.Duplicate(a.Id), Moderator);
        var bOfC = await stores.StatusChanges.DecideAsync(b.Id, new StatusDecision.Duplicate(c.Id), Moderator);
        var cOfA = await stores.StatusChanges.DecideAsync(c.Id, new StatusDecision.Duplicate(a.Id), Moderator);
        var dOfA = await stores.StatusChanges.DecideAsync(d.Id, new StatusDecision.Duplicate(a.Id), Moderator);

        Assert.Equal(
            [StatusOutcome.Changed, StatusOutcome.CircularOriginal, StatusOutcome.Changed, StatusOutcome.CircularOriginal, StatusOutcome.Changed],
            new[] { aOfB, bOfA, bOfC, cOfA, dOfA }.Select(result => result.Outcome));
        // The end of the chain stays open: the case is still somewhere to be worked on.
        Assert.Equal(ReportStatus.New, (await stores.Reports.FindByIdAsync(c.Id))?.Status);
        Assert.Null((await stores.Reports.FindByIdAsync(c.Id))?.DuplicateOf);
    }

    [Fact]
    public async Task AReportDeletedByItsMemberCannotBeTheOriginalOfADuplicate()
    {
        using var stores = new TestStores(_directory);
        var deleted = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:1"), Samples.Report());
        var copy = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:2"), Samples.Report());
        await stores.Reports.WithdrawAsync(deleted.ReceiptCode);

        var result = await stores.StatusChanges.DecideAsync(copy.Id, new StatusDecision.Duplicate(deleted.Id), Moderator);

        // Closing the copy would leave the case nowhere: the original's content is gone.
        Assert.Equal(StatusOutcome.UnknownOriginal, result.Outcome);
        Assert.Equal(ReportStatus.New, (await stores.Reports.FindByIdAsync(copy.Id))?.Status);
    }

    [Fact]
    public async Task AReasonOrOriginalWhereItDoesNotBelongIsTheCallersMistake()
    {
        using var stores = new TestStores(_directory);
        var report = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:1"), Samples.Report());

        // A reason where it does not belong, or an original with a reason, cannot be written at all: each decision
        // carries only its own. What is left to check is a plain move to a status that needs more, and a reason that
        // is not one.
        await Assert.ThrowsAsync<ArgumentException>(() => stores.StatusChanges.DecideAsync(report.Id, new StatusDecision.Move(ReportStatus.Rejected), Moderator));
        await Assert.ThrowsAsync<ArgumentException>(() => stores.StatusChanges.DecideAsync(report.Id, new StatusDecision.Reject("boring"), Moderator));
        await Assert.ThrowsAsync<ArgumentException>(() => stores.StatusChanges.DecideAsync(report.Id, new StatusDecision.Move(ReportStatus.Duplicate), Moderator));
        Assert.Equal(ReportStatus.New, (await stores.Reports.FindByIdAsync(report.Id))?.Status);
    }

    [Theory]
    [InlineData("987654321")]
    [InlineData("-100987654321")]
    [InlineData(" ")]
    public async Task AModeratorIsNeverNamedByANumber(string by)
    {
        using var stores = new TestStores(_directory);
        var report = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:1"), Samples.Report());

        await Assert.ThrowsAsync<ArgumentException>(() => stores.Reports.AssignAsync(report.Id, by));
        await Assert.ThrowsAsync<ArgumentException>(() => stores.Reports.AddNoteAsync(report.Id, by, "note"));
        await Assert.ThrowsAsync<ArgumentException>(() => stores.StatusChanges.DecideAsync(report.Id, new StatusDecision.Move(ReportStatus.Verified), by));
    }

    [Fact]
    public async Task ATakenReportShowsWhoTookIt()
    {
        using var stores = new TestStores(_directory);
        var report = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:1"), Samples.Report());

        Assert.Null((await stores.Reports.FindByIdAsync(report.Id))?.AssignedTo);
        Assert.True(await stores.Reports.AssignAsync(report.Id, Moderator));
        Assert.Equal(Moderator, (await stores.Reports.FindByIdAsync(report.Id))?.AssignedTo);
        Assert.True(await stores.Reports.AssignAsync(report.Id, "M-77QQ"));
        Assert.Equal("M-77QQ", (await stores.Reports.FindByIdAsync(report.Id))?.AssignedTo);
    }

    [Fact]
    public async Task AnEndedReportCannotBeTaken()
    {
        using var stores = new TestStores(_directory);
        var report = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:1"), Samples.Report());
        await stores.StatusChanges.DecideAsync(report.Id, new StatusDecision.Reject(RejectReasons.OutOfScope), Moderator);

        Assert.False(await stores.Reports.AssignAsync(report.Id, "M-77QQ"));
        Assert.Null((await stores.Reports.FindByIdAsync(report.Id))?.AssignedTo);
    }

    [Fact]
    public async Task NotesAreKeptInOrderAndStoredEncrypted()
    {
        using var stores = new TestStores(_directory);
        var report = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:1"), Samples.Report());

        Assert.True(await stores.Reports.AddNoteAsync(report.Id, Moderator, "Canary note: the head nurse Aigerim confirmed it"));
        stores.Time.Advance(TimeSpan.FromDays(2));
        Assert.True(await stores.Reports.AddNoteAsync(report.Id, "M-77QQ", "второй канарейка звонок"));

        var notes = (await stores.Reports.FindByIdAsync(report.Id))?.Notes ?? [];
        Assert.Equal(
            [
                new ReportNote(Today, Moderator, "Canary note: the head nurse Aigerim confirmed it"),
                new ReportNote(Today.AddDays(2), "M-77QQ", "второй канарейка звонок"),
            ],
            notes.AsEnumerable());
        AssertNotInFiles(stores, "head nurse Aigerim", "второй канарейка");
        stores.Dispose();
        AssertNotInFiles(stores, "head nurse Aigerim", "второй канарейка");
    }

    [Fact]
    public async Task TheQueueShowsOneStatusNewestDayFirstInPages()
    {
        using var stores = new TestStores(_directory);
        var submitted = new List<(SubmittedReport Report, DateOnly On)>();
        for (var day = 0; day < 5; day++)
        {
            for (var i = 0; i < 3; i++)
            {
                submitted.Add((await stores.Reports.SubmitAsync(await stores.DraftKeyAsync($"telegram:{day}-{i}"), Samples.Report()), Today.AddDays(day)));
            }
            stores.Time.Advance(TimeSpan.FromDays(1));
        }
        var verified = submitted.Where((_, i) => i % 3 != 0).ToList();
        foreach (var (report, _) in verified)
        {
            await stores.StatusChanges.DecideAsync(report.Id, new StatusDecision.Move(ReportStatus.Verified), Moderator);
        }
        var expected = verified
            .OrderByDescending(entry => entry.On)
            .ThenByDescending(entry => entry.Report.Label, StringComparer.Ordinal)
            .Select(entry => entry.Report.Id)
            .ToList();

        var first = await stores.Queue.QueueAsync(ReportStatus.Verified, 0, 4);
        var second = await stores.Queue.QueueAsync(ReportStatus.Verified, 4, 4);
        var last = await stores.Queue.QueueAsync(ReportStatus.Verified, 8, 4);

        Assert.Equal(10, first.Total);
        Assert.Equal(10, last.Total);
        Assert.Equal(expected, first.Page.Concat(second.Page).Concat(last.Page).Select(report => report.Id));
        Assert.Equal(2, last.Page.Count);
        Assert.All(first.Page, report => Assert.Equal(ReportStatus.Verified, report.Status));
        Assert.Equal(Samples.Narrative, (first.Page[0].Answers["story"] as CommunityBot.Conversations.TextAnswer)?.Text);
    }

    [Fact]
    public async Task TheQueueOfEveryStatusIsNewestDayFirst()
    {
        using var stores = new TestStores(_directory);
        var ids = new List<Guid>();
        for (var day = 0; day < 4; day++)
        {
            ids.Add((await stores.Reports.SubmitAsync(await stores.DraftKeyAsync($"telegram:{day}"), Samples.Report())).Id);
            stores.Time.Advance(TimeSpan.FromDays(1));
        }
        await stores.StatusChanges.DecideAsync(ids[1], new StatusDecision.Move(ReportStatus.InReview), Moderator);

        var (page, total) = await stores.Queue.QueueAsync(null, 1, 10);

        Assert.Equal(4, total);
        Assert.Equal([ids[2], ids[1], ids[0]], page.Select(report => report.Id));
        Assert.Empty((await stores.Queue.QueueAsync(ReportStatus.Resolved, 0, 10)).Page);
    }

    [Fact]
    public async Task TheQueueReadsThroughAnIndexWithoutSorting()
    {
        using var stores = new TestStores(_directory);
        await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:1"), Samples.Report());
        await stores.Queue.QueueAsync(ReportStatus.New, 0, 1);

        var (byStatus, all) = await stores.Database.RunAsync(db =>
        {
            var reports = db.GetCollection("reports");
            return (ReportQueue.QueueQuery(reports, ReportStatus.New).Limit(1).GetPlan(), ReportQueue.QueueQuery(reports, null).Limit(1).GetPlan());
        });

        Assert.Equal("queue", byStatus["index"]["name"].AsString);
        Assert.StartsWith("INDEX RANGE SCAN", byStatus["index"]["mode"].AsString, StringComparison.Ordinal);
        Assert.False(byStatus.ContainsKey("orderBy"), byStatus.ToString());
        Assert.Equal("newest", all["index"]["name"].AsString);
        Assert.False(all.ContainsKey("orderBy"), all.ToString());
    }

    [Fact]
    public async Task AnIndexNoLongerReadIsDroppedAtTheNextStopAndTheQueueStillCounts()
    {
        var stores = new TestStores(_directory);
        await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:1"), Samples.Report());
        var second = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:2"), Samples.Report());
        Assert.Equal(StatusOutcome.Changed, (await stores.StatusChanges.DecideAsync(second.Id, new StatusDecision.Move(ReportStatus.InReview), Moderator)).Outcome);
        // As a database written by an older version: the reports indexed by the day they were submitted as well.
        await stores.Database.RunAsync(db =>
        {
            db.GetCollection("reports").EnsureIndex("submittedOn", "$.submittedOn");
            ReportCollections.DropUnusedIndexesAtClose(db, stores.Database);
        });
        Assert.Contains("submittedOn", await IndexNamesAsync(stores));
        stores.Dispose();

        using var restarted = new TestStores(_directory, stores.Keys);
        var names = await IndexNamesAsync(restarted);
        Assert.DoesNotContain("submittedOn", names);
        Assert.Contains("status", names);
        Assert.Equal(1, (await restarted.Queue.QueueAsync(ReportStatus.New, 0, 10)).Total);
        Assert.Equal(1, (await restarted.Queue.QueueAsync(ReportStatus.InReview, 0, 10)).Total);
        Assert.Equal(2, (await restarted.Queue.QueueAsync(null, 0, 10)).Total);
    }

    private static Task<List<string>> IndexNamesAsync(TestStores stores) =>
        stores.Database.RunAsync(db =>
            db.GetCollection("$indexes").Find(Query.EQ("collection", "reports")).Select(index => index["name"].AsString).ToList());

    [Fact]
    public async Task FindMatchesALabelOrAnyDecryptedTextIgnoringCase()
    {
        using var stores = new TestStores(_directory);
        var hospital = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:1"), Samples.Report(narrative: "Refused at the TB ward"));
        var police = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:2"), Samples.Report(narrative: "Police waited at the site", otherPlace: "Site near the Green Bazaar"));
        var noted = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:3"), Samples.Report(narrative: "nothing here"));
        await stores.Reports.AddNoteAsync(noted.Id, Moderator, "Also seen by the outreach worker");
        await stores.Reports.AddInformationAsync(hospital.ReceiptCode, "They came back on Friday");

        Assert.Equal([hospital.Id], await Ids(stores, "tb WARD"));
        Assert.Equal([police.Id], await Ids(stores, "green bazaar"));
        Assert.Equal([noted.Id], await Ids(stores, "OUTREACH"));
        Assert.Equal([hospital.Id], await Ids(stores, "friday"));
        Assert.Equal([police.Id], await Ids(stores, police.Label.ToLowerInvariant()));
        Assert.Empty(await Ids(stores, "prosecutor"));
        Assert.Single(await stores.Queue.FindTextAsync("e", 1));
    }

    [Fact]
    public async Task TheFollowUpContactIsKeptEncryptedApartFromTheReport()
    {
        using var stores = new TestStores(_directory);
        var report = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:1"), Samples.Report());

        Assert.True(await stores.FollowUps.KeepAsync(report.Id, FollowUpContact.Telegram(987654321987)));

        Assert.Equal(FollowUpContact.Telegram(987654321987), await stores.FollowUps.FindAsync(report.Id));
        Assert.True((await stores.Reports.FindByIdAsync(report.Id))?.FollowUpAvailable);
        var document = await stores.Database.RunAsync(db => db.GetCollection("reports").FindById(report.Id));
        Assert.DoesNotContain("987654321987", JsonSerializer.Serialize(document), StringComparison.Ordinal);
        AssertNoChatId(stores.RawBytes());
        stores.Dispose();
        AssertNoChatId(stores.RawBytes());
    }

    [Fact]
    public async Task AMessengerContactIsKeptEncryptedAndAContactStoredBeforeChannelsReadsAsATelegramChat()
    {
        using var stores = new TestStores(_directory);
        var fromMessenger = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("messenger:1"), Samples.Report());
        var older = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:2"), Samples.Report());
        await stores.FollowUps.KeepAsync(fromMessenger.Id, FollowUpContact.Messenger("7003555544443333"));
        await stores.FollowUps.KeepAsync(older.Id, FollowUpContact.Telegram(246813579));
        await stores.Database.RunAsync(db =>
        {
            var followUps = db.GetCollection("followups");
            var document = followUps.FindById(older.Id);
            document.Remove("channel");
            followUps.Update(document);
        });

        Assert.Equal(FollowUpContact.Messenger("7003555544443333"), await stores.FollowUps.FindAsync(fromMessenger.Id));
        Assert.Equal(FollowUpContact.Telegram(246813579), await stores.FollowUps.FindAsync(older.Id));
        Assert.Equal(AnswerOutcome.NotAwaited, await stores.FollowUps.AnswerAsync(fromMessenger.Id, FollowUpContact.Telegram(7003555544443333), "Not the same channel"));
        Assert.Equal(AnswerOutcome.Added, await stores.FollowUps.AnswerAsync(fromMessenger.Id, FollowUpContact.Messenger("7003555544443333"), "Through Messenger"));
        Assert.False(RawBytes.Contain(stores.RawBytes(), "7003555544443333"));
    }

    [Fact]
    public async Task ErasingTheFollowUpContactLeavesNoneBehind()
    {
        using var stores = new TestStores(_directory);
        var report = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:1"), Samples.Report());
        await stores.FollowUps.KeepAsync(report.Id, FollowUpContact.Telegram(987654321987));

        await stores.FollowUps.EraseAsync(report.Id);

        Assert.Null(await stores.FollowUps.FindAsync(report.Id));
        Assert.False((await stores.Reports.FindByIdAsync(report.Id))?.FollowUpAvailable);
    }

    [Theory]
    [InlineData(nameof(ReportStatus.Resolved))]
    [InlineData(nameof(ReportStatus.Rejected))]
    [InlineData(nameof(ReportStatus.Duplicate))]
    public async Task ClosingAReportErasesItsFollowUpContact(string status)
    {
        var closing = Enum.Parse<ReportStatus>(status);
        using var stores = new TestStores(_directory);
        var original = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:0"), Samples.Report());
        var report = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:1"), Samples.Report());
        await stores.FollowUps.KeepAsync(report.Id, FollowUpContact.Telegram(987654321987));
        await stores.FollowUps.KeepAsync(original.Id, FollowUpContact.Telegram(123456789012));
        if (closing == ReportStatus.Resolved)
        {
            await stores.StatusChanges.DecideAsync(report.Id, new StatusDecision.Move(ReportStatus.Verified), Moderator);
            await stores.StatusChanges.DecideAsync(report.Id, new StatusDecision.Move(ReportStatus.ActionTaken), Moderator);
            Assert.True((await stores.Reports.FindByIdAsync(report.Id))?.FollowUpAvailable);
        }

        var closed = await stores.StatusChanges.DecideAsync(
            report.Id,
            closing switch
            {
                ReportStatus.Rejected => new StatusDecision.Reject(RejectReasons.Unverifiable),
                ReportStatus.Duplicate => new StatusDecision.Duplicate(original.Id),
                _ => new StatusDecision.Move(closing),
            },
            Moderator);

        Assert.Equal(StatusOutcome.Changed, closed.Outcome);
        Assert.False(closed.Report?.FollowUpAvailable);
        Assert.Null(await stores.FollowUps.FindAsync(report.Id));
        Assert.Equal(FollowUpContact.Telegram(123456789012), await stores.FollowUps.FindAsync(original.Id));
        Assert.False(await stores.FollowUps.KeepAsync(report.Id, FollowUpContact.Telegram(987654321987)));
    }

    [Fact]
    public async Task WithdrawingAReportErasesItsFollowUpContactAndNotes()
    {
        using var stores = new TestStores(_directory);
        var report = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:1"), Samples.Report());
        await stores.FollowUps.KeepAsync(report.Id, FollowUpContact.Telegram(987654321987));
        await stores.Reports.AddNoteAsync(report.Id, Moderator, "the member said Canary Street");

        await stores.Reports.WithdrawAsync(report.ReceiptCode);

        var withdrawn = await stores.Reports.FindByIdAsync(report.Id);
        Assert.Equal(ReportStatus.Withdrawn, withdrawn?.Status);
        Assert.Empty(withdrawn?.Notes ?? [new ReportNote(Today, "x", "x")]);
        Assert.False(withdrawn?.FollowUpAvailable);
        Assert.Null(await stores.FollowUps.FindAsync(report.Id));
        Assert.False(await stores.Reports.AddNoteAsync(report.Id, Moderator, "too late"));
    }

    private static async Task<Guid[]> Ids(TestStores stores, string text) =>
        [.. (await stores.Queue.FindTextAsync(text, 10)).Select(report => report.Id)];

    private static Task<bool> MarkerExists(TestStores stores, string marker) =>
        StoredMarkers.ContainsAsync(stores.Database, marker);

    private static void AssertNotInFiles(TestStores stores, params string[] secrets)
    {
        var raw = stores.RawBytes();
        Assert.True(RawBytes.Contain(raw, Moderator), "the notes are not in the files");
        Assert.All(secrets, secret => Assert.False(RawBytes.Contain(raw, secret), $"'{secret}' found"));
    }

    private static void AssertNoChatId(byte[] raw)
    {
        Assert.False(RawBytes.Contain(raw, "987654321987"));
        Assert.True(raw.AsSpan().IndexOf(BitConverter.GetBytes(987654321987L)) < 0, "the chat id is in the files as a number");
        Assert.True(raw.AsSpan().IndexOf(BitConverter.GetBytes(987654321987d)) < 0, "the chat id is in the files as a double");
    }

    [Fact]
    public async Task AStatusChangeAndItsAuditEntryAreWrittenTogetherAndARefusalWritesNeither()
    {
        using var stores = new TestStores(_directory);
        var audit = new CommunityBot.Moderation.AuditLog(stores.Database, stores.Time);
        var report = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:1"), Samples.Report());

        var taken = await stores.StatusChanges.DecideAsync(report.Id, new StatusDecision.Move(ReportStatus.InReview), Moderator, audit: new CommunityBot.Moderation.Audited("pseudonym-1", "Take"), assign: true);
        var refused = await stores.StatusChanges.DecideAsync(report.Id, new StatusDecision.Move(ReportStatus.Resolved), Moderator, audit: new CommunityBot.Moderation.Audited("pseudonym-1", "Resolve"));

        Assert.Equal(StatusOutcome.Changed, taken.Outcome);
        Assert.Equal(Moderator, taken.Report?.AssignedTo);
        Assert.Equal(StatusOutcome.Refused, refused.Outcome);
        var entry = Assert.Single(await audit.LatestAsync(10));
        Assert.Equal(("pseudonym-1", report.Label, "Take"), (entry.Moderator, entry.Report, entry.Action));
    }

    [Fact]
    public async Task AnAnswerIsTakenOnlyFromTheChatKeptForFollowUpAndOnlyWhileTheCaseIsOpen()
    {
        using var stores = new TestStores(_directory);
        var report = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:1"), Samples.Report());
        await stores.FollowUps.KeepAsync(report.Id, FollowUpContact.Telegram(424242));

        var stranger = await stores.FollowUps.AnswerAsync(report.Id, FollowUpContact.Telegram(515151), "Not mine");
        var member = await stores.FollowUps.AnswerAsync(report.Id, FollowUpContact.Telegram(424242), "At the city hospital, ward 3");
        await stores.StatusChanges.DecideAsync(report.Id, new StatusDecision.Reject(RejectReasons.OutOfScope), Moderator);
        var late = await stores.FollowUps.AnswerAsync(report.Id, FollowUpContact.Telegram(424242), "Too late");

        Assert.Equal((AnswerOutcome.NotAwaited, AnswerOutcome.Added, AnswerOutcome.NotAwaited), (stranger, member, late));
        Assert.Equal(AnswerOutcome.NotFound, await stores.FollowUps.AnswerAsync(Guid.NewGuid(), FollowUpContact.Telegram(424242), "Nobody"));
        var stored = await stores.Reports.FindByIdAsync(report.Id);
        var answer = Assert.Single(stored?.Additions ?? []);
        Assert.Equal(("At the city hospital, ward 3", true), (answer.Text, answer.Answer));
    }

    [Fact]
    public async Task ANewReportOwesItsCardUntilTheCardIsPosted()
    {
        using var stores = new TestStores(_directory);
        var cards = new ReportCards(stores.Database);
        var report = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:1"), Samples.Report());

        Assert.Equal([report.Id], await cards.OwedAsync());
        await cards.PostedAsync(report.Id, 77);

        Assert.Empty(await cards.OwedAsync());
        Assert.False(await cards.IsOwedAsync(report.Id));
        Assert.Equal(77, await cards.MessageOfAsync(report.Id));
    }
}
