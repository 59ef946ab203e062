using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeGraph;

namespace CommunityBot.Tests.Channels.Messenger;

/// <summary>Messenger has no command menu: a member writing in Kazakh types the commands' Kazakh words, as a Russian
/// member types "помощь" or "статус КОД".</summary>
public sealed class MessengerKazakhKeywordsTests : MessengerScenario
{
    [Fact]
    public async Task KөмекTypedAtTheDateQuestionIsHelpInKazakhAndTheQuestionStaysOpen()
    {
        await StartBotAsync();
        var member = Member("7001000000000701");
        await member.TypeAsync("қазақша");
        await member.TypeAsync("report");
        await member.TypeAsync("иә");
        await member.TypeAsync("1");
        await member.TypeAsync("маған");
        var date = member.LastQuestion;

        var help = await member.TypeAsync("Көмек");

        Assert.StartsWith(Texts.Get("kk", "help.text_messenger"), help[0].Text, StringComparison.Ordinal);
        var next = await member.TypeAsync("кеше");
        Assert.NotEqual(date.Text, next[^1].Text);
    }

    [Fact]
    public async Task StatusAddAndDeleteTypedInKazakhWithTheCodeDoWhatTheEnglishWordsDo()
    {
        await StartBotAsync();
        var member = Member("7001000000000702");
        await member.TypeAsync("қазақша");
        foreach (var line in Scripts.WholeReport(Scripts.RussianStory))
        {
            await member.TypeAsync(line == "/report" ? "report" : line);
        }
        var code = Scripts.ReceiptCode().Match(member.AllText).Value;

        var english = await member.TypeAsync("status " + code);
        var kazakh = await member.TypeAsync("мәртебе " + code);
        Assert.Equal(english.Single().Text, kazakh.Single().Text);

        var add = await member.TypeAsync("толықтыру " + code);
        var addEnglish = await member.TypeAsync("add " + code);
        Assert.Equal(addEnglish[^1].Text, add[^1].Text);

        await member.TypeAsync("cancel");
        var delete = await member.TypeAsync("өшіру " + code);
        var deleteEnglish = await member.TypeAsync("delete " + code);
        Assert.Equal(deleteEnglish[^1].Text, delete[^1].Text);
    }
}
