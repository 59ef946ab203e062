using CommunityBot.Reports;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeGraph;
using CommunityBot.Tests.Support.FakeTelegram;

namespace CommunityBot.Tests.Channels;

/// <summary>A moderator's relayed question answered by typing what the "Answer" button says (its number, its label in
/// any language, /answer) rather than pressing it, in Telegram and Messenger alike, end to end through both fakes.</summary>
public sealed class TypedAnswerTests : TwoChannelScenario
{
    /// <summary>A moderator's label, as the audit knows them.</summary>
    private const string Closer = "M-77QQ";

    private const string Story = "В больнице три дня не давали метадон, сказали ждать выписки.";

    private static string Label(string key, string label) => T(key).Replace("{label}", label, StringComparison.Ordinal);

    private FakeMember TelegramMember(long userId) => Telegram.PrivateChatWith(userId: userId, firstName: "M", username: null, languageCode: "ru");

    private static async Task<BotMessage> Do(FakeMember member, Func<FakeMember, Task> action)
    {
        await action(member);
        return await member.WaitForReplyAsync();
    }

    /// <summary>A Telegram member's report with consent to questions, its card, and a moderator's question on it that has
    /// reached the member.</summary>
    private async Task<(FakeGroup Moderators, FakeMember Moderator, string Label, BotMessage Card, BotMessage Question)> AskedInTelegramAsync(
        long moderatorId, long memberId, string question)
    {
        var (moderators, aigul) = ModeratorsGroup(moderatorId);
        var label = await ReportThroughTelegramAsync(memberId, Story, followUp: true);
        var card = await moderators.WaitForReplyAsync(m => m.Text?.Contains(label, StringComparison.Ordinal) == true);
        await AskAsync(moderators, aigul, label, question);
        var asked = await TelegramMember(memberId).WaitForReplyAsync(m => m.Text?.StartsWith("❓ " + label, StringComparison.Ordinal) == true);
        return (moderators, aigul, label, card, asked);
    }

    /// <summary>The receipt code of the report <paramref name="label"/>, as its receipt showed it to the member.</summary>
    private static string ReceiptCodeShownTo(FakeMember member, string label) =>
        Scripts.ReceiptCode().Match(member.Replies.Last(m => m.Text?.Contains(label, StringComparison.Ordinal) == true
            && Scripts.ReceiptCode().IsMatch(m.Text)).Text ?? "").Value;

    /// <summary>A question on a Telegram member's report and one on a Messenger member's, both delivered.</summary>
    private async Task<(FakeGroup Moderators, string Label, BotMessage Card, FakeMember Telegram, FakeMessengerMember Messenger, string MessengerLabel)> AskedInBothAsync(
        long moderatorId, long memberId, string psid, string question, string messengerQuestion)
    {
        var (moderators, aigul, label, card, _) = await AskedInTelegramAsync(moderatorId, memberId, question);
        var messenger = Member(psid);
        var (messengerLabel, _) = await ReportThroughMessengerAsync(messenger, followUp: true, Story);
        await moderators.WaitForReplyAsync(m => m.Text?.Contains(messengerLabel, StringComparison.Ordinal) == true);
        messenger.NewMessages();
        await AskAsync(moderators, aigul, messengerLabel, messengerQuestion);
        Assert.Single(messenger.NewMessages());
        return (moderators, label, card, TelegramMember(memberId), messenger, messengerLabel);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("Ответить")]
    [InlineData("/answer")]
    public async Task ATelegramMemberWhoTypesTheAnswerButtonIsAskedForTheAnswerAndItReachesTheCard(string typed)
    {
        await StartBotAsync();
        var (moderators, _, label, card, question) = await AskedInTelegramAsync(733100, 733001, "В каком отделении это было?");
        var member = TelegramMember(733001);

        var prompt = await Do(member, m => m.SendsAsync(typed));
        var thanks = await Do(member, m => m.SendsAsync("В терапии, на третьем этаже."));
        var relayed = await moderators.WaitForReplyAsync(m => m.Text?.Contains("В терапии", StringComparison.Ordinal) == true);

        // The question itself says that typing works.
        Assert.Contains(T("followup.question").Replace("{label}", label, StringComparison.Ordinal).Replace("{question}", "В каком отделении это было?", StringComparison.Ordinal), question.Text);
        Assert.Contains("1", T("followup.question"), StringComparison.Ordinal);
        Assert.Equal(Label("followup.write_answer", label), prompt.Text);
        Assert.Contains(Label("followup.answer_sent", label), thanks.Text);
        Assert.Equal(card.MessageId, relayed.ReplyToMessageId);
        Assert.Contains(T("mod.answer"), relayed.Text);
        var report = await Bot.Reports.FindByLabelAsync(label);
        Assert.Equal("В терапии, на третьем этаже.", Assert.Single(report?.Additions ?? [], a => a.Answer).Text);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("ответить")]
    [InlineData("answer")]
    public async Task AMessengerMemberWhoTypesTheAnswerQuickReplyIsAskedForTheAnswerAndItReachesTheCard(string typed)
    {
        await StartBotAsync();
        var (moderators, aigul) = ModeratorsGroup(733200);
        var member = Member("7003000000000201");
        var (label, _) = await ReportThroughMessengerAsync(member, followUp: true, Story);
        var card = await moderators.WaitForReplyAsync(m => m.Text?.Contains(label, StringComparison.Ordinal) == true);
        member.NewMessages();
        await AskAsync(moderators, aigul, label, "Вы писали жалобу?");
        var question = Assert.Single(member.NewMessages());

        var prompt = await member.TypeAsync(typed);
        var thanks = await member.TypeAsync("Да, главврачу.");
        var relayed = await moderators.WaitForReplyAsync(m => m.Text?.Contains("главврачу", StringComparison.Ordinal) == true);

        Assert.Contains(T("followup.question").Replace("{label}", label, StringComparison.Ordinal).Replace("{question}", "Вы писали жалобу?", StringComparison.Ordinal), question.Text);
        Assert.Equal(Label("followup.write_answer", label), Assert.Single(prompt).Text);
        Assert.Contains(Label("followup.answer_sent", label), Assert.Single(thanks).Text);
        Assert.Equal(card.MessageId, relayed.ReplyToMessageId);
        Assert.Equal("Да, главврачу.", Assert.Single((await Bot.Reports.FindByLabelAsync(label))?.Additions ?? [], a => a.Answer).Text);
    }

