using CommunityBot.Reports;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>A moderator's unexpected answer to one of the bot's prompts about a report is answered plainly, and the
/// answer repeats nothing that could point at a member.</summary>
public sealed class ModeratorPromptAnswersTests : TelegramScenario
{
    private const string Story = "Три дня не давали метадон в стационаре, сказали лечиться без него.";

    private static string T(string key) => Texts.Get("ru", key);

    [Fact]
    public async Task AReceiptCodeOrALongPasteInReplyToTheDuplicatePromptIsNotRepeatedBackInTheGroup()
    {
        await using var bot = await StartBotAsync();
        var moderators = Server.Group(TelegramBotHost.ModeratorsChatId, "Модераторы");
        var aigul = Server.PrivateChatWith(userId: 747100, firstName: "Айгуль", username: null, languageCode: "ru");
        Server.SetMembership(TelegramBotHost.ModeratorsChatId, aigul.UserId, "member");
        var member = await MemberAtCategoryAsync(747001);
        var receipt = await ReportFromCategoryAsync(member, followUp: false, Story);
        var label = Scripts.Label().Match(receipt.Text ?? "").Value;
        var code = Scripts.ReceiptCode().Match(receipt.Text ?? "").Value;
        await moderators.WaitForReplyAsync(m => m.Text?.StartsWith(label, StringComparison.Ordinal) == true);
        var paste = string.Concat(Enumerable.Repeat("В больнице снова отказали в метадоне, тот же врач. ", 80));

        await moderators.MemberPressesAsync(aigul, T("mod.duplicate"));
        var prompt = await moderators.WaitForReplyAsync(m => m.Text?.StartsWith("🔁 " + label, StringComparison.Ordinal) == true);
        await moderators.MemberRepliesAsync(aigul, prompt, code);
        var toCode = await moderators.WaitForReplyAsync(m => m.ReplyToMessageId is not null);
        await moderators.MemberRepliesAsync(aigul, prompt, paste);
        var toPaste = await moderators.WaitForReplyAsync(m => m.ReplyToMessageId is not null);

        Assert.DoesNotContain(code, toCode.Text, StringComparison.Ordinal);
        Assert.Equal(T("mod.duplicate.unknown").Replace("{label}", label, StringComparison.Ordinal)
            .Replace("{original}", T("mask.placeholder.code"), StringComparison.Ordinal), toCode.Text);
        Assert.True(toPaste.Text?.Length < 400, toPaste.Text);
        Assert.StartsWith(T("mod.duplicate.unknown").Split('{')[0], toPaste.Text, StringComparison.Ordinal);
        Assert.Equal(ReportStatus.New, (await bot.Reports.FindByLabelAsync(label))?.Status);
    }

    [Theory]
    [InlineData("mod.ask")]
    [InlineData("mod.duplicate")]
    public async Task APromptButtonPressedOnACardShownInPrivateSaysToUseTheCardInTheModeratorsGroup(string button)
    {
        await using var bot = await StartBotAsync();
        var moderators = Server.Group(TelegramBotHost.ModeratorsChatId, "Модераторы");
        var aigul = Server.PrivateChatWith(userId: 747300, firstName: "Айгуль", username: null, languageCode: "ru");
        Server.SetMembership(TelegramBotHost.ModeratorsChatId, aigul.UserId, "member");
        var member = await MemberAtCategoryAsync(747003);
        var receipt = await ReportFromCategoryAsync(member, followUp: true, Story);
        var label = Scripts.Label().Match(receipt.Text ?? "").Value;
        await moderators.WaitForReplyAsync(m => m.Text?.Contains(label, StringComparison.Ordinal) == true);
        await aigul.SendsAsync("/show " + label);
        var copy = await aigul.WaitForReplyAsync(m => m.Text?.StartsWith(label, StringComparison.Ordinal) == true);

        var answered = Server.Calls("answerCallbackQuery").Count;
        await aigul.PressesAsync(T(button));
        await EventuallyAsync(() => Server.Calls("answerCallbackQuery").Count > answered, "the bot never answered the press");
        await Server.WaitUntilIdleAsync();

        Assert.Equal(Texts.Get("ru", "mod.prompt.group_only", ("label", label)), Server.Calls("answerCallbackQuery")[^1].String("text"));
        Assert.DoesNotContain(aigul.Replies, m => m.MessageId > copy.MessageId);
    }

