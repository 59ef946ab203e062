using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeGraph;

namespace CommunityBot.Tests.Channels.Messenger;

/// <summary>A quick reply or button of a question that is no longer open (pressed late on a slow network, from another
/// device, or after the receipt): it answers nothing, and the member sees what is open now.</summary>
public sealed class MessengerStalePressTests : MessengerScenario
{
    [Fact]
    public async Task ANumberPressedUnderAnOlderListIsNotTakenAsTheAnswerToTheQuestionOpenNow()
    {
        await StartBotAsync();
        var member = Member("7012000000000001");
        await member.TypeAsync("report");
        await member.TypeAsync("да");
        var category = member.LastQuestion;
        await member.TypeAsync("1");
        var affected = member.LastQuestion;

        // "2" under the list of what happened arrives late, while "Who did it happen to?" is open.
        var (title, payload) = category.QuickReplies[1];
        var answer = await member.PressPayloadAsync(title, payload, button: false);

        var reply = Assert.Single(answer);
        Assert.StartsWith(Texts.Get("ru", "tg.stale_button"), reply.Text, StringComparison.Ordinal);
        Assert.EndsWith(affected.Text, reply.Text, StringComparison.Ordinal);
        Assert.Equal(affected.QuickReplies.AsEnumerable(), reply.QuickReplies.AsEnumerable());
    }

    [Fact]
    public async Task ASecondTapOnSendAfterTheReceiptIsToldTheReportIsAlreadySent()
    {
        await StartBotAsync();
        var member = Member("7012000000000002");
        var review = await ReachReviewAsync(member);
        await member.TypeAsync("1");

        foreach (var (title, payload) in review.QuickReplies.Concat(review.Buttons).Take(2))
        {
            var again = await member.PressPayloadAsync(title, payload, button: review.Buttons.Any(b => b.Payload == payload));

            Assert.Equal(Texts.Get("ru", "tg.already_sent"), Assert.Single(again).Text);
        }
        Assert.Equal(1, (await Bot.Queue.QueueAsync(null, 0, 100)).Total);
    }

    [Fact]
    public async Task AQuickReplyOfTheReviewPressedAfterTheMemberWroteAgainSaysTheQuestionIsClosedAndHowToBegin()
    {
        await StartBotAsync();
        var member = Member("7012000000000003");
        var review = await ReachReviewAsync(member);
        await member.TypeAsync("1");
        await member.TypeAsync("спасибо");

        var (title, payload) = review.QuickReplies.Concat(review.Buttons).First();
        var again = await member.PressPayloadAsync(title, payload, button: review.Buttons.Any(b => b.Payload == payload));

        Assert.Equal(Texts.Get("ru", "tg.stale_button") + "\n\n" + Texts.Get("ru", "chat.welcome"), Assert.Single(again).Text);
        Assert.Equal(1, (await Bot.Queue.QueueAsync(null, 0, 100)).Total);
    }

    private static async Task<SentMessage> ReachReviewAsync(FakeMessengerMember member)
    {
        foreach (var line in Scripts.WholeReport(Scripts.RussianStory).SkipLast(1))
        {
            await member.TypeAsync(line == "/report" ? "report" : line);
        }
        return member.LastQuestion;
    }
}
