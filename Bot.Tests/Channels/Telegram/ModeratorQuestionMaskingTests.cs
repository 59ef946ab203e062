using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>A moderator's "Need information" question is kept and relayed with the masking their notes get: a phone
/// number, an e-mail address or a receipt code in it never lies in the clear on the report or in the member's chat.</summary>
public sealed class ModeratorQuestionMaskingTests : TelegramScenario
{
    private const string Story = "Три дня не давали метадон в стационаре, сказали лечиться без него.";

    private static string T(string key) => Texts.Get("ru", key);

    [Fact]
    public async Task APhoneNumberAnEmailAndAReceiptCodeInAQuestionAreHiddenOnTheReportAndInTheMembersChat()
    {
        await using var bot = await StartBotAsync();
        var moderators = Server.Group(TelegramBotHost.ModeratorsChatId, "Модераторы");
        var aigul = Server.PrivateChatWith(userId: 746100, firstName: "Айгуль", username: null, languageCode: "ru");
        Server.SetMembership(TelegramBotHost.ModeratorsChatId, aigul.UserId, "member");
        var member = await MemberAtCategoryAsync(746001);
        var receipt = await ReportFromCategoryAsync(member, followUp: true, Story);
        var label = Scripts.Label().Match(receipt.Text ?? "").Value;
        var code = Scripts.ReceiptCode().Match(receipt.Text ?? "").Value;
        await moderators.WaitForReplyAsync(m => m.Text?.Contains(label, StringComparison.Ordinal) == true);

        await moderators.MemberPressesAsync(aigul, T("mod.ask"));
        var prompt = await moderators.WaitForReplyAsync(m => m.Text?.StartsWith("❓ " + label, StringComparison.Ordinal) == true);
        await moderators.MemberRepliesAsync(aigul, prompt,
            $"Это ваш код {code}? Врач звонил вам с +7 701 555 12 34 или писал на vrach.aliev@mail.kz? В каком отделении это было?");
        var said = await moderators.WaitForReplyAsync(m => m.ReplyToMessageId is not null && m.Text?.Contains(label, StringComparison.Ordinal) == true);
        var asked = await member.WaitForReplyAsync(m => m.Text?.StartsWith("❓ " + label, StringComparison.Ordinal) == true);

        var question = Assert.Single((await bot.Reports.FindByLabelAsync(label))?.Notes ?? []);
        foreach (var kept in new[] { question.Text, asked.Text ?? "" })
        {
            Assert.DoesNotContain(code, kept, StringComparison.Ordinal);
            Assert.DoesNotContain("555 12 34", kept, StringComparison.Ordinal);
            Assert.DoesNotContain("vrach.aliev", kept, StringComparison.Ordinal);
            Assert.Contains("В каком отделении это было?", kept, StringComparison.Ordinal);
            Assert.Contains(T("mask.placeholder.phone"), kept, StringComparison.Ordinal);
            Assert.Contains(T("mask.placeholder.code"), kept, StringComparison.Ordinal);
        }
        Assert.Contains(T("mod.ask.masked"), said.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Server.SentMessages(TelegramBotHost.ModeratorsChatId), m => m.Text?.Contains(code, StringComparison.Ordinal) == true);
    }
}
