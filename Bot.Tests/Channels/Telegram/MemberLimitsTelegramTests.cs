using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>A member over their limit, end to end through the fake Bot API.</summary>
public sealed class MemberLimitsTelegramTests : TelegramScenario
{
    private const string Story = "В больнице три дня не давали метадон, врач сказал что лицензии нет.";

    [Fact]
    public async Task AMemberOverTheLimitIsToldWhenToGoOnKeepsTheReviewAndAnotherMemberIsNotHeldBack()
    {
        await using var bot = await StartBotAsync(new Dictionary<string, string?> { ["Intake:ReportsPerHour"] = "1" });
        var first = await MemberAtCategoryAsync(742201);
        var receipt = await ReportFromCategoryAsync(first, followUp: false, Story);
        Assert.Matches(Scripts.ReceiptCode(), receipt.Text ?? "");

        await Do(first, m => m.SendsAsync("/report"));
        await Do(first, m => m.PressesAsync(T("ru", "consent.accept")));
        var refused = await ReportFromCategoryAsync(first, followUp: false, Story);

        // One message: when they may go on, and the review they left, with its button to send it then.
        Assert.StartsWith(Texts.Get("ru", "limits.reports", ("hours", "1")), refused.Text, StringComparison.Ordinal);
        Assert.Contains(T("ru", "review.prompt"), refused.Text, StringComparison.Ordinal);
        Assert.Contains(T("ru", "nav.submit"), refused.ButtonTexts);
        Assert.Single(first.Replies, message => Scripts.ReceiptCode().IsMatch(message.Text ?? ""));

        var other = await MemberAtCategoryAsync(742202);
        Assert.Matches(Scripts.ReceiptCode(), (await ReportFromCategoryAsync(other, followUp: false, Story)).Text ?? "");
    }
}
