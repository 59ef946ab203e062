using System.Globalization;
using CommunityBot.Channels.Console;
using CommunityBot.Conversations;
using CommunityBot.Privacy;
using CommunityBot.Storage;
using CommunityBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommunityBot.Tests.Conversations;

public sealed class MemberLimitsTests : IDisposable
{
    private const string Member = "telegram:987654321";

    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task ThreeReportsInAnHourPassTheFourthIsRefusedWithItsDraftKeptAtReviewAndGoesThroughAfterTheHour()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;
        for (var i = 0; i < 3; i++)
        {
            var output = await host.TypeAsync("ru", Scripts.WholeReport(Scripts.RussianStory));
            Assert.Matches(Scripts.ReceiptCode(), output);
        }

        var refused = await host.TypeAsync("ru", Scripts.WholeReport(Scripts.RussianStory));

        Assert.DoesNotMatch(Scripts.ReceiptCode(), refused);
        var notice = refused.IndexOf(texts.Get("ru", "limits.reports" + TerminalWording.Suffix, ("hours", "1")), StringComparison.Ordinal);
        Assert.True(notice >= 0, refused);
        Assert.Contains(texts.Get("ru", "review.prompt"), refused[notice..]);
        Assert.Equal(3, await StoredReportsAsync(host));

        host.Time.Advance(TimeSpan.FromHours(1));
        var later = await host.TypeAsync("ru", "1");

