using System.Globalization;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Channels.Telegram.Groups;

/// <summary>A group that Telegram turned into a supergroup is followed by what the bot sends, even when the bot did not
/// hear of it (the notice was handled before a restart, the settings still name the old group).</summary>
public sealed class GroupMigrationTests : TelegramScenario
{
    private const long OldModeratorsGroup = -900000001;
    private const long NewModeratorsGroup = -1009000000777;

    [Fact]
    public async Task ACardForAModeratorsGroupThatBecameASupergroupGoesToTheSupergroup()
    {
        Server.Group(OldModeratorsGroup, "Модераторы");
        await Server.MigrateGroupAsync(OldModeratorsGroup, NewModeratorsGroup, announced: false);
        await using var bot = await StartBotAsync(new Dictionary<string, string?>
        {
            ["Telegram:ModeratorsChatId"] = OldModeratorsGroup.ToString(CultureInfo.InvariantCulture),
        });
        var supergroup = Server.Group(NewModeratorsGroup, "Модераторы");
        var member = await MemberAtCategoryAsync(749400);

        var receipt = await ReportFromCategoryAsync(member, followUp: false, "Три дня не давали метадон в стационаре.");
        var label = Scripts.Label().Match(receipt.Text ?? "").Value;
        var card = await supergroup.WaitForReplyAsync(m => m.Text?.StartsWith(label, StringComparison.Ordinal) == true);

        Assert.NotEmpty(card.Buttons);
        Assert.Empty(Server.SentMessages(OldModeratorsGroup));
    }

    [Fact]
    public async Task ACommunityGroupThatBecameASupergroupIsServedAfterARestartWithItsOldIdInTheSettings()
    {
        const long oldCommunityGroup = -700000001;
        const long newCommunityGroup = -1007000000777;
        Server.Group(oldCommunityGroup, "ОЗТ Алматы");
        await Server.MigrateGroupAsync(oldCommunityGroup, newCommunityGroup, announced: false);
        await using var bot = await StartBotAsync(new Dictionary<string, string?>
        {
            ["Telegram:Communities:0:ChatId"] = oldCommunityGroup.ToString(CultureInfo.InvariantCulture),
        });
        var supergroup = Server.Group(newCommunityGroup, "ОЗТ Алматы");
        var bob = Server.PrivateChatWith(userId: 749401, firstName: "Bob", username: null, languageCode: "ru");

        await supergroup.MemberSaysAsync(bob, "/report");
        var answer = await supergroup.WaitForReplyAsync();

        Assert.Equal(T("ru", "tg.group_report"), answer.Text);
        Assert.Empty(Server.Calls("leaveChat"));
    }
}
