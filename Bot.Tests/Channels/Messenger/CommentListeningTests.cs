using System.Text.Json.Nodes;
using CommunityBot.Privacy;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeGraph;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityBot.Tests.Channels.Messenger;

public sealed class CommentListeningTests : MessengerScenario
{
    private const string Incident = "вчера опять не дали метадон в больнице, сказали нет лицензии";

    private static readonly Dictionary<string, string?> Listening = new() { ["Messenger:Listening:Enabled"] = "true" };

    private static JsonObject Comment(string field, string commentId, string postId, string authorId, string text, string name = "Айгуль") => new()
    {
        ["field"] = field,
        ["value"] = new JsonObject
        {
            ["item"] = "comment", ["verb"] = "add", ["comment_id"] = commentId, ["post_id"] = postId,
            ["from"] = new JsonObject { ["id"] = authorId, ["name"] = name }, ["message"] = text, ["created_time"] = 1764750000,
        },
    };

    private IReadOnlyList<SentMessage> PrivateReplies => [.. Graph.Sent.Where(m => m.ToComment is not null)];

    [Fact]
    public async Task AnIncidentCommentInThePagesGroupGetsOnePrivateReplyAndTheCoolDownsHold()
    {
        await StartBotAsync(Listening);
        var comment = Comment("group_feed", "200_301", "200_300", "8001", Incident);

        Assert.Equal(200, await Bot.DeliverAsync([], [comment]));
        Assert.Equal(200, await Bot.DeliverAsync([], [comment]));                                       // delivered again
        await Bot.DeliverAsync([], [Comment("group_feed", "200_302", "200_300", "8002", Incident)]);   // same post, soon after
        await Bot.DeliverAsync([], [Comment("feed", "400_501", "400_500", "8001", Incident)]);        // same person, other post
        await Bot.DeliverAsync([], [Comment("feed", "400_502", "400_500", "8003", "Спасибо за новости, хорошего дня всем!")]);

        var reply = Assert.Single(PrivateReplies);
        Assert.Equal("200_301", reply.ToComment);
        Assert.Equal(Texts.Get("ru", "tg.nudge"), reply.Text);
        Assert.Equal((Texts.Get("ru", "tg.report_button"), "MENU_REPORT"), reply.QuickReplies.Single());
        Assert.Equal("RESPONSE", reply.MessagingType);

        // The commenter presses "Report anonymously" and is in the interview, in Messenger.
        var member = Member("7004000000000001");
        var started = await member.PressPayloadAsync(reply.QuickReplies[0].Title, "MENU_REPORT", button: false);
        Assert.Equal(Texts.Get("ru", "consent.accept"), started[^1].QuickReplies[0].Title);
    }

    [Fact]
    public async Task InDryRunIncidentCommentsAreOnlyCounted()
    {
        await StartBotAsync(new Dictionary<string, string?>(Listening) { ["Messenger:Listening:DryRun"] = "true" });
        var counts = Bot.Services.GetRequiredService<ActivityCounts>();
        counts.Take();

        await Bot.DeliverAsync([], [Comment("group_feed", "200_311", "200_310", "8011", Incident)]);

        Assert.Empty(PrivateReplies);
        Assert.Contains(counts.Take(), c => c.Kind == Activity.CommentsHeard && c.Detail == "DryRun");
    }

    [Fact]
    public async Task WithListeningOffNoCommentIsAnswered()
    {
        await StartBotAsync();

        await Bot.DeliverAsync([], [Comment("feed", "400_521", "400_520", "8021", Incident)]);

        Assert.Empty(PrivateReplies);
    }

    [Fact]
    public async Task NoPsidNameCommentOrStoryReachesTheDatabaseOrTheLog()
    {
        const string Psid = "7123456789012345";
        const string CommenterId = "8765432109876543";
        const string Name = "Канарейкина";
        const string CommentCanary = "комментарий-канарейка-17";
        const string StoryCanary = "История-канарейка-42";
        await using (await StartBotAsync(Listening))
        {
            var member = Member(Psid);
            foreach (var line in Scripts.WholeReport(Scripts.RussianStory + " " + StoryCanary))
            {
                await member.TypeAsync(line);
            }
            var code = Scripts.ReceiptCode().Match(member.AllText).Value;
            await member.TypeAsync("status " + code);
            await member.LikeAsync();
            await Bot.DeliverAsync([], [Comment("group_feed", "200_321", "200_320", CommenterId, Incident + " " + CommentCanary, Name)]);
            Assert.Single(PrivateReplies);
        }

        var files = Directory.EnumerateFiles(Data.Path, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("keys.json", StringComparison.Ordinal)).ToList();
        Assert.Contains(files, f => f.Contains("logs", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(".db", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            foreach (var canary in new[] { Psid, CommenterId, Name, CommentCanary, StoryCanary, "200_321", "лицензии" })
            {
                Assert.False(RawBytes.Contain(bytes, canary), $"{Path.GetFileName(file)} holds '{canary}'");
            }
        }
    }
}
