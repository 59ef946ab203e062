using System.Text;
using CommunityBot.Conversations;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Channels;

/// <summary>What reaches the terminal besides plain typed lines: pasted bytes, control characters, escape sequences.</summary>
public sealed class TerminalInputTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task EscapeSequencesAndControlCharactersInAStoryAreNeitherStoredNorPrintedBack()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        const string typed = "\uFEFFThe nurse\tsaid \u001b[2J\u001b[31mno dose\u001b[0m today\u0000 and sent\u0007 me away.";

        var output = await host.TypeAsync("en", Scripts.WholeReport(typed));

        Assert.DoesNotContain('\u001b', output);
        Assert.DoesNotContain('\u0000', output);
        Assert.DoesNotContain('\u0007', output);
        var report = await host.Reports.FindByReceiptAsync(Scripts.ReceiptCode().Match(output).Value);
        Assert.Equal(new TextAnswer("The nurse said no dose today and sent me away."), report?.Answers["narrative"]);
    }

    [Fact]
    public async Task ALineThatIsNotUtf8IsNotTakenAndTheMemberIsAskedToTypeItAgain()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;
        var script = Encoding.UTF8.GetBytes(string.Join("\n", Scripts.UpToStory(Scripts.RussianStory)[..^1]) + "\n");
        // "Медсестра отказала" pasted from an old app, in Windows-1251.
        byte[] cp1251 = [0xCC, 0xE5, 0xE4, 0xF1, 0xE5, 0xF1, 0xF2, 0xF0, 0xE0, 0x20, 0xEE, 0xF2, 0xEA, 0xE0, 0xE7, 0xE0, 0xEB, 0xE0, (byte)'\n'];

        var output = await host.PipeAsync("ru", [.. script, .. cp1251]);

        var answer = output[output.IndexOf(texts.Get("ru", "narrative.prompt")[..30], StringComparison.Ordinal)..];
        Assert.Contains(texts.Get("ru", "chat.unreadable"), answer);
        Assert.Contains(texts.Get("ru", "narrative.prompt")[..30], answer[30..]);
        var resumed = await host.TypeAsync("ru", [Scripts.RussianStory, .. Scripts.Rest]);
        var report = await host.Reports.FindByReceiptAsync(Scripts.ReceiptCode().Match(resumed).Value);
        Assert.Equal(new TextAnswer(Scripts.RussianStory), report?.Answers["narrative"]);
    }

    [Theory]
    [InlineData("/cancel.", "cancelled")]
    [InlineData("/Cancel!", "cancelled")]
    [InlineData("/help?", "help.text_terminal")]
    public async Task ACommandTypedWithPunctuationAfterItIsTheCommand(string typed, string answer)
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;

        var output = await host.TypeAsync("en", "/report", "1", typed);

        Assert.Contains(texts.Get("en", answer), output);
        Assert.DoesNotContain(texts.Get("en", "chat.command_unknown"), output);
    }

    [Fact]
    public async Task AStoryPastedInSeveralLinesIsKeptWholeAndTheAnswersAfterItStillCount()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;
        string[] story =
        [
            "I went to the city hospital with pneumonia.",
            "They refused to give me methadone for three days.",
            "The doctor said they have no licence for it.",
        ];

        var output = await host.TypeAsync("en", [.. Scripts.UpToStory(story[0]), story[1], story[2], .. Scripts.Rest]);

        Assert.Contains(texts.Get("en", "text.added_line"), output);
        Assert.DoesNotContain(texts.Get("en", "error.choice.unknown"), output);
        var report = await host.Reports.FindByReceiptAsync(Scripts.ReceiptCode().Match(output).Value);
        Assert.Equal(new TextAnswer(string.Join("\n", story)), report?.Answers["narrative"]);
        Assert.Equal(new ChoicesAnswer(["missed_doses", "health_worse"]), report?.Answers["consequences"]);
    }

    [Fact]
    public async Task AStorySentTwiceIsKeptOnce()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);

        var output = await host.TypeAsync("en", [.. Scripts.UpToStory(Scripts.EnglishStory), Scripts.EnglishStory, .. Scripts.Rest]);

        var report = await host.Reports.FindByReceiptAsync(Scripts.ReceiptCode().Match(output).Value);
        Assert.Equal(new TextAnswer(Scripts.EnglishStory), report?.Answers["narrative"]);
    }

    [Fact]
    public async Task AStoryWhosePhoneWasHiddenSentTwiceIsKeptOnce()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        const string story = "Врач сказал звонить ему на +7 701 234 56 78, иначе дозу в больнице не дадут.";

        var output = await host.TypeAsync("ru", [.. Scripts.UpToStory(story), "1", story, .. Scripts.Rest]);

        var report = await host.Reports.FindByReceiptAsync(Scripts.ReceiptCode().Match(output).Value);
        var stored = Assert.IsType<TextAnswer>(report?.Answers["narrative"]).Text;
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(stored, "иначе дозу"));
        Assert.DoesNotContain("701", stored, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ru", "один")]
    [InlineData("en", "One")]
    [InlineData("kk", "бір")]
    public async Task ANumberTypedInWordsAtAPlaceQuestionIsNoPlaceName(string language, string typed)
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;

        var output = await host.TypeAsync(language, "1", "1", "1", "1", typed, "1");

        var told = output.IndexOf(texts.Get(language, "place.number_word"), StringComparison.Ordinal);
        Assert.True(told > 0, output);
        // The same question again, not the next one: nothing was taken as the place.
        Assert.Contains(texts.Get(language, "region.prompt")[..20], output[told..]);
    }

    [Fact]
    public async Task WhenTheInputEndsAtAQuestionTheMemberIsToldTheirAnswersAreKept()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;

        var ended = await host.TypeAsync("ru", "/report", "1", "1");
        var forgotten = await host.TypeAsync("ru", "/forget");

        Assert.Contains(texts.Get("ru", "chat.draft_kept"), ended);
        Assert.DoesNotContain(texts.Get("ru", "chat.draft_kept"), forgotten[forgotten.IndexOf(texts.Get("ru", "forget.terminal"), StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task WhenTheInputEndsBeforeTheFirstAnswerTheMemberIsNotToldAnswersAreKept()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;

        var output = (await host.TypeAsync("ru", "/status")).Replace("\r\n", "\n", StringComparison.Ordinal);

        Assert.DoesNotContain(texts.Get("ru", "chat.draft_kept"), output);
        // The goodbye stands below the question's prompt, not on its line.
        Assert.EndsWith("> \n" + texts.Get("ru", "chat.bye") + "\n", output);
    }
}
