using CommunityBot.Moderation;
using CommunityBot.Reports;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>Moderators triage reports in their group, end to end through the fake Bot API.</summary>
public sealed class ModerationTests : TelegramScenario
{
    private static string T(string key) => Texts.Get("ru", key);

    /// <summary>The moderators' group with one moderator in it, and a fresh report whose card has been posted there.</summary>
    private async Task<(FakeGroup Moderators, FakeMember Moderator, string Label, BotMessage Card)> CardAsync(long moderatorId, long memberId)
    {
        var moderators = Server.Group(TelegramBotHost.ModeratorsChatId, "Модераторы");
        var moderator = Server.PrivateChatWith(userId: moderatorId, firstName: "Айгуль", username: null, languageCode: "ru");
        Server.SetMembership(TelegramBotHost.ModeratorsChatId, moderator.UserId, "member");
        var label = await SubmitAsync(memberId);
        var card = await moderators.WaitForReplyAsync(m => m.Text?.Contains(label, StringComparison.Ordinal) == true);
        return (moderators, moderator, label, card);
    }

    /// <summary>Presses a card button and waits until the bot has answered that press (it answers last).</summary>
    private async Task PressCardAsync(FakeGroup group, FakeMember member, string label)
    {
        var answered = Server.Calls("answerCallbackQuery").Count;
        await group.MemberPressesAsync(member, label);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Server.Calls("answerCallbackQuery").Count == answered && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        Assert.True(Server.Calls("answerCallbackQuery").Count > answered, "the bot never answered the press");
    }

    private async Task<string> SubmitAsync(long userId)
    {
        var member = await MemberAtCategoryAsync(userId);
        await Do(member, m => m.PressesAsync(T("category.hospital")));
        await Do(member, m => m.PressesAsync(T("affected.me")));
        await Do(member, m => m.PressesAsync(T("date.today")));
        await Do(member, m => m.PressesAsync("Алматы (город)"));
        await Do(member, m => m.PressesAsync("Алматы"));
        await Do(member, m => m.PressesAsync(T("facility_kind.narcology")));
        await Do(member, m => m.PressesAsync("Городской наркологический центр"));
        await Do(member, m => m.SendsAsync("Три дня не давали метадон в стационаре, сказали лечиться без него."));
        await Do(member, m => m.SendsAsync("1"));
        await Do(member, m => m.PressesAsync(T("yesno.no")));
        await Do(member, m => m.PressesAsync(T("yesno.yes")));
        await Do(member, m => m.PressesAsync(T("yesno.no")));
        var receipt = await Do(member, m => m.PressesAsync(T("nav.submit")));
        return Scripts.Label().Match(receipt.Text ?? "").Value;
    }

