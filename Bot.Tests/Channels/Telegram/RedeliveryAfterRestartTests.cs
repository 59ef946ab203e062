using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;
using Telegram.Bot.Types;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>After a kill, Telegram gives back every update since the last confirmed offset, the ones the bot had already
/// handled among them, together with what the member sent while the bot was down.</summary>
public sealed class RedeliveryAfterRestartTests : TelegramScenario
{
    [Fact]
    public async Task AMemberWhoseAnswersComeAgainAfterARestartIsShownTheOpenQuestionOnceNotOnceForEach()
    {
        var member = await MemberWithHandledAnswersAsync(700801);
        var open = member.LastReply?.Text;
        var before = member.Replies.Count;

        await using (await StartBotAsync())
        {
            await Server.WaitUntilIdleAsync();
        }

        var after = member.Replies.Skip(before).ToList();
        Assert.Single(after, r => r.Text == open);
    }

    [Fact]
    public async Task AfterTheQuestionWasShownOnceForTheAnswersThatCameAgainTheNextQuestionIsStillSentAgainWhenTelegramFailedToTakeIt()
    {
        var member = await MemberWithHandledAnswersAsync(700803);
        await using var bot = await StartBotAsync();
        await Server.WaitUntilIdleAsync();
        // The next question is refused by Telegram on every try the sender makes; the answer is handled again later.
        Server.FailNext("sendMessage", 502, "Bad Gateway", times: 5);

        await member.PressesAsync("Алматы");

        await member.WaitForReplyAsync(m => m.Text?.Contains(T("ru", "facility_kind.prompt"), StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task NewMessagesAfterARestartAreAnsweredThoughMoreThanTheCapOfHandledOnesCameBackBeforeThem()
    {
        // More than a chat may have in hand, all handled before the restart: they must not make the member's new messages
        // look like a flood.
        var member = await MemberWithHandledUpdatesAsync(700802, async m =>
        {
            var handled = new List<Update>();
            for (var i = 0; i < 30; i++)
            {
                handled.Add(await DoneAsync(m, m.SendsAsync("/help")));
            }
            return handled;
        });
        var before = member.Replies.Count;
        for (var i = 0; i < 3; i++)
        {
            await member.SendsAsync("/help");
        }

        await using (await StartBotAsync())
        {
            await Server.WaitUntilIdleAsync();
        }

        var after = member.Replies.Skip(before).ToList();
        Assert.DoesNotContain(after, r => r.Text == T("ru", "tg.slow_down"));
        Assert.Equal(3, after.Count(r => r.Text?.StartsWith(T("ru", "help.text")[..20], StringComparison.Ordinal) == true));
    }

    /// <summary>A member who answered five questions of a report (up to the city) before the bot stopped: the five
    /// answers come again.</summary>
    private Task<FakeMember> MemberWithHandledAnswersAsync(long userId) =>
        MemberWithHandledUpdatesAsync(userId, async m =>
        {
            await Do(m, m => m.SendsAsync("/report"));
            return [
                await DoneAsync(m, m.PressesAsync(T("ru", "consent.accept"))),
                await DoneAsync(m, m.PressesAsync(T("ru", "category.hospital"))),
                await DoneAsync(m, m.PressesAsync(T("ru", "affected.me"))),
                await DoneAsync(m, m.PressesAsync(T("ru", "date.today"))),
                await DoneAsync(m, m.PressesAsync("Алматы (город)")),
            ];
        });

    /// <summary>The member does what <paramref name="act"/> does with the bot running, then the bot stops; the updates
    /// <paramref name="act"/> returns (each handled) are given again, as Telegram does after a kill.</summary>
    private async Task<FakeMember> MemberWithHandledUpdatesAsync(long userId, Func<FakeMember, Task<List<Update>>> act)
    {
        var member = Server.PrivateChatWith(userId: userId, firstName: "M", username: null, languageCode: "ru");
        List<Update> handled;
        await using (await StartBotAsync())
        {
            handled = await act(member);
            await Server.WaitUntilIdleAsync();
        }
        foreach (var update in handled)
        {
            Server.EnqueueUpdate(update);
        }
        return member;
    }

    private static async Task<Update> DoneAsync(FakeMember member, Task<Update> action)
    {
        var update = await action;
        await member.WaitForReplyAsync();
        return update;
    }
}
