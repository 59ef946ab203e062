using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>A member's message as a Bot API emulator may write it, with only some of the fields Telegram always sends: it
/// is answered as the same words typed in Telegram would be.</summary>
public sealed class MinimalUpdatesTests : TelegramScenario
{
    [Theory]
    [InlineData(746101, """ "message_id":9101,"chat":{"id":ID,"type":"private"},"date":1764900000,"text":"1" """)]
    [InlineData(746102, """ "message_id":9102,"chat":{"id":ID,"type":"private"},"text":"1" """)]
    [InlineData(746103, """ "message_id":9103,"from":{"id":ID,"is_bot":false},"chat":{"id":ID,"type":"private"},"text":"1" """)]
    [InlineData(746104, """ "message_id":9104,"from":{"id":ID,"is_bot":false,"first_name":"M"},"chat":{"id":ID},"date":1764900000,"text":"1" """)]
    [InlineData(746105, """ "message_id":1,"chat":{"id":ID},"text":"1","x_emulator":{"seen":true} """)]
    public async Task AMessageWithOnlySomeOfItsFieldsIsAnsweredAsTheSameWordsTyped(long userId, string fields)
    {
        await StartBotAsync();
        var member = await MemberAtCategoryAsync(userId);

        Server.EnqueueRawUpdate("message", $$""" "message":{{{fields.Replace("ID", userId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)}}}""");
        var affected = await member.WaitForReplyAsync();

        Assert.Contains(T("ru", "affected.prompt"), affected.Text);
    }
}
