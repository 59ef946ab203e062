using CommunityBot.Reports;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Reports;

/// <summary>The questions relayed to a member, kept for as long as the member may answer them: a reply is known by the
/// question's message, and a typed "Answer" means the latest question relayed through the member's contact.</summary>
public sealed class FollowUpQuestionsTests : IDisposable
{
    private const string Moderator = "M-3F9A";
    private static readonly FollowUpContact Chat = FollowUpContact.Telegram(5550001112223);
    private static readonly FollowUpContact Psid = FollowUpContact.Messenger("7004000000000001");

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static async Task<SubmittedReport> KeptAsync(TestStores stores, FollowUpContact contact)
    {
        var report = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:1"), Samples.Report());
        Assert.True(await stores.FollowUps.KeepAsync(report.Id, contact));
        return report;
    }

    private static Task<int> KeptKeysAsync(TestStores stores) =>
        stores.Database.RunAsync(db => db.GetCollection("followup_questions").Count());

    [Fact]
    public async Task AnAnswerGoesOnForTenMinutesAfterTheMembersLastMessageAndOnlyForItsOwnContactAndReport()
    {
        using var stores = new TestStores(_directory);
        var report = await KeptAsync(stores, Chat);
        var other = await KeptAsync(stores, Chat);

        var before = stores.FollowUps.AnsweredLately(Chat, report.Id);
        Assert.Equal(AnswerOutcome.Added, await stores.FollowUps.AnswerAsync(report.Id, Chat, "Да."));
        stores.Time.Advance(TimeSpan.FromMinutes(9));
        var goesOn = stores.FollowUps.AnsweredLately(Chat, report.Id);
        stores.Time.Advance(TimeSpan.FromMinutes(9));
        // Asked nine minutes ago: the last use counts, so a long answer in many messages stays one.
        var stillGoesOn = stores.FollowUps.AnsweredLately(Chat, report.Id);
        var otherReport = stores.FollowUps.AnsweredLately(Chat, other.Id);
        var otherContact = stores.FollowUps.AnsweredLately(Psid, report.Id);
        stores.Time.Advance(FollowUpContacts.AnswerGoesOn + TimeSpan.FromSeconds(1));
        var over = stores.FollowUps.AnsweredLately(Chat, report.Id);

        Assert.False(before);
        Assert.True(goesOn);
        Assert.True(stillGoesOn);
        Assert.False(otherReport);
        Assert.False(otherContact);
        Assert.False(over);
    }

    [Fact]
    public async Task TheLatestQuestionThroughAContactIsTheOneATypedAnswerMeansAndAskingAgainMakesItTheLatest()
    {
        using var stores = new TestStores(_directory);
        var questions = new FollowUpQuestions(stores.Database, stores.Pseudonyms);
        var first = await KeptAsync(stores, Chat);
        var second = await KeptAsync(stores, Chat);
        var elsewhere = await KeptAsync(stores, Psid);

        await questions.AskedAsync(first.Id, Chat, "101");
        await questions.AskedAsync(second.Id, Chat, "102");
        var latest = await questions.LatestAsync(Chat);
        await questions.AskedAsync(first.Id, Chat, "103");
        var askedAgain = await questions.LatestAsync(Chat);

        Assert.Equal(second.Id, latest);
        Assert.Equal(first.Id, askedAgain);
        Assert.Null(await questions.LatestAsync(Psid));
        Assert.Null(await questions.LatestAsync(FollowUpContact.Telegram(5550001112224)));
        await questions.AskedAsync(elsewhere.Id, Psid, "m_1");
        Assert.Equal(elsewhere.Id, await questions.LatestAsync(Psid));
        // A key per question (four) and one contact key per report asked about (three): asking about the first report
        // again replaced its contact key rather than adding one.
        Assert.Equal(4 + 3, await KeptKeysAsync(stores));
    }

    [Fact]
    public async Task AfterARestartTheQuestionsAskedBeforeAreStillFoundAndAContactWithNoneIsToldSo()
    {
        using var stores = new TestStores(_directory);
        var report = await KeptAsync(stores, Chat);
        var before = new FollowUpQuestions(stores.Database, stores.Pseudonyms);
        // Looked at first with nothing open, then asked: the contacts known to have none must not hide the new question.
        Assert.Null(await before.LatestAsync(Chat));
        await before.AskedAsync(report.Id, Chat, "401");
        Assert.Equal(report.Id, await before.LatestAsync(Chat));

        // A new instance over the same store, as after a restart.
        var after = new FollowUpQuestions(stores.Database, stores.Pseudonyms);
        Assert.Null(await after.LatestAsync(Psid));
        Assert.Equal(report.Id, await after.LatestAsync(Chat));
        await stores.StatusChanges.DecideAsync(report.Id, new StatusDecision.Reject(RejectReasons.Spam), Moderator);
        Assert.Null(await after.LatestAsync(Chat));
    }

    [Fact]
    public async Task WithdrawingOrClosingAReportErasesItsKeysAndTheContactThenMeansTheEarlierOneOrNone()
    {
        using var stores = new TestStores(_directory);
        var questions = new FollowUpQuestions(stores.Database, stores.Pseudonyms);
        var first = await KeptAsync(stores, Chat);
        var second = await KeptAsync(stores, Chat);
        await questions.AskedAsync(first.Id, Chat, "201");
        await questions.AskedAsync(second.Id, Chat, "202");

        Assert.NotNull(await stores.Reports.WithdrawAsync(second.ReceiptCode));
        var afterWithdrawal = await questions.LatestAsync(Chat);
        await stores.StatusChanges.DecideAsync(first.Id, new StatusDecision.Reject(RejectReasons.Spam), Moderator);

        Assert.Equal(first.Id, afterWithdrawal);
        Assert.Null(await questions.LatestAsync(Chat));
        Assert.Null(await questions.AnsweredAsync(Chat, "201"));
        Assert.Equal(0, await KeptKeysAsync(stores));
    }

    [Fact]
    public async Task ErasingTheContactErasesItsKeysAndAQuestionAskedAfterwardsKeepsNothing()
    {
        using var stores = new TestStores(_directory);
        var questions = new FollowUpQuestions(stores.Database, stores.Pseudonyms);
        var report = await KeptAsync(stores, Psid);
        await questions.AskedAsync(report.Id, Psid, "m_301");

        await stores.FollowUps.EraseAsync(report.Id);
        await questions.AskedAsync(report.Id, Psid, "m_302");

        Assert.Null(await questions.LatestAsync(Psid));
        Assert.Equal(0, await KeptKeysAsync(stores));
    }
}
