using CommunityBot.Conversations;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeGraph;

namespace CommunityBot.Tests.Channels.Messenger;

/// <summary>A photo or a file sent to the Page where the interview waits for an answer, with words or without: one
/// message back with one notice, the question again, and nothing answered before lost.</summary>
public sealed class MessengerMediaAtEveryQuestionTests : MessengerScenario
{
    private const string Story = "Меня положили в городскую больницу с пневмонией, и три дня не давали метадон.";

    private static string T(string key) => Texts.Get("ru", key);

    [Fact]
    public async Task APhotoAtEachQuestionOfTheInterviewGetsOneNoticeAndTheQuestionAgainAndTheReportStillCompletes()
    {
        await StartBotAsync();
        var member = Member("7014000000000001");
        var media = T("tg.media_not_kept");

        // The question is shown again whole, with its quick replies or buttons, under exactly one notice, in one message.
        static void NoticeThenAgain(SentMessage question, IReadOnlyList<SentMessage> answer, string notice)
        {
            var again = Assert.Single(answer);
            Assert.Equal(notice + "\n\n" + question.Text, again.Text);
            Assert.Equal(question.QuickReplies.ToArray(), again.QuickReplies.ToArray());
            Assert.Equal(question.Buttons.ToArray(), again.Buttons.ToArray());
        }

        async Task<SentMessage> Answer(Func<FakeMessengerMember, Task> action)
        {
            await action(member);
            return member.LastQuestion;
        }

        var consent = await Answer(m => m.TypeAsync("report"));
        NoticeThenAgain(consent, await member.SendPhotoAsync(), media);

        var category = await Answer(m => m.PressAsync(T("consent.accept")));
        NoticeThenAgain(category, await member.SendPhotoAsync(), media);
        NoticeThenAgain(category, await member.SendFileAsync(), media);

        var affected = await Answer(m => m.PressAsync(T("category.hospital")));
        NoticeThenAgain(affected, await member.SendPhotoAsync(), media);

        var when = await Answer(m => m.PressAsync(T("affected.me")));
        NoticeThenAgain(when, await member.SendPhotoAsync(), media);

        var region = await Answer(m => m.PressAsync(T("date.today")));
        NoticeThenAgain(region, await member.SendPhotoAsync(), media);

        var city = await Answer(m => m.PressAsync("Алматы (город)"));
        NoticeThenAgain(city, await member.SendPhotoAsync(), media);

        var facilityKind = await Answer(m => m.PressAsync("Алматы"));
        NoticeThenAgain(facilityKind, await member.SendPhotoAsync(), media);

        var facility = await Answer(m => m.PressAsync(T("facility_kind.narcology")));
        NoticeThenAgain(facility, await member.SendFileAsync(), media);

        var narrative = await Answer(m => m.PressAsync("Городской наркологический центр"));
        NoticeThenAgain(narrative, await member.SendPhotoAsync(), media);

        var consequences = await Answer(m => m.TypeAsync(Story));
        NoticeThenAgain(consequences, await member.SendPhotoAsync(), media);
        // A box ticked before the photo stays ticked.
        var ticked = await Answer(m => m.PressAsync(T("consequences.missed_doses")));
        NoticeThenAgain(ticked, await member.SendPhotoAsync(), media);

        var reported = await Answer(m => m.PressAsync(T("nav.done")));
        NoticeThenAgain(reported, await member.SendPhotoAsync(), media);

        var reportedWhere = await Answer(m => m.PressAsync(T("yesno.yes")));
        NoticeThenAgain(reportedWhere, await member.SendPhotoAsync(), media);
        await member.PressAsync(T("reported_where.head_doctor"));

        var appeals = await Answer(m => m.PressAsync(T("nav.done")));
        NoticeThenAgain(appeals, await member.SendPhotoAsync(), media);

        var followUp = await Answer(m => m.PressAsync(T("yesno.yes")));
        NoticeThenAgain(followUp, await member.SendPhotoAsync(), media);

        var review = await Answer(m => m.PressAsync(T("yesno.no")));
        var reviewAgain = Assert.Single(await member.SendPhotoAsync());
        Assert.StartsWith(media + "\n\n", reviewAgain.Text, StringComparison.Ordinal);
        Assert.Contains(Story, reviewAgain.Text, StringComparison.Ordinal);
        Assert.Contains(Story, review.Text, StringComparison.Ordinal);

        var receipt = await member.PressAsync(T("nav.submit"));
        var code = Scripts.ReceiptCode().Match(string.Join("\n", receipt.Select(m => m.Text)));
        Assert.True(code.Success, member.AllText);
        var report = await Bot.Reports.FindByReceiptAsync(code.Value);
        Assert.NotNull(report);
        Assert.Equal(new ChoiceAnswer("hospital"), report.Answers["category"]);
        Assert.Equal(new TextAnswer(Story), report.Answers["narrative"]);
        Assert.Equal(new ChoicesAnswer(["missed_doses"]), report.Answers["consequences"]);
        Assert.Equal(new ChoicesAnswer(["head_doctor"]), report.Answers["reported_where"]);
    }