    [Fact]
    public async Task AStoryWrittenInTheMiddleOfAnInterviewAnswersTheInterviewNotTheModeratorsQuestion()
    {
        await StartBotAsync();
        var (moderators, _, label, _, _) = await AskedInTelegramAsync(733170, 733171, "Когда это было?");
        var member = TelegramMember(733171);
        await Do(member, m => m.SendsAsync("/report"));
        await Do(member, m => m.PressesAsync(T("consent.accept")));
        await Do(member, m => m.SendsAsync("1"));

        // At the "who was affected" question a sentence is no answer to the moderators: it is asked again.
        var again = await Do(member, m => m.SendsAsync("Вчера вечером, в девять"));

        Assert.Contains(T("affected.prompt"), again.Text);
        Assert.Empty((await Bot.Reports.FindByLabelAsync(label))?.Additions ?? [new ReportAddition(default, "", false)]);
        Assert.DoesNotContain(moderators.BotMessages, m => m.Text?.Contains(T("mod.answer"), StringComparison.Ordinal) == true);
    }

    /// <summary>Words after /answer are the answer without asking for them again; so is a plain message while the
    /// question waits for its answer (a member asked a question answers by writing), told where it went and how to tell
    /// about something new instead; and a message right after an answer goes on with it.</summary>
    [Theory]
    [InlineData("/answer Около девяти утра.", "/answer Дежурный врач.", "Около девяти утра.", "Дежурный врач.", "followup.answer_sent")]
    [InlineData("В терапии", "Дежурный врач", "В терапии", "Дежурный врач", "followup.answer_taken")]
    public async Task AnAnswerWrittenAfterSlashAnswerOrSimplyWrittenReachesTheCardInEitherChannel(
        string typed, string messengerTyped, string answer, string messengerAnswer, string thanksKey)
    {
        await StartBotAsync();
        var (moderators, label, card, telegram, messenger, messengerLabel) =
            await AskedInBothAsync(733150, 733151, "7003000000000251", "В каком отделении это было?", "Кто отказал?");

        var thanks = await Do(telegram, m => m.SendsAsync(typed));
        var relayed = await moderators.WaitForReplyAsync(m => m.Text?.Contains(answer, StringComparison.Ordinal) == true);
        var messengerThanks = await messenger.TypeAsync(messengerTyped);
        await moderators.WaitForReplyAsync(m => m.Text?.Contains(messengerAnswer, StringComparison.Ordinal) == true);
        // An answer on a phone often comes in several messages: the next one goes on with it.
        var more = await Do(telegram, m => m.SendsAsync("И ещё: на третьем этаже."));
        await moderators.WaitForReplyAsync(m => m.Text?.Contains("на третьем этаже", StringComparison.Ordinal) == true);

        Assert.Equal(Label(thanksKey, label), thanks.Text);
        Assert.Equal(card.MessageId, relayed.ReplyToMessageId);
        Assert.Contains(T("mod.answer"), relayed.Text);
        Assert.Empty((await Bot.Reports.FindByLabelAsync(label))?.OpenQuestions ?? [new ReportNote(default, "", "", Question: true)]);
        Assert.Equal(Label(thanksKey, messengerLabel), Assert.Single(messengerThanks).Text);
        Assert.Equal(messengerAnswer, Assert.Single((await Bot.Reports.FindByLabelAsync(messengerLabel))?.Additions ?? [], a => a.Answer).Text);
        Assert.Equal(Label("followup.answer_taken", label), more.Text);
        Assert.Equal([answer, "И ещё: на третьем этаже."], ((await Bot.Reports.FindByLabelAsync(label))?.Additions ?? []).Where(a => a.Answer).Select(a => a.Text));
    }

