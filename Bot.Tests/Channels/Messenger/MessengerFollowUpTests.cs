using System.Text.Json.Nodes;
using CommunityBot.Privacy;
using CommunityBot.Reports;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeGraph;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityBot.Tests.Channels.Messenger;

/// <summary>Moderators in the Telegram group and members who reported through Messenger, end to end through both fakes:
/// the card says where a report came from, and a moderator's question reaches a Messenger member and their answer
/// comes back.</summary>
public sealed class MessengerFollowUpTests : TwoChannelScenario
{
    private const string Story = "В больнице три дня не давали метадон, сказали ждать выписки.";

    private static string Label(string key, string label) => T(key).Replace("{label}", label, StringComparison.Ordinal);

    [Fact]
    public async Task AMessengerReportsCardSaysMessengerAndMembershipNotCheckedAndATelegramOneDoesNot()
    {
        await StartBotAsync();
        var (moderators, _) = ModeratorsGroup(732001);

        var (fromMessenger, _) = await ReportThroughMessengerAsync(Member("7002000000000001"), followUp: false, Story);
        var messengerCard = await moderators.WaitForReplyAsync(m => m.Text?.Contains(fromMessenger, StringComparison.Ordinal) == true);
        var fromTelegram = await ReportThroughTelegramAsync(732002, Story);
        var telegramCard = await moderators.WaitForReplyAsync(m => m.Text?.Contains(fromTelegram, StringComparison.Ordinal) == true);

        Assert.Contains(T("mod.channel.messenger"), messengerCard.Text);
        Assert.Contains(T("mod.membership_unchecked"), messengerCard.Text);
        Assert.DoesNotContain("Messenger", telegramCard.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(T("mod.membership_unchecked"), telegramCard.Text);
        Assert.Equal(ReportChannel.Messenger, (await Bot.Reports.FindByLabelAsync(fromMessenger))?.Channel);
        Assert.Equal(ReportChannel.Telegram, (await Bot.Reports.FindByLabelAsync(fromTelegram))?.Channel);
    }

    [Fact]
    public async Task AMemberWhoAgreedGetsTheQuestionInMessengerAndAnswersWithTheAnswerQuickReply()
    {
        await StartBotAsync();
        var (moderators, aigul) = ModeratorsGroup(732101);
        var member = Member("7002000000000101");
        var (label, _) = await ReportThroughMessengerAsync(member, followUp: true, Story);
        var card = await moderators.WaitForReplyAsync(m => m.Text?.Contains(label, StringComparison.Ordinal) == true);
        member.NewMessages();
        var counts = Bot.Services.GetRequiredService<ActivityCounts>();
        counts.Take();

        var said = await AskAsync(moderators, aigul, label, "В каком отделении это было?");
        var question = Assert.Single(member.NewMessages());
        var (title, payload) = Assert.Single(question.QuickReplies);
        var prompt = await member.PressPayloadAsync(title, payload, button: false);
        var thanks = await member.TypeAsync("В терапии. Пишите мне: zarina.k@example.org");
        var relayed = await moderators.WaitForReplyAsync(m => m.Text?.Contains("В терапии", StringComparison.Ordinal) == true);

        Assert.Equal(Label("mod.ask.sent", label), said.Text);
        Assert.StartsWith("❓ " + label, question.Text, StringComparison.Ordinal);
        Assert.Contains("В каком отделении это было?", question.Text);
        Assert.Equal(("UPDATE", (string?)null), (question.MessagingType, question.Tag));
        Assert.Equal(T("followup.answer_button"), title);
        Assert.Equal(Label("followup.write_answer", label), Assert.Single(prompt).Text);
        Assert.Contains(Label("followup.answer_sent", label), Assert.Single(thanks).Text);
        Assert.Contains(T("add.masked"), thanks[0].Text);
        Assert.Equal(card.MessageId, relayed.ReplyToMessageId);
        Assert.DoesNotContain("zarina.k@example.org", relayed.Text);
        await EventuallyAsync(() => Telegram.SentMessages(TelegramBotHost.ModeratorsChatId).Single(m => m.MessageId == card.MessageId).Text?
            .Contains("В терапии", StringComparison.Ordinal) == true, "the card never showed the answer");
        var report = await Bot.Reports.FindByLabelAsync(label);
        Assert.Equal("В терапии. Пишите мне: " + T("mask.placeholder.email"), Assert.Single(report?.Additions ?? [], a => a.Answer).Text);
        Assert.Empty(report?.OpenQuestions ?? [null!]);
        Assert.Empty(Graph.UnknownCalls);
        var counted = counts.Take();
        Assert.Contains(counted, c => c is { Kind: Activity.QuestionsRelayed, Count: 1 });
        Assert.Contains(counted, c => c is { Kind: Activity.AnswersRelayed, Count: 1 });
    }

    [Fact]
    public async Task AMemberCanAnswerByReplyingToTheQuestionAndNobodyElseCan()
    {
        await StartBotAsync();
        var (moderators, aigul) = ModeratorsGroup(732201);
        var member = Member("7002000000000201");
        var stranger = Member("7002000000000202");
        var (label, _) = await ReportThroughMessengerAsync(member, followUp: true, Story);
        await moderators.WaitForReplyAsync(m => m.Text?.Contains(label, StringComparison.Ordinal) == true);
        member.NewMessages();
        await AskAsync(moderators, aigul, label, "Это было ночью или днём?");
        var question = Assert.Single(member.NewMessages());

        await stranger.SendAsync(stranger.Message(new JsonObject { ["text"] = "Ночью, я всё видел", ["reply_to"] = new JsonObject { ["mid"] = question.MessageId } }));
        var thanks = await member.SendAsync(member.Message(new JsonObject { ["text"] = "Ночью, около двух", ["reply_to"] = new JsonObject { ["mid"] = question.MessageId } }));
        var relayed = await moderators.WaitForReplyAsync(m => m.Text?.Contains("около двух", StringComparison.Ordinal) == true);

        Assert.Contains(Label("followup.answer_sent", label), Assert.Single(thanks).Text);
        Assert.Contains(T("mod.answer"), relayed.Text);
        var report = await Bot.Reports.FindByLabelAsync(label);
        Assert.Equal("Ночью, около двух", Assert.Single(report?.Additions ?? []).Text);
        Assert.DoesNotContain(moderators.BotMessages, m => m.Text?.Contains("я всё видел", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task AfterARestartTheQuestionStillGoesOutAndAReplyToItIsStillTheAnswer()
    {
        await StartBotAsync();
        var (moderators, aigul) = ModeratorsGroup(732231);
        var member = Member("7002000000000231");
        var (label, _) = await ReportThroughMessengerAsync(member, followUp: true, Story);
        await moderators.WaitForReplyAsync(m => m.Text?.Contains(label, StringComparison.Ordinal) == true);

        // Nothing about when the member last wrote was kept: after a restart Meta alone says whether the window is open.
        await StartBotAsync();
        member = Member("7002000000000231");
        member.NewMessages();
        var said = await AskAsync(moderators, aigul, label, "Где именно это было?");
        var question = Assert.Single(member.NewMessages());
        await StartBotAsync();
        member = Member("7002000000000231");
        member.NewMessages();
        var thanks = await member.SendAsync(member.Message(new JsonObject { ["text"] = "На третьем этаже", ["reply_to"] = new JsonObject { ["mid"] = question.MessageId } }));

        Assert.Equal(Label("mod.ask.sent", label), said.Text);
        Assert.Contains(Label("followup.answer_sent", label), Assert.Single(thanks).Text);
        await moderators.WaitForReplyAsync(m => m.Text?.Contains("На третьем этаже", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task AfterPressingAnswerALikeIsAskedAgainAndACommandIsACommandNotAnAnswer()
    {
        await StartBotAsync();
        var (moderators, aigul) = ModeratorsGroup(732251);
        var member = Member("7002000000000251");
        var (label, code) = await ReportThroughMessengerAsync(member, followUp: true, Story);
        await moderators.WaitForReplyAsync(m => m.Text?.Contains(label, StringComparison.Ordinal) == true);
        member.NewMessages();
        await AskAsync(moderators, aigul, label, "Вы писали жалобу?");
        var question = Assert.Single(member.NewMessages());
        await member.PressPayloadAsync(question.QuickReplies[0].Title, question.QuickReplies[0].Payload, button: false);

        var like = await member.LikeAsync();
        var status = await member.TypeAsync("status " + code);
        var after = await member.TypeAsync("Нет, не писала.");

        Assert.Equal(T("error.not_text") + "\n\n" + Label("followup.write_answer", label), Assert.Single(like).Text);
        Assert.Contains("Вы писали жалобу?", Assert.Single(status).Text);
        // The command was no answer; the words written after it are, taken as a plain answer to the open question.
        Assert.Equal(Label("followup.answer_taken", label), Assert.Single(after).Text);
        Assert.Equal("Нет, не писала.", Assert.Single((await Bot.Reports.FindByLabelAsync(label))?.Additions ?? []).Text);
    }

    [Fact]
    public async Task ALikeWhileAQuestionWaitsForItsAnswerIsAskedToAnswerInWords()
    {
        await StartBotAsync();
        var (moderators, aigul) = ModeratorsGroup(732261);
        var member = Member("7002000000000261");
        var (label, _) = await ReportThroughMessengerAsync(member, followUp: true, Story);
        await moderators.WaitForReplyAsync(m => m.Text?.Contains(label, StringComparison.Ordinal) == true);
        await AskAsync(moderators, aigul, label, "Вы писали жалобу?");
        member.NewMessages();

        var like = await member.LikeAsync();

        Assert.Equal(T("error.not_text") + "\n\n" + Label("followup.write_answer", label), Assert.Single(like).Text);
    }

    [Fact]
    public async Task ALikeAfterAddIsToldTheAdditionMustBeTextAndTheAdditionStillWaits()
    {
        await StartBotAsync();
        var (moderators, _) = ModeratorsGroup(732271);
        var member = Member("7002000000000271");
        var (label, code) = await ReportThroughMessengerAsync(member, followUp: false, Story);
        await moderators.WaitForReplyAsync(m => m.Text?.Contains(label, StringComparison.Ordinal) == true);
        await member.TypeAsync("/add " + code);

        var like = string.Join("\n\n", (await member.LikeAsync()).Select(m => m.Text));
        await member.TypeAsync("Забыла сказать: это было ночью.");

        Assert.Contains(T("add.text_only"), like);
        Assert.Contains(Label("add.prompt", label), like);
        Assert.Equal("Забыла сказать: это было ночью.", Assert.Single((await Bot.Reports.FindByLabelAsync(label))?.Additions ?? []).Text);
    }

    [Fact]
    public async Task WithoutConsentNothingIsSentToMessengerAndTheQuestionWaitsOnStatus()
    {
        await StartBotAsync();
        var (moderators, aigul) = ModeratorsGroup(732301);
        var member = Member("7002000000000301");
        var (label, code) = await ReportThroughMessengerAsync(member, followUp: false, Story);
        await moderators.WaitForReplyAsync(m => m.Text?.Contains(label, StringComparison.Ordinal) == true);
        member.NewMessages();

        var said = await AskAsync(moderators, aigul, label, "Кто именно отказал?");
        await Telegram.WaitUntilIdleAsync();

        Assert.Equal(Label("mod.ask.no_consent", label), said.Text);
        Assert.Empty(member.NewMessages());
        Assert.DoesNotContain(Graph.Calls, c => c.Body["messaging_type"]?.GetValue<string>() is "UPDATE" or "MESSAGE_TAG");
        var status = await member.TypeAsync("status " + code);
        Assert.Contains("Кто именно отказал?", Assert.Single(status).Text);
    }

    [Fact]
    public async Task AfterTheWindowTheQuestionIsNotSentAndTheMemberSeesItOnStatus()
    {
        await StartBotAsync();
        var (moderators, aigul) = ModeratorsGroup(732401);
        var member = Member("7002000000000401");
        var (label, code) = await ReportThroughMessengerAsync(member, followUp: true, Story);
        await moderators.WaitForReplyAsync(m => m.Text?.Contains(label, StringComparison.Ordinal) == true);
        member.NewMessages();
        var counts = Bot.Services.GetRequiredService<ActivityCounts>();
        counts.Take();

        // Meta's answer when the member's last message is more than 24 hours old.
        Graph.FailNext(10, 2018278);
        var said = await AskAsync(moderators, aigul, label, "Вам выдали выписку?");
        var counted = counts.Take();

        Assert.Equal(Label("mod.ask.outside_window", label), said.Text);
        Assert.Empty(member.NewMessages());
        var refused = Assert.Single(Graph.Calls, c => c.Refused);
        Assert.Equal("UPDATE", refused.Body["messaging_type"]?.GetValue<string>());
        Assert.DoesNotContain(Graph.Calls, c => c.Body["messaging_type"]?.GetValue<string>() == "MESSAGE_TAG");
        Assert.Contains(counted, c => c is { Kind: Activity.QuestionsNotDelivered, Detail: "outside window", Count: 1 });
        Assert.DoesNotContain(counted, c => c.Kind == Activity.QuestionsRelayed);
        var status = await member.TypeAsync("status " + code);
        Assert.Contains("Вам выдали выписку?", Assert.Single(status).Text);
    }

    [Fact]
    public async Task WithTheHumanAgentTagOnAQuestionRefusedForTheWindowGoesAgainWithTheTag()
    {
        await StartBotAsync(new Dictionary<string, string?> { ["Messenger:HumanAgentTag"] = "true" });
        var (moderators, aigul) = ModeratorsGroup(732501);
        var member = Member("7002000000000501");
        var (label, _) = await ReportThroughMessengerAsync(member, followUp: true, Story);
        await moderators.WaitForReplyAsync(m => m.Text?.Contains(label, StringComparison.Ordinal) == true);
        member.NewMessages();

        Graph.FailNext(10, 2018278);
        var said = await AskAsync(moderators, aigul, label, "Вам выдали выписку?");

        Assert.Equal(Label("mod.ask.sent", label), said.Text);
        var question = Assert.Single(member.NewMessages());
        Assert.Equal(("MESSAGE_TAG", "HUMAN_AGENT"), (question.MessagingType, question.Tag));
        Assert.Contains("Вам выдали выписку?", question.Text);
    }

    [Fact]
    public async Task AfterTheCaseClosesThePsidIsGoneFromTheDatabaseAndTheLog()
    {
        const string Psid = "7002999988887777";
        await StartBotAsync();
        var (moderators, aigul) = ModeratorsGroup(732601);
        var member = Member(Psid);
        var (label, _) = await ReportThroughMessengerAsync(member, followUp: true, Story);
        await moderators.WaitForReplyAsync(m => m.Text?.Contains(label, StringComparison.Ordinal) == true);
        await AskAsync(moderators, aigul, label, "Сколько дней всего?");
        var question = member.NewMessages()[^1];
        await member.PressPayloadAsync(question.QuickReplies[0].Title, question.QuickReplies[0].Payload, button: false);
        await member.TypeAsync("Пять дней.");
        await moderators.WaitForReplyAsync(m => m.Text?.Contains("Пять дней", StringComparison.Ordinal) == true);
        // A second question, answered by typing "1": the PSID is kept for it only as a keyed hash, gone with the contact.
        await AskAsync(moderators, aigul, label, "А в какие дни?");
        member.NewMessages();
        await member.TypeAsync("1");
        await member.TypeAsync("Со вторника по субботу.");
        await moderators.WaitForReplyAsync(m => m.Text?.Contains("Со вторника", StringComparison.Ordinal) == true);
        var id = (await Bot.Reports.FindByLabelAsync(label))?.Id ?? Guid.Empty;
        Assert.Equal(FollowUpContact.Messenger(Psid), await Bot.FollowUps.FindAsync(id));

        await PressCardAsync(moderators, aigul, T("mod.reject"));
        await PressCardAsync(moderators, aigul, T("mod.reject.out_of_scope"));
        Assert.Null(await Bot.FollowUps.FindAsync(id));
        Assert.Null(await Bot.FollowUps.LatestQuestionAsync(FollowUpContact.Messenger(Psid)));
        await StopBotAsync();

        var files = Directory.EnumerateFiles(Data.Path, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("keys.json", StringComparison.Ordinal)).ToList();
        Assert.Contains(files, f => f.Contains("logs", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.False(RawBytes.Contain(bytes, Psid), $"{Path.GetFileName(file)} holds the PSID");
            Assert.False(RawBytes.Contain(bytes, "Пять дней"), $"{Path.GetFileName(file)} holds the answer in clear");
            Assert.False(RawBytes.Contain(bytes, "Со вторника"), $"{Path.GetFileName(file)} holds the typed answer in clear");
        }
    }
}
