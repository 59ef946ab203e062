using CommunityBot.Moderation;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>A moderator's note, written as a reply in the moderators' group, is kept or the moderator is told why not.</summary>
public sealed class ModeratorNotesTests : TelegramScenario
{
    private const string Story = "Три дня не давали метадон в стационаре, сказали лечиться без него.";

    private static string T(string key) => Texts.Get("ru", key);

    private async Task<(FakeMember Member, string Label, string Code, BotMessage Card)> CardAsync(long memberId)
    {
        var member = await MemberAtCategoryAsync(memberId);
        var receipt = await ReportFromCategoryAsync(member, followUp: false, Story);
        var label = Scripts.Label().Match(receipt.Text ?? "").Value;
        var card = await Moderators().WaitForReplyAsync(m => m.Text?.StartsWith(label, StringComparison.Ordinal) == true);
        return (member, label, Scripts.ReceiptCode().Match(receipt.Text ?? "").Value, card);
    }

    [Fact]
    public async Task ANoteOnTheCardOfADeletedReportIsAnsweredThatItWasNotKept()
    {
        await using var bot = await StartBotAsync();
        var moderators = Moderators();
        var aigul = Moderator(745100);
        var (member, label, code, card) = await CardAsync(745001);
        await Do(member, m => m.SendsAsync($"/delete {code}"));
        await moderators.WaitForReplyAsync(m => m.Text == T("mod.withdrawn").Replace("{label}", label, StringComparison.Ordinal));

        await moderators.MemberRepliesAsync(aigul, card, "Позвонили в больницу, подтверждают отказ.");
        var answer = await moderators.WaitForReplyAsync(m => m.ReplyToMessageId is not null && m.ReplyToMessageId != card.MessageId);

        Assert.Equal(T("mod.note.withdrawn"), answer.Text);
        var audit = await bot.Services.GetRequiredService<AuditLog>().LatestAsync(10);
        Assert.DoesNotContain(audit, a => a.Action == "Note");
    }

    [Fact]
    public async Task SomeoneWhoIsNoModeratorReplyingToACardIsToldOnlyModeratorsCanAndNothingIsKept()
    {
        await using var bot = await StartBotAsync();
        var moderators = Moderators();
        var stranger = Server.PrivateChatWith(userId: 745200, firstName: "Гость", username: null, languageCode: "ru");
        Server.SetMembership(TelegramBotHost.ModeratorsChatId, stranger.UserId, "left");
        var (_, label, _, card) = await CardAsync(745002);

        await moderators.MemberRepliesAsync(stranger, card, "Я знаю, кто это написал.");
        var answer = await moderators.WaitForReplyAsync(m => m.ReplyToMessageId is not null && m.ReplyToMessageId != card.MessageId);

        Assert.Equal(T("mod.refused"), answer.Text);
        Assert.Empty((await bot.Reports.FindByLabelAsync(label))?.Notes ?? []);
    }

    [Fact]
    public async Task APhoneNumberOrAReceiptCodeInANoteIsHiddenAndTheModeratorIsTold()
    {
        await using var bot = await StartBotAsync();
        var moderators = Moderators();
        var aigul = Moderator(745300);
        var (_, label, code, card) = await CardAsync(745003);

        await moderators.MemberRepliesAsync(aigul, card, $"Она позвонила с +7 701 555 12 34 и назвала код {code}, больница подтверждает.");
        var answer = await moderators.WaitForReplyAsync(m => m.ReplyToMessageId is not null && m.ReplyToMessageId != card.MessageId);

        var note = Assert.Single((await bot.Reports.FindByLabelAsync(label))?.Notes ?? []);
        Assert.DoesNotContain("555 12 34", note.Text);
        Assert.DoesNotContain(code, note.Text);
        Assert.Contains("больница подтверждает", note.Text);
        Assert.Contains(T("mask.placeholder.phone"), note.Text);
        Assert.Equal(T("mod.note.masked").Replace("{label}", label, StringComparison.Ordinal), answer.Text);
        Assert.DoesNotContain(Server.SentMessages(TelegramBotHost.ModeratorsChatId), m => m.Text?.Contains("555 12 34", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task ANoteEditedAfterItWasSentIsAnsweredThatTheFirstTextIsWhatWasKept()
    {
        await using var bot = await StartBotAsync();
        var moderators = Moderators();
        var aigul = Moderator(745400);
        var (_, label, _, card) = await CardAsync(745004);
        await moderators.MemberRepliesAsync(aigul, card, "Позвонили в больницу, подтверждают отказ.");
        var kept = await moderators.WaitForReplyAsync(m => m.ReplyToMessageId is not null && m.ReplyToMessageId != card.MessageId);

        await moderators.MemberEditsAsync(aigul, "Позвонили в больницу, отказ не подтверждают.");
        var answer = await moderators.WaitForReplyAsync(m => m.MessageId > kept.MessageId && m.ReplyToMessageId is not null && m.ReplyToMessageId != card.MessageId);

        Assert.Equal(T("mod.note.edit_not_seen"), answer.Text);
        var note = Assert.Single((await bot.Reports.FindByLabelAsync(label))?.Notes ?? []);
        Assert.Equal("Позвонили в больницу, подтверждают отказ.", note.Text);
    }

    [Fact]
    public async Task APhotoOrAStickerInReplyToACardOrToTheQuestionPromptIsAnsweredThatNothingWasKeptOrSent()
    {
        await using var bot = await StartBotAsync();
        var moderators = Moderators();
        var aigul = Moderator(745600);
        var (_, label, _, card) = await CardAsync(745006);

        await moderators.MemberRepliesWithPhotoAsync(aigul, card, "Справка из больницы, подтверждают отказ.");
        var photoAnswer = await moderators.WaitForReplyAsync(m => m.ReplyToMessageId is not null && m.ReplyToMessageId != card.MessageId);
        await moderators.MemberPressesAsync(aigul, T("mod.ask"));
        var prompt = await moderators.WaitForReplyAsync(m => m.Text?.StartsWith("❓ " + label, StringComparison.Ordinal) == true);
        await moderators.MemberRepliesWithStickerAsync(aigul, prompt);
        var stickerAnswer = await moderators.WaitForReplyAsync(m => m.ReplyToMessageId is not null && m.ReplyToMessageId != prompt.MessageId);

        Assert.Equal(T("mod.reply.not_text"), photoAnswer.Text);
        Assert.Equal(T("mod.reply.not_text"), stickerAnswer.Text);
        Assert.Empty((await bot.Reports.FindByLabelAsync(label))?.Notes ?? []);
    }
}
