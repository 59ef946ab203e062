using System.Runtime.Versioning;
using CommunityBot.Conversations;
using CommunityBot.Reports;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Upgrades;

/// <summary>An upgrade keeps every report: a database made by an earlier release (a checked-in fixture with its own
/// test-only keys, see Fixtures/Release-2026-12/README.md) opens with this code, its report reads, and its receipt
/// code still answers /status in Telegram.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class UpgradeFixtureTests : TelegramScenario
{
    private const string ReceiptCode = "7JRT-GAYF-AH72-NS4M";
    private const string Label = "R-UME6";
    private const string Story = "Fixture story: for three days the city hospital gave no methadone to an in-patient.";

    public UpgradeFixtureTests()
    {
        // A copy: the checked-in database is never opened in place (opening may write to it).
        var fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Release-2026-12");
        File.Copy(Path.Combine(fixture, "communitybot.db"), Data.File("communitybot.db"));
        File.Copy(Path.Combine(fixture, "test-only-keys.json"), Data.File(BotHost.LocalKeyFileName));
        File.SetUnixFileMode(Data.File(BotHost.LocalKeyFileName), UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task AReportStoredByTheLastReleaseReadsWithThisCode()
    {
        await using var bot = await StartBotAsync();

        var report = await bot.Reports.FindByReceiptAsync(ReceiptCode);

        Assert.NotNull(report);
        Assert.Equal(Label, report.Label);
        Assert.Equal(ReportStatus.New, report.Status);
        Assert.Contains(report.Answers.Values, answer => answer is TextAnswer { Text: Story });
        Assert.Contains(report.Answers.Values, answer => answer is DateAnswer { Date: { Year: 2026, Month: 3, Day: 12 } });
    }

    [Fact]
    public async Task ItsReceiptCodeStillAnswersStatusInTelegram()
    {
        await using var bot = await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 650700800, firstName: "U", username: null, languageCode: "en");

        var reply = await Do(member, m => m.SendsAsync("/status " + ReceiptCode));

        Assert.Contains(Label, reply.Text, StringComparison.Ordinal);
        Assert.Contains(T("en", "status.new"), reply.Text, StringComparison.Ordinal);
    }
}
