using System.Globalization;
using System.Text.RegularExpressions;
using CommunityBot.Privacy;
using CommunityBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CommunityBot.Tests.Privacy;

/// <summary>The service log, read as someone who took it would: it must not say which report, which update or which
/// member did anything at what time; it carries counts per period instead.</summary>
public sealed partial class LogPrivacyTests : TelegramScenario
{
    private const string Story = "В больнице мне три дня не давали метадон, сказали что у них нет лицензии на это.";

    [Fact]
    public async Task TheLogNamesNoReportLabelNorUpdateIdAndCountsWhatHappened()
    {
        string counted;
        await using (var bot = await StartBotAsync())
        {
            var member = await MemberAtCategoryAsync(userId: 880011);
            await Do(member, m => m.PressesAsync(T("ru", "category.hospital")));
            await Do(member, m => m.PressesAsync(T("ru", "affected.me")));
            await Do(member, m => m.SendsAsync("вчера"));
            await Do(member, m => m.PressesAsync("Алматы (город)"));
            await Do(member, m => m.PressesAsync("Алматы"));
            await Do(member, m => m.PressesAsync(T("ru", "facility_kind.narcology")));
            await Do(member, m => m.SendsAsync("1"));
            await Do(member, m => m.SendsAsync(Story));
            await Do(member, m => m.SendsAsync("1"));
            await Do(member, m => m.SendsAsync("2"));
            await Do(member, m => m.SendsAsync("1"));
            await Do(member, m => m.SendsAsync("2"));
            var receipt = await Do(member, m => m.SendsAsync("1"));
            var code = Scripts.ReceiptCode().Match(receipt.Text ?? "");
            Assert.True(code.Success, receipt.Text);
            await Do(member, m => m.SendsAsync("/add " + code.Value + " Это было в пятницу утром, в приёмном покое."));
            await Do(member, m => m.SendsAsync("/status " + code.Value));
            await Do(member, m => m.SendsAsync("/delete " + code.Value));
            await Server.WaitUntilIdleAsync(TimeSpan.FromSeconds(20));
            counted = Counted(bot);
        }

        var labels = Server.Calls("sendMessage").Concat(Server.Calls("editMessageText"))
            .SelectMany(c => Scripts.Label().Matches(c.String("text") ?? "").Select(m => m.Value))
            .ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(labels);
        var logs = Directory.EnumerateFiles(Data.Path, "*.log", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(logs);
        var text = string.Concat(logs.Select(File.ReadAllText));

        foreach (var label in labels)
        {
            Assert.DoesNotContain(label, text, StringComparison.Ordinal);
        }
        // The fake server numbers updates from 100001 up; a scenario this size stays well below 100400.
        foreach (Match number in SixDigits().Matches(text))
        {
            var value = int.Parse(number.Value, CultureInfo.InvariantCulture);
            Assert.False(value is > 100_000 and < 100_400, $"the log holds what looks like update id {value}");
        }
        Assert.Contains("reports submitted 1", counted + text, StringComparison.Ordinal);
        Assert.Contains("additions stored 1", counted + text, StringComparison.Ordinal);
        Assert.Contains("reports withdrawn 1", counted + text, StringComparison.Ordinal);
        Assert.DoesNotContain("Report R-", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChatTelegramWouldNotClearIsCountedNotLoggedAtTheMomentTheMemberPressedClear()
    {
        string counted;
        await using (var bot = await StartBotAsync())
        {
            var member = Server.PrivateChatWith(userId: 880021, firstName: "M", username: null, languageCode: "ru");
            await Do(member, m => m.SendsAsync("/report"));
            await Do(member, m => m.PressesAsync(T("ru", "consent.accept")));
            await ReportFromCategoryAsync(member, followUp: false, Story);
            Server.FailNext("deleteMessages", 400, "Bad Request: message can't be deleted for everyone");

            await member.PressesAsync(T("ru", "receipt.clear_button"));
            await EventuallyAsync(() => Server.Calls("answerCallbackQuery").Any(c => c.String("text") == T("ru", "receipt.clear_failed")),
                "the member is told that the chat could not be cleared");
            await Server.WaitUntilIdleAsync(TimeSpan.FromSeconds(20));
            counted = Counted(bot);
        }

        // The press came right after the receipt: a line with its own time would date that member's submission.
        var lines = LogLines();
        Assert.DoesNotContain(lines, line => line.Contains("Telegram refused", StringComparison.Ordinal));
        Assert.Contains("telegram refusals (deleteMessages 400) 1", counted + string.Join("\n", lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailureIsLoggedByItsKindAndPlaceWithoutItsMessageWhichMayQuoteAMember()
    {
        await using (var bot = await StartBotAsync())
        {
            var log = bot.Services.GetRequiredService<ILogger<LogPrivacyTests>>();
            try
            {
                // .NET quotes the text it could not read: "The input string '…' was not in a correct format."
                _ = int.Parse("вчера в больнице 87011234567", System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (FormatException ex)
            {
                LogHandlingFailed(log, new InvalidOperationException("Handling failed for 'Марат'", ex));
            }
        }

        var text = string.Join("\n", LogLines());
        Assert.Contains("Handling an update failed", text, StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException (message withheld)", text, StringComparison.Ordinal);
        Assert.Contains("---> System.FormatException (message withheld)", text, StringComparison.Ordinal);
        Assert.Contains(nameof(AFailureIsLoggedByItsKindAndPlaceWithoutItsMessageWhichMayQuoteAMember), text, StringComparison.Ordinal);
        Assert.DoesNotContain("87011234567", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Марат", text, StringComparison.Ordinal);
    }

    /// <summary>What the service counted and would write on the clock's next ten-minute mark (what a mark passed during
    /// the run already took is in the log); nothing is written at the stop, whose time would date it.</summary>
    private static string Counted(TelegramBotHost bot) =>
        ActivityCounts.Describe(bot.Services.GetRequiredService<ActivityCounts>().Take());

    /// <summary>Every line of the log files the service wrote (there must be some).</summary>
    private List<string> LogLines()
    {
        var lines = Directory.EnumerateFiles(Data.Path, "*.log", SearchOption.AllDirectories).SelectMany(File.ReadAllLines).ToList();
        Assert.NotEmpty(lines);
        return lines;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling an update failed")]
    private static partial void LogHandlingFailed(ILogger logger, Exception exception);

    [Fact]
    public async Task ASlowDownForOneMembersChatIsCountedNotLoggedAtItsTime()
    {
        string counted;
        await using (var bot = await StartBotAsync())
        {
            var member = Server.PrivateChatWith(userId: 880023, firstName: "M", username: null, languageCode: "ru");
            Server.FailNext("sendMessage", 429, "Too Many Requests: retry after 1", retryAfter: 1);

            var consent = await Do(member, m => m.SendsAsync("/report"));
            Assert.Contains(T("ru", "consent.prompt")[..20], consent.Text);
            await Server.WaitUntilIdleAsync(TimeSpan.FromSeconds(20));
            counted = Counted(bot);
        }

        var lines = LogLines();
        Assert.DoesNotContain(lines, line => line.Contains("slow down", StringComparison.Ordinal));
        Assert.Contains("telegram refusals (sendMessage 429) 1", counted + string.Join("\n", lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMembershipCheckTelegramRefusesIsCountedNotLoggedAtTheMomentTheMemberFollowedTheLink()
    {
        string counted;
        await using (var bot = await StartBotAsync(new Dictionary<string, string?> { ["Telegram:RequireMembership"] = "true" }))
        {
            Server.Group(TelegramBotHost.CommunityChatId, "ОЗТ Алматы");
            var member = Server.PrivateChatWith(userId: 880031, firstName: "M", username: null, languageCode: "ru");
            Server.FailNext("getChatMember", 400, "Bad Request: member list is inaccessible");

            await Do(member, m => m.SendsAsync("/start " + TelegramBotHost.CommunityLink));
            await Server.WaitUntilIdleAsync(TimeSpan.FromSeconds(20));
            counted = Counted(bot);
        }

        // Following a community's link is how an interview begins: a line with its own time would date that member's start.
        var lines = LogLines();
        Assert.DoesNotContain(lines, line => line.Contains("Membership could not be checked", StringComparison.Ordinal));
        Assert.Contains("telegram refusals (getChatMember 400) 1", counted + string.Join("\n", lines), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?<!\d)\d{6}(?!\d)")]
    private static partial Regex SixDigits();
}
