using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;

namespace CommunityBot.Tests.Channels.Telegram.Groups;

/// <summary>A community group's link (<c>/start TOKEN</c>) as members really follow it: pressed while a report is open,
/// typed by hand, or named to the bot.</summary>
public sealed class CommunityLinksAsFollowedTests : TelegramScenario
{
    [Fact]
    public async Task ALinkFollowedWhileAReportBegunWithoutOneIsOpenKeepsItsAnswersAndRecordsTheCommunity()
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(749500);
        await Do(member, m => m.PressesAsync(T("ru", "category.hospital")));
        await Do(member, m => m.PressesAsync(T("ru", "affected.me")));

        var resumed = await Do(member, m => m.SendsAsync("/start " + TelegramBotHost.CommunityLink));

        Assert.Contains(T("ru", "draft.resumed"), resumed.Text);
        Assert.Contains(T("ru", "when.prompt")[..15], resumed.Text);
        await Do(member, m => m.PressesAsync(T("ru", "date.today")));
        await Do(member, m => m.PressesAsync("Алматы (город)"));
        await Do(member, m => m.PressesAsync("Алматы"));
        await Do(member, m => m.PressesAsync(T("ru", "facility_kind.narcology")));
        await Do(member, m => m.PressesAsync("Городской наркологический центр"));
        await Do(member, m => m.SendsAsync("В больнице три дня не давали метадон, сказали нет лицензии."));
        await Do(member, m => m.SendsAsync("1"));
        await Do(member, m => m.PressesAsync(T("ru", "yesno.no")));
        await Do(member, m => m.PressesAsync(T("ru", "yesno.yes")));
        await Do(member, m => m.PressesAsync(T("ru", "yesno.no")));
        var receipt = await Do(member, m => m.PressesAsync(T("ru", "nav.submit")));

        var code = Scripts.ReceiptCode().Match(receipt.Text ?? "").Value;
        var report = await bot.Reports.FindByReceiptAsync(code);
        Assert.NotNull(report);
        Assert.Equal("almaty", report.Community);
        Assert.Contains("affected", report.Answers.Keys);
    }

    [Fact]
    public async Task ALinkOfAnotherCommunityDoesNotMoveAReportBegunFromTheFirst()
    {
        await using var bot = await StartBotAsync(new Dictionary<string, string?>
        {
            ["Telegram:Communities:1:ChatId"] = "-1001000000002",
            ["Telegram:Communities:1:Key"] = "astana",
            ["Telegram:Communities:1:Name"] = "ОЗТ Астана",
            ["Telegram:Communities:1:Language"] = "ru",
            ["Telegram:Communities:1:LinkToken"] = "astana-ost",
        });
        var member = Server.PrivateChatWith(userId: 749501, firstName: "M", username: null, languageCode: "ru");
        await Do(member, m => m.SendsAsync("/start " + TelegramBotHost.CommunityLink));
        await Do(member, m => m.PressesAsync(T("ru", "consent.accept")));

        var resumed = await Do(member, m => m.SendsAsync("/start astana-ost"));

        Assert.Contains(T("ru", "category.prompt")[..15], resumed.Text);
        var receipt = await ReportFromCategoryAsync(member, followUp: false, "В больнице три дня не давали метадон, сказали нет лицензии.");
        var report = await bot.Reports.FindByReceiptAsync(Scripts.ReceiptCode().Match(receipt.Text ?? "").Value);
        Assert.Equal("almaty", report?.Community);
    }

    [Theory]
    [InlineData("/start Almaty-ost")] // a capital where the phone put one
    [InlineData("/start almaty-ost ")]
    [InlineData("/start@community_test_bot almaty-ost")]
    [InlineData("/start ALMATY-OST")]
    public async Task ALinkTypedByHandStillOpensTheReportOfItsCommunity(string typed)
    {
        await using var bot = await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 749502, firstName: "M", username: null, languageCode: "ru");

        var opened = await Do(member, m => m.SendsAsync(typed));

        Assert.DoesNotContain(T("ru", "tg.link_unknown"), opened.Text);
        Assert.Contains(T("ru", "consent.accept"), opened.ButtonTexts);
        await Do(member, m => m.PressesAsync(T("ru", "consent.accept")));
        var receipt = await ReportFromCategoryAsync(member, followUp: false, "В больнице три дня не давали метадон, сказали нет лицензии.");
        var report = await bot.Reports.FindByReceiptAsync(Scripts.ReceiptCode().Match(receipt.Text ?? "").Value);
        Assert.Equal("almaty", report?.Community);
    }

    [Fact]
    public async Task AnOldLinkIsSaidToBeOldAndTheReportOpensBelongingToNoCommunity()
    {
        await using var bot = await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 749503, firstName: "M", username: null, languageCode: "ru");

        var opened = await Do(member, m => m.SendsAsync("/start k7Qm2oldtoken"));

        Assert.StartsWith(T("ru", "tg.link_unknown"), opened.Text);
        Assert.Contains(T("ru", "consent.accept"), opened.ButtonTexts);
        await Do(member, m => m.PressesAsync(T("ru", "consent.accept")));
        var receipt = await ReportFromCategoryAsync(member, followUp: false, "В больнице три дня не давали метадон, сказали нет лицензии.");
        var report = await bot.Reports.FindByReceiptAsync(Scripts.ReceiptCode().Match(receipt.Text ?? "").Value);
        Assert.NotNull(report);
        Assert.Null(report.Community);
    }

    [Fact]
    public async Task ALinkRefusedToSomeoneOutsideTheGroupShowsTheOpenQuestionAgain()
    {
        await using var bot = await StartBotAsync(new Dictionary<string, string?> { ["Telegram:RequireMembership"] = "true" });
        Server.Group(TelegramBotHost.CommunityChatId, "ОЗТ Алматы");
        var member = await MemberAtCategoryAsync(749504);
        await Do(member, m => m.PressesAsync(T("ru", "category.hospital")));

        var refused = await Do(member, m => m.SendsAsync("/start " + TelegramBotHost.CommunityLink));

        Assert.StartsWith(Texts.Get("ru", "tg.membership_refused", ("community", "ОЗТ Алматы")), refused.Text);
        Assert.Contains(T("ru", "affected.prompt")[..15], refused.Text);
        Assert.Contains(T("ru", "affected.me"), refused.ButtonTexts);
    }
}
