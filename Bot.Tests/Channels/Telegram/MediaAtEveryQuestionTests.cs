using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>A photo (or a sticker, a voice message, a file, a place on the map, a contact) sent where the interview
/// waits for an answer: one notice, the question again, and nothing answered before lost.</summary>
public sealed class MediaAtEveryQuestionTests : TelegramScenario
{
    private const string Story = "Меня положили в городскую больницу с пневмонией, и три дня не давали метадон.";

    private static string T(string key) => Texts.Get("ru", key);

    [Fact]
    public async Task APhotoAtEachQuestionOfTheInterviewGetsOneNoticeAndTheQuestionAgainAndTheReportStillCompletes()
    {
        await using var bot = await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 744001, firstName: "M", username: null, languageCode: "ru");
        var media = T("tg.media_not_kept");
        var sent = 0;

        async Task<BotMessage> Answer(Func<FakeMember, Task> action)
        {
            sent++;
            return await Do(member, action);
        }

        // The question is shown again whole, with its buttons, under exactly one notice, in one message.
        async Task NoticeThenAgain(BotMessage question, Func<FakeMember, Task> send, string notice, string? questionText = null)
        {
            var again = await Answer(send);
            Assert.Equal(notice + "\n\n" + (questionText ?? question.Text), again.Text);
            Assert.Equal(question.ButtonTexts, again.ButtonTexts);
        }

        var consent = await Answer(m => m.SendsAsync("/report"));
        await NoticeThenAgain(consent, m => m.SendsPhotoAsync(), media);

        var category = await Answer(m => m.PressesAsync(T("consent.accept")));
        await NoticeThenAgain(category, m => m.SendsPhotoAsync(), media);
        await NoticeThenAgain(category, m => m.SendsStickerAsync(), T("error.not_text"));

        var affected = await Answer(m => m.PressesAsync(T("category.hospital")));
        await NoticeThenAgain(affected, m => m.SendsPhotoAsync(), media);
        await NoticeThenAgain(affected, m => m.SendsVoiceAsync(), media);

        var when = await Answer(m => m.PressesAsync(T("affected.me")));
        await NoticeThenAgain(when, m => m.SendsPhotoAsync(), media);
        await NoticeThenAgain(when, m => m.SendsDocumentAsync(), media);

        var region = await Answer(m => m.PressesAsync(T("date.today")));
        await NoticeThenAgain(region, m => m.SendsPhotoAsync(), media);
        await NoticeThenAgain(region, m => m.SendsLocationAsync(), T("tg.location_refused"));

        var city = await Answer(m => m.PressesAsync("Алматы (город)"));
        await NoticeThenAgain(city, m => m.SendsPhotoAsync(), media);
        await NoticeThenAgain(city, m => m.SendsContactAsync(), T("tg.contact_refused"));

        var facilityKind = await Answer(m => m.PressesAsync("Алматы"));
        await NoticeThenAgain(facilityKind, m => m.SendsPhotoAsync(), media);
        await NoticeThenAgain(facilityKind, m => m.SendsStickerAsync(), T("error.not_text"));

        var facility = await Answer(m => m.PressesAsync(T("facility_kind.narcology")));
        await NoticeThenAgain(facility, m => m.SendsPhotoAsync(), media);

        var narrative = await Answer(m => m.PressesAsync("Городской наркологический центр"));
        await NoticeThenAgain(narrative, m => m.SendsPhotoAsync(), media);

        var consequences = await Answer(m => m.SendsAsync(Story));
        await NoticeThenAgain(consequences, m => m.SendsPhotoAsync(), media);
        // A box ticked before the photo stays ticked.
        var ticked = await TicksAsync(member, T("consequences.missed_doses"));
        await NoticeThenAgain(ticked, m => m.SendsPhotoAsync(), media, consequences.Text);

        var reported = await Answer(m => m.PressesAsync(T("nav.done")));
        await NoticeThenAgain(reported, m => m.SendsPhotoAsync(), media);