    /// <summary>A member answers with a photo of a paper and the answer written under it: the words reach the moderators
    /// as the answer (the photo is not kept, and the member is told so); they neither start a report nor meet the welcome.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnAnswerWrittenUnderAPhotoReachesTheModeratorsAndThePhotoIsNotKept(bool pressedAnswer)
    {
        await StartBotAsync();
        var (moderators, _, label, _, _) = await AskedInTelegramAsync(733550, 733551, "Что написано в справке?");
        var member = TelegramMember(733551);
        if (pressedAnswer)
        {
            await Do(member, m => m.SendsAsync("Ответить"));
        }

        var thanks = await Do(member, m => m.SendsPhotoAsync(caption: "Справка о выписке, там написано что метадон не положен в терапии."));

        await moderators.WaitForReplyAsync(m => m.Text?.Contains("Справка о выписке", StringComparison.Ordinal) == true);
        Assert.Contains(T("tg.media_not_kept"), thanks.Text);
        Assert.Contains(label, thanks.Text);
        Assert.Equal("Справка о выписке, там написано что метадон не положен в терапии.",
            Assert.Single((await Bot.Reports.FindByLabelAsync(label))?.Additions ?? [], a => a.Answer).Text);
        Assert.DoesNotContain(member.Replies, m => m.Text?.Contains(T("chat.story_kept"), StringComparison.Ordinal) == true);
    }

    /// <summary>After "Answer", a member who changes their mind types what the prompt offers, or its word: nothing goes to
    /// the moderators, and the member is told how to answer later rather than that their answers were deleted.</summary>
    [Theory]
    [InlineData("/cancel")]
    [InlineData("отмена")]
    [InlineData("Стоп")]
    public async Task ACancelWhereTheAnswerIsAwaitedSendsNothingToTheModeratorsAndSaysHowToAnswerLater(string typed)
    {
        await StartBotAsync();
        var (moderators, _, label, _, _) = await AskedInTelegramAsync(733650, 733651, "Какое отделение?");
        var member = TelegramMember(733651);
        await Do(member, m => m.SendsAsync("Ответить"));

        var cancelled = await Do(member, m => m.SendsAsync(typed));

        Assert.Equal(T("followup.answer_cancelled"), cancelled.Text);
        Assert.Empty((await Bot.Reports.FindByLabelAsync(label))?.Additions ?? [new ReportAddition(default, "", false)]);
        Assert.NotEmpty((await Bot.Reports.FindByLabelAsync(label))?.OpenQuestions ?? []);
        Assert.DoesNotContain(moderators.BotMessages, m => m.Text?.Contains(T("mod.answer"), StringComparison.Ordinal) == true);
    }

