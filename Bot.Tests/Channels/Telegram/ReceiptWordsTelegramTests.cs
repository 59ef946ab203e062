using CommunityBot.Reports;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>A member in their private chat who writes the receipt commands as words, without the slash: the command's
/// word and the code, a few everyday words, "отмена" where the addition waits.</summary>
public sealed class ReceiptWordsTelegramTests : TelegramScenario
{
    private const string Story = "В городской больнице мне три дня не давали метадон, сказали что нет лицензии.";

    /// <summary>A member's whole report; its receipt code and label.</summary>
    private async Task<(FakeMember Member, string Code, string Label)> SubmittedAsync(long userId)
    {
        var member = Server.PrivateChatWith(userId: userId, firstName: "M", username: null, languageCode: "ru");
        await Do(member, m => m.SendsAsync("/report"));
        await Do(member, m => m.PressesAsync(T("ru", "consent.accept")));
        var receipt = await ReportFromCategoryAsync(member, followUp: false, Story);
        return (member, Scripts.ReceiptCode().Match(receipt.Text ?? "").Value, Scripts.Label().Match(receipt.Text ?? "").Value);
    }

    [Fact]
    public async Task TheCommandsWordsWithTheCodeWorkWithoutASlash()
    {
        await using var bot = await StartBotAsync();
        var (member, code, label) = await SubmittedAsync(720100);

        var status = await Do(member, m => m.SendsAsync("мой статус " + code.ToLowerInvariant()));
        var kazakh = await Do(member, m => m.SendsAsync("мәртебе " + code.Replace('-', ' ')));
        var added = await Do(member, m => m.SendsAsync("добавить " + code + " Дозу так и не дали."));
        var deleted = await Do(member, m => m.SendsAsync("удалить " + code));

        Assert.Contains(label, status.Text);
        Assert.Contains(T("ru", "status.new"), status.Text);
        Assert.Contains(T("ru", "status.new"), kazakh.Text);
        Assert.Equal(Texts.Get("ru", "add.done", ("label", label)), added.Text);
        Assert.Equal(Texts.Get("ru", "delete.done", ("label", label)), deleted.Text);
        var report = await bot.Reports.FindByReceiptAsync(code);
        Assert.Equal(ReportStatus.Withdrawn, report?.Status);
    }

    [Theory]
    [InlineData("статус", "status.usage")]
    [InlineData("проверить статус", "status.usage")]
    [InlineData("удалить отчёт", "delete.usage")]
    [InlineData("Добавить?", "add.usage")]
    public async Task AReceiptCommandAskedInWordsIsToldHowToSendTheCodeNotHowToStartAReport(string typed, string usage)
    {
        await using var bot = await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 720200, firstName: "M", username: null, languageCode: "ru");

        var reply = await Do(member, m => m.SendsAsync(typed));

        Assert.Equal(T("ru", usage), reply.Text);
    }

    [Fact]
    public async Task ACancelTypedWhereTheAdditionWaitsIsNotSentToTheModerators()
    {
        await using var bot = await StartBotAsync();
        var (member, code, label) = await SubmittedAsync(720300);
        await Do(member, m => m.SendsAsync("/add " + code));

        var cancelled = await Do(member, m => m.SendsAsync("Отмена"));

        Assert.Equal(T("ru", "add.cancelled"), cancelled.Text);
        Assert.Empty((await bot.Reports.FindByReceiptAsync(code))?.Additions ?? [new ReportAddition(default, label)]);
    }
}