        var reportedWhere = await Answer(m => m.PressesAsync(T("yesno.yes")));
        await NoticeThenAgain(reportedWhere, m => m.SendsPhotoAsync(), media);
        await TicksAsync(member, T("reported_where.head_doctor"));

        var appeals = await Answer(m => m.PressesAsync(T("nav.done")));
        await NoticeThenAgain(appeals, m => m.SendsPhotoAsync(), media);

        var followUp = await Answer(m => m.PressesAsync(T("yesno.yes")));
        await NoticeThenAgain(followUp, m => m.SendsPhotoAsync(), media);

        var review = await Answer(m => m.PressesAsync(T("yesno.no")));
        await NoticeThenAgain(review, m => m.SendsPhotoAsync(), media);
        await NoticeThenAgain(review, m => m.SendsStickerAsync(), T("error.not_text"));

        var receipt = await Answer(m => m.PressesAsync(T("nav.submit")));
        Assert.Matches(Scripts.ReceiptCode(), receipt.Text);
        Assert.Contains(Story, review.Text);
        Assert.Contains(T("consequences.missed_doses"), review.Text);
        Assert.Contains(T("reported_where.head_doctor"), review.Text);

        // One message for each thing the member did (a ticked box changes its question's buttons, nothing more).
        Assert.Equal(sent, member.Replies.Count);
    }

    [Fact]
    public async Task APhotoWhoseCaptionIsNotTheAnswerGetsOneNoticeAndTheQuestionAgainAndACaptionThatIsTheAnswerIsKept()
    {
        await using var bot = await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 744002, firstName: "M", username: null, languageCode: "ru");
        var media = T("tg.media_not_kept");

        // The caption is read as the same words typed would be, and the word about the photo is in the same notice.
        async Task CaptionReadAsTyped(string caption)
        {
            var typed = await Do(member, m => m.SendsAsync(caption));
            var captioned = await Do(member, m => m.SendsPhotoAsync(caption));
            Assert.Equal(media + " " + typed.Text, captioned.Text);
            Assert.Equal(typed.ButtonTexts, captioned.ButtonTexts);
        }

        await Do(member, m => m.SendsAsync("/report"));
        await CaptionReadAsTyped("вот фото");
        await Do(member, m => m.PressesAsync(T("consent.accept")));
        await CaptionReadAsTyped("вот фото");
        await Do(member, m => m.PressesAsync(T("category.hospital")));
        await Do(member, m => m.PressesAsync(T("affected.me")));
        await CaptionReadAsTyped("вот фото");
        await Do(member, m => m.PressesAsync(T("date.today")));
        await Do(member, m => m.PressesAsync("Алматы (город)"));
        await Do(member, m => m.PressesAsync("Алматы"));
        await CaptionReadAsTyped("вот фото");
        await Do(member, m => m.PressesAsync(T("facility_kind.narcology")));
        await Do(member, m => m.PressesAsync("Городской наркологический центр"));
        await CaptionReadAsTyped("вот справка");

        var consequences = await Do(member, m => m.SendsPhotoAsync(Story));
        Assert.Equal(media, consequences.Text?.Split("\n\n")[0]);
        await Do(member, m => m.SendsAsync("1"));
        await Do(member, m => m.PressesAsync(T("yesno.no")));
        await Do(member, m => m.PressesAsync(T("yesno.yes")));
        var review = await Do(member, m => m.PressesAsync(T("yesno.no")));
        Assert.Contains(Story, review.Text);
        var receipt = await Do(member, m => m.PressesAsync(T("nav.submit")));
        Assert.Matches(Scripts.ReceiptCode(), receipt.Text);
    }

    /// <summary>Ticks a box of the multiple-choice question shown last; the question, with the box ticked, comes back.</summary>
    private static async Task<BotMessage> TicksAsync(FakeMember member, string label)
    {
        await member.PressesAsync(label);
        await EventuallyAsync(() => member.Replies[^1].ButtonTexts.Contains("✅ " + label), "the box is ticked");
        return member.Replies[^1];
    }
}
