using CommunityBot.Reports;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Channels;

/// <summary>What a member types at the terminal with their receipt code when they do not write commands with a slash:
/// the command's word in any of the bot's languages, a few everyday words, "отмена" where an addition waits.</summary>
public sealed class ReceiptWordsTerminalTests : IDisposable
{
    private static readonly CommunityBot.Conversations.TextCatalog Texts = ShippedFlow.Load().Texts;

    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private static async Task<(string Code, string Label)> SubmittedAsync(ChatHost host)
    {
        var submitted = await host.TypeAsync("ru", Scripts.WholeReport(Scripts.RussianStory));
        return (Scripts.ReceiptCode().Match(submitted).Value, Scripts.Label().Match(submitted).Value);
    }

    [Theory]
    [InlineData("ru", "статус {code}")]
    [InlineData("ru", "Статус: {code}")]
    [InlineData("ru", "мой статус {code}")]
    [InlineData("en", "status {lower}")]
    [InlineData("en", "check status {spaced}")]
    [InlineData("kk", "мәртебе {code}")]
    [InlineData("kk", "мартебе {spaced}")]
    public async Task TheStatusWordAndTheCodeWithoutASlashShowTheReport(string language, string typed)
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var (code, label) = await SubmittedAsync(host);

        var output = await host.TypeAsync(language, typed.Replace("{code}", code, StringComparison.Ordinal)
            .Replace("{lower}", code.ToLowerInvariant(), StringComparison.Ordinal)
            .Replace("{spaced}", code.Replace('-', ' ').ToLowerInvariant(), StringComparison.Ordinal));

        Assert.Contains(Texts.Get(language, "status.report", ("label", label), ("status", Texts.Get(language, "status.new")),
            ("date", host.Time.GetUtcNow().ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture))), output);
        Assert.DoesNotContain(Texts.Get(language, "error.choice.unknown"), output);
    }

    [Theory]
    [InlineData("удалить {code}")]
    [InlineData("удалить отчёт {code}")]
    [InlineData("delete {code}")]
    [InlineData("өшіру {code}")]
    public async Task TheDeleteWordAndTheCodeWithoutASlashDeleteTheReportAndSaySo(string typed)
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var (code, label) = await SubmittedAsync(host);

        var output = await host.TypeAsync("ru", typed.Replace("{code}", code, StringComparison.Ordinal));

        Assert.Contains(Texts.Get("ru", "delete.done", ("label", label)), output);
        Assert.Equal(ReportStatus.Withdrawn, (await host.Reports.FindByReceiptAsync(code))?.Status);
    }

    [Theory]
    [InlineData("добавить {code} Дозу так и не дали.")]
    [InlineData("дополнить {code}\nДозу так и не дали.")]
    [InlineData("add {lower} Дозу так и не дали.")]
    public async Task TheAddWordWithTheCodeAndTheTextWithoutASlashAddsIt(string typed)
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var (code, label) = await SubmittedAsync(host);

        var output = await host.TypeAsync("ru", typed.Replace("{code}", code, StringComparison.Ordinal)
            .Replace("{lower}", code.ToLowerInvariant(), StringComparison.Ordinal));

        Assert.Contains(Texts.Get("ru", "add.done", ("label", label)), output);
        Assert.Equal("Дозу так и не дали.", Assert.Single((await host.Reports.FindByReceiptAsync(code))!.Additions).Text);
    }

    [Theory]
    [InlineData("ru", "статус", "status.usage")]
    [InlineData("ru", "мой статус", "status.usage")]
    [InlineData("ru", "проверить статус", "status.usage")]
    [InlineData("ru", "удалить отчёт", "delete.usage")]
    [InlineData("ru", "добавить", "add.usage")]
    [InlineData("en", "check my status", "status.usage")]
    [InlineData("en", "delete my report", "delete.usage")]
    [InlineData("kk", "мәртебе", "status.usage")]
    public async Task AReceiptCommandAskedInWordsBeforeAnyAnswerIsToldHowToSendTheCode(string language, string typed, string usage)
    {
        await using var host = await ChatHost.StartAsync(_data.Path);

        var output = await host.TypeAsync(language, typed);

        Assert.Contains(Texts.Get(language, usage), output);
        Assert.DoesNotContain(Texts.Get(language, "error.choice.unknown"), output);
    }

    [Theory]
    [InlineData("ru", "отмена")]
    [InlineData("ru", "Отменить")]
    [InlineData("ru", "стоп")]
    [InlineData("en", "cancel")]
    [InlineData("kk", "болдырмау")]
    public async Task ACancelTypedWhereTheAdditionWaitsAddsNothingAndSaysSo(string language, string typed)
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var (code, label) = await SubmittedAsync(host);

        var output = await host.TypeAsync(language, "/add " + code, typed, "Это уже не дополнение, а ответ.");

        Assert.Contains(Texts.Get(language, "add.cancelled"), output);
        Assert.DoesNotContain(Texts.Get(language, "add.done", ("label", label)), output);
        Assert.Empty((await host.Reports.FindByReceiptAsync(code))!.Additions);
    }

    [Theory]
    [InlineData("/add")]
    [InlineData("добавить")]
    public async Task TheCodeSentAloneAfterAddWithoutItAsksForTheAdditionAndTakesIt(string add)
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var (code, label) = await SubmittedAsync(host);

        var output = await host.TypeAsync("ru", add, code.ToLowerInvariant(), "Дозу так и не дали.");

        Assert.Contains(Texts.Get("ru", "add.prompt", ("label", label)), output);
        Assert.Contains(Texts.Get("ru", "add.done", ("label", label)), output);
        Assert.Equal("Дозу так и не дали.", Assert.Single((await host.Reports.FindByReceiptAsync(code))!.Additions).Text);
    }

    [Fact]
    public async Task TheCodeSentAloneLaterThanRightAfterAddShowsTheStatus()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var (code, _) = await SubmittedAsync(host);

        var output = await host.TypeAsync("ru", "/add", "1", code);

        Assert.Contains(Texts.Get("ru", "status.new"), output);
        Assert.Empty((await host.Reports.FindByReceiptAsync(code))!.Additions);
    }

    [Theory]
    [InlineData("/add {code}")]
    [InlineData("/add {code} Дозу так и не дали.")]
    public async Task AnAdditionToADeletedReportIsToldTheReportWasDeletedNotThatTheCodeIsWrong(string typed)
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var (code, _) = await SubmittedAsync(host);
        await host.TypeAsync("ru", "/delete " + code);

        var output = await host.TypeAsync("ru", typed.Replace("{code}", code, StringComparison.Ordinal));

        Assert.Contains(Texts.Get("ru", "add.withdrawn"), output);
        Assert.DoesNotContain(Texts.Get("ru", "status.unknown"), output);
        Assert.Empty((await host.Reports.FindByReceiptAsync(code))!.Additions);
    }
}