    [Fact]
    public async Task ANoteWrittenInReplyToACardShownInPrivateIsAnsweredThatNotesAreKeptOnlyFromTheModeratorsGroup()
    {
        await using var bot = await StartBotAsync();
        var moderators = Server.Group(TelegramBotHost.ModeratorsChatId, "Модераторы");
        var aigul = Server.PrivateChatWith(userId: 747400, firstName: "Айгуль", username: null, languageCode: "ru");
        Server.SetMembership(TelegramBotHost.ModeratorsChatId, aigul.UserId, "member");
        var member = await MemberAtCategoryAsync(747004);
        var receipt = await ReportFromCategoryAsync(member, followUp: false, Story);
        var label = Scripts.Label().Match(receipt.Text ?? "").Value;
        await moderators.WaitForReplyAsync(m => m.Text?.Contains(label, StringComparison.Ordinal) == true);
        await aigul.SendsAsync("/show " + label);
        var copy = await aigul.WaitForReplyAsync(m => m.Text?.StartsWith(label, StringComparison.Ordinal) == true);

        await aigul.RepliesAsync(copy, "Позвонили в больницу, подтверждают отказ.");
        var answer = await aigul.WaitForReplyAsync(m => m.MessageId > copy.MessageId);

        Assert.Equal(Texts.Get("ru", "mod.note.group_only", ("label", label)), answer.Text);
        Assert.Empty((await bot.Reports.FindByLabelAsync(label))?.Notes ?? []);
    }

    [Theory]
    [InlineData("/cancel")]
    [InlineData("/back")]
    public async Task CancelAsACommandInReplyToThePromptsSendsNothingAndSaysSo(string typed)
    {
        await using var bot = await StartBotAsync();
        var moderators = Server.Group(TelegramBotHost.ModeratorsChatId, "Модераторы");
        var aigul = Server.PrivateChatWith(userId: 747500, firstName: "Айгуль", username: null, languageCode: "ru");
        Server.SetMembership(TelegramBotHost.ModeratorsChatId, aigul.UserId, "member");
        var member = await MemberAtCategoryAsync(747005);
        var receipt = await ReportFromCategoryAsync(member, followUp: true, Story);
        var label = Scripts.Label().Match(receipt.Text ?? "").Value;
        await moderators.WaitForReplyAsync(m => m.Text?.Contains(label, StringComparison.Ordinal) == true);
        var before = member.Replies.Count;

        await moderators.MemberPressesAsync(aigul, T("mod.ask"));
        var ask = await moderators.WaitForReplyAsync(m => m.Text?.StartsWith("❓ " + label, StringComparison.Ordinal) == true);
        await moderators.MemberRepliesAsync(aigul, ask, typed);
        var askCancelled = await moderators.WaitForReplyAsync(m => m.ReplyToMessageId is not null);
        await moderators.MemberPressesAsync(aigul, T("mod.duplicate"));
        var duplicate = await moderators.WaitForReplyAsync(m => m.Text?.StartsWith("🔁 " + label, StringComparison.Ordinal) == true);
        await moderators.MemberRepliesAsync(aigul, duplicate, typed);
        var duplicateCancelled = await moderators.WaitForReplyAsync(m => m.ReplyToMessageId is not null);
        await Server.WaitUntilIdleAsync();

        Assert.Equal(Texts.Get("ru", "mod.ask.cancelled", ("label", label)), askCancelled.Text);
        Assert.Equal(Texts.Get("ru", "mod.duplicate.cancelled", ("label", label)), duplicateCancelled.Text);
        Assert.Equal(before, member.Replies.Count);
        var report = await bot.Reports.FindByLabelAsync(label);
        Assert.Empty(report?.Notes ?? []);
        Assert.Equal(ReportStatus.New, report?.Status);
    }
}
