using System.Text.Json;
using System.Text.Json.Nodes;
using CommunityBot.Channels.Messenger;
using CommunityBot.Privacy;
using CommunityBot.Storage;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeGraph;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityBot.Tests.Channels.Messenger;

/// <summary>The durable inbox between the webhook's 200 and an event's handling.</summary>
public sealed class MessengerInboxTests : MessengerScenario
{
    [Fact]
    public async Task AFullInboxAnswersServiceUnavailableAndCountsItUntilThereIsRoomAgain()
    {
        await StartBotAsync(new Dictionary<string, string?> { ["Messenger:InboxCapacity"] = "2" });
        var slow = Member("7012000000000001");
        var waiting = Member("7012000000000002");
        var late = Member("7012000000000003");
        Graph.HoldSends(slow.Psid);

        Assert.Equal(200, await PostAsync(slow.Message(new JsonObject { ["text"] = "help" })));
        await Graph.WaitForAsync(_ => Graph.SentTo(slow.Psid).Count == 1);
        Assert.Equal(200, await PostAsync(waiting.Message(new JsonObject { ["text"] = "help" })));
        var lateHelp = late.Message(new JsonObject { ["text"] = "help" });
        var refused = await PostAsync(lateHelp);
        var counted = Counts.Take();

        Graph.ReleaseSends(slow.Psid);
        await Inbox.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var again = await Bot.DeliverAsync([lateHelp]);

        Assert.Equal(503, refused);
        Assert.Contains(counted, c => c is { Kind: Activity.WebhookPostsRefused, Detail: "inbox full", Count: 1 });
        Assert.Equal(200, again);
        Assert.Single(Graph.SentTo(waiting.Psid));
        Assert.Single(Graph.SentTo(late.Psid));
        Assert.Equal(0, await Store.CountAsync());
    }

    [Fact]
    public async Task EventsLeftInTheInboxAreHandledAtStartInTheirOrderAndOneAlreadyHandledIsOnlyRemoved()
    {
        await StartBotAsync();
        var handled = Member("7012000000000011");
        var interrupted = Member("7012000000000012");
        var help = handled.Message(new JsonObject { ["text"] = "help" });
        Assert.Equal(200, await Bot.DeliverAsync([help]));
        var helpMid = help["message"]?["mid"]?.GetValue<string>() ?? "";
        // As a process killed after its 200s leaves them: the handled help once more (killed before its entry went),
        // and another member's two messages never handled.
        await LeaveInInboxAsync(
            new MemberMessage("mid:" + helpMid, handled.Psid, "help", null, Attached.None),
            new MemberMessage("mid:m_left_1", interrupted.Psid, "/report", null, Attached.None),
            new MemberMessage("mid:m_left_2", interrupted.Psid, "1", null, Attached.None));
        Assert.Equal(3, await Store.CountAsync());

        await StartBotAsync();
        await Inbox.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Single(Graph.SentTo(handled.Psid));
        var sent = Graph.SentTo(interrupted.Psid);
        // The consent question, then (consent given) the first question of the report: so "/report" came first.
        Assert.Equal(Texts.Get("ru", "consent.accept"), sent[0].QuickReplies[0].Title);
        Assert.True(sent.Count >= 2);
        Assert.DoesNotContain(sent[^1].QuickReplies, q => q.Title == Texts.Get("ru", "consent.accept"));
        Assert.Equal(0, await Store.CountAsync());
    }