        Assert.Contains(texts.Get("ru", "draft.resumed"), later);
        Assert.Matches(Scripts.ReceiptCode(), later);
        Assert.Equal(4, await StoredReportsAsync(host));
    }

    [Fact]
    public async Task TheLimitSurvivesARestartOfTheHost()
    {
        await using (var host = await ChatHost.StartAsync(_data.Path))
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.Matches(Scripts.ReceiptCode(), await host.TypeAsync("en", Scripts.WholeReport(Scripts.EnglishStory)));
            }
        }

        await using var restarted = await ChatHost.StartAsync(_data.Path, ShippedFlow.Now.AddMinutes(20));
        var refused = await restarted.TypeAsync("en", Scripts.WholeReport(Scripts.EnglishStory));

        Assert.DoesNotMatch(Scripts.ReceiptCode(), refused);
        Assert.Contains(ShippedFlow.Load().Texts.Get("en", "limits.reports" + TerminalWording.Suffix, ("hours", "1")), refused);
    }

    [Fact]
    public async Task TenAdditionsAnHourAreStoredAndTheEleventhIsRefusedWithAskingToSendItLater()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;
        var code = Scripts.ReceiptCode().Match(await host.TypeAsync("en", Scripts.WholeReport(Scripts.EnglishStory))).Value;

        var output = await host.TypeAsync("en", [.. Enumerable.Range(1, 11).Select(i => $"/add {code} detail number {i}")]);

        var report = await host.Reports.FindByReceiptAsync(code);
        Assert.Equal(10, report?.Additions.Length);
        Assert.Contains(texts.Get("en", "limits.additions", ("hours", "1")), output);
        Assert.DoesNotContain(report?.Additions ?? [], addition => addition.Text.Contains("number 11", StringComparison.Ordinal));

        host.Time.Advance(TimeSpan.FromHours(1));
        await host.TypeAsync("en", $"/add {code} detail number 11");
        Assert.Equal(11, (await host.Reports.FindByReceiptAsync(code))?.Additions.Length);
    }

    [Fact]
    public async Task TenReportsADayPassTheEleventhWaitsUntilTheFirstIsADayOld()
    {
        using var stores = new TestStores(_data);
        var limits = Limits(stores);
        for (var i = 0; i < 10; i++)
        {
            Assert.NotNull(await SubmitAsync(stores, limits));
            if (i % 3 == 2)
            {
                stores.Time.Advance(TimeSpan.FromHours(1));
            }
        }

        var check = await limits.CheckAsync(Member, LimitedAction.Reports);
        Assert.Null(await stores.Reports.SubmitWithinLimitAsync(await stores.DraftKeyAsync(Member), Samples.Report(), check));

        // The first three were counted in the hour 15:00; the limit lifts when that hour is a day old.
        Assert.Equal(new DateTimeOffset(2026, 3, 13, 15, 0, 0, TimeSpan.Zero), check.BlockedUntil);
        Assert.Equal("21", check.HoursLeft);
        stores.Time.SetUtcNow(new DateTimeOffset(2026, 3, 13, 14, 59, 0, TimeSpan.Zero));
        Assert.Null(await SubmitAsync(stores, limits));
        stores.Time.SetUtcNow(new DateTimeOffset(2026, 3, 13, 15, 0, 0, TimeSpan.Zero));
        Assert.NotNull(await SubmitAsync(stores, limits));
    }

    [Fact]
    public async Task TheCountersAreGoneOnceTheirPeriodKeyIsDestroyed()
    {
        using var stores = new TestStores(_data);
        var limits = Limits(stores);
        for (var i = 0; i < 3; i++)
        {
            await SubmitAsync(stores, limits);
        }
        Assert.Equal(1, await CountersAsync(stores));
        var period = PeriodKeys.PeriodAt(PeriodPurpose.Limits, stores.Time.GetUtcNow());

        Assert.Equal(0, await limits.DestroyOldKeysAsync());
        stores.Time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(9));
        Assert.Equal(1, await limits.DestroyOldKeysAsync());

        Assert.Equal(0, await CountersAsync(stores));
        var keys = await stores.Database.RunAsync(db => db.GetCollection("period_keys").FindAll().Select(document => document["_id"].AsString).ToList());
        Assert.DoesNotContain("limits/" + period.ToString(CultureInfo.InvariantCulture), keys);
    }

    [Fact]
    public async Task ACounterMovesToTheNewDaysKeyAndStillCountsAcrossMidnight()
    {
        using var stores = new TestStores(_data);
        var limits = Limits(stores);
        stores.Time.SetUtcNow(new DateTimeOffset(2026, 3, 12, 23, 10, 0, TimeSpan.Zero));
        for (var i = 0; i < 3; i++)
        {
            Assert.NotNull(await SubmitAsync(stores, limits));
        }
        stores.Time.SetUtcNow(new DateTimeOffset(2026, 3, 13, 0, 5, 0, TimeSpan.Zero));
        for (var i = 0; i < 3; i++)
        {
            Assert.NotNull(await SubmitAsync(stores, limits));
        }

        Assert.Equal(1, await CountersAsync(stores));
        stores.Time.SetUtcNow(new DateTimeOffset(2026, 3, 13, 1, 5, 0, TimeSpan.Zero));
        await SubmitAsync(stores, limits);
        Assert.Equal(7, (await stores.Database.RunAsync(db => db.GetCollection("member_limits").FindAll().Single()["reports"].AsArray.Count)));
    }

    [Fact]
    public async Task TheRawDatabaseHoldsNoMemberIdAndNoTimeFinerThanTheHour()
    {
        using var stores = new TestStores(_data);
        var limits = Limits(stores);
        await SubmitAsync(stores, limits);

        await stores.Database.RunAsync(db => db.Checkpoint());
        var raw = stores.RawBytes();
        Assert.False(RawBytes.Contain(raw, "987654321"));
        Assert.False(RawBytes.Contain(raw, Member));
        var hours = await stores.Database.RunAsync(db => db.GetCollection("member_limits").FindAll().Single()["reports"].AsArray.Select(hour => hour.AsInt64).ToList());
        Assert.Equal([new DateTimeOffset(2026, 3, 12, 15, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds() / 3600], hours);
    }

    private static MemberLimits Limits(TestStores stores) =>
        new(stores.Database, stores.PeriodKeys, stores.Time, Options.Create(new IntakeOptions()));

    private static async Task<CommunityBot.Reports.SubmittedReport?> SubmitAsync(TestStores stores, MemberLimits limits) =>
        await stores.Reports.SubmitWithinLimitAsync(await stores.DraftKeyAsync(Member), Samples.Report(),
            await limits.CheckAsync(Member, LimitedAction.Reports));

    private static Task<int> CountersAsync(TestStores stores) =>
        stores.Database.RunAsync(db => db.GetCollection("member_limits").Count());

    private static Task<int> StoredReportsAsync(ChatHost host) =>
        host.Services.GetRequiredService<Database>().RunAsync(db => db.GetCollection("reports").Count());
}