    [Fact]
    public async Task APhotoWithWordsThatAreNotTheAnswerGetsOneNoticeAndTheQuestionAgainAndWordsThatAreTheAnswerAreKept()
    {
        await StartBotAsync();
        var member = Member("7014000000000002");
        var media = T("tg.media_not_kept");

        // The words are read as the same words typed would be, and the word about the photo is in the same notice.
        async Task WordsReadAsTyped(string words)
        {
            var typed = Assert.Single(await member.TypeAsync(words));
            var photo = Assert.Single(await member.SendPhotoAsync(words));
            Assert.Equal(media + " " + typed.Text, photo.Text);
            Assert.Equal(typed.QuickReplies.ToArray(), photo.QuickReplies.ToArray());
            Assert.Equal(typed.Buttons.ToArray(), photo.Buttons.ToArray());
        }

        await member.TypeAsync("report");
        await WordsReadAsTyped("вот фото");
        await member.PressAsync(T("consent.accept"));
        await WordsReadAsTyped("вот фото");
        await member.PressAsync(T("category.hospital"));
        await member.PressAsync(T("affected.me"));
        await WordsReadAsTyped("вот фото");
        await member.PressAsync(T("date.today"));
        await member.PressAsync("Алматы (город)");
        await member.PressAsync("Алматы");
        await WordsReadAsTyped("вот фото");
        await member.PressAsync(T("facility_kind.narcology"));
        await member.PressAsync("Городской наркологический центр");
        await WordsReadAsTyped("вот справка");

        // A story sent with a photo is the story: kept, and the next question follows the word about the photo.
        var consequences = Assert.Single(await member.SendPhotoAsync(Story));
        Assert.Equal(media, consequences.Text.Split("\n\n")[0]);
        Assert.Contains(T("consequences.prompt"), consequences.Text, StringComparison.Ordinal);
        await member.TypeAsync("1");
        await member.PressAsync(T("yesno.no"));
        await member.PressAsync(T("yesno.yes"));
        var review = await member.PressAsync(T("yesno.no"));
        Assert.Contains(Story, string.Join("\n", review.Select(m => m.Text)), StringComparison.Ordinal);
        var receipt = await member.PressAsync(T("nav.submit"));
        Assert.Matches(Scripts.ReceiptCode(), string.Join("\n", receipt.Select(m => m.Text)));
    }

    [Fact]
    public async Task APhotoWithACommandIsThatCommandUnderTheWordThatThePhotoIsNotKept()
    {
        await StartBotAsync();
        var member = Member("7014000000000003");
        await member.TypeAsync("report");
        await member.PressAsync(T("consent.accept"));

        var cancelled = Assert.Single(await member.SendPhotoAsync("отмена"));

        Assert.Equal(T("tg.media_not_kept") + " " + T("cancelled"), cancelled.Text);
        // The interview was cancelled, not answered: "report" begins it again at its first question.
        await member.TypeAsync("report");
        Assert.Contains(T("consent.accept"), member.LastQuestion.QuickReplies.Select(q => q.Title));
    }
}
