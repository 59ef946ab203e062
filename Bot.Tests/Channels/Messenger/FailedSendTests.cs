using System.Text.Json.Nodes;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeGraph;

namespace CommunityBot.Tests.Channels.Messenger;

/// <summary>What a member sees when the Graph API fails for a moment, and when a reply to them could not be sent at all.</summary>
public sealed class FailedSendTests : MessengerScenario
{
    private IReadOnlyList<GraphCall> Sends => [.. Graph.Calls.Where(c => c.Path.EndsWith("/messages", StringComparison.Ordinal))];

    [Theory]
    [InlineData(500, 2)]
    [InlineData(500, 1)]
    [InlineData(503, 0)]
    [InlineData(400, 1)]
    public async Task ATemporaryGraphFailureIsTriedAgainAndTheReplyArrives(int status, int code)
    {
        await StartBotAsync();
        var member = Member("7006000000000001");
        Graph.FailNext(code, status: status, times: 2);

        var reply = await member.TypeAsync("report");

        Assert.Equal(Texts.Get("ru", "consent.accept"), reply.Single().QuickReplies[0].Title);
        Assert.Equal(3, Sends.Count);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(551)]
    public async Task APermanentRefusalIsTriedOnlyOnce(int code)
    {
        await StartBotAsync();
        var member = Member("7006000000000002");
        Graph.FailNext(code, times: 3);

        await member.TypeAsync("help");

        Assert.Single(Sends);
    }

    [Fact]
    public async Task AReceiptThatCouldNotBeSentComesBeforeTheAnswerToTheMembersNextMessage()
    {
        await StartBotAsync();
        var member = Member("7006000000000003");
        foreach (var line in Scripts.WholeReport(Scripts.RussianStory).SkipLast(1))
        {
            await member.TypeAsync(line);
        }
        Graph.FailNext(2, status: 500, times: 3);
        await member.TypeAsync("1");
        Assert.DoesNotMatch(Scripts.ReceiptCode(), member.AllText);

        var next = await member.TypeAsync("help");
        await member.TypeAsync("help");

        var code = Scripts.ReceiptCode().Match(next[0].Text);
        Assert.True(code.Success, next[0].Text);
        Assert.Contains(next, m => m.Text.Contains(Texts.Get("ru", "help.text_messenger"), StringComparison.Ordinal));
        Assert.NotNull(await Bot.Reports.FindByReceiptAsync(code.Value));
        Assert.Single(Scripts.ReceiptCode().Matches(member.AllText));
        Assert.Equal(1, (await Bot.Queue.QueueAsync(null, 0, 10)).Total);
    }

    [Fact]
    public async Task AMemberWhoNeverSawAQuestionIsAskedItAgainRatherThanHavingTheirMessageTakenAsItsAnswer()
    {
        await StartBotAsync();
        var member = Member("7006000000000004");
        await member.TypeAsync("report");
        Graph.FailNext(2, status: 500, times: 3);
        Assert.Empty(await member.TypeAsync("1"));

        var again = (await member.TypeAsync("1")).Single();
        var answered = (await member.TypeAsync("1"))[^1];

        Assert.StartsWith(Texts.Get("ru", "fb.reply_lost"), again.Text, StringComparison.Ordinal);
        Assert.NotEmpty(again.QuickReplies);
        Assert.DoesNotContain(Texts.Get("ru", "fb.reply_lost"), answered.Text, StringComparison.Ordinal);
        Assert.False(again.Text.EndsWith(answered.Text, StringComparison.Ordinal), "the question after the answer is the next one");
    }

    [Fact]
    public async Task AStoryWrittenAfterALostQuestionIsKeptNotAskedForAgain()
    {
        const string story = "Вчера в кабинете ОЗТ медсестра отказалась выдать дозу и сказала приходить через неделю, без объяснения причин.";
        await StartBotAsync();
        var member = Member("7006000000000006");
        await member.TypeAsync("report");
        Graph.FailNext(2, status: 500, times: 3);
        Assert.Empty(await member.TypeAsync("1"));

        var reply = await member.TypeAsync(story);

        Assert.DoesNotContain(reply, m => m.Text.StartsWith(Texts.Get("ru", "fb.reply_lost"), StringComparison.Ordinal));
        Assert.Contains(reply, m => m.Text.Contains(Texts.Get("ru", "text.kept_for_story")[..20], StringComparison.Ordinal));
    }

    [Fact]
    public async Task AButtonPressAfterALostQuestionIsStillTakenAsThePress()
    {
        await StartBotAsync();
        var member = Member("7006000000000005");
        await member.TypeAsync("report");
        var consent = member.LastQuestion;
        Graph.FailNext(2, status: 500, times: 3);
        await member.TypeAsync("cancel");

        var reply = await member.PressPayloadAsync(consent.QuickReplies[0].Title, consent.QuickReplies[0].Payload, button: false);

        Assert.DoesNotContain(reply, m => m.Text.StartsWith(Texts.Get("ru", "fb.reply_lost"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheConsentScreenInMessengerNamesMessengerNotTelegram()
    {
        await StartBotAsync();
        var member = Member("7006000000000006");

        var consent = (await member.TypeAsync("report")).Single();

        Assert.Equal(Texts.Get("ru", "consent.prompt_messenger"), consent.Text);
        Assert.DoesNotContain("Telegram", consent.Text, StringComparison.Ordinal);
        foreach (var language in new[] { "ru", "en", "kk" })
        {
            Assert.DoesNotContain("Telegram", Texts.Get(language, "consent.prompt_messenger"), StringComparison.Ordinal);
            Assert.Contains("Messenger", Texts.Get(language, "consent.prompt_messenger"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnItemOfTheEnglishMenuGoesOnInEnglish()
    {
        await StartBotAsync();
        await Graph.WaitForAsync(calls => calls.Any(c => c.Path.EndsWith("/me/messenger_profile", StringComparison.Ordinal)));
        var menus = Graph.Calls.Single(c => c.Path.EndsWith("/me/messenger_profile", StringComparison.Ordinal)).Body["persistent_menu"]!.AsArray();
        var english = menus.Single(m => m?["locale"]?.GetValue<string>() == "en_US")!["call_to_actions"]!.AsArray();
        var report = english[0]!;
        var member = Member("7006000000000007");

        var consent = await member.PressPayloadAsync(report["title"]!.GetValue<string>(), report["payload"]!.GetValue<string>(), button: true);
        var help = await member.TypeAsync("help");

        Assert.Equal(Texts.Get("en", "consent.accept"), consent.Single().QuickReplies[0].Title);
        Assert.Equal(Texts.Get("en", "consent.prompt_messenger"), consent.Single().Text);
        Assert.Contains(help, m => m.Text.Contains(Texts.Get("en", "help.text_messenger"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMenuItemSetByAnEarlierVersionStillWorksInTheMembersLanguage()
    {
        await StartBotAsync();
        var member = Member("7006000000000008");

        var consent = await member.SendAsync(member.Event(new JsonObject { ["postback"] = new JsonObject { ["title"] = "Report", ["payload"] = "MENU_REPORT" } }));

        Assert.Equal(Texts.Get("ru", "consent.accept"), consent.Single().QuickReplies[0].Title);
    }
}
