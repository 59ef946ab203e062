using System.Globalization;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CommunityBot.Tests.Channels.Telegram.Groups;

/// <summary>A community group as its members write in it: stories told after <c>/report</c>, photos with a caption,
/// forwards, commands for the bot and for others.</summary>
public sealed class GroupMessagesAsWrittenTests : TelegramScenario
{
    private const string Incident = "опять в больнице не дали метадон, человеку плохо";

    private static readonly Dictionary<string, string?> NoCooldowns = new()
    {
        ["Telegram:Nudges:GroupCooldown"] = "00:00:00",
        ["Telegram:Nudges:MemberCooldown"] = "00:00:00",
    };

    [Fact]
    public async Task AStoryWrittenAfterReportInTheGroupIsAnsweredThatItIsNotKeptAndWithTheButton()
    {
        await using var bot = await StartBotAsync();
        var group = Server.Group(TelegramBotHost.CommunityChatId, "ОЗТ Алматы");
        var bob = Server.PrivateChatWith(userId: 749600, firstName: "Bob", username: "bob_story", languageCode: "ru");

        await group.MemberSaysAsync(bob, "/report вчера в больнице не дали метадон, сказали нет лицензии");
        var answer = await group.WaitForReplyAsync();

        Assert.Equal(T("ru", "tg.group_report_words"), answer.Text);
        Assert.Equal($"https://t.me/{Server.BotUser.Username}?start={TelegramBotHost.CommunityLink}", Assert.Single(answer.Buttons).Url);
        Assert.DoesNotContain("больнице", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("bob", answer.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/report")]
    [InlineData("/report@community_test_bot")]
    [InlineData("/start")]
    [InlineData("/report almaty-ost")]
    public async Task ReportAloneInTheGroupGetsTheShortAnswerWithTheButton(string typed)
    {
        await using var bot = await StartBotAsync();
        var group = Server.Group(TelegramBotHost.CommunityChatId, "ОЗТ Алматы");
        var bob = Server.PrivateChatWith(userId: 749601, firstName: "Bob", username: null, languageCode: "ru");

        await group.MemberSaysAsync(bob, typed);
        var answer = await group.WaitForReplyAsync();

        Assert.Equal(T("ru", "tg.group_report"), answer.Text);
        Assert.Single(answer.Buttons);
    }

    [Fact]
    public async Task ANewsPostForwardedFromAChannelIsNotTakenForTheMembersOwnIncident()
    {
        await using var bot = await StartBotAsync(NoCooldowns);
        var group = Server.Group(TelegramBotHost.CommunityChatId, "ОЗТ Алматы");
        var bob = Server.PrivateChatWith(userId: 749602, firstName: "Bob", username: null, languageCode: "ru");
        var news = new Chat { Id = -1007770000001, Type = ChatType.Channel, Title = "Новости" };

        await group.MemberPostsAsync(bob, m =>
        {
            m.Text = "В соседней стране полиция задержала пациентов у кабинета ОЗТ, в больнице не дают метадон";
            m.ForwardOrigin = new MessageOriginChannel { Chat = news, MessageId = 51, Date = m.Date.AddHours(-2) };
        });
        await Server.WaitUntilIdleAsync();
        Assert.Empty(group.BotMessages);

        // What a person forwards from someone they know is still their community's incident.
        await group.MemberPostsAsync(bob, m =>
        {
            m.Text = Incident;
            m.ForwardOrigin = new MessageOriginHiddenUser { SenderUserName = "Подруга", Date = m.Date.AddMinutes(-5) };
        });
        Assert.Equal(T("ru", "tg.nudge"), (await group.WaitForReplyAsync()).Text);
    }

    [Fact]
    public async Task APhotoWithAnIncidentInItsCaptionIsNudgedAndAVoiceMessageIsLeftAlone()
    {
        await using var bot = await StartBotAsync(NoCooldowns);
        var group = Server.Group(TelegramBotHost.CommunityChatId, "ОЗТ Алматы");
        var bob = Server.PrivateChatWith(userId: 749603, firstName: "Bob", username: null, languageCode: "ru");
        var dana = Server.PrivateChatWith(userId: 749604, firstName: "Dana", username: null, languageCode: "kk");

        await group.MemberPostsAsync(bob, m => m.Voice = FakeMedia.Voice(12));
        await Server.WaitUntilIdleAsync();
        Assert.Empty(group.BotMessages);

        await group.MemberPostsAsync(dana, m =>
        {
            m.Photo = FakeMedia.Photo();
            m.Caption = "МЕНТЫ СТОЯТ У КАБИНЕТА 😡😡";
        });
        var nudge = await group.WaitForReplyAsync();

        Assert.Equal(T("ru", "tg.nudge"), nudge.Text);
        Assert.Null(nudge.ReplyToMessageId);
    }

    [Theory]
    [InlineData("/help", "tg.private_only")]
    [InlineData("/status@community_test_bot", "tg.private_only")]
    [InlineData("/help@other_bot", null)]
    [InlineData("/ban", null)]
    [InlineData("/report@other_bot", null)]
    public async Task ACommandIsAnsweredOnlyWhenItIsForThisBot(string typed, string? expected)
    {
        await using var bot = await StartBotAsync();
        var group = Server.Group(TelegramBotHost.CommunityChatId, "ОЗТ Алматы");
        var bob = Server.PrivateChatWith(userId: 749605, firstName: "Bob", username: null, languageCode: "ru");

        await group.MemberSaysAsync(bob, typed);
        await group.MemberSaysAsync(bob, "/report");
        var first = await group.WaitForReplyAsync();

        // The /report after it is answered in every case, so an answer to the first command would have come before.
        Assert.Equal(expected is null ? T("ru", "tg.group_report") : T("ru", expected), first.Text);
    }

    [Fact]
    public async Task NothingAMemberWritesInTheGroupNorWhoTheyAreReachesTheDiskTheLogOrTheGroup()
    {
        const long canaryId = 918273645501;
        const string canaryUsername = "canary_group_g8";
        const string canaryName = "Канарейкин";
        const string groupWords = "Группа-канарейка-77";
        var group = Server.Group(TelegramBotHost.CommunityChatId, "ОЗТ Алматы");
        var member = Server.PrivateChatWith(userId: canaryId, firstName: canaryName, username: canaryUsername, languageCode: "ru");
        await using (var bot = await StartBotAsync(NoCooldowns))
        {
            await group.MemberSaysAsync(member, Incident + " " + groupWords);
            var nudge = await group.WaitForReplyAsync();
            await group.MemberRepliesAsync(member, nudge, "да, это я, " + groupWords);
            await group.WaitForReplyAsync();
            await group.MemberSaysAsync(member, "/report " + groupWords + " менты стоят у кабинета");
            await group.WaitForReplyAsync();
            await group.MemberPostsAsync(member, m =>
            {
                m.Photo = FakeMedia.Photo();
                m.Caption = "в тубдиспансере отказали в ОЗТ " + groupWords;
            });
            await group.MemberEditsAsync(member, "выписали из программы за то что опоздал " + groupWords);
            await Server.WaitUntilIdleAsync();
            var inGroup = group.BotMessages.Count;

            await Do(member, m => m.SendsAsync("/start " + TelegramBotHost.CommunityLink));
            await Do(member, m => m.PressesAsync(T("ru", "consent.accept")));
            var receipt = await ReportFromCategoryAsync(member, followUp: false, "В больнице три дня не давали метадон, сказали нет лицензии.");
            Assert.Matches(Scripts.ReceiptCode(), receipt.Text ?? "");
            await Server.WaitUntilIdleAsync();

            // A report sent from the group's link shows nothing in the group: nobody there learns who reported.
            Assert.Equal(inGroup, group.BotMessages.Count);
            foreach (var said in group.BotMessages)
            {
                foreach (var canary in new[] { canaryUsername, canaryName, groupWords, "больнице", "Bob" })
                {
                    Assert.DoesNotContain(canary, said.Text ?? "", StringComparison.OrdinalIgnoreCase);
                }
            }
            // The nudge is not a reply: the group does not see whom the link was offered to.
            Assert.All(group.BotMessages.Where(said => said.Text == T("ru", "tg.nudge")), nudge => Assert.Null(nudge.ReplyToMessageId));
        }

        var files = Directory.EnumerateFiles(Data.Path, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("keys.json", StringComparison.Ordinal)).ToList();
        Assert.Contains(files, f => f.Contains("logs", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            foreach (var canary in new[] { canaryId.ToString(CultureInfo.InvariantCulture), canaryUsername, canaryName, groupWords, "тубдиспансере", "опоздал" })
            {
                Assert.False(RawBytes.Contain(bytes, canary), $"{Path.GetFileName(file)} holds '{canary}'");
            }
        }
    }
}
