using CommunityBot.Channels.Telegram;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>A member who submitted while Telegram kept failing, for longer than the submission is handled again: the
/// receipt still reaches them once Telegram takes messages again, once.</summary>
public sealed class OwedReceiptsTests : TelegramScenario
{
    [Fact]
    public async Task AReceiptTelegramKeptRefusingForLongerThanTheUpdateIsRetriedReachesTheMemberOnceItIsBack()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        // No moderators' group, so that every refused message is the member's.
        await using var bot = await StartBotAsync(new Dictionary<string, string?> { ["Telegram:ModeratorsChatId"] = null },
            services => services.AddSingleton<TimeProvider>(time));
        var member = Server.PrivateChatWith(userId: 700990, firstName: "C", username: null, languageCode: "ru");
        await ReportUpToReviewAsync(member);

        // Every try of every handling of the submission is answered 502: the update is then confirmed as any other.
        Server.FailNext("sendMessage", 502, "Bad Gateway", times: 5 * 6);
        var submit = await member.PressesAsync(T("ru", "nav.submit"));
        // About half a minute of handlings again (their pauses are real), then the update is confirmed.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!Server.ConfirmedOffsets.Any(offset => offset > submit.Id) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Assert.True(Server.ConfirmedOffsets.Any(offset => offset > submit.Id), "the submit was never confirmed");
        Assert.DoesNotContain(member.Replies, r => Scripts.ReceiptCode().IsMatch(r.Text ?? ""));

        time.Advance(OwedReceiptsService.FirstWait);
        var receipt = await member.WaitForReplyAsync(r => Scripts.ReceiptCode().IsMatch(r.Text ?? ""));

        Assert.NotNull(await bot.Reports.FindByReceiptAsync(Scripts.ReceiptCode().Match(receipt.Text ?? "").Value));
        time.Advance(OwedReceiptsService.LongestWait);
        Server.EnqueueUpdate(submit);
        await Server.WaitUntilIdleAsync();
        Assert.Single(member.Replies, r => Scripts.ReceiptCode().IsMatch(r.Text ?? ""));
    }

    private static async Task ReportUpToReviewAsync(FakeMember member)
    {
        await Do(member, m => m.SendsAsync("/report"));
        await Do(member, m => m.PressesAsync(T("ru", "consent.accept")));
        await PressesUpToStoryAsync(member);
        await Do(member, m => m.SendsAsync("Не дают дозу на руки, хотя я работаю и не могу приходить каждый день."));
        await Do(member, m => m.SendsAsync("1"));
        await Do(member, m => m.PressesAsync(T("ru", "yesno.no")));
        await Do(member, m => m.PressesAsync(T("ru", "yesno.yes")));
        await Do(member, m => m.PressesAsync(T("ru", "yesno.no")));
    }
}
