using CommunityBot.Conversations;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeGraph;

namespace CommunityBot.Tests.Channels.Messenger;

public sealed class MessengerInterviewTests : MessengerScenario
{
    [Fact]
    public async Task ARussianMemberReportsByQuickRepliesFromACommunityLinkAndGetsAReceipt()
    {
        await StartBotAsync();
        var member = Member("7001000000000001");

        await member.GetStartedAsync(MessengerBotHost.CommunityLink);
        Assert.Equal(Texts.Get("ru", "consent.accept"), member.LastQuestion.QuickReplies[0].Title);
        await member.PressFirstAsync();                              // consent
        var category = member.LastQuestion;
        // 18 categories, most longer than 20 characters: a numbered list, the numbers as quick replies.
        Assert.Contains("1. " + Texts.Get("ru", "category.hospital"), category.Text);
        Assert.Equal("1", category.QuickReplies[0].Title);
        Assert.True(category.QuickReplies.Length <= 13);
        await member.PressFirstAsync();                              // hospital
        await member.PressFirstAsync();                              // me
        await member.PressAsync(Texts.Get("ru", "date.yesterday"));
        await member.PressFirstAsync();                              // region
        await member.PressFirstAsync();                              // city
        await member.PressFirstAsync();                              // facility kind
        await member.PressFirstAsync();                              // facility
        await member.TypeAsync(Scripts.RussianStory);
        await member.PressFirstAsync();                              // a consequence ticked
        Assert.Contains("✅", string.Join(" ", member.LastQuestion.QuickReplies.Select(q => q.Title)) + member.LastQuestion.Text);
        await member.PressAsync(Texts.Get("ru", "nav.done"));
        await member.PressAsync(Texts.Get("ru", "yesno.no"));        // reported elsewhere
        await member.PressAsync(Texts.Get("ru", "yesno.yes"));       // appeals
        await member.PressAsync(Texts.Get("ru", "yesno.no"));        // follow-up
        var receipt = await member.PressAsync(Texts.Get("ru", "nav.submit"));

        var text = string.Join("\n", receipt.Select(m => m.Text));
        var code = Scripts.ReceiptCode().Match(text);
        Assert.True(code.Success, text);
        Assert.Contains(Texts.Get("ru", "fb.receipt_hint"), text);
        var report = await Bot.Reports.FindByReceiptAsync(code.Value);
        Assert.NotNull(report);
        Assert.Equal("almaty", report.Community);
        Assert.Equal(new ChoiceAnswer("hospital"), report.Answers["category"]);
        Assert.Equal(new TextAnswer(Scripts.RussianStory), report.Answers["narrative"]);
        Assert.All(Graph.Sent, m => Assert.True(m.Text.Length <= 2000 && m.QuickReplies.Length <= 13 && m.QuickReplies.All(q => q.Title.Length <= 20)));
        Assert.All(Graph.Sent, m => Assert.Equal("RESPONSE", m.MessagingType));
        Assert.Empty(Graph.UnknownCalls);
    }

    [Fact]
    public async Task AnEnglishMemberReportsByTypingEveryAnswerAsInTheTerminal()
    {
        await StartBotAsync();
        var member = Member("7001000000000002");

        await member.TypeAsync("language en");
        foreach (var line in Scripts.WholeReport(Scripts.EnglishStory))
        {
            // Typed answers as in the terminal, with the keyword form of the first command ("report", no slash).
            await member.TypeAsync(line == "/report" ? "report" : line);
        }

        var code = Scripts.ReceiptCode().Match(member.AllText);
        Assert.True(code.Success, member.AllText);
        var report = await Bot.Reports.FindByReceiptAsync(code.Value);
        Assert.NotNull(report);
        Assert.Equal("en", report.Language);
        Assert.Null(report.Community);
        Assert.Equal(new ChoicesAnswer(["missed_doses", "health_worse"]), report.Answers["consequences"]);
        Assert.Equal(new TextAnswer(Scripts.EnglishStory), report.Answers["narrative"]);

        var status = await member.TypeAsync("status " + code.Value);
        Assert.Contains(report.Label, status.Single().Text);
        var slashed = await member.TypeAsync("/status " + code.Value);
        Assert.Equal(status.Single().Text, slashed.Single().Text);
    }

