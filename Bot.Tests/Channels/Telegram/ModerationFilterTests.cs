using System.Globalization;
using CommunityBot.Privacy;
using CommunityBot.Moderation;
using CommunityBot.Reports;
using CommunityBot.Tests.Moderation;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary><c>/stats</c>, <c>/export</c> and <c>/queue</c> with filter words, end to end through the fake Bot API, on
/// reports stored as members would have submitted them.</summary>
public sealed class ModerationFilterTests : TelegramScenario
{
    private const long ShymkentChatId = -1001000000002;

    private static string T(string key) => Texts.Get("ru", key);

    private static readonly Dictionary<string, string?> TwoCommunities = new()
    {
        ["Telegram:Communities:1:ChatId"] = ShymkentChatId.ToString(CultureInfo.InvariantCulture),
        ["Telegram:Communities:1:Key"] = "shymkent",
        ["Telegram:Communities:1:Name"] = "ОЗТ Шымкент",
        ["Telegram:Communities:1:LinkToken"] = "shymkent-ost",
    };

    private int _stored;

    private (FakeGroup Group, FakeMember Moderator) ModeratorsAndOne() => (Moderators(), Moderator(731000));

    /// <summary>A report stored as if a member had submitted it, then moved to <paramref name="status"/>.</summary>
    private async Task<string> StoreAsync(TelegramBotHost bot, StatisticsReport report, ReportStatus status = ReportStatus.New)
    {
        _stored++;
        var submitted = await bot.Reports.SubmitAsync(new PeriodPseudonym("draft-" + _stored.ToString(CultureInfo.InvariantCulture), 0, []), report.ToNewReport());
        if (status != ReportStatus.New)
        {
            Assert.Equal(StatusOutcome.Changed, (await bot.StatusChanges.DecideAsync(submitted.Id,
                status == ReportStatus.Rejected ? new StatusDecision.Reject("spam") : new StatusDecision.Move(status), "M-TEST")).Outcome);
        }
        return submitted.Label;
    }

    private static DateOnly Day(int month, int day) => new(2026, month, day);

    /// <summary>The answer to a command, not the card of a report stored just before (cards go up on their own time).</summary>
    private static bool NotACard(BotMessage message) =>
        !(message.Text ?? "").StartsWith("R-", StringComparison.Ordinal);

    private static async Task<List<Dictionary<string, string>>> RowsAsync(ApiCall document)
    {
        using var file = new MemoryStream(document.Files.Single().Bytes.ToArray());
        using var csv = CsvReader.Create(file, new CsvReaderOptions { Separator = ',' }, leaveOpen: true);
        var rows = new List<Dictionary<string, string>>();
        while (await csv.ReadAsync(CancellationToken.None))
        {
            rows.Add(ExportRow.Columns.ToDictionary(column => column, csv.GetString, StringComparer.Ordinal));
        }
        return rows;
    }

