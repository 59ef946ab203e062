using Telegram.Bot.Types;
using System.Text;
using CommunityBot.Channels.Telegram;
using CommunityBot.Privacy;
using CommunityBot.Tests.Benchmarks;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>Updates are confirmed to Telegram only once handled, and one chat cannot hold up the others.</summary>
public sealed class TelegramDeliveryTests : TelegramScenario
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AnUpdateStillInHandIsNotConfirmedWhileOtherChatsAreServed()
    {
        await using var bot = await StartBotAsync();
        var stuck = Server.PrivateChatWith(userId: 730100, firstName: "S", username: null, languageCode: "ru");
        var other = Server.PrivateChatWith(userId: 730101, firstName: "O", username: null, languageCode: "en");
        Server.HoldSends(stuck.ChatId);

        var held = await stuck.SendsAsync("/help");
        await EventuallyAsync(() => Server.Calls("sendMessage").Any(c => c.ChatId == stuck.ChatId), "the bot never tried to answer");
        var served = await Do(other, m => m.SendsAsync("/help"));
        await EventuallyAsync(() => Server.DeliveriesOf(held.Id) > 1, "the update in hand was not delivered again");

        Assert.Contains("/report", served.Text);
        Assert.All(Server.ConfirmedOffsets, offset => Assert.True(offset <= held.Id, "an update still in hand was confirmed"));
        Server.ReleaseSends(stuck.ChatId);
        var answer = await stuck.WaitForReplyAsync();
        await EventuallyAsync(() => Server.ConfirmedOffsets.Any(o => o > held.Id), "the handled update was never confirmed");
        await Server.WaitUntilIdleAsync();
        // Delivered many times while in hand, handled once.
        Assert.Equal(answer.MessageId, Assert.Single(stuck.Replies).MessageId);
        Assert.Single(other.Replies);
    }

    [Fact]
    public async Task AnUpdateTakenWhenTheServiceWasKilledComesAgainAndIsAnsweredWhileFinishedOnesAreNotRepeated()
    {
        var (environment, keys) = ServiceEnvironment();
        var log = new StringBuilder();
        var reporter = Server.PrivateChatWith(userId: 730200, firstName: "R", username: null, languageCode: "ru");
        var asker = Server.PrivateChatWith(userId: 730201, firstName: "A", username: null, languageCode: "ru");
        var cut = Server.PrivateChatWith(userId: 730202, firstName: "C", username: null, languageCode: "ru");
        Update submit;
        Update help;
        Update interrupted;
        BotMessage receipt;
        using (var first = BotProcess.StartService(["--data", Data.File("data")], environment, log))
        {
            var answers = Scripts.WholeReport(Scripts.RussianStory);
            foreach (var answer in answers[..^1])
            {
                await reporter.SendsAsync(answer);
                await reporter.WaitForReplyAsync(timeout: Patience);
            }
            help = await asker.SendsAsync("/help");
            await asker.WaitForReplyAsync(timeout: Patience);

            // The member's /report is taken and its draft stored, but the answer is still on its way when the process dies.
            Server.HoldSends(cut.ChatId);
            interrupted = await cut.SendsAsync("/report");
            await EventuallyAsync(() => Server.Calls("sendMessage").Any(c => c.ChatId == cut.ChatId), "the bot never tried to answer");
            submit = await reporter.SendsAsync(answers[^1]);
            receipt = await reporter.WaitForReplyAsync(timeout: Patience);
            // The member's next message is handled after the submit has quite finished (one chat, one lane).
            await reporter.SendsAsync("/help");
            await reporter.WaitForReplyAsync(timeout: Patience);
            await EventuallyAsync(() => Server.ConfirmedOffsets.Any(o => o > help.Id), "the finished /help was never confirmed");

            first.Kill();
            await first.WaitForExitAsync();
        }
        // While in hand, an update comes with every poll; what counts is whether it comes after the restart.
        var before = new[] { help, interrupted, submit }.ToDictionary(u => u.Id, u => Server.DeliveriesOf(u.Id));
        Assert.All(Server.ConfirmedOffsets, offset => Assert.True(offset <= interrupted.Id, "an update still in hand was confirmed"));
        Server.ReleaseSends(cut.ChatId);

        using var second = BotProcess.StartService(["--data", Data.File("data")], environment, log);
        try
        {
            var question = await cut.WaitForReplyAsync(timeout: Patience);
            await EventuallyAsync(() => Server.ConfirmedOffsets.Any(o => o > submit.Id), "the redelivered updates were never confirmed");
            await Server.WaitUntilIdleAsync(Patience, quietPeriod: TimeSpan.FromSeconds(1));

            Assert.Contains(T("ru", "consent.prompt")[..20], question.Text);
            Assert.True(Server.DeliveriesOf(interrupted.Id) > before[interrupted.Id], "the update in hand at the crash was not delivered again");
            // The submit came again too (it was after the interrupted update), and was recognised: one receipt, one report.
            Assert.True(Server.DeliveriesOf(submit.Id) > before[submit.Id], "the submit was not delivered again");
            Assert.Matches(Scripts.ReceiptCode(), receipt.Text);
            Assert.Single(reporter.Replies, r => Scripts.ReceiptCode().IsMatch(r.Text ?? ""));
            // Finished before the one in hand, so confirmed before the crash: not delivered, not answered again.
            Assert.Equal(before[help.Id], Server.DeliveriesOf(help.Id));
            Assert.Single(asker.Replies);
        }
        finally
        {
            second.Kill();
            await second.WaitForExitAsync();
        }
        Assert.DoesNotContain("Unhandled", log.ToString(), StringComparison.Ordinal);
        using var stores = new TestStores(Data, keys);
        Assert.Equal(1, await stores.Database.RunAsync(db => db.GetCollection("reports").Count()));
    }

    [Fact]
    public async Task OneMemberFloodingDoesNotHoldUpFiftyOthersAndIsAskedOnceToSlowDown()
    {
        await using var bot = await StartBotAsync();
        var flooder = Server.PrivateChatWith(userId: 730300, firstName: "F", username: null, languageCode: "en");
        var flood = Task.Run(async () =>
        {
            for (var i = 0; i < 1000; i++)
            {
                await flooder.SendsAsync("spam " + i);
            }
        });

        var interviews = Enumerable.Range(0, 50).Select(i =>
            TelegramBenchmark.InterviewAsync(Server.PrivateChatWith(userId: 730400 + i, firstName: "M", username: null, languageCode: "ru")));
        var completed = await Task.WhenAll(interviews);
        await flood;
        await Server.WaitUntilIdleAsync(Patience);

        Assert.All(completed, steps => Assert.Equal(15, steps.Count));
        Assert.Equal(50, Server.AllCalls.Count(c => c.Method == "sendMessage" && Scripts.ReceiptCode().IsMatch(c.Parameters["text"]?.ToString() ?? "")));
        var inHand = bot.Services.GetRequiredService<UpdatesInHand>();
        Assert.InRange(inHand.MostInHandForOneChat, 1, 20);
        Assert.True(inHand.Dropped >= 1000 - 100, $"only {inHand.Dropped} of the flood were dropped");
        Assert.Single(flooder.Replies, r => r.Text == T("en", "tg.slow_down"));
    }

    [Fact]
    public async Task APressOnAClosedQuestionShowsTheOpenQuestionAgain()
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(730500, "en");
        var category = member.LastReply ?? throw new InvalidOperationException("no question");
        await Do(member, m => m.PressesAsync(T("en", "category.hospital")));

        // The old question lost its buttons; a press on it (a slow phone, a second tap) arrives anyway.
        var again = await Do(member, m => m.PressesOnEarlierAsync(category, T("en", "category.police")));

        Assert.Contains(T("en", "affected.prompt"), again.Text);
        Assert.Contains(T("en", "affected.me"), again.ButtonTexts);
        await EventuallyAsync(() => Server.Calls("answerCallbackQuery").Any(c => c.Parameters["text"]?.ToString() == T("en", "tg.stale_button")),
            "the press was not answered as on a closed question");
    }

    private (Dictionary<string, string> Environment, KeyRing Keys) ServiceEnvironment()
    {
        var file = Data.File("keys.json");
        var keys = KeyRing.CreateKeyFile(file);
        return (new()
        {
            ["Telegram__BotToken"] = Server.Token,
            ["Telegram__ApiBaseUrl"] = Server.BaseUrl,
            ["Telegram__Rates__PerChatPerSecond"] = "1000",
            ["Telegram__Rates__PerGroupPerMinute"] = "10000",
            ["Telegram__Rates__GlobalPerSecond"] = "10000",
            ["Privacy__KeyFile"] = file,
        }, keys);
    }
}
