using System.Text.Json.Nodes;
using CommunityBot.Tests.Support.FakeGraph;

namespace CommunityBot.Tests.Channels.Messenger;

/// <summary>What Messenger attaches to a member's message, as Meta delivers it.</summary>
public sealed class MessengerAttachmentTests : MessengerScenario
{
    [Fact]
    public async Task ASharedLocationIsToldItIsNotKeptAndThePlaceQuestionComesAgain()
    {
        await StartBotAsync();
        var member = Member("7013000000000001");
        foreach (var line in new[] { "report", "да", "1", "1", "вчера" })
        {
            await member.TypeAsync(line);
        }
        var place = member.LastQuestion;

        var answer = await member.SendAsync(member.Message(new JsonObject
        {
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["type"] = "location",
                ["title"] = "Pinned Location",
                ["payload"] = new JsonObject { ["coordinates"] = new JsonObject { ["lat"] = 43.2389, ["long"] = 76.8897 } },
            }),
        }));

        var reply = Assert.Single(answer);
        Assert.StartsWith(Texts.Get("ru", "tg.location_refused"), reply.Text, StringComparison.Ordinal);
        Assert.EndsWith(place.Text, reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("43.2389", Graph.Sent.Select(m => m.Text), StringComparer.Ordinal);
    }

    [Fact]
    public async Task AStoryWithALinkInItIsTakenWithoutBeingToldFilesAreNotKept()
    {
        await StartBotAsync();
        var member = Member("7013000000000002");
        foreach (var line in new[] { "report", "да", "1", "1", "вчера", "1", "1", "1", "1" })
        {
            await member.TypeAsync(line);
        }
        var story = "Мне три дня не давали метадон в больнице, об этом писали в новостях: https://news.example/ozt-bolnica";

        // Meta adds a "fallback" attachment (the link's preview) to a message with a link in its text.
        var answer = await member.SendAsync(member.Message(new JsonObject
        {
            ["text"] = story,
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["type"] = "fallback",
                ["title"] = "Новости",
                ["url"] = "https://news.example/ozt-bolnica",
                ["payload"] = null,
            }),
        }));

        var reply = Assert.Single(answer);
        Assert.DoesNotContain(Texts.Get("ru", "tg.media_not_kept"), reply.Text, StringComparison.Ordinal);
        Assert.StartsWith(Texts.Get("ru", "consequences.prompt"), reply.Text, StringComparison.Ordinal);
    }
}
