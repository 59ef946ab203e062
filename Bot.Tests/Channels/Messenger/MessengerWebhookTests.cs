using System.Text;
using System.Text.Json.Nodes;
using CommunityBot.Channels.Messenger;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeGraph;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityBot.Tests.Channels.Messenger;

public sealed class MessengerWebhookTests : MessengerScenario
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes(FakeGraphServer.AppSecret);

    [Fact]
    public void ASignatureOfTheRawBodyUnderTheAppSecretIsAcceptedAndAnyOtherIsNot()
    {
        var body = Encoding.UTF8.GetBytes("""{"object":"page","entry":[]}""");
        var signed = WebhookSignature.Sign(body, Secret);

        Assert.True(WebhookSignature.IsValid(body, signed, Secret));
        Assert.True(WebhookSignature.IsValid(body, signed.ToUpperInvariant().Replace("SHA256=", "sha256=", StringComparison.Ordinal), Secret));
        Assert.False(WebhookSignature.IsValid(body, null, Secret));
        Assert.False(WebhookSignature.IsValid(body, "", Secret));
        Assert.False(WebhookSignature.IsValid(body, signed[7..], Secret));
        Assert.False(WebhookSignature.IsValid(body, "sha1=" + signed[7..], Secret));
        Assert.False(WebhookSignature.IsValid(body, signed[..^1] + (signed[^1] == '0' ? '1' : '0'), Secret));
        Assert.False(WebhookSignature.IsValid(body, "sha256=" + new string('z', 64), Secret));
        Assert.False(WebhookSignature.IsValid([.. body, (byte)' '], signed, Secret));
        Assert.False(WebhookSignature.IsValid(body, WebhookSignature.Sign(body, Encoding.UTF8.GetBytes("ffffffffffffffffffffffffffffffff")), Secret));
    }

    [Fact]
    public async Task TheVerificationHandshakeEchoesTheChallengeOnlyForTheVerifyToken()
    {
        await StartBotAsync();
        Dictionary<string, string?> Query(string mode, string token, string challenge) =>
            new() { ["hub.mode"] = mode, ["hub.verify_token"] = token, ["hub.challenge"] = challenge };

        Assert.Equal(new WebhookAnswer(200, "1158201444"), Bot.Webhook.Verify(Query("subscribe", FakeGraphServer.VerifyToken, "1158201444")));
        Assert.Equal(403, Bot.Webhook.Verify(Query("subscribe", "wrong-token-wrong-token", "1158201444")).Status);
        Assert.Equal(403, Bot.Webhook.Verify(Query("unsubscribe", FakeGraphServer.VerifyToken, "1158201444")).Status);
        Assert.Equal(403, Bot.Webhook.Verify(Query("subscribe", FakeGraphServer.VerifyToken, "<script>")).Status);
        Assert.Equal(403, Bot.Webhook.Verify(new Dictionary<string, string?>()).Status);
    }

    [Fact]
    public async Task UnsignedAndForgedDeliveriesAreRefusedAndChangeNothing()
    {
        await StartBotAsync();
        var member = Member("7002000000000001");
        var start = member.Message(new JsonObject { ["text"] = "/report" });

        Assert.Equal(403, await Bot.DeliverAsync([start], signature: ""));
        Assert.Equal(403, await Bot.DeliverAsync([start], signature: "sha256=" + new string('0', 64)));
        var forged = MessengerBotHost.Delivery([start]);
        Assert.Equal(403, await Bot.Webhook.HandleAsync(forged, WebhookSignature.Sign(forged, Encoding.UTF8.GetBytes("00000000000000000000000000000000")), CancellationToken.None));
        // Signed, but not a delivery: refused before anything is handled.
        var junk = Encoding.UTF8.GetBytes("{\"object\":\"page\",\"entry\":[");
        Assert.Equal(400, await Bot.Webhook.HandleAsync(junk, MessengerBotHost.Sign(junk), CancellationToken.None));

        Assert.Empty(Graph.Sent);
        Assert.Equal(200, await Bot.DeliverAsync([start]));
        Assert.Single(Graph.SentTo(member.Psid));
    }

    [Fact]
    public async Task ABatchIsHandledEventByEventAndARedeliveredOneChangesNothing()
    {
        await StartBotAsync();
        var first = Member("7002000000000002");
        var second = Member("7002000000000003");
        // Two members in one delivery, several events each, as Meta batches them.
        Assert.Equal(200, await Bot.DeliverAsync([first.Message(new JsonObject { ["text"] = "report" }), second.Message(new JsonObject { ["text"] = "report" })]));
        Assert.Single(Graph.SentTo(first.Psid));
        Assert.Single(Graph.SentTo(second.Psid));
        foreach (var line in Scripts.WholeReport(Scripts.RussianStory).Skip(1).SkipLast(1))
        {
            await Bot.DeliverAsync([first.Message(new JsonObject { ["text"] = line }), second.Message(new JsonObject { ["text"] = line })]);
        }
        var submit = first.Message(new JsonObject { ["text"] = "1" });
        Assert.Equal(200, await Bot.DeliverAsync([submit, second.Message(new JsonObject { ["text"] = "1" })]));
        var sentBefore = Graph.SentTo(first.Psid).Count;

        // Meta did not hear the 200 in time and delivers the submitting event again, twice.
        Assert.Equal(200, await Bot.DeliverAsync([submit]));
        Assert.Equal(200, await Bot.DeliverAsync([submit, submit]));

        var codes = Graph.Sent.Select(m => Scripts.ReceiptCode().Match(m.Text)).Where(m => m.Success).Select(m => m.Value).ToList();
        Assert.Equal(2, codes.Distinct().Count());
        Assert.Equal(2, codes.Count);
        Assert.Equal(2, (await Bot.Queue.QueueAsync(null, 0, 100)).Total);
        Assert.Equal(sentBefore, Graph.SentTo(first.Psid).Count);
    }

    [Fact]
    public async Task AnAnswerMetaDeliversAgainAfterItWasAnsweredIsNotAnsweredTwice()
    {
        await StartBotAsync();
        var member = Member("7002000000000006");
        await member.TypeAsync("report");
        var yes = member.Message(new JsonObject { ["text"] = "да" });
        var category = Assert.Single(await member.SendAsync(yes));

        // Meta did not hear the 200 in time: the same message (same mid) comes again, alone and twice in one delivery.
        Assert.Empty(await member.SendAsync(yes));
        Assert.Equal(200, await Bot.DeliverAsync([yes, yes]));

        Assert.Empty(member.NewMessages());
        Assert.Equal(category.Text, member.LastQuestion.Text);
    }

    [Fact]
    public async Task AMembersMessagesBatchedOutOfOrderAreHandledInTheOrderTheyWereWritten()
    {
        await StartBotAsync();
        var member = Member("7002000000000007");
        var other = Member("7002000000000008");
        var start = member.Message(new JsonObject { ["text"] = "report" });
        var yes = member.Message(new JsonObject { ["text"] = "да" });
        var written = start["timestamp"]!.GetValue<long>();
        yes["timestamp"] = written + 1500;

        // Meta batches events and does not promise their order in the batch: the timestamps tell it.
        Assert.Equal(200, await Bot.DeliverAsync([yes, other.Message(new JsonObject { ["text"] = "report" }), start]));

        var sent = member.NewMessages();
        Assert.Equal(2, sent.Count);
        Assert.Equal(Texts.Get("ru", "consent.accept"), sent[0].QuickReplies[0].Title);
        Assert.DoesNotContain(sent, m => m.Text == Texts.Get("ru", "chat.welcome"));
        Assert.NotEqual(sent[0].Text, sent[1].Text);
        Assert.Equal(Texts.Get("ru", "consent.accept"), Graph.SentTo(other.Psid).Single().QuickReplies[0].Title);
    }

    [Fact]
    public async Task AnEventWithHalfAnEmojiIsReadAndTheOtherMembersEventsInTheDeliveryAreHandled()
    {
        await StartBotAsync();
        var cut = Member("7002000000000004");
        var other = Member("7002000000000005");
        await cut.TypeAsync("report");
        cut.NewMessages();
        // Meta escapes every character; a text cut in the middle of an emoji ends in a lone surrogate.
        var json = Encoding.UTF8.GetString(MessengerBotHost.Delivery(
            [cut.Message(new JsonObject { ["text"] = "HALF" }), other.Message(new JsonObject { ["text"] = "report" })]));
        var body = Encoding.UTF8.GetBytes(json.Replace("HALF", "\\u0434\\u0430 \\ud83d", StringComparison.Ordinal));

        var status = await Bot.Webhook.HandleAsync(body, MessengerBotHost.Sign(body), CancellationToken.None);
        await Bot.Services.GetRequiredService<MessengerInbox>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(200, status);
        Assert.NotEmpty(cut.NewMessages());
        Assert.Equal(Texts.Get("ru", "consent.accept"), Graph.SentTo(other.Psid).Single().QuickReplies[0].Title);
    }
}
