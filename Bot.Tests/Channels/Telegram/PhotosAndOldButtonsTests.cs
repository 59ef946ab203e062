using CommunityBot.Conversations;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>Photos, albums and captions in a member's private chat, and buttons pressed after their question closed.</summary>
public sealed class PhotosAndOldButtonsTests : TelegramScenario
{
    private const string Story = "Вот справка: врач в больнице отказал дать метадон, сказал лечиться без него, три дня ломало.";

    private static string T(string key) => Texts.Get("ru", key);

    [Fact]
    public async Task AnAlbumAsAFirstMessageIsAnsweredOnceWithItsCaptionKeptAsTheStory()
    {
        await using var bot = await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 743001, firstName: "M", username: null, languageCode: "ru");

        var answer = await Do(member, m => m.SendsAlbumAsync("album-1", photos: 3, caption: Story));
        // A later message shows where the bot's answers to the album end (a chat's updates are handled in order).
        var help = await Do(member, m => m.SendsAsync("/help"));

        Assert.Contains(T("tg.media_not_kept"), answer.Text);
        Assert.Contains(T("chat.story_kept")[..30], answer.Text);
        Assert.Equal([T("consent.accept"), T("consent.decline"), "✕ " + T("nav.cancel")], answer.ButtonTexts);
        Assert.Equal([answer.MessageId, help.MessageId], member.Replies.Select(r => r.MessageId));
    }

    [Fact]
    public async Task AnAlbumAtTheStoryQuestionIsAnsweredOnceAndACaptionOnALaterPhotoIsStillRead()
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(743002);
        await PressesUpToStoryAsync(member);
        var before = member.Replies.Count;

        var answer = await Do(member, m => m.SendsAlbumAsync("album-2", photos: 3, caption: Story));
        await Do(member, m => m.SendsAsync("/help"));
        Assert.Equal(before + 2, member.Replies.Count);
        Assert.StartsWith(T("tg.media_not_kept"), answer.Text);

        // A caption the member put on another photo of the same album is what they wrote: it is read, without a
        // second word about the photos.
        var captioned = await Do(member, m => m.SendsAlbumAsync("album-2", photos: 1, caption: "и ещё: выписали домой"));
        Assert.DoesNotContain(T("tg.media_not_kept"), captioned.Text);
        Assert.NotEqual(T("help.text"), captioned.Text);
    }

    [Fact]
    public async Task AStorySentAsAPhotoCaptionFirstGetsTheClearThisChatButtonOnItsReceipt()
    {
        await using var bot = await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 743003, firstName: "M", username: null, languageCode: "ru");
        await Do(member, m => m.SendsPhotoAsync(Story));
        await Do(member, m => m.PressesAsync(T("consent.accept")));
        await PressesUpToStoryAsync(member);
        await Do(member, m => m.PressesAsync(T("text.keep_current")));
        await Do(member, m => m.SendsAsync("1"));
        await Do(member, m => m.PressesAsync(T("yesno.no")));
        await Do(member, m => m.PressesAsync(T("yesno.yes")));
        await Do(member, m => m.PressesAsync(T("yesno.no")));

        var receipt = await Do(member, m => m.PressesAsync(T("nav.submit")));

        Assert.Contains(T("receipt.clear_hint")[..30], receipt.Text);
        Assert.Equal([T("receipt.clear_button")], receipt.ButtonTexts);
    }

    [Fact]
    public async Task AnEditedPhotoCaptionGetsTheSameNoticeAsAnEditedText()
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(743004);
        await Do(member, m => m.SendsPhotoAsync("вот фото"));

        var notice = await Do(member, m => m.EditsLastCaptionAsync("вот другое фото"));

        Assert.StartsWith(T("tg.edited_ignored"), notice.Text);
        Assert.Contains(T("category.prompt"), notice.Text);
    }

    [Fact]
    public async Task AnOldStartButtonPressedAfterCancelSaysHowToBeginAgain()
    {
        await using var bot = await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 743005, firstName: "M", username: null, languageCode: "ru");
        var consent = await Do(member, m => m.SendsAsync("/report"));
        await Do(member, m => m.SendsAsync("/cancel"));

        var again = await Do(member, m => m.PressesOnEarlierAsync(consent, T("consent.accept")));

        Assert.Equal(T("chat.welcome"), again.Text);
        await EventuallyAsync(() => Server.Calls("answerCallbackQuery").Any(c => c.String("text") == T("tg.stale_button")),
            "the press is answered as closed");
    }

    [Fact]
    public async Task ASecondTapOnSendIsToldTheReportIsAlreadySentWithNoWelcomeUnderTheReceipt()
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(743006);
        await PressesUpToStoryAsync(member);
        await Do(member, m => m.SendsAsync("В больнице три дня не давали метадон, сказали что нет лицензии."));
        await Do(member, m => m.SendsAsync("1"));
        await Do(member, m => m.PressesAsync(T("yesno.no")));
        await Do(member, m => m.PressesAsync(T("yesno.yes")));
        var review = await Do(member, m => m.PressesAsync(T("yesno.no")));
        var receipt = await Do(member, m => m.PressesAsync(T("nav.submit")));
        Assert.Contains(T("receipt.clear_button"), receipt.Buttons.Select(button => button.Text));

        await member.PressesOnEarlierAsync(review, T("nav.submit"));
        await EventuallyAsync(() => Server.Calls("answerCallbackQuery").Any(c => c.String("text") == T("tg.already_sent")),
            "the second tap is answered that the report is already sent");
        // Whatever the second tap made the bot send comes before the answer to the member's next message.
        var help = await Do(member, m => m.SendsAsync("/help"));

        var receiptStart = (receipt.Text ?? "")[..20];
        var toMember = Server.Calls("sendMessage").Where(c => c.String("chat_id") == member.ChatId.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var afterReceipt = toMember.Select(c => c.String("text") ?? "").SkipWhile(text => !text.Contains(receiptStart, StringComparison.Ordinal)).Skip(1).ToList();
        Assert.Equal([help.Text ?? ""], afterReceipt);
        Assert.Single(toMember, c => (c.String("text") ?? "").Contains(receiptStart, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACancelWrittenAsAPhotoCaptionCancelsTheInterviewAndIsNotTakenForAnAnswer()
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(743010);

        var cancelled = await Do(member, m => m.SendsPhotoAsync("/cancel"));

        Assert.Equal(T("tg.media_not_kept") + " " + T("cancelled"), cancelled.Text);
    }

    [Fact]
    public async Task AStoryAfterReportInAPhotoCaptionIsKeptWithoutTheCommand()
    {
        await using var bot = await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 743011, firstName: "M", username: null, languageCode: "ru");

        await Do(member, m => m.SendsPhotoAsync("/report " + Story));
        await Do(member, m => m.PressesAsync(T("consent.accept")));
        await Do(member, m => m.PressesAsync(T("category.hospital")));
        await Do(member, m => m.PressesAsync(T("affected.me")));
        await Do(member, m => m.PressesAsync(T("date.today")));
        await Do(member, m => m.PressesAsync("Алматы (город)"));
        await Do(member, m => m.PressesAsync("Алматы"));
        await Do(member, m => m.PressesAsync(T("facility_kind.narcology")));

        var question = await Do(member, m => m.PressesAsync("Городской наркологический центр"));

        // The story question shows the story kept, from its first word.
        Assert.Contains(T("text.current").Split('{')[0] + Story[..40], question.Text);
        Assert.DoesNotContain("/report", question.Text);
    }
}
