using CommunityBot.Privacy;
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
    private async Task<(FakeGroup Moderators, FakeMember Moderator, string Label, BotMessage Card)> CardAsync(
        long moderatorId, long memberId, bool followUp = false, string moderatorName = "Айгуль", string? moderatorUsername = null)
    {
        var moderators = Server.Group(TelegramBotHost.ModeratorsChatId, "Модераторы");
        var moderator = Server.PrivateChatWith(userId: moderatorId, firstName: moderatorName, username: moderatorUsername, languageCode: "ru");
        Server.SetMembership(TelegramBotHost.ModeratorsChatId, moderator.UserId, "member");
        var label = await SubmitAsync(memberId, followUp);
        var card = await moderators.WaitForReplyAsync(m => m.Text?.Contains(label, StringComparison.Ordinal) == true);
        return (moderators, moderator, label, card);
    }

    /// <summary>A moderator's message in the moderators' group, as a reply to one of the bot's messages there.</summary>
    private void ModeratorReplies(FakeMember moderator, BotMessage to, string text) =>
        Server.MemberPosts(TelegramBotHost.ModeratorsChatId, moderator.User, m =>
        {
            m.Text = text;
            m.ReplyToMessage = new global::Telegram.Bot.Types.Message
            {
                Id = to.MessageId,
                Text = to.Text,
                From = Server.BotUser,
                Chat = new global::Telegram.Bot.Types.Chat { Id = TelegramBotHost.ModeratorsChatId, Type = global::Telegram.Bot.Types.Enums.ChatType.Supergroup },
            };
        });

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

    private async Task<string> SubmitAsync(long userId, bool followUp = false)
    {
        var member = await MemberAtCategoryAsync(userId);
        await PressesUpToStoryAsync(member);
        await Do(member, m => m.SendsAsync("Три дня не давали метадон в стационаре, сказали лечиться без него."));
        await Do(member, m => m.SendsAsync("1"));
        await Do(member, m => m.PressesAsync(T("yesno.no")));
        await Do(member, m => m.PressesAsync(T("yesno.yes")));
        await Do(member, m => m.PressesAsync(T(followUp ? "yesno.yes" : "yesno.no")));
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
        // Moderators' own words: "Рассказ", "Город", "Подтвердить", not the member's "Ваш рассказ".
        Assert.Contains(T("mod.label.narrative") + ":", card.Text);
        Assert.Contains(T("mod.label.city") + ":", card.Text);
        Assert.DoesNotContain(T("narrative.label"), card.Text);
        Assert.Contains("Подтвердить", card.ButtonTexts);

        foreach (var button in new[] { "mod.verify", "mod.action_taken", "mod.resolve" })
        {
            await PressCardAsync(moderators, aigul, T(button));
        }

        var report = await bot.Reports.FindByLabelAsync(label);
        Assert.Equal(ReportStatus.Resolved, report?.Status);
        Assert.Equal([ReportStatus.New, ReportStatus.Verified, ReportStatus.ActionTaken, ReportStatus.Resolved], report?.History.Select(h => h.Status));
        var shown = Server.SentMessages(TelegramBotHost.ModeratorsChatId).Single(m => m.MessageId == card.MessageId);
        Assert.Contains(T("mod.status.resolved"), shown.Text);
        // A closed case keeps only its Letter button.
        Assert.Equal([T("letters.tg.card_button")], shown.ButtonTexts);
        var audit = await bot.Services.GetRequiredService<AuditLog>().LatestAsync(10);
        Assert.Equal(["Resolve", "ActionTaken", "Verify"], audit.Where(a => a.Report == label).Select(a => a.Action));
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
        var stale = await bot.StatusChanges.DecideAsync(report!.Id, new StatusDecision.Move(ReportStatus.Verified), "M-TEST");
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

        ModeratorReplies(aigul, card, "Позвонили в больницу, подтверждают отказ.");
        await moderators.WaitForReplyAsync(m => m.Text?.Contains(label, StringComparison.Ordinal) == true);
        await moderators.MemberSaysAsync(aigul, "/find больниц");
        var found = await moderators.WaitForReplyAsync(m => m.Text?.Contains(label, StringComparison.Ordinal) == true);

        var report = await bot.Reports.FindByLabelAsync(label);
        Assert.Equal("Позвонили в больницу, подтверждают отказ.", Assert.Single(report?.Notes ?? []).Text);
        Assert.NotNull(found);
    }

    [Fact]
    public async Task AReplyToABotMessageThatIsNoCardIsToldNothingWasKept()
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, label, _) = await CardAsync(730550, 730055);
        await moderators.MemberSaysAsync(aigul, "/help");
        var help = await moderators.WaitForReplyAsync(m => m.Text?.StartsWith(T("mod.help")[..20], StringComparison.Ordinal) == true);

        ModeratorReplies(aigul, help, "Позвонили в больницу, подтверждают отказ.");
        var told = await moderators.WaitForReplyAsync(m => m.Text == T("mod.reply.not_a_card"));

        Assert.NotNull(told);
        Assert.Empty((await bot.Reports.FindByLabelAsync(label))?.Notes ?? [new ReportNote(default, "", "")]);
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

    /// <summary>The member's private chat, found again by the id they reported from.</summary>
    private FakeMember Member(long userId) => Server.PrivateChatWith(userId: userId, firstName: "M", username: null, languageCode: "ru");

    /// <summary>A moderator presses "need information" and replies to the bot's prompt with a question.</summary>
    private async Task<BotMessage> AskAsync(FakeGroup moderators, FakeMember moderator, string label, string question)
    {
        await PressCardAsync(moderators, moderator, T("mod.ask"));
        var prompt = await moderators.WaitForReplyAsync(m => m.Text?.StartsWith("❓ " + label, StringComparison.Ordinal) == true);
        await moderators.MemberRepliesAsync(moderator, prompt, question);
        return await moderators.WaitForReplyAsync(m => m.Text?.Contains(label, StringComparison.Ordinal) == true && m.ReplyToMessageId is not null);
    }

    [Theory]
    [InlineData("Отмена")]
    [InlineData("назад")]
    public async Task CancelTypedInReplyToTheQuestionPromptSendsTheMemberNothing(string typed)
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, label, _) = await CardAsync(731150, 731051, followUp: true);
        var member = Member(731051);
        var before = member.Replies.Count;

        var answer = await AskAsync(moderators, aigul, label, typed);
        await Server.WaitUntilIdleAsync();

        Assert.Equal(T("mod.ask.cancelled").Replace("{label}", label, StringComparison.Ordinal), answer.Text);
        Assert.Equal(before, member.Replies.Count);
        Assert.Empty((await bot.Reports.FindByLabelAsync(label))?.Notes ?? []);
    }

    [Fact]
    public async Task AFollowUpQuestionReachesTheMemberAndTheAnswerReachesTheCard()
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, label, card) = await CardAsync(731100, 731001, followUp: true);
        var member = Member(731001);

        var sent = await AskAsync(moderators, aigul, label, "В какой больнице и в каком отделении это было?");
        var question = await member.WaitForReplyAsync(m => m.Text?.Contains("В какой больнице", StringComparison.Ordinal) == true);
        await member.RepliesAsync(question, "Городская больница номер 4, терапия. Пишите: zarina.k@example.org");
        var thanks = await member.WaitForReplyAsync();
        var relayed = await moderators.WaitForReplyAsync(m => m.Text?.Contains("Городская больница номер 4", StringComparison.Ordinal) == true);

        Assert.Equal(T("mod.ask.sent").Replace("{label}", label, StringComparison.Ordinal), sent.Text);
        Assert.StartsWith("❓ " + label, question.Text, StringComparison.Ordinal);
        Assert.Contains(T("followup.answer_sent").Replace("{label}", label, StringComparison.Ordinal), thanks.Text);
        Assert.Equal(card.MessageId, relayed.ReplyToMessageId);
        Assert.Contains(T("mod.answer"), relayed.Text);
        var shown = Server.SentMessages(TelegramBotHost.ModeratorsChatId).Single(m => m.MessageId == card.MessageId);
        Assert.Contains("В какой больнице", shown.Text);
        Assert.Contains("Городская больница номер 4", shown.Text);
        var report = await bot.Reports.FindByLabelAsync(label);
        Assert.True(Assert.Single(report?.Notes ?? []).Question);
        Assert.DoesNotContain("zarina.k@example.org", relayed.Text);
        Assert.Contains(T("add.masked"), thanks.Text);
        Assert.Equal("Городская больница номер 4, терапия. Пишите: " + T("mask.placeholder.email"), Assert.Single(report?.Additions ?? [], a => a.Answer).Text);
        var audit = await bot.Services.GetRequiredService<AuditLog>().LatestAsync(10);
        Assert.Contains(audit, a => a.Report == label && a.Action == "Question");
    }

    [Fact]
    public async Task WithoutConsentAQuestionWaitsOnStatusAndAddWithTheCodeAnswersIt()
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, label, card) = await CardAsync(731200, 731002, followUp: false);
        var member = Member(731002);
        var code = Scripts.ReceiptCode().Match(member.Replies.Last(m => m.Text?.Contains(label, StringComparison.Ordinal) == true).Text ?? "").Value;
        var before = member.Replies.Count;

        var kept = await AskAsync(moderators, aigul, label, "В каком отделении это было?");
        await Server.WaitUntilIdleAsync();
        // Nothing is pushed to the member: without their consent the bot keeps no way to them.
        Assert.Equal(T("mod.ask.no_consent").Replace("{label}", label, StringComparison.Ordinal), kept.Text);
        Assert.Contains(moderators.BotMessages, m => m.Text?.Contains(T("mod.ask.prompt_kept").Replace("{label}", label, StringComparison.Ordinal), StringComparison.Ordinal) == true);
        Assert.Equal(before, member.Replies.Count);

        var status = await Do(member, m => m.SendsAsync("/status " + code));
        Assert.Contains("В каком отделении это было?", status.Text);
        Assert.Contains(T("status.answer_hint"), status.Text);
        await Do(member, m => m.SendsAsync("/add " + code));
        var thanks = await Do(member, m => m.SendsAsync("В терапии, на третьем этаже."));
        var relayed = await moderators.WaitForReplyAsync(m => m.Text?.Contains("В терапии", StringComparison.Ordinal) == true);

        Assert.Contains(T("followup.answer_sent").Replace("{label}", label, StringComparison.Ordinal), thanks.Text);
        Assert.Equal(card.MessageId, relayed.ReplyToMessageId);
        Assert.Contains(T("mod.answer"), relayed.Text);
        var report = await bot.Reports.FindByLabelAsync(label);
        Assert.True(Assert.Single(report?.Additions ?? []).Answer);
        Assert.Empty(report?.OpenQuestions ?? []);
        var again = await Do(member, m => m.SendsAsync("/status " + code));
        Assert.DoesNotContain("В каком отделении", again.Text);
    }

    [Fact]
    public async Task WithoutAnOpenQuestionAddIsAnAdditionNotAnAnswer()
    {
        await using var bot = await StartBotAsync();
        var (moderators, _, label, _) = await CardAsync(731210, 731012, followUp: false);
        var member = Member(731012);
        var code = Scripts.ReceiptCode().Match(member.Replies.Last(m => m.Text?.Contains(label, StringComparison.Ordinal) == true).Text ?? "").Value;

        await Do(member, m => m.SendsAsync("/add " + code + " Забыла сказать: это было ночью."));
        var added = await moderators.WaitForReplyAsync(m => m.Text?.Contains("это было ночью", StringComparison.Ordinal) == true);

        Assert.Contains(T("mod.added"), added.Text);
        Assert.False(Assert.Single((await bot.Reports.FindByLabelAsync(label))?.Additions ?? []).Answer);
    }

    [Fact]
    public async Task AnAnswerAfterTheCaseClosedIsNotTakenAndTheMemberIsToldHowToAdd()
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, label, _) = await CardAsync(731300, 731003, followUp: true);
        var member = Member(731003);
        await AskAsync(moderators, aigul, label, "В котором часу вам отказали?");
        var question = await member.WaitForReplyAsync(m => m.Text?.StartsWith("❓ " + label, StringComparison.Ordinal) == true);

        await PressCardAsync(moderators, aigul, T("mod.reject"));
        await PressCardAsync(moderators, aigul, T("mod.reject.out_of_scope"));
        await member.RepliesAsync(question, "В понедельник.");
        var told = await member.WaitForReplyAsync();

        // The question was forgotten with the contact: the reply is not an answer, and the member is told so and how
        // to add to the report instead.
        Assert.Equal(T("followup.not_awaited"), told.Text);
        Assert.DoesNotContain(moderators.BotMessages, m => m.Text?.Contains("понедельник", StringComparison.Ordinal) == true);
        var report = await bot.Reports.FindByLabelAsync(label);
        Assert.DoesNotContain(report?.Additions ?? [], a => a.Text.Contains("понедельник", StringComparison.Ordinal));
        Assert.Null(await bot.FollowUps.FindAsync(report!.Id));
    }

    [Fact]
    public async Task AReportIsMarkedADuplicateOfAnotherFromItsCard()
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, original, _) = await CardAsync(731400, 731004);
        var repeat = await SubmitAsync(731005);
        var card = await moderators.WaitForReplyAsync(m => m.Text?.StartsWith(repeat, StringComparison.Ordinal) == true);

        await PressCardAsync(moderators, aigul, T("mod.duplicate"));
        var prompt = await moderators.WaitForReplyAsync(m => m.Text?.StartsWith("🔁 " + repeat, StringComparison.Ordinal) == true);
        await moderators.MemberRepliesAsync(aigul, prompt, "R-ZZZZ");
        var unknown = await moderators.WaitForReplyAsync(m => m.ReplyToMessageId is not null);
        await moderators.MemberRepliesAsync(aigul, prompt, original.ToLowerInvariant());
        var done = await moderators.WaitForReplyAsync(m => m.ReplyToMessageId is not null);

        Assert.Contains("R-ZZZZ", unknown.Text);
        Assert.Equal(T("mod.duplicate.done").Replace("{label}", repeat, StringComparison.Ordinal).Replace("{original}", original, StringComparison.Ordinal), done.Text);
        var report = await bot.Reports.FindByLabelAsync(repeat);
        Assert.Equal(ReportStatus.Duplicate, report?.Status);
        Assert.Equal((await bot.Reports.FindByLabelAsync(original))?.Id, report?.DuplicateOf);
        // The card follows from what the change left owed, a moment after the reply.
        await EventuallyAsync(() => Server.SentMessages(TelegramBotHost.ModeratorsChatId).Single(m => m.MessageId == card.MessageId).Text?
            .Contains(T("mod.status.duplicate"), StringComparison.Ordinal) == true, "the card does not show the duplicate");
        var shown = Server.SentMessages(TelegramBotHost.ModeratorsChatId).Single(m => m.MessageId == card.MessageId);
        Assert.Contains(T("mod.duplicate_of").Replace("{original}", original, StringComparison.Ordinal), shown.Text);
        Assert.Contains(T("mod.status.duplicate"), shown.Text);
        // A closed case keeps only its Letter button.
        Assert.Equal([T("letters.tg.card_button")], shown.ButtonTexts);
    }

    [Fact]
    public async Task AReportItsMemberDeletedIsRefusedAsTheOriginalOfADuplicateAndTheCaseStaysOpen()
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, repeat, _) = await CardAsync(731450, 731006);
        var deleted = await bot.Reports.SubmitAsync(new PeriodPseudonym("draft-deleted", 0, []), Samples.Report());
        await bot.Reports.WithdrawAsync(deleted.ReceiptCode);

        await PressCardAsync(moderators, aigul, T("mod.duplicate"));
        var prompt = await moderators.WaitForReplyAsync(m => m.Text?.StartsWith("🔁 " + repeat, StringComparison.Ordinal) == true);
        await moderators.MemberRepliesAsync(aigul, prompt, deleted.Label);
        var refused = await moderators.WaitForReplyAsync(m => m.ReplyToMessageId is not null);

        Assert.Equal(T("mod.duplicate.withdrawn").Replace("{label}", repeat, StringComparison.Ordinal).Replace("{original}", deleted.Label, StringComparison.Ordinal), refused.Text);
        Assert.Equal(ReportStatus.New, (await bot.Reports.FindByLabelAsync(repeat))?.Status);
    }

    [Fact]
    public async Task AReportWhoseOwnDuplicatesLeadBackToItIsNotClosedAsTheirDuplicate()
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, open, _) = await CardAsync(731470, 731008);
        var middle = await bot.Reports.SubmitAsync(new PeriodPseudonym("draft-middle", 0, []), Samples.Report());
        var last = await bot.Reports.SubmitAsync(new PeriodPseudonym("draft-last", 0, []), Samples.Report());
        var openId = (await bot.Reports.FindByLabelAsync(open))?.Id ?? Guid.Empty;
        Assert.Equal(StatusOutcome.Changed, (await bot.StatusChanges.DecideAsync(middle.Id, new StatusDecision.Duplicate(openId), "M-TEST")).Outcome);
        Assert.Equal(StatusOutcome.Changed, (await bot.StatusChanges.DecideAsync(last.Id, new StatusDecision.Duplicate(middle.Id), "M-TEST")).Outcome);

        await PressCardAsync(moderators, aigul, T("mod.duplicate"));
        var prompt = await moderators.WaitForReplyAsync(m => m.Text?.StartsWith("🔁 " + open, StringComparison.Ordinal) == true);
        await moderators.MemberRepliesAsync(aigul, prompt, last.Label);
        var refused = await moderators.WaitForReplyAsync(m => m.ReplyToMessageId is not null);

        Assert.Equal(T("mod.duplicate.circular").Replace("{label}", open, StringComparison.Ordinal).Replace("{original}", last.Label, StringComparison.Ordinal), refused.Text);
        Assert.Equal(ReportStatus.New, (await bot.Reports.FindByLabelAsync(open))?.Status);
    }

    [Theory]
    [InlineData("Отмена")]
    [InlineData("назад")]
    [InlineData("cancel")]
    public async Task CancelTypedInReplyToTheDuplicatePromptLeavesTheReportAsItWas(string typed)
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, label, _) = await CardAsync(731465, 731009);

        await PressCardAsync(moderators, aigul, T("mod.duplicate"));
        var prompt = await moderators.WaitForReplyAsync(m => m.Text?.StartsWith("🔁 " + label, StringComparison.Ordinal) == true);
        await moderators.MemberRepliesAsync(aigul, prompt, typed);
        var answer = await moderators.WaitForReplyAsync(m => m.ReplyToMessageId is not null);

        Assert.Equal(T("mod.duplicate.cancelled").Replace("{label}", label, StringComparison.Ordinal), answer.Text);
        Assert.Equal(ReportStatus.New, (await bot.Reports.FindByLabelAsync(label))?.Status);
    }

    [Fact]
    public async Task AReportNamedAsItsOwnOriginalIsToldItCannotBeADuplicateOfItself()
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, label, _) = await CardAsync(731460, 731007);

        await PressCardAsync(moderators, aigul, T("mod.duplicate"));
        var prompt = await moderators.WaitForReplyAsync(m => m.Text?.StartsWith("🔁 " + label, StringComparison.Ordinal) == true);
        await moderators.MemberRepliesAsync(aigul, prompt, label.ToLowerInvariant());
        var refused = await moderators.WaitForReplyAsync(m => m.ReplyToMessageId is not null);

        Assert.Equal(T("mod.duplicate.itself").Replace("{label}", label, StringComparison.Ordinal), refused.Text);
        Assert.Equal(ReportStatus.New, (await bot.Reports.FindByLabelAsync(label))?.Status);
    }

    [Fact]
    public async Task WhatTheMemberAddsOrDeletesWithTheirCodeReachesTheCard()
    {
        await using var bot = await StartBotAsync();
        var moderators = Server.Group(TelegramBotHost.ModeratorsChatId, "Модераторы");
        var member = await MemberAtCategoryAsync(731600);
        foreach (var answer in new[] { "1", "1", "вчера", "1", "1", "1", "1", "В стационаре отказали в метадоне, пришлось уйти.", "1", "2", "1", "2" })
        {
            await Do(member, m => m.SendsAsync(answer));
        }
        var receipt = await Do(member, m => m.SendsAsync("1"));
        var label = Scripts.Label().Match(receipt.Text ?? "").Value;
        var code = Scripts.ReceiptCode().Match(receipt.Text ?? "").Value;
        var card = await moderators.WaitForReplyAsync(m => m.Text?.StartsWith(label, StringComparison.Ordinal) == true);

        var thanks = await Do(member, m => m.SendsAsync($"/add {code} Это была больница на Жандосова, мой номер +7 701 555 12 34."));
        var added = await moderators.WaitForReplyAsync(m => m.Text?.Contains("Жандосова", StringComparison.Ordinal) == true);
        Assert.Equal(card.MessageId, added.ReplyToMessageId);
        // A phone number never reaches the moderators; the member is told it was hidden.
        Assert.DoesNotContain("555 12 34", added.Text);
        Assert.Contains(T("mask.placeholder.phone"), added.Text);
        Assert.Contains(T("add.masked"), thanks.Text);
        await EventuallyAsync(() => Server.SentMessages(TelegramBotHost.ModeratorsChatId).Single(m => m.MessageId == card.MessageId).Text?.Contains("Жандосова", StringComparison.Ordinal) == true,
            "the card does not show the addition");

        await Do(member, m => m.SendsAsync($"/delete {code}"));
        await moderators.WaitForReplyAsync(m => m.Text == T("mod.withdrawn").Replace("{label}", label, StringComparison.Ordinal));
        var emptied = Server.SentMessages(TelegramBotHost.ModeratorsChatId).Single(m => m.MessageId == card.MessageId);
        Assert.DoesNotContain("отказали в метадоне", emptied.Text);
        Assert.DoesNotContain("Жандосова", emptied.Text);
        Assert.Contains(T("mod.status.withdrawn"), emptied.Text);
    }

    [Fact]
    public async Task ACardOwedWhenTheServiceStoppedIsPostedAtTheNextStart()
    {
        string label;
        await using (var first = await StartBotAsync(new Dictionary<string, string?> { ["Telegram:ModeratorsChatId"] = null }))
        {
            // With no moderators' group the card cannot be posted: it stays owed, as after a crash right after the receipt.
            label = await SubmitAsync(731700);
        }

        var moderators = Server.Group(TelegramBotHost.ModeratorsChatId, "Модераторы");
        await using (var second = await StartBotAsync())
        {
            var card = await moderators.WaitForReplyAsync(m => m.Text?.StartsWith(label, StringComparison.Ordinal) == true);
            Assert.Contains("Три дня не давали метадон", card.Text);
            var id = (await second.Reports.FindByLabelAsync(label))?.Id ?? Guid.Empty;
            var cards = second.Services.GetRequiredService<ReportCards>();
            // A stop in the moment between the card going up and being marked posted would post it once more.
            await EventuallyAsync(() => !cards.IsOwedAsync(id).GetAwaiter().GetResult(), "the card is still owed after it was posted");
        }
        await using (var third = await StartBotAsync())
        {
            await Server.WaitUntilIdleAsync();
        }

        // Posted once: the card is no longer owed after it went up.
        Assert.Single(Server.SentMessages(TelegramBotHost.ModeratorsChatId), m => m.Text?.StartsWith(label, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task NoModeratorOrMemberIdentityReachesTheDatabaseOrTheLog()
    {
        const long ModeratorId = 5550001234567;
        const long MemberId = 5550007654321;
        const string ModeratorName = "Канарейкамодератор";
        const string ModeratorUsername = "canary_moderator_77";
        await using (var bot = await StartBotAsync())
        {
            var (moderators, moderator, label, card) = await CardAsync(ModeratorId, MemberId, followUp: true, ModeratorName, ModeratorUsername);
            var member = Member(MemberId);
            await PressCardAsync(moderators, moderator, T("mod.take"));
            await moderators.MemberRepliesAsync(moderator, card, "Заметка модератора-канарейки.");
            await moderators.WaitForReplyAsync(m => m.ReplyToMessageId is not null);
            await AskAsync(moderators, moderator, label, "Вопрос от канарейки?");
            var question = await member.WaitForReplyAsync(m => m.Text?.Contains("канарейки", StringComparison.Ordinal) == true);
            await member.RepliesAsync(question, "Ответ участника-канарейки.");
            await moderators.WaitForReplyAsync(m => m.Text?.Contains("Ответ участника", StringComparison.Ordinal) == true);
            // A second question, answered by typing "1": the member's chat is kept for it only as a keyed hash.
            await AskAsync(moderators, moderator, label, "Второй вопрос от канарейки?");
            await member.WaitForReplyAsync(m => m.Text?.Contains("Второй вопрос", StringComparison.Ordinal) == true);
            Assert.Equal(T("followup.write_answer").Replace("{label}", label, StringComparison.Ordinal), (await Do(member, m => m.SendsAsync("1"))).Text);
            await member.SendsAsync("Второй ответ участника-канарейки.");
            await moderators.WaitForReplyAsync(m => m.Text?.Contains("Второй ответ участника", StringComparison.Ordinal) == true);
            await PressCardAsync(moderators, moderator, T("mod.verify"));
            await moderators.MemberSaysAsync(moderator, "/audit");
            await moderators.WaitForReplyAsync(m => m.Text?.Contains(T("mod.audit.title"), StringComparison.Ordinal) == true);
            await moderators.MemberSaysAsync(moderator, "/stats");
            await moderators.MemberSaysAsync(moderator, "/export csv");
            await EventuallyAsync(() => Server.Calls("sendDocument").Count > 0, "no export was sent");
            var audit = await bot.Services.GetRequiredService<AuditLog>().LatestAsync(20);
            Assert.Contains(audit, a => a.Action == "Question");
            Assert.All(audit, a => Assert.DoesNotContain(ModeratorId.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Moderator));
        }

        var files = Directory.EnumerateFiles(Data.Path, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("keys.json", StringComparison.Ordinal)).ToList();
        Assert.Contains(files, f => f.Contains("logs", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            foreach (var canary in new[]
            {
                ModeratorId.ToString(System.Globalization.CultureInfo.InvariantCulture), MemberId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ModeratorName, ModeratorUsername, "канарейки", "Три дня не давали",
            })
            {
                Assert.False(RawBytes.Contain(bytes, canary), $"{Path.GetFileName(file)} holds '{canary}'");
            }
            foreach (var id in new[] { ModeratorId, MemberId })
            {
                Assert.True(bytes.AsSpan().IndexOf(BitConverter.GetBytes(id)) < 0, $"{Path.GetFileName(file)} holds {id} as a number");
            }
        }
    }

    [Fact]
    public async Task TheQueueIsPagedWithButtonsAndEachReportOpensItsCard()
    {
        await using var bot = await StartBotAsync();
        var moderators = Server.Group(TelegramBotHost.ModeratorsChatId, "Модераторы");
        var aigul = Server.PrivateChatWith(userId: 731800, firstName: "Айгуль", username: null, languageCode: "ru");
        Server.SetMembership(TelegramBotHost.ModeratorsChatId, aigul.UserId, "member");
        var labels = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            labels.Add((await bot.Reports.SubmitAsync(new PeriodPseudonym("draft-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), 0, []), Samples.Report())).Label);
        }
        var title = T("mod.queue.title").Replace("{status}", T("mod.status.new"), StringComparison.Ordinal).Replace("{count}", "12", StringComparison.Ordinal);

        await moderators.MemberSaysAsync(aigul, "/queue");
        var first = await moderators.WaitForReplyAsync(m => m.Text?.StartsWith(title, StringComparison.Ordinal) == true);
        await PressCardAsync(moderators, aigul, "›");
        await Server.WaitUntilIdleAsync();
        var second = Server.SentMessages(TelegramBotHost.ModeratorsChatId).Single(m => m.MessageId == first.MessageId);
        var shown = second.ButtonTexts.First(text => text.StartsWith("R-", StringComparison.Ordinal));
        int Cards() => Server.SentMessages(TelegramBotHost.ModeratorsChatId).Count(m => m.Text?.StartsWith(shown, StringComparison.Ordinal) == true);
        var before = Cards();
        await PressCardAsync(moderators, aigul, shown);
        await Server.WaitUntilIdleAsync();
        var card = Server.SentMessages(TelegramBotHost.ModeratorsChatId).Last(m => m.Text?.StartsWith(shown, StringComparison.Ordinal) == true);
        Assert.Equal(before + 1, Cards());

        Assert.Equal(10, first.ButtonTexts.Count(text => text.StartsWith("R-", StringComparison.Ordinal)));
        Assert.Contains("›", first.ButtonTexts);
        Assert.Equal(2, second.ButtonTexts.Count(text => text.StartsWith("R-", StringComparison.Ordinal)));
        Assert.Contains("‹", second.ButtonTexts);
        Assert.DoesNotContain("›", second.ButtonTexts);
        Assert.Equal(labels.Order(StringComparer.Ordinal), first.ButtonTexts.Concat(second.ButtonTexts).Where(t => t.StartsWith("R-", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Contains(T("mod.take"), card.ButtonTexts);
    }

    [Fact]
    public async Task TurningToAPageTheQueueNoLongerHasShowsItsLastPageInstead()
    {
        await using var bot = await StartBotAsync();
        var moderators = Server.Group(TelegramBotHost.ModeratorsChatId, "Модераторы");
        var aigul = Server.PrivateChatWith(userId: 731850, firstName: "Айгуль", username: null, languageCode: "ru");
        Server.SetMembership(TelegramBotHost.ModeratorsChatId, aigul.UserId, "member");
        var ids = new List<Guid>();
        for (var i = 0; i < 11; i++)
        {
            ids.Add((await bot.Reports.SubmitAsync(new PeriodPseudonym("draft-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), 0, []), Samples.Report())).Id);
        }
        await moderators.MemberSaysAsync(aigul, "/queue");
        var first = await moderators.WaitForReplyAsync(m => m.ButtonTexts.Contains("›"));

        // Another moderator takes a report meanwhile: ten new ones are left, one page.
        await bot.Services.GetRequiredService<StatusChanges>().DecideAsync(ids[0], new StatusDecision.Move(ReportStatus.InReview), "M-77QQ");
        await PressCardAsync(moderators, aigul, "›");
        await Server.WaitUntilIdleAsync();
        var turned = Server.SentMessages(TelegramBotHost.ModeratorsChatId).Single(m => m.MessageId == first.MessageId);

        Assert.Equal(10, turned.ButtonTexts.Count(text => text.StartsWith("R-", StringComparison.Ordinal)));
        Assert.DoesNotContain("‹", turned.ButtonTexts);
        Assert.StartsWith(T("mod.queue.title").Replace("{status}", T("mod.status.new"), StringComparison.Ordinal).Replace("{count}", "10", StringComparison.Ordinal), turned.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskingOnAnOldCardOfAnEndedCaseIsRefusedWithItsStatus()
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, label, _) = await CardAsync(731900, 731009, followUp: true);
        await moderators.MemberSaysAsync(aigul, "/show " + label);
        await moderators.WaitForReplyAsync(m => m.Text?.StartsWith(label, StringComparison.Ordinal) == true);

        // Rejected from the copy /show posted; then "Need information" pressed on a client that still shows the old card.
        await PressCardAsync(moderators, aigul, T("mod.reject"));
        await PressCardAsync(moderators, aigul, T("mod.reject.spam"));
        var id = (await bot.Reports.FindByLabelAsync(label))?.Id ?? Guid.Empty;
        var answered = Server.Calls("answerCallbackQuery").Count;
        Server.MemberPressesForged(TelegramBotHost.ModeratorsChatId, aigul.User, "m:q:" + id.ToString("N", System.Globalization.CultureInfo.InvariantCulture));
        await EventuallyAsync(() => Server.Calls("answerCallbackQuery").Count > answered, "the bot never answered the press");

        var illegal = T("mod.illegal").Replace("{status}", T("mod.status.rejected"), StringComparison.Ordinal);
        Assert.Equal(illegal, Server.Calls("answerCallbackQuery")[^1].String("text"));
        Assert.DoesNotContain(moderators.BotMessages, m => m.Text?.StartsWith("❓ ", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task RejectPressedByMistakeCanBeTakenBackWithTheCardsOwnButtonsRestored()
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, label, card) = await CardAsync(731950, 731051);
        BotMessage Card() => moderators.BotMessages.Single(m => m.MessageId == card.MessageId);

        await PressCardAsync(moderators, aigul, T("mod.reject"));
        Assert.Equal([T("mod.reject.spam"), T("mod.reject.unverifiable"), T("mod.reject.out_of_scope"), T("mod.reject.back")], Card().ButtonTexts);
        await PressCardAsync(moderators, aigul, T("mod.reject.back"));

        Assert.Equal(card.ButtonTexts, Card().ButtonTexts);
        Assert.Equal(ReportStatus.New, (await bot.Reports.FindByLabelAsync(label))?.Status);
    }

    [Fact]
    public async Task RejectOnAnOldCardOfAnEndedCaseIsRefusedWithItsStatusAndLeavesTheButtonsAlone()
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, label, _) = await CardAsync(731960, 731061);
        await PressCardAsync(moderators, aigul, T("mod.reject"));
        await PressCardAsync(moderators, aigul, T("mod.reject.spam"));
        var keyboardEdits = Server.Calls("editMessageReplyMarkup").Count;

        // "Reject" pressed on a client that still shows the card as it was.
        var id = (await bot.Reports.FindByLabelAsync(label))?.Id ?? Guid.Empty;
        var answered = Server.Calls("answerCallbackQuery").Count;
        Server.MemberPressesForged(TelegramBotHost.ModeratorsChatId, aigul.User, "m:x:" + id.ToString("N", System.Globalization.CultureInfo.InvariantCulture));
        await EventuallyAsync(() => Server.Calls("answerCallbackQuery").Count > answered, "the bot never answered the press");

        var illegal = T("mod.illegal").Replace("{status}", T("mod.status.rejected"), StringComparison.Ordinal);
        Assert.Equal(illegal, Server.Calls("answerCallbackQuery")[^1].String("text"));
        Assert.Equal(keyboardEdits, Server.Calls("editMessageReplyMarkup").Count);
    }

    [Fact]
    public async Task AMemberCanAnswerWithTheAnswerButtonInsteadOfAReply()
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, label, card) = await CardAsync(732000, 732001, followUp: true);
        var member = Member(732001);

        await AskAsync(moderators, aigul, label, "Это было ночью или днём?");
        var question = await member.WaitForReplyAsync(m => m.Text?.StartsWith("❓ " + label, StringComparison.Ordinal) == true);
        await member.PressesAsync(T("followup.answer_button"));
        var prompt = await member.WaitForReplyAsync();
        var sticker = await Do(member, m => m.SendsStickerAsync());
        await Do(member, m => m.SendsAsync("Днём, около полудня."));
        var relayed = await moderators.WaitForReplyAsync(m => m.Text?.Contains("около полудня", StringComparison.Ordinal) == true);
        // The next message is the member's again: the answer was taken once.
        var afterwards = await Do(member, m => m.SendsAsync("/status"));

        Assert.Contains(T("followup.answer_button"), question.ButtonTexts);
        Assert.Equal(T("followup.write_answer").Replace("{label}", label, StringComparison.Ordinal), prompt.Text);
        // A sticker is not an answer: the member is told, and asked again.
        Assert.Equal(T("error.not_text") + "\n\n" + prompt.Text, sticker.Text);
        Assert.Equal(card.MessageId, relayed.ReplyToMessageId);
        Assert.Equal(T("status.usage"), afterwards.Text);
        Assert.Single((await bot.Reports.FindByLabelAsync(label))?.Additions ?? [], a => a.Answer);
    }

    [Fact]
    public async Task AStickerWhileAQuestionWaitsForItsAnswerGetsAReminderToAnswerInWords()
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, label, _) = await CardAsync(732200, 732201, followUp: true);
        var member = Member(732201);
        await AskAsync(moderators, aigul, label, "Это было ночью или днём?");
        await member.WaitForReplyAsync(m => m.Text?.StartsWith("❓ " + label, StringComparison.Ordinal) == true);

        var sticker = await Do(member, m => m.SendsStickerAsync());

        Assert.Equal(T("error.not_text") + "\n\n" + T("followup.write_answer").Replace("{label}", label, StringComparison.Ordinal), sticker.Text);
    }

    [Fact]
    public async Task AStickerAfterAddIsToldTheAdditionMustBeTextAndTheAdditionStillWaits()
    {
        await using var bot = await StartBotAsync();
        var (moderators, _, label, _) = await CardAsync(732300, 732301);
        var member = Member(732301);
        var code = Scripts.ReceiptCode().Match(member.Replies.Last(m => m.Text?.Contains(label, StringComparison.Ordinal) == true).Text ?? "").Value;
        await Do(member, m => m.SendsAsync("/add " + code));

        var sticker = await Do(member, m => m.SendsStickerAsync());
        await Do(member, m => m.SendsAsync("Забыла сказать: это было ночью."));

        Assert.Equal(T("add.text_only") + "\n\n" + T("add.prompt").Replace("{label}", label, StringComparison.Ordinal), sticker.Text);
        Assert.Equal("Забыла сказать: это было ночью.", Assert.Single((await bot.Reports.FindByLabelAsync(label))?.Additions ?? []).Text);
    }

    [Fact]
    public async Task SomeoneElsePressingAForgedAnswerButtonCannotAnswerForTheMember()
    {
        await using var bot = await StartBotAsync();
        var (moderators, aigul, label, _) = await CardAsync(732100, 732101, followUp: true);
        var report = await bot.Reports.FindByLabelAsync(label);
        var stranger = Server.PrivateChatWith(userId: 732102, firstName: "S", username: null, languageCode: "ru");
        await Do(stranger, m => m.SendsAsync("/help"));

        await stranger.PressesForgedAsync("f:" + report!.Id.ToString("N", System.Globalization.CultureInfo.InvariantCulture));
        await Server.WaitUntilIdleAsync();
        await Do(stranger, m => m.SendsAsync("Чужой ответ."));

        Assert.Equal(T("followup.not_awaited"), Server.Calls("answerCallbackQuery")[^1].String("text"));
        Assert.Empty((await bot.Reports.FindByLabelAsync(label))?.Additions ?? []);
        Assert.DoesNotContain(moderators.BotMessages, m => m.Text?.Contains("Чужой ответ", StringComparison.Ordinal) == true);
    }
}
