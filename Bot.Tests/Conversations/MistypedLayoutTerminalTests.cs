using CommunityBot.Conversations;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Conversations;

/// <summary>A whole report answered at the terminal with the keyboard on the wrong layout and in Latin letters.</summary>
public sealed class MistypedLayoutTerminalTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task AReportAnsweredOnTheWrongLayoutAndInLatinLettersIsSentWithTheAnswersMeant()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);

        var output = await host.TypeAsync("ru",
            "/report",
            "lf",           // consent: да
            "1",            // category: hospital
            "ya sama",      // affected: я сама
            "12.03.2026",
            "1",
            "1",
            "1",
            "1",
            Scripts.RussianStory,
            "ytn",          // consequences: нет, none of these
            "net",          // reported elsewhere: no
            "lf",           // use in appeals: yes
            "ytn",          // follow-up: no
            "jnghfdbnm");   // review: отправить

        var code = Scripts.ReceiptCode().Match(output);
        Assert.True(code.Success, output);
        var report = await host.Reports.FindByReceiptAsync(code.Value);
        Assert.NotNull(report);
        Assert.Equal(new ChoiceAnswer("me"), report.Answers["affected"]);
        Assert.Equal(new ChoicesAnswer(["none"]), report.Answers["consequences"]);
        Assert.Equal(new YesNoAnswer(false), report.Answers["reported"]);
        Assert.Equal(new YesNoAnswer(true), report.Answers["appeals_consent"]);
        Assert.Equal(new YesNoAnswer(false), report.Answers["followup_consent"]);
    }
}
