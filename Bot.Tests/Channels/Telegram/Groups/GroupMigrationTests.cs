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
}
