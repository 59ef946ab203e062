using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>A member whose Telegram speaks Kazakh types every answer on a Russian keyboard, without the Kazakh letters.</summary>
public sealed class KazakhTypingTelegramTests : TelegramScenario
{
    [Fact]
    public async Task AMemberTypingKazakhWithoutKazakhLettersIsUnderstoodAtEveryQuestionUpToThePlace()
    {
        await using var bot = await StartBotAsync();
        var member = Server.PrivateChatWith(userId: 746401, firstName: "M", username: null, languageCode: "kk");
        await Do(member, m => m.SendsAsync("/report"));

        var category = await Do(member, m => m.SendsAsync("иа"));
        var affected = await Do(member, m => m.SendsAsync("биринши"));
        var when = await Do(member, m => m.SendsAsync("мен билетин адаммен"));
        var region = await Do(member, m => m.SendsAsync("кеше"));
        var kind = await Do(member, m => m.SendsAsync("Караганды"));
        var facility = await Do(member, m => m.SendsAsync("еки"));

        Assert.Contains(T("kk", "category.prompt"), category.Text);
        Assert.Contains(T("kk", "affected.prompt"), affected.Text);
        Assert.Contains(T("kk", "when.prompt"), when.Text);
        Assert.Contains(T("kk", "region.prompt"), region.Text);
        Assert.Contains(T("kk", "facility_kind.prompt"), kind.Text);
        Assert.Contains(T("kk", "facility.prompt"), facility.Text);
        Assert.Contains("ОЗТ кабинеті", facility.ButtonTexts);
    }
}