    [Fact]
    public async Task AnEventLeavesTheInboxOnlyOnceItsAnswerWasSentWhetherOrNotItChangedAnything()
    {
        await StartBotAsync();
        var starting = Member("7012000000000031");
        var asking = Member("7012000000000032");
        Graph.HoldSends(starting.Psid);
        Graph.HoldSends(asking.Psid);

        Assert.Equal(200, await PostAsync(starting.Message(new JsonObject { ["text"] = "/report" })));
        await Graph.WaitForAsync(_ => Graph.SentTo(starting.Psid).Count == 1);
        // The draft and the event's marker are stored and the answer is on its way: the event stays until it arrived.
        var whileStartingIsAnswered = await Store.CountAsync();
        Graph.ReleaseSends(starting.Psid);
        await Inbox.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var onceStartingWasAnswered = await Store.CountAsync();
        Assert.Equal(200, await PostAsync(asking.Message(new JsonObject { ["text"] = "help" })));
        await Graph.WaitForAsync(_ => Graph.SentTo(asking.Psid).Count == 1);
        // A help changes nothing stored; its event waits for its answer too.
        var whileHelpIsAnswered = await Store.CountAsync();
        Graph.ReleaseSends(asking.Psid);
        await Inbox.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, whileStartingIsAnswered);
        Assert.Equal(0, onceStartingWasAnswered);
        Assert.Equal(1, whileHelpIsAnswered);
        Assert.Equal(0, await Store.CountAsync());
    }

    [Fact]
    public async Task AHandledEventLeavesTheDatabaseLogFileAtTheNextCheckpointWithinASecond()
    {
        await StartBotAsync();
        var database = Bot.Services.GetRequiredService<Database>();
        await Graph.WaitForAsync(calls => calls.Any(c => c.Path.EndsWith("/me/messenger_profile", StringComparison.Ordinal)));
        await database.RunAsync(db => db.Checkpoint());
        var member = Member("7012000000000041");

        // Its entry goes once the answer was sent, and asks for a checkpoint within a second.
        await member.TypeAsync("/report");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (LogHoldsPages(database) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.False(LogHoldsPages(database), "the log file still holds the pages of the handled event");
        Assert.Equal(0, await Store.CountAsync());
    }

    private static bool LogHoldsPages(Database database) => File.Exists(database.LogPath) && new FileInfo(database.LogPath).Length > 0;

    [Fact]
    public async Task TheInboxKeepsEventsEncryptedInTheirOrderAndStoresARedeliveredOneOnce()
    {
        using var data = new TempDirectory();
        var stores = new TestStores(data);
        try
        {
            var inbox = new InboxStore(stores.Database, stores.Cipher);
            var handedOn = new List<string>();
            await inbox.AddAsync([new InboxEntry("b", "psid 7012000000000021 said: canary-first"), new InboxEntry("a", "canary-second")],
                added => handedOn.AddRange(added.Select(e => e.Id)));
            // Delivered again (and twice in one delivery), with one new event.
            await inbox.AddAsync([new InboxEntry("a", "canary-second"), new InboxEntry("c", "canary-third"), new InboxEntry("c", "canary-third")],
                added => handedOn.AddRange(added.Select(e => e.Id)));

            // Stored once each; handed on as delivered (a second handling is a no-op by the event's marker).
            Assert.Equal(["b", "a", "a", "c", "c"], handedOn);
            Assert.Equal(3, await inbox.CountAsync());
            foreach (var file in Directory.EnumerateFiles(data.Path, "*.db", SearchOption.AllDirectories))
            {
                var bytes = await File.ReadAllBytesAsync(file);
                Assert.False(RawBytes.Contain(bytes, "7012000000000021"), "a Page-scoped id in clear");
                Assert.False(RawBytes.Contain(bytes, "canary-"), "an event's words in clear");
            }
        }
        finally
        {
            stores.Dispose();
        }

        // The next run finds them in their order.
        using var restarted = new TestStores(data, stores.Keys);
        var left = await new InboxStore(restarted.Database, restarted.Cipher).LeftOverAsync(MessengerInbox.MaxTries);
        Assert.Equal(["b", "a", "c"], left.Entries.Select(e => e.Id));
        Assert.Equal("psid 7012000000000021 said: canary-first", left.Entries[0].Content);
    }

    [Fact]
    public async Task AnEventThatEndsTheProcessAtEveryStartIsGivenUpAfterThreeStarts()
    {
        using var data = new TempDirectory();
        var keys = TestKeys.Fresh();
        using (var stores = new TestStores(data, keys))
        {
            await new InboxStore(stores.Database, stores.Cipher).AddAsync([new InboxEntry("poison", "an event")], _ => { });
        }
        var tried = new List<int>();
        for (var start = 0; start < MessengerInbox.MaxTries + 1; start++)
        {
            using var stores = new TestStores(data, keys);
            var left = await new InboxStore(stores.Database, stores.Cipher).LeftOverAsync(MessengerInbox.MaxTries);
            tried.Add(left.Entries.Count);
            // ...and the process dies while handling it.
        }

        Assert.Equal([1, 1, 1, 0], tried);
        using var last = new TestStores(data, keys);
        Assert.Equal(0, await new InboxStore(last.Database, last.Cipher).CountAsync());
    }

    private MessengerInbox Inbox => Bot.Services.GetRequiredService<MessengerInbox>();

    private InboxStore Store => Bot.Services.GetRequiredService<InboxStore>();

    private ActivityCounts Counts => Bot.Services.GetRequiredService<ActivityCounts>();

    /// <summary>Posts a signed delivery without waiting for its handling.</summary>
    private Task<int> PostAsync(JsonObject messaging)
    {
        var body = MessengerBotHost.Delivery([messaging]);
        return Bot.Webhook.HandleAsync(body, MessengerBotHost.Sign(body), CancellationToken.None);
    }

    /// <summary>Stores events in the inbox as the webhook does, without handing them on (as a process killed right after).</summary>
    private async Task LeaveInInboxAsync(params MessengerEvent[] events)
    {
        var markers = Bot.Services.GetRequiredService<UpdateMarkers>();
        var entries = new List<InboxEntry>();
        foreach (var e in events)
        {
            entries.Add(new InboxEntry(await markers.CurrentAsync(MessengerRouter.Channel, e.Key), JsonSerializer.Serialize(e)));
        }
        await Store.AddAsync(entries, _ => { });
    }
}
