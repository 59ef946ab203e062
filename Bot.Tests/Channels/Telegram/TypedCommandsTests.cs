using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>Commands as members type them in their private chat: in their own alphabet.</summary>
public sealed class TypedCommandsTests : TelegramScenario
{
    [Theory]
    [InlineData("ru", "/отмена")]
    [InlineData("kk", "/болдырмау")]
    // "Cancel" begun on a Russian keyboard: the first letter is the Cyrillic "С".
    [InlineData("en", "/Сancel")]
    public async Task ACancelTypedInTheMembersAlphabetCancelsTheInterview(string language, string typed)
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(746001, language);

        var reply = await Do(member, m => m.SendsAsync(typed));

        Assert.Contains(T(language, "cancelled"), reply.Text);
    }

    [Fact]
    public async Task ACancelTypedInRussianWhereAPlaceIsAskedIsNotKeptAsThePlace()
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(746002);
        await Do(member, m => m.PressesAsync(T("ru", "category.tb")));
        await Do(member, m => m.PressesAsync(T("ru", "affected.me")));
        await Do(member, m => m.PressesAsync(T("ru", "date.today")));
        await Do(member, m => m.PressesAsync("Алматы (город)"));
        await Do(member, m => m.PressesAsync("Алматы"));
        await Do(member, m => m.PressesAsync(T("ru", "facility_kind.tb_hospital")));

        var cancelled = await Do(member, m => m.SendsAsync("/Отмена"));
        var started = await Do(member, m => m.SendsAsync("/report"));

        Assert.Contains(T("ru", "cancelled"), cancelled.Text);
        Assert.Contains(T("ru", "consent.prompt")[..40], started.Text);
    }
}
