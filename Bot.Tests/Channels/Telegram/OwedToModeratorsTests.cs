using System.Text;
using CommunityBot.Reports;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>What the moderators must see about a report after its card (additions, answers, a deletion) is owed in
/// the store and reaches them in order, once, across stops, and within Telegram's rates however much piles up.</summary>
public sealed class OwedToModeratorsTests(ITestOutputHelper output) : TelegramScenario
{
    private static readonly Dictionary<string, string?> NoModerators = new() { ["Telegram:ModeratorsChatId"] = null };

    private async Task<(string Label, string Code, int Card)> ReportWithCardAsync(long userId)
    {
        // The group is there before the card is sent to it.
        var moderators = Server.Group(TelegramBotHost.ModeratorsChatId, "Модераторы");
        var member = await MemberAtCategoryAsync(userId);
        var receipt = await ReportFromCategoryAsync(member, followUp: false, "Три дня не давали метадон в стационаре.");
        var label = Scripts.Label().Match(receipt.Text ?? "").Value;
        var code = Scripts.ReceiptCode().Match(string.Join("\n", member.Replies.Select(m => m.Text))).Value;
        var card = await moderators.WaitForReplyAsync(m => m.Text?.StartsWith(label, StringComparison.Ordinal) == true);
        return (label, code, card.MessageId);
    }

    private IReadOnlyList<BotMessage> ModeratorsSee(string phrase) =>
        [.. Server.SentMessages(TelegramBotHost.ModeratorsChatId).Where(m => m.Text?.Contains(phrase, StringComparison.Ordinal) == true)];

    private static Task<int> OwedAsync(TelegramBotHost bot) => bot.Services.GetRequiredService<OwedEvents>().CountAsync();

    [Fact]
    public async Task WhatWasOwedWhenTheServiceStoppedIsPostedOnceAndInOrderAtTheNextStart()
    {
        string code;
        int card;
        await using (var first = await StartBotAsync())
        {
            (_, code, card) = await ReportWithCardAsync(732100);
        }
        await using (var second = await StartBotAsync(NoModerators))
        {
            // The moderators' group cannot be reached: the additions stay owed, as after a crash or a long outage.
            Assert.NotNull(await second.Reports.AddInformationAsync(code, "Первое дополнение канарейка."));
            Assert.NotNull(await second.Reports.AddInformationAsync(code, "Второе дополнение канарейка."));
            Assert.Equal(2, await OwedAsync(second));
        }
        // What waits to be posted is encrypted like every other free text.
        foreach (var file in Directory.EnumerateFiles(Data.Path, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain("дополнение канарейка", Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)), StringComparison.Ordinal);
        }

        await using (var third = await StartBotAsync())
        {
            await EventuallyAsync(() => ModeratorsSee("Второе дополнение").Any(m => m.MessageId != card), "the second addition never reached the moderators");
            await EventuallyAsync(() => OwedAsync(third).GetAwaiter().GetResult() == 0, "an addition is still owed after it was posted");
        }
        await using (var fourth = await StartBotAsync())
        {
            await Server.WaitUntilIdleAsync();
        }