    [Fact]
    public async Task StatsForAMonthAndACommunityCountOnlyItsReports()
    {
        await using var bot = await StartBotAsync(TwoCommunities);
        var (moderators, aigul) = ModeratorsAndOne();
        await StoreAsync(bot, new StatisticsReport("hospital", Day(11, 5)));
        await StoreAsync(bot, new StatisticsReport("police", Day(11, 20)));
        await StoreAsync(bot, new StatisticsReport("tb", Day(11, 30)), ReportStatus.InReview);
        await StoreAsync(bot, new StatisticsReport("hospital", Day(10, 31)));
        await StoreAsync(bot, new StatisticsReport("hospital", Day(12, 1)));
        await StoreAsync(bot, new StatisticsReport("hospital", Day(11, 10), Community: "shymkent"));

        await moderators.MemberSaysAsync(aigul, "/stats 2026-11 almaty");
        var summary = await moderators.WaitForReplyAsync(m => m.Text?.Contains(T("stats.total"), StringComparison.Ordinal) == true);
        await EventuallyAsync(() => Server.Calls("sendPhoto").Count > 0, "no chart was sent");

        Assert.StartsWith(Texts.Get("ru", "mod.filter.applied", ("words", "2026-11 almaty")), summary.Text);
        Assert.Contains(T("stats.total") + ": 3", summary.Text);
        Assert.Contains(T("category.police") + " — 1", summary.Text);
        Assert.Contains("almaty — 3", summary.Text);
        Assert.DoesNotContain("shymkent", summary.Text);
        Assert.Contains("2026-11 — 3", summary.Text);
        Assert.DoesNotContain("2026-10", summary.Text);
        var chart = Server.Calls("sendPhoto").Single();
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, chart.Files.Single().Bytes.AsSpan(0, 4).ToArray());
        Assert.Equal(Texts.Get("ru", "mod.filter.applied", ("words", "2026-11 almaty")), chart.String("caption"));
    }

    [Fact]
    public async Task AnExportWithAStatusAndACategoryHoldsExactlyTheMatchingReports()
    {
        await using var bot = await StartBotAsync(TwoCommunities);
        var (moderators, aigul) = ModeratorsAndOne();
        var wanted = new[]
        {
            await StoreAsync(bot, new StatisticsReport("hospital", Day(3, 1)), ReportStatus.InReview),
            await StoreAsync(bot, new StatisticsReport("hospital", Day(4, 2), Community: "shymkent", AppealsConsent: false), ReportStatus.InReview),
            await StoreAsync(bot, new StatisticsReport("hospital", Day(5, 3), Community: null), ReportStatus.InReview),
        };
        await StoreAsync(bot, new StatisticsReport("hospital", Day(3, 1)));
        await StoreAsync(bot, new StatisticsReport("hospital", Day(3, 1)), ReportStatus.Verified);
        await StoreAsync(bot, new StatisticsReport("police", Day(3, 1)), ReportStatus.InReview);
        await StoreAsync(bot, new StatisticsReport("tb", Day(3, 1)), ReportStatus.Rejected);

        await moderators.MemberSaysAsync(aigul, "/export csv in_review hospital");
        await EventuallyAsync(() => Server.Calls("sendDocument").Count > 0, "no export was sent");

        var document = Server.Calls("sendDocument").Single();
        var rows = await RowsAsync(document);
        Assert.Equal(wanted.Order(StringComparer.Ordinal), rows.Select(row => row["label"]).Order(StringComparer.Ordinal));
        Assert.All(rows, row => Assert.Equal(("in_review", "hospital"), (row["status"], row["category"])));
        // The story only where the member agreed to its use.
        Assert.Equal(2, rows.Count(row => row["narrative"].Length > 0));
        Assert.Equal("", rows.Single(row => row["label"] == wanted[1])["narrative"]);
        Assert.EndsWith(".csv", document.Files.Single().FileName, StringComparison.Ordinal);
        Assert.Equal(Texts.Get("ru", "mod.filter.applied", ("words", "in_review hospital")), document.String("caption"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(bot.Services.GetRequiredService<ExportScratch>().Folder));
    }

    [Fact]
    public async Task AnExportIsSentWholeAgainAfterAServerErrorAndLeavesNoFileWhetherItWasSentOrNot()
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul) = ModeratorsAndOne();
        var label = await StoreAsync(bot, new StatisticsReport("hospital", Day(3, 1)));
        var scratch = bot.Services.GetRequiredService<ExportScratch>().Folder;

        Server.FailNext("sendDocument", 502, "Bad Gateway");
        await moderators.MemberSaysAsync(aigul, "/export json");
        await EventuallyAsync(() => Server.Calls("sendDocument").Count == 2, "the export was not sent again");
        Server.FailNext("sendDocument", 400, "Bad Request: chat not found");
        await moderators.MemberSaysAsync(aigul, "/export csv");
        await EventuallyAsync(() => Server.Calls("sendDocument").Count == 3, "the second export was not tried");
        await Server.WaitUntilIdleAsync();

        var (failed, retried) = (Server.Calls("sendDocument")[0], Server.Calls("sendDocument")[1]);
        Assert.Equal(failed.Files.Single().Bytes.ToArray(), retried.Files.Single().Bytes.ToArray());
        Assert.Contains(label, System.Text.Encoding.UTF8.GetString(retried.Files.Single().Bytes.AsSpan()));
        Assert.True(Directory.Exists(scratch), "the export was not written where expected");
        Assert.Empty(Directory.EnumerateFileSystemEntries(scratch));
    }

    [Fact]
    public async Task AnExportNoReportMatchesIsAnsweredInWordsNamingTheFilterAndSendsNoFile()
    {
        await using var bot = await StartBotAsync(TwoCommunities);
        var (moderators, aigul) = ModeratorsAndOne();
        await StoreAsync(bot, new StatisticsReport("hospital", Day(11, 5)));
        await StoreAsync(bot, new StatisticsReport("police", Day(10, 5)));

        await moderators.MemberSaysAsync(aigul, "/export csv 2026-11 police");
        var csv = await moderators.WaitForReplyAsync(m => NotACard(m) && m.Text?.Contains("police", StringComparison.Ordinal) == true);
        await moderators.MemberSaysAsync(aigul, "/export json shymkent");
        var json = await moderators.WaitForReplyAsync(m => NotACard(m) && m.Text?.Contains("shymkent", StringComparison.Ordinal) == true);
        await Server.WaitUntilIdleAsync();

        Assert.Equal(Texts.Get("ru", "mod.filter.applied", ("words", "2026-11 police")) + "\n\n" + T("mod.export.empty"), csv.Text);
        Assert.Equal(Texts.Get("ru", "mod.filter.applied", ("words", "shymkent")) + "\n\n" + T("mod.export.empty"), json.Text);
        Assert.Empty(Server.Calls("sendDocument"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(bot.Services.GetRequiredService<ExportScratch>().Folder));
    }

    [Fact]
    public async Task AWordTheFiltersDoNotKnowIsAnsweredByItsPlaceWithTheUsage()
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul) = ModeratorsAndOne();
        await StoreAsync(bot, new StatisticsReport("hospital", Day(3, 1)));

        await moderators.MemberSaysAsync(aigul, "/export xml");
        var xml = await moderators.WaitForReplyAsync(NotACard);
        await moderators.MemberSaysAsync(aigul, "/stats 2026-13 almaty");
        var month = await moderators.WaitForReplyAsync(NotACard);
        await moderators.MemberSaysAsync(aigul, "/export");
        var bare = await moderators.WaitForReplyAsync(NotACard);
        await moderators.MemberSaysAsync(aigul, "/stats 2026-03..2026-01");
        var reversed = await moderators.WaitForReplyAsync(NotACard);
        await Server.WaitUntilIdleAsync();

        Assert.StartsWith(Texts.Get("ru", "mod.filter.unknown", ("position", "1")), xml.Text);
        Assert.DoesNotContain("xml", xml.Text, StringComparison.Ordinal);
        Assert.Contains(T("mod.export.usage"), xml.Text);
        Assert.Contains("in_review", xml.Text);
        Assert.Contains("almaty", xml.Text);
        Assert.Contains("hospital — " + T("category.hospital"), xml.Text);
        Assert.StartsWith(Texts.Get("ru", "mod.filter.unknown", ("position", "1")), month.Text);
        Assert.DoesNotContain("2026-13", month.Text, StringComparison.Ordinal);
        Assert.Contains(T("mod.stats.usage"), month.Text);
        Assert.StartsWith(T("mod.filter.no_format"), bare.Text);
        Assert.Contains(T("mod.export.usage"), bare.Text);
        Assert.StartsWith(Texts.Get("ru", "mod.filter.reversed", ("word", "2026-03..2026-01")), reversed.Text);
        Assert.Empty(Server.Calls("sendDocument"));
        Assert.Empty(Server.Calls("sendPhoto"));
    }

    [Fact]
    public async Task QueueWithAnUnknownStatusListsTheStatusesWithoutRepeatingItAndAKnownOneListsItsReports()
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul) = ModeratorsAndOne();
        var inReview = await StoreAsync(bot, new StatisticsReport("hospital", Day(3, 1)), ReportStatus.InReview);
        var waiting = await StoreAsync(bot, new StatisticsReport("hospital", Day(3, 1)));

        await moderators.MemberSaysAsync(aigul, "/queue foo");
        var unknown = await moderators.WaitForReplyAsync(NotACard);
        await moderators.MemberSaysAsync(aigul, "/queue IN_REVIEW");
        var queue = await moderators.WaitForReplyAsync(NotACard);

        Assert.Equal(Texts.Get("ru", "mod.queue.unknown", ("statuses", FilterPhrases.Listed(Texts, "ru"))), unknown.Text);
        Assert.DoesNotContain("foo", unknown.Text, StringComparison.Ordinal);
        Assert.Contains("action_taken", unknown.Text);
        Assert.Contains(inReview, queue.Text);
        Assert.DoesNotContain(waiting, queue.Text);
    }

    [Fact]
    public async Task AReceiptCodeTypedAfterQueueOrExportIsNotRepeatedBackInTheGroup()
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul) = ModeratorsAndOne();
        var code = ReceiptCode.Format(ReceiptCode.Generate());

        await moderators.MemberSaysAsync(aigul, "/queue " + code);
        var queue = await moderators.WaitForReplyAsync(NotACard);
        await moderators.MemberSaysAsync(aigul, "/export csv " + code.ToLowerInvariant());
        var export = await moderators.WaitForReplyAsync(NotACard);

        Assert.Equal(Texts.Get("ru", "mod.queue.unknown", ("statuses", FilterPhrases.Listed(Texts, "ru"))), queue.Text);
        Assert.StartsWith(Texts.Get("ru", "mod.filter.unknown", ("position", "2")), export.Text);
        Assert.DoesNotContain(Server.SentMessages(TelegramBotHost.ModeratorsChatId),
            m => m.Text?.Contains(code, StringComparison.OrdinalIgnoreCase) == true);
    }

    [Theory]
    [InlineData("/stats +7 701 234 56 78", "1", "+7 701 234 56 78")]
    [InlineData("/stats 30d 87012345678", "2", "87012345678")]
    [InlineData("/export csv aigul.k@example.org", "2", "aigul.k@example.org")]
    [InlineData("/export json new +77012345678", "3", "+77012345678")]
    public async Task APhoneNumberOrAnEmailAddressTypedAsAFilterWordIsNamedByItsPlaceNotRepeated(string command, string position, string personal)
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul) = ModeratorsAndOne();

        await moderators.MemberSaysAsync(aigul, command);
        var answer = await moderators.WaitForReplyAsync(NotACard);
        await Server.WaitUntilIdleAsync();

        foreach (var part in personal.Split(' ').Append(personal).Where(part => part.Length > 2 || !part.All(char.IsAsciiDigit)))
        {
            Assert.DoesNotContain(Server.SentMessages(TelegramBotHost.ModeratorsChatId), m => m.Text?.Contains(part, StringComparison.OrdinalIgnoreCase) == true);
        }
        Assert.StartsWith(Texts.Get("ru", "mod.filter.unknown", ("position", position)), answer.Text);
        Assert.Contains(T(command.StartsWith("/stats", StringComparison.Ordinal) ? "mod.stats.usage" : "mod.export.usage"), answer.Text);
        Assert.Contains("in_review", answer.Text);
        Assert.Empty(Server.Calls("sendDocument"));
        Assert.Empty(Server.Calls("sendPhoto"));
    }

    [Fact]
    public async Task APhoneNumberTypedWithSpacesIsNotRepeatedWhenItsPiecesReadAsPeriods()
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul) = ModeratorsAndOne();

        // "701" reads as the last 701 days, so "234" is a second period.
        await moderators.MemberSaysAsync(aigul, "/stats 701 234 56 78");
        var answer = await moderators.WaitForReplyAsync(NotACard);
        await moderators.MemberSaysAsync(aigul, "/queue 8 701 234 56 78");
        var queue = await moderators.WaitForReplyAsync(NotACard);

        Assert.DoesNotContain(Server.SentMessages(TelegramBotHost.ModeratorsChatId),
            m => m.Text is { } text && (text.Contains("234", StringComparison.Ordinal) || text.Contains("701", StringComparison.Ordinal)));
        Assert.StartsWith(Texts.Get("ru", "mod.filter.repeated", ("position", "2")), answer.Text);
        Assert.Equal(Texts.Get("ru", "mod.queue.unknown", ("statuses", FilterPhrases.Listed(Texts, "ru"))), queue.Text);
    }
}
