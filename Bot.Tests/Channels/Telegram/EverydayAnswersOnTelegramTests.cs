using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>Answers typed as members say them, through the real bot and the fake Bot API: a week named at the date
/// question brings its days as buttons, and a category typed in a member's own word is taken.</summary>
public sealed class EverydayAnswersOnTelegramTests : TelegramScenario
{
    [Fact]
    public async Task LastWeekTypedBringsItsDaysAsButtonsAndOneIsPressed()
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(746101);
        await Do(member, m => m.SendsAsync("менты"));
        await Do(member, m => m.PressesAsync(T("ru", "affected.me")));

        var days = await Do(member, m => m.SendsAsync("на прошлой неделе"));

        Assert.Contains(T("ru", "date.pick_day"), days.Text);
        // The seven days of last week, newest first, then Back and Cancel.
        var dayButtons = days.ButtonTexts.Where(text => !text.Contains(T("ru", "nav.back"), StringComparison.Ordinal) && !text.Contains(T("ru", "nav.cancel"), StringComparison.Ordinal)).ToList();
        Assert.Equal(7, dayButtons.Count);
        var place = await Do(member, m => m.PressesAsync(dayButtons[^1]));
        Assert.Contains("Алматы (город)", place.ButtonTexts);
    }
}