    [Fact]
    public async Task ACardIsPostedAndModeratorsMoveTheReportThroughItsLifecycle()
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, label, card) = await CardAsync(730100, 730001);
        Assert.Contains("Три дня не давали метадон", card.Text);
        Assert.Contains(T("mod.take"), card.ButtonTexts);

        foreach (var button in new[] { "mod.verify", "mod.action_taken", "mod.resolve" })
        {
            await PressCardAsync(moderators, aigul, T(button));
        }

        var report = await bot.Reports.FindByLabelAsync(label);
        Assert.Equal(ReportStatus.Resolved, report?.Status);
        Assert.Equal([ReportStatus.New, ReportStatus.Verified, ReportStatus.ActionTaken, ReportStatus.Resolved], report?.History.Select(h => h.Status));
        var shown = Server.SentMessages(TelegramBotHost.ModeratorsChatId).Single(m => m.MessageId == card.MessageId);
        Assert.Contains(T("status.resolved"), shown.Text);
        Assert.Empty(shown.Buttons);
        var audit = await bot.Services.GetRequiredService<AuditLog>().LatestAsync(10);
        Assert.Equal(3, audit.Count(a => a.Report == label));
    }

    [Fact]
    public async Task AnIllegalStepIsRefused()
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, label, _) = await CardAsync(730200, 730002);

        await PressCardAsync(moderators, aigul, T("mod.reject"));
        await PressCardAsync(moderators, aigul, T("mod.reject.spam"));
        // An old card with the Verify button still showing: pressing it now is refused.
        var report = await bot.Reports.FindByLabelAsync(label);
        Assert.Equal(ReportStatus.Rejected, report?.Status);
        var stale = await bot.Reports.ChangeStatusAsync(report!.Id, ReportStatus.Verified, "M-TEST");
        Assert.Equal(StatusOutcome.Refused, stale.Outcome);
    }

    [Fact]
    public async Task SomeoneOutsideTheModeratorsGroupIsRefusedAndARemovedModeratorLosesAccessAtOnce()
    {
        await using var bot = await StartBotAsync();
        var outsider = Server.PrivateChatWith(userId: 730300, firstName: "Чужой", username: null, languageCode: "ru");
        var (moderators, aigul, label, _) = await CardAsync(730301, 730003);

        // A forged press by someone who is not in the group.
        await PressCardAsync(moderators, outsider, T("mod.verify"));
        Assert.Equal(ReportStatus.New, (await bot.Reports.FindByLabelAsync(label))?.Status);
        var queue = await Do(outsider, m => m.SendsAsync("/queue"));
        Assert.Contains(T("mod.refused"), queue.Text);

        // Aigul may, until she is removed from the group.
        await PressCardAsync(moderators, aigul, T("mod.take"));
        Assert.Equal(ReportStatus.InReview, (await bot.Reports.FindByLabelAsync(label))?.Status);
        Server.SetMembership(TelegramBotHost.ModeratorsChatId, aigul.UserId, "left");
        await moderators.MemberStatusChangesAsync(aigul, "left");
        await Server.WaitUntilIdleAsync();
        await PressCardAsync(moderators, aigul, T("mod.verify"));
        Assert.Equal(ReportStatus.InReview, (await bot.Reports.FindByLabelAsync(label))?.Status);
    }

    [Fact]
    public async Task QueueAndShowWorkForModerators()
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, label, _) = await CardAsync(730400, 730004);

        await moderators.MemberSaysAsync(aigul, "/queue");
        var queue = await moderators.WaitForReplyAsync(m => m.Text?.Contains(label, StringComparison.Ordinal) == true);
        await moderators.MemberSaysAsync(aigul, "/show " + label.ToLowerInvariant());
        var shown = await moderators.WaitForReplyAsync(m => m.Text?.Contains("Три дня", StringComparison.Ordinal) == true);

        Assert.NotNull(queue);
        Assert.Contains(T("mod.take"), shown.ButtonTexts);
    }

    [Fact]
    public async Task AReplyToACardBecomesANoteAndFindFindsTheReport()
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, label, card) = await CardAsync(730500, 730005);

        Server.MemberPosts(TelegramBotHost.ModeratorsChatId, aigul.User, m =>
        {
            m.Text = "Позвонили в больницу, подтверждают отказ.";
            m.ReplyToMessage = new global::Telegram.Bot.Types.Message
            {
                Id = card.MessageId,
                Text = card.Text,
                From = Server.BotUser,
                Chat = new global::Telegram.Bot.Types.Chat { Id = TelegramBotHost.ModeratorsChatId, Type = global::Telegram.Bot.Types.Enums.ChatType.Supergroup },
            };
        });
        await moderators.WaitForReplyAsync(m => m.Text?.Contains(label, StringComparison.Ordinal) == true);
        await moderators.MemberSaysAsync(aigul, "/find больниц");
        var found = await moderators.WaitForReplyAsync(m => m.Text?.Contains(label, StringComparison.Ordinal) == true);

        var report = await bot.Reports.FindByLabelAsync(label);
        Assert.Equal("Позвонили в больницу, подтверждают отказ.", Assert.Single(report?.Notes ?? []).Text);
        Assert.NotNull(found);
    }

    [Fact]
    public async Task StatsAnswersWithTextAndAChartAndExportWithAFileOfTheReports()
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, label, _) = await CardAsync(730600, 730006);

        await moderators.MemberSaysAsync(aigul, "/stats");
        await EventuallyAsync(() => Server.Calls("sendPhoto").Count > 0, "no chart was sent");
        await moderators.MemberSaysAsync(aigul, "/export csv");
        await EventuallyAsync(() => Server.Calls("sendDocument").Count > 0, "no export was sent");

        var png = Server.Calls("sendPhoto")[0].Files.Single().Bytes.ToArray();
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        Assert.Equal(1200, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(700, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
        var csv = System.Text.Encoding.UTF8.GetString(Server.Calls("sendDocument")[0].Files.Single().Bytes.AsSpan());
        Assert.Contains(label, csv);
        Assert.Contains("Три дня не давали метадон", csv);
    }
}
