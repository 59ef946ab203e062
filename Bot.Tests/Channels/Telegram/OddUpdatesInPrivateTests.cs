using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>What a member's Telegram sends besides plain texts and presses: edits of old messages, and updates written
/// otherwise than this program's library reads them (an emulator, a newer Bot API). The member is answered in their chat,
/// as they would be for the same words typed, and nothing is taken for an answer it was not.</summary>
public sealed class OddUpdatesInPrivateTests : TelegramScenario
{
    [Fact]
    public async Task AnEditOfAnAnswerRefusedAtAnEarlierQuestionIsNotTakenForTheAnswerToTheOpenOne()
    {
        await StartBotAsync();
        var member = await MemberAtCategoryAsync(745001);
        await Do(member, m => m.PressesAsync(T("ru", "category.hospital")));
        await Do(member, m => m.PressesAsync(T("ru", "affected.me")));
        var refused = await Do(member, m => m.SendsAsync("давно"));
        Assert.Contains(T("ru", "error.date.unrecognized")[..15], refused.Text);
        // The member answers the date with a button instead, and is at the place question now.
        var region = await Do(member, m => m.PressesAsync(T("ru", "date.yesterday")));
        Assert.Contains(T("ru", "region.prompt"), region.Text);

        // Then corrects the old message: it was about the date, not the place.
        var edited = await Do(member, m => m.EditsLastMessageAsync("Шымкент (город)"));

        Assert.StartsWith(T("ru", "tg.edited_ignored"), edited.Text);
        Assert.Contains(T("ru", "region.prompt"), edited.Text);
        Assert.Contains("Алматы (город)", edited.ButtonTexts);
        var city = await Do(member, m => m.PressesAsync("Алматы (город)"));
        Assert.Contains("Алматы", city.ButtonTexts);
    }

    [Fact]
    public async Task AMessageInThePrivateChatWhoseChatTypeIsUnknownIsAnsweredThereAndTheBotDoesNotLeave()
    {
        await StartBotAsync();
        var member = await MemberAtCategoryAsync(745002);

        Server.EnqueueRawUpdate("message",
            $$""" "message":{"message_id":9001,"from":{{Member(member.UserId)}},"chat":{"id":{{member.UserId}},"type":"unknown"},"date":1764900000,"text":"1"}""");
        var affected = await member.WaitForReplyAsync();

        Assert.Contains(T("ru", "affected.prompt"), affected.Text);
        Assert.DoesNotContain(member.Replies, r => r.Text == T("ru", "tg.group_not_served"));
        Assert.Empty(Server.Calls("leaveChat"));
    }

    [Fact]
    public async Task AMessageWhoseDateTheLibraryCannotReadIsStillAnsweredAsItsTextTypedAndTheNextOneToo()
    {
        await StartBotAsync();
        var member = await MemberAtCategoryAsync(745003);

        // An emulator writes the date as a string: the library cannot build the update, but the member's words are there.
        Server.EnqueueRawUpdate("message",
            $$""" "message":{"message_id":9002,"from":{{Member(member.UserId)}},"chat":{"id":{{member.UserId}},"first_name":"M","type":"private"},"date":"1764900000","text":"1"}""");
        var affected = await member.WaitForReplyAsync();
        var when = await Do(member, m => m.PressesAsync(T("ru", "affected.me")));

        Assert.Contains(T("ru", "affected.prompt"), affected.Text);
        Assert.Contains(T("ru", "when.prompt"), when.Text);
    }

