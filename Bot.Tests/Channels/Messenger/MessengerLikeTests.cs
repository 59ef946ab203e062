using System.Text.Json.Nodes;
using CommunityBot.Channels.Messenger;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeGraph;

namespace CommunityBot.Tests.Channels.Messenger;

/// <summary>A like (the thumbs-up, in any of its sizes) or a reaction says "ok" or "thanks": it is never taken for an
/// answer, nor answered with how to begin a report.</summary>
public sealed class MessengerLikeTests : MessengerScenario
{
    [Fact]
    public async Task ALikeOutsideAnInterviewIsThankedNotWelcomed()
    {
        await StartBotAsync();
        var member = Member("7014000000000001");

        var like = await member.LikeAsync();

        Assert.Equal(Texts.Get("ru", "fb.like_thanks"), Assert.Single(like).Text);
    }

    [Fact]
    public async Task ALikeAfterTheReceiptIsThankedAndTheReportStaysOne()
    {
        await StartBotAsync();
        var member = Member("7014000000000002");
        foreach (var line in Scripts.WholeReport(Scripts.RussianStory))
        {
            await member.TypeAsync(line == "/report" ? "report" : line);
        }

        var like = await member.LikeAsync();

        Assert.Equal(Texts.Get("ru", "fb.like_thanks"), Assert.Single(like).Text);
        Assert.Equal(1, (await Bot.Queue.QueueAsync(null, 0, 100)).Total);
    }

    [Theory]
    [InlineData("👍")]
    [InlineData("👍🏽👍🏽")]
    [InlineData(" 👍️ ")]
    public async Task AThumbsUpTypedFromTheEmojiKeyboardIsALikeToo(string typed)
    {
        await StartBotAsync();
        var member = Member("7014000000000006");

        var outside = await member.TypeAsync(typed);
        await member.TypeAsync("report");
        var consent = member.LastQuestion;
        var inside = await member.TypeAsync(typed);

        Assert.Equal(Texts.Get("ru", "fb.like_thanks"), Assert.Single(outside).Text);
        var reply = Assert.Single(inside);
        Assert.StartsWith(Texts.Get("ru", "fb.like_not_an_answer"), reply.Text, StringComparison.Ordinal);
        Assert.EndsWith(consent.Text, reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReactionOutsideAnInterviewIsLeftWithoutAnAnswer()
    {
        await StartBotAsync();
        var member = Member("7014000000000003");

        var answer = await member.SendAsync(Reaction(member));

        Assert.Empty(answer);
    }

    [Fact]
    public async Task ALikeOrAReactionAtAQuestionBringsTheQuestionAgainWithAWordWhy()
    {
        await StartBotAsync();
        var member = Member("7014000000000004");
        await member.TypeAsync("report");
        await member.TypeAsync("да");
        var category = member.LastQuestion;

        foreach (var answer in new[] { await member.LikeAsync(), await member.SendAsync(Reaction(member)) })
        {
            var reply = Assert.Single(answer);
            Assert.StartsWith(Texts.Get("ru", "fb.like_not_an_answer"), reply.Text, StringComparison.Ordinal);
            Assert.EndsWith(category.Text, reply.Text, StringComparison.Ordinal);
            Assert.Equal(category.QuickReplies.AsEnumerable(), reply.QuickReplies.AsEnumerable());
        }
        // The question is still open: its first choice is taken as before.
        var next = await member.PressFirstAsync();
        Assert.NotEqual(category.Text, next[^1].Text);
    }

    [Theory]
    [InlineData(369239263222822, true)]
    [InlineData(369239343222814, true)]
    [InlineData(369239383222810, true)]
    [InlineData(126361874215276, false)]
    public void TheLikeInEachOfItsSizesIsReadAsALikeAndAnyOtherStickerAsASticker(long sticker, bool like)
    {
        var body = MessengerBotHost.Delivery([new JsonObject
        {
            ["sender"] = new JsonObject { ["id"] = "7014000000000005" },
            ["recipient"] = new JsonObject { ["id"] = FakeGraphServer.PageId },
            ["timestamp"] = 1,
            ["message"] = new JsonObject
            {
                ["mid"] = "m_1",
                ["sticker_id"] = sticker,
                ["attachments"] = new JsonArray(new JsonObject
                {
                    ["type"] = "image", ["payload"] = new JsonObject { ["url"] = "https://example.invalid/s.png", ["sticker_id"] = sticker },
                }),
            },
        }]);

        var message = Assert.IsType<MemberMessage>(Assert.Single(MessengerEventReader.Read(body, FakeGraphServer.PageId)));

        Assert.Equal(like ? Attached.Like : Attached.Other, message.Attachment);
    }

    private static JsonObject Reaction(FakeMessengerMember member) => member.Event(new JsonObject
    {
        ["reaction"] = new JsonObject { ["reaction"] = "like", ["emoji"] = "👍", ["action"] = "react", ["mid"] = "m_" + Guid.NewGuid().ToString("N") },
    });
}