    [Fact]
    public void TheThanksForAPlainAnswerSaysHowToTellAboutSomethingNewInEveryLanguage()
    {
        foreach (var language in Texts.Languages)
        {
            Assert.Contains("/report", Texts.Get(language, "followup.answer_taken"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task InTheMiddleOfAnInterviewOneAnswersTheInterviewAndSlashAnswerWaitsForItsEnd()
    {
        await StartBotAsync();
        var (moderators, _, label, _, _) = await AskedInTelegramAsync(733300, 733301, "Когда это было?");
        var member = TelegramMember(733301);
        await Do(member, m => m.SendsAsync("/report"));
        await Do(member, m => m.PressesAsync(T("consent.accept")));

        // At the category question, "1" is its first choice, not the moderators' question.
        var next = await Do(member, m => m.SendsAsync("1"));
        var answer = await Do(member, m => m.SendsAsync("/answer"));
        await Do(member, m => m.SendsAsync("/cancel"));
        var outside = await Do(member, m => m.SendsAsync("1"));

        Assert.Contains(T("affected.prompt"), next.Text);
        Assert.StartsWith(T("followup.answer_in_interview"), answer.Text, StringComparison.Ordinal);
        Assert.Contains(T("affected.prompt"), answer.Text);
        Assert.Equal(Label("followup.write_answer", label), outside.Text);
        Assert.Empty((await Bot.Reports.FindByLabelAsync(label))?.Additions ?? [new ReportAddition(default, "", false)]);
        Assert.DoesNotContain(moderators.BotMessages, m => m.Text?.Contains(T("mod.answer"), StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task InTheMiddleOfAnInterviewWordsAfterSlashAnswerAreTheAnswerAndTheInterviewGoesOn()
    {
        await StartBotAsync();
        var (moderators, _, label, _, _) = await AskedInTelegramAsync(733320, 733321, "Когда это было?");
        var member = TelegramMember(733321);
        await Do(member, m => m.SendsAsync("/report"));
        await Do(member, m => m.PressesAsync(T("consent.accept")));

        var thanks = await Do(member, m => m.SendsAsync("/answer Вчера вечером."));
        var next = await Do(member, m => m.SendsAsync("1"));

        Assert.Contains(Label("followup.answer_sent", label), thanks.Text);
        Assert.Equal("Вчера вечером.", Assert.Single((await Bot.Reports.FindByLabelAsync(label))?.Additions ?? [], a => a.Answer).Text);
        await moderators.WaitForReplyAsync(m => m.Text?.Contains("Вчера вечером.", StringComparison.Ordinal) == true);
        // The interview was at its category question and is still there: "1" is its first choice.
        Assert.Contains(T("affected.prompt"), next.Text);
    }

    [Fact]
    public async Task AfterAddWithTheCodeOneIsTheMembersWordsNotARequestToAnswer()
    {
        await StartBotAsync();
        var (moderators, _, label, _, _) = await AskedInTelegramAsync(733350, 733351, "Сколько вам лет?");
        var member = TelegramMember(733351);
        var code = ReceiptCodeShownTo(member, label);

        await Do(member, m => m.SendsAsync("/add " + code));
        var taken = await Do(member, m => m.SendsAsync("1"));

        Assert.Contains(Label("followup.answer_sent", label), taken.Text);
        Assert.Equal("1", Assert.Single((await Bot.Reports.FindByLabelAsync(label))?.Additions ?? []).Text);
        await moderators.WaitForReplyAsync(m => m.Text?.Contains(T("mod.answer"), StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task TheReceiptCodeSentAloneWhileAQuestionWaitsShowsTheStatusAndIsNeverRelayed()
    {
        await StartBotAsync();
        var (_, _, label, _, _) = await AskedInTelegramAsync(733450, 733451, "Сколько вам лет?");
        var member = TelegramMember(733451);
        var code = ReceiptCodeShownTo(member, label);

        var status = await Do(member, m => m.SendsAsync(code));

        Assert.Contains("Сколько вам лет?", status.Text);
        Assert.Contains(label, status.Text);
        var report = await Bot.Reports.FindByLabelAsync(label);
        Assert.Empty(report?.Additions ?? [new ReportAddition(default, "")]);
        Assert.NotEmpty(report?.OpenQuestions ?? []);
    }

    [Fact]
    public async Task InTheMiddleOfAMessengerInterviewOneAnswersTheInterview()
    {
        await StartBotAsync();
        var (moderators, aigul) = ModeratorsGroup(733400);
        var member = Member("7003000000000401");
        var (label, _) = await ReportThroughMessengerAsync(member, followUp: true, Story);
        await moderators.WaitForReplyAsync(m => m.Text?.Contains(label, StringComparison.Ordinal) == true);
        await AskAsync(moderators, aigul, label, "Когда это было?");
        await member.TypeAsync("report");
        await member.PressFirstAsync();                              // consent

        var next = await member.TypeAsync("1");
        var answer = await member.TypeAsync("/answer");

        Assert.Contains(next, m => m.Text.Contains(T("affected.prompt"), StringComparison.Ordinal));
        Assert.DoesNotContain(next, m => m.Text.Contains(Label("followup.write_answer", label), StringComparison.Ordinal));
        Assert.StartsWith(T("followup.answer_in_interview"), answer[0].Text, StringComparison.Ordinal);
        Assert.Empty((await Bot.Reports.FindByLabelAsync(label))?.Additions ?? [new ReportAddition(default, "", false)]);
    }

    [Fact]
    public async Task WithNoOpenQuestionTypingAnswerGetsAKindAnswerInEitherChannelAndABareOneTheWelcome()
    {
        await StartBotAsync();
        var telegram = TelegramMember(733501);
        var messenger = Member("7003000000000502");

        var one = await Do(telegram, m => m.SendsAsync("1"));
        var slash = await Do(telegram, m => m.SendsAsync("/answer"));
        var label = await Do(telegram, m => m.SendsAsync("Ответить"));
        var typed = await messenger.TypeAsync("1");
        var keyword = await messenger.TypeAsync("answer");

        Assert.Equal(T("chat.welcome"), one.Text);
        Assert.Equal(T("followup.none_open"), slash.Text);
        Assert.Equal(T("followup.none_open"), label.Text);
        Assert.Equal(T("chat.welcome"), Assert.Single(typed).Text);
        Assert.Equal(T("followup.none_open"), Assert.Single(keyword).Text);
        Assert.NotEqual(T("chat.welcome"), T("followup.none_open"));
        Assert.NotEqual(T("help.text"), T("followup.none_open"));
    }

    [Fact]
    public async Task WithTwoOpenQuestionsTheLatestIsAnsweredAndOnceItsCaseClosesOneNoLongerPointsAtIt()
    {
        await StartBotAsync();
        var (moderators, aigul) = ModeratorsGroup(733600);
        var member = TelegramMember(733601);
        var first = await ReportThroughTelegramAsync(733601, Story, followUp: true);
        await moderators.WaitForReplyAsync(m => m.Text?.Contains(first, StringComparison.Ordinal) == true);
        await AskAsync(moderators, aigul, first, "Первый вопрос?");
        await member.WaitForReplyAsync(m => m.Text?.Contains("Первый вопрос?", StringComparison.Ordinal) == true);
        var second = await ReportThroughTelegramAsync(733601, "Второй случай: в стационаре отказали в приёме из-за метадона.", followUp: true);
        await moderators.WaitForReplyAsync(m => m.Text?.Contains(second, StringComparison.Ordinal) == true);
        await AskAsync(moderators, aigul, second, "Второй вопрос?");
        await member.WaitForReplyAsync(m => m.Text?.Contains("Второй вопрос?", StringComparison.Ordinal) == true);

        var latest = await Do(member, m => m.SendsAsync("1"));
        await Do(member, m => m.SendsAsync("Ответ на второй."));
        // The second case closes: "1" now means the first report's question, then, once it closes too, nothing.
        var secondId = (await Bot.Reports.FindByLabelAsync(second))?.Id ?? Guid.Empty;
        await Bot.StatusChanges.DecideAsync(secondId, new StatusDecision.Reject(RejectReasons.OutOfScope), Closer);
        var earlier = await Do(member, m => m.SendsAsync("1"));
        await Do(member, m => m.SendsAsync("Ответ на первый."));
        Assert.Null(await Bot.FollowUps.FindAsync(secondId));
        var firstReport = await Bot.Reports.FindByLabelAsync(first);
        Assert.NotNull(await Bot.FollowUps.LatestQuestionAsync(FollowUpContact.Telegram(733601)));
        await Bot.StatusChanges.DecideAsync(firstReport?.Id ?? Guid.Empty, new StatusDecision.Reject(RejectReasons.OutOfScope), Closer);
        var none = await Do(member, m => m.SendsAsync("1"));

        Assert.Equal(Label("followup.write_answer", second), latest.Text);
        Assert.Equal(Label("followup.write_answer", first), earlier.Text);
        Assert.Equal("Ответ на второй.", Assert.Single((await Bot.Reports.FindByLabelAsync(second))?.Additions ?? []).Text);
        Assert.Equal("Ответ на первый.", Assert.Single((await Bot.Reports.FindByLabelAsync(first))?.Additions ?? []).Text);
        Assert.Null(await Bot.FollowUps.LatestQuestionAsync(FollowUpContact.Telegram(733601)));
        Assert.Equal(T("chat.welcome"), none.Text);
    }
}