    [Fact]
    public async Task APressWhoseMessageTheLibraryCannotReadStillAnswersTheQuestion()
    {
        await StartBotAsync();
        var member = await MemberAtCategoryAsync(745004);
        var category = member.Replies.Last(r => r.Buttons.Count > 0);
        var hospital = category.Buttons.First(b => b.Text == T("ru", "category.hospital")).CallbackData;

        // The pressed message as an emulator writes it, its date a string: the library cannot build the press.
        Server.EnqueueRawUpdate("callback_query",
            $$""" "callback_query":{"id":"31","from":{{Member(member.UserId)}},"chat_instance":"1","data":"{{hospital}}","message":{"message_id":{{category.MessageId}},"date":"now","chat":{"id":{{member.UserId}},"type":"private"},"text":"x"} }""");
        var affected = await member.WaitForReplyAsync();

        Assert.Contains(T("ru", "affected.prompt"), affected.Text);
        // The spinner's answer goes out beside the next question, not before it: it may arrive just after.
        await EventuallyAsync(() => Server.Calls("answerCallbackQuery").Any(c => c.Parameters["callback_query_id"]?.ToString() == "31"),
            "the press was not answered");
    }

    [Fact]
    public async Task AMemberWhoBlocksTheBotMidInterviewAndComesBackContinuesWhereTheyWere()
    {
        await StartBotAsync();
        var member = await MemberAtCategoryAsync(745005);
        await Do(member, m => m.PressesAsync(T("ru", "category.hospital")));
        var sentBefore = Server.Calls("sendMessage").Count;

        // The member blocks the bot; a press already on its way is taken, but its answer is refused by Telegram.
        member.BlocksBot();
        Server.EnqueueRawUpdate("my_chat_member", BotStatus(member.UserId, "member", "kicked"));
        await member.PressesAsync(T("ru", "affected.me"));
        await Server.WaitUntilIdleAsync();
        Assert.Equal(1, Server.Calls("sendMessage").Count - sentBefore);

        // Unblocking sends /start ("Restart" in the app).
        Server.EnqueueRawUpdate("my_chat_member", BotStatus(member.UserId, "kicked", "member"));
        var resumed = await Do(member, m => m.SendsAsync("/start"));

        Assert.StartsWith(T("ru", "draft.resumed"), resumed.Text);
        Assert.Contains(T("ru", "when.prompt"), resumed.Text);
    }

    [Fact]
    public async Task AReactionToTheBotsQuestionIsNotAnsweredAndTheNextMessageIs()
    {
        await StartBotAsync();
        var member = await MemberAtCategoryAsync(745006);
        var question = member.Replies.Last(r => r.Buttons.Count > 0).MessageId;

        // Telegram sends these only when asked for; a server that ignores allowed_updates sends them all the same.
        Server.EnqueueRawUpdate("message",
            $$""" "message_reaction":{"chat":{"id":{{member.UserId}},"type":"private"},"message_id":{{question}},"user":{{Member(member.UserId)}},"date":1764900000,"old_reaction":[],"new_reaction":[{"type":"emoji","emoji":"👍"}]}""");
        Server.EnqueueRawUpdate("message",
            $$""" "message_reaction_count":{"chat":{"id":{{member.UserId}},"type":"private"},"message_id":{{question}},"date":1764900000,"reactions":[{"type":{"type":"emoji","emoji":"👍"},"total_count":1}]}""");
        var affected = await Do(member, m => m.SendsAsync("1"));

        Assert.Contains(T("ru", "affected.prompt"), affected.Text);
        Assert.DoesNotContain(member.Replies, r => r.MessageId > question && r.MessageId < affected.MessageId);
    }

    /// <summary>The bot's standing in the member's chat changes: "kicked" is how Telegram tells that the member blocked it.</summary>
    private string BotStatus(long userId, string before, string after) =>
        $$""" "my_chat_member":{"chat":{"id":{{userId}},"first_name":"M","type":"private"},"from":{{Member(userId)}},"date":1764900000,"old_chat_member":{{Standing(before)}},"new_chat_member":{{Standing(after)}} }""";

    private string Standing(string status) => $$"""{"status":"{{status}}","user":{{Bot()}},"until_date":0}""";

    private string Bot() => $$"""{"id":{{Server.BotUser.Id}},"is_bot":true,"first_name":"Bot"}""";

    private static string Member(long id) => $$"""{"id":{{id}},"is_bot":false,"first_name":"M","language_code":"ru"}""";
}