        // The card shows the additions too; the replies under it are what was owed.
        var firstAddition = Assert.Single(ModeratorsSee("Первое дополнение"), m => m.MessageId != card);
        var secondAddition = Assert.Single(ModeratorsSee("Второе дополнение"), m => m.MessageId != card);
        Assert.True(firstAddition.MessageId < secondAddition.MessageId, "the additions came out of order");
        Assert.Equal(card, firstAddition.ReplyToMessageId);
        Assert.Equal(card, secondAddition.ReplyToMessageId);
    }

    [Fact]
    public async Task ACardUnderWayWhenTheServiceStopsIsKeptAsPostedAndNotPostedAgainAtTheNextStart()
    {
        var moderators = Server.Group(TelegramBotHost.ModeratorsChatId, "Модераторы");
        string label;
        var first = await StartBotAsync();
        try
        {
            Server.HoldSends(TelegramBotHost.ModeratorsChatId);
            var member = await MemberAtCategoryAsync(732400);
            var receipt = await ReportFromCategoryAsync(member, followUp: false, "Три дня не давали метадон в стационаре.");
            label = Scripts.Label().Match(receipt.Text ?? "").Value;
            // Telegram has the card (the moderators may see it) but its answer has not come back when the stop begins.
            await EventuallyAsync(() => CardCalls(label) == 1, "the card was never sent");
            var stopping = first.DisposeAsync().AsTask();
            await Task.Delay(500);
            Server.ReleaseSends(TelegramBotHost.ModeratorsChatId);
            await stopping;
        }
        finally
        {
            Server.ReleaseSends(TelegramBotHost.ModeratorsChatId);
            await first.DisposeAsync();
        }

        await using (var second = await StartBotAsync())
        {
            // Whatever is still owed goes up in its batch within seconds of the start.
            var cards = second.Services.GetRequiredService<ReportCards>();
            await EventuallyAsync(() => cards.OwedAsync().GetAwaiter().GetResult().Count == 0, "a card is still owed");
            await Server.WaitUntilIdleAsync();
        }

        Assert.Equal(1, CardCalls(label));
        Assert.NotNull(moderators);
    }

    private int CardCalls(string label) => Server.Calls("sendMessage")
        .Count(c => c.ChatId == TelegramBotHost.ModeratorsChatId && c.Parameters["text"]?.ToString()?.Contains(label, StringComparison.Ordinal) == true);

    [Fact]
    public async Task WhatADeletedReportStillOwedIsNeverPosted()
    {
        string label, code;
        await using (var first = await StartBotAsync())
        {
            (label, code, _) = await ReportWithCardAsync(732200);
        }
        await using (var second = await StartBotAsync(NoModerators))
        {
            Assert.NotNull(await second.Reports.AddInformationAsync(code, "Деталь, которую участница потом удалила."));
            Assert.NotNull(await second.Reports.WithdrawAsync(code));
            // Only the note of the deletion is left to post.
            Assert.Equal(1, await OwedAsync(second));
        }

        await using (var third = await StartBotAsync())
        {
            var withdrawn = Texts.Get("ru", "mod.withdrawn", ("label", label));
            await EventuallyAsync(() => ModeratorsSee(withdrawn).Count > 0, "the moderators were not told of the deletion");
            await EventuallyAsync(() => OwedAsync(third).GetAwaiter().GetResult() == 0, "the deletion is still owed after it was posted");
        }

        // Nor does the emptied card show it.
        Assert.Empty(ModeratorsSee("Деталь, которую участница"));
    }

    [Fact]
    public async Task ABurstOfAThousandOwedAdditionsIsPostedInOrderThroughTheLimiterAndNoneIsLost()
    {
        const int Burst = 1000;
        const int PerSecond = 100;
        string code;
        int card;
        await using (var first = await StartBotAsync())
        {
            (_, code, card) = await ReportWithCardAsync(732300);
        }
        await using (var second = await StartBotAsync(NoModerators))
        {
            for (var i = 0; i < Burst; i++)
            {
                Assert.NotNull(await second.Reports.AddInformationAsync(code, $"Дополнение номер {i:D4}."));
            }
        }

        await using (var third = await StartBotAsync(new Dictionary<string, string?>
        {
            ["Telegram:Rates:PerChatPerSecond"] = PerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Telegram:Rates:PerGroupPerMinute"] = (PerSecond * 60).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Telegram:Rates:GlobalPerSecond"] = PerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }))
        {
            // Drained means nothing is owed any more; a pause in sending on a loaded machine is not the end.
            var deadline = DateTime.UtcNow.AddMinutes(5);
            while (await OwedAsync(third) > 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
            Assert.Equal(0, await OwedAsync(third));
            await Server.WaitUntilIdleAsync(TimeSpan.FromSeconds(90), quietPeriod: TimeSpan.FromSeconds(3));
        }

        var posted = ModeratorsSee("Дополнение номер").Where(m => m.ReplyToMessageId == card).OrderBy(m => m.MessageId).ToList();
        Assert.Equal([.. Enumerable.Range(0, Burst).Select(i => $"Дополнение номер {i:D4}.")],
            [.. posted.Select(m => (m.Text ?? "").Split('\n')[^1])]);
        var times = Server.Calls("sendMessage").Concat(Server.Calls("editMessageText"))
            .Where(c => c.ChatId == TelegramBotHost.ModeratorsChatId)
            .Select(c => c.ReceivedAt).Order().ToList();
        Assert.True(times.Count >= Burst, $"only {times.Count} calls reached the moderators' group");
        output.WriteLine($"{times.Count} calls to the moderators' group in {(times[^1] - times[0]).TotalSeconds:0.0} s");
        // The pace itself is the rate limiter's, proven on a fake clock in its own tests; here the machine's
        // scheduling moves arrival times, so the busiest second is printed rather than asserted.
        var busiest = Enumerable.Range(0, times.Count).Max(i => times.Skip(i).TakeWhile(t => t - times[i] < TimeSpan.FromSeconds(1)).Count());
        output.WriteLine($"busiest second: {busiest} calls (limit {PerSecond})");
    }
}
