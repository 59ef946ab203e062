using CommunityBot.Conversations;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeGraph;

namespace CommunityBot.Tests.Channels.Messenger;

/// <summary>Phone keyboards offer the digits as emoji too (1️⃣, a digit with a keycap after it): a member who picks a
/// choice that way means its number.</summary>
public sealed class MessengerKeycapNumberTests : MessengerScenario
{
    [Fact]
    public async Task AKeycapDigitPicksTheChoiceOfThatNumberAtTheCategoryQuestion()
    {
        await StartBotAsync();
        var member = Member("7001000000000711");
        await member.TypeAsync("report");
        await member.TypeAsync("да");

        var next = await member.TypeAsync("1\uFE0F\u20E3");

        Assert.Equal(Texts.Get("ru", "affected.prompt"), next[^1].Text.Split("\n\n")[0]);
    }

    [Fact]
    public async Task KeycapDigitsTickEachChoiceOfAMultipleChoiceQuestionAndTheStoryIsKept()
    {
        await StartBotAsync();
        var member = Member("7001000000000712");
        foreach (var line in Scripts.UpToStory(Scripts.RussianStory))
        {
            await member.TypeAsync(line == "/report" ? "report" : line);
        }

        await member.TypeAsync("1\uFE0F\u20E3 4\uFE0F\u20E3");
        foreach (var line in Scripts.Rest.Skip(1))
        {
            await member.TypeAsync(line);
        }

        var report = await Bot.Reports.FindByReceiptAsync(Scripts.ReceiptCode().Match(member.AllText).Value);
        Assert.NotNull(report);
        Assert.Equal(new ChoicesAnswer(["missed_doses", "health_worse"]), report.Answers["consequences"]);
    }
}
