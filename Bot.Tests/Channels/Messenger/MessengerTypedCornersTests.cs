using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeGraph;

namespace CommunityBot.Tests.Channels.Messenger;

public sealed class MessengerTypedCornersTests : MessengerScenario
{
    [Fact]
    public async Task AnEditedMessageIsAnsweredWithAWordToSendItAgainAndTheQuestionComesAgain()
    {
        await StartBotAsync();
        var member = Member("7001000000000101");
        await member.TypeAsync("report");
        await member.TypeAsync("да");
        await member.TypeAsync("1");
        var question = member.LastQuestion;

        var answer = await member.EditAsync("Со мной");

        var reply = Assert.Single(answer);
        Assert.StartsWith(Texts.Get("ru", "fb.edit_not_seen"), reply.Text, StringComparison.Ordinal);
        Assert.EndsWith(question.Text, reply.Text, StringComparison.Ordinal);
        Assert.Equal(question.QuickReplies.AsEnumerable(), reply.QuickReplies.AsEnumerable());
    }

    [Fact]
    public async Task AnEditedMessageOutsideAnInterviewIsAnsweredToo()
    {
        await StartBotAsync();
        var member = Member("7001000000000102");

        var answer = await member.EditAsync("Мне отказали в дозе");

        Assert.Equal(Texts.Get("ru", "fb.edit_not_seen"), Assert.Single(answer).Text);
    }
}