    [Fact]
    public async Task ALikeAPhotoAndAStoryBeginningWithAKeywordAreAnsweredKindly()
    {
        await StartBotAsync();
        var member = Member("7001000000000003");
        await member.TypeAsync("/report");
        var consent = member.LastQuestion;

        var like = await member.LikeAsync();
        var photo = await member.SendPhotoAsync();

        // The like is not taken for an answer: the question comes again.
        Assert.Equal(consent.Text, like[^1].Text[^consent.Text.Length..]);
        Assert.Contains(Texts.Get("ru", "tg.media_not_kept"), photo[^1].Text);
        Assert.True(consent.QuickReplies.SequenceEqual(photo[^1].QuickReplies), string.Join(",", consent.QuickReplies) + " / " + string.Join(",", photo[^1].QuickReplies) + photo[^1].Text);
        // "Help ..." that goes on is not the help command; "help" alone is.
        Assert.Null(CommunityBot.Channels.Messenger.MessengerCommand.Parse("Помощь нужна, в больнице отказали в метадоне"));
        var help = await member.TypeAsync("помощь");
        Assert.StartsWith(Texts.Get("ru", "help.text_messenger"), help[^1].Text);
        Assert.DoesNotContain("двое суток", Texts.Get("ru", "help.text_messenger"));
    }

    [Fact]
    public async Task ACommunityThatTurnedMessengerOffIsSaidSoAndNoDraftBegins()
    {
        await StartBotAsync();
        var member = Member("7001000000000004");

        var answer = await member.GetStartedAsync(MessengerBotHost.ClosedCommunityLink);

        Assert.Equal(Texts.Get("ru", "fb.intake_off"), answer.Single().Text);
        // A stray choice number ("1" would be the Answer under a moderator's question: see TypedAnswerTests).
        var next = await member.TypeAsync("2");
        Assert.Equal(Texts.Get("ru", "chat.welcome"), next.Single().Text);
    }

    [Fact]
    public async Task AnOldCommunityLinkIsSaidToBeOldAndTheInterviewStillStarts()
    {
        await StartBotAsync();
        var member = Member("7001000000000006");

        var answer = await member.GetStartedAsync("old-token-no-community-has");

        Assert.StartsWith(Texts.Get("ru", "tg.link_unknown"), answer[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(answer, m => m.Text?.Contains("old-token", StringComparison.Ordinal) == true);
        Assert.Equal(Texts.Get("ru", "consent.accept"), member.LastQuestion.QuickReplies[0].Title);
    }

    [Fact]
    public async Task CancelWithoutASlashStopsTheInterviewAndDeletesTheDraft()
    {
        await StartBotAsync();
        var member = Member("7001000000000005");
        await member.TypeAsync("report");
        await member.PressFirstAsync();

        var cancelled = await member.TypeAsync("cancel");

        Assert.Equal(Texts.Get("ru", "cancelled"), cancelled.Single().Text);
        Assert.Equal(Texts.Get("ru", "chat.welcome"), (await member.TypeAsync("2")).Single().Text);
    }

    [Fact]
    public async Task ForgetDeletesTheDraftAndSaysHowToDeleteTheConversationInMessenger()
    {
        await StartBotAsync();
        var member = Member("7001000000000006");
        await member.TypeAsync("report");
        await member.PressFirstAsync();

        var forgotten = await member.TypeAsync("forget");

        Assert.Equal(Texts.Get("ru", "forget.messenger"), forgotten.Single().Text);
        Assert.Equal(Texts.Get("ru", "chat.welcome"), (await member.TypeAsync("2")).Single().Text);
    }
}
