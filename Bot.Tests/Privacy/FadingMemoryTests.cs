using CommunityBot.Conversations;
using CommunityBot.Privacy;
using CommunityBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CommunityBot.Tests.Privacy;

public sealed class FadingMemoryTests : IDisposable
{
    private static readonly TimeSpan HalfAnHour = TimeSpan.FromMinutes(30);
    private readonly FakeTimeProvider _time = new(ShippedFlow.Now);
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void AnEntryLeftAloneIsSweptAwayByTheTimerWithoutAnyoneComingBack()
    {
        using var memory = new FadingMemory<string, string>(_time, HalfAnHour, 100, StringComparer.Ordinal);
        memory.Set("member", "7K3QXM2P4HNA9TWE");

        _time.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(1, memory.Count);
        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(0, memory.Count);
        Assert.False(memory.TryGet("member", out _));
    }

    [Fact]
    public void AnEntryInUseStaysAndFadesHalfAnHourAfterItsLastUse()
    {
        using var memory = new FadingMemory<long, Guid>(_time, HalfAnHour, 100);
        var report = Guid.NewGuid();
        memory.Set(42, report);

        _time.Advance(TimeSpan.FromMinutes(20));
        Assert.True(memory.TryGet(42, out _));
        _time.Advance(TimeSpan.FromMinutes(20));
        Assert.True(memory.TryGet(42, out var kept));
        Assert.Equal(report, kept);
        _time.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(0, memory.Count);
    }

    [Fact]
    public void AFloodOfMembersKeepsOnlyTheMostRecentlyUsedWithinTheBound()
    {
        using var memory = new FadingMemory<string, int>(_time, HalfAnHour, 3, StringComparer.Ordinal);
        memory.Set("a", 1);
        memory.Set("b", 2);
        memory.Set("c", 3);
        Assert.True(memory.TryGet("a", out _));

        memory.Set("d", 4);
        memory.Set("e", 5);

        Assert.Equal(3, memory.Count);
        Assert.True(memory.TryGet("a", out _));
        Assert.False(memory.TryGet("b", out _));
        Assert.False(memory.TryGet("c", out _));
    }

    [Fact]
    public void TakingAnEntryOutLeavesNothingBehind()
    {
        using var memory = new FadingMemory<string, string>(_time, HalfAnHour, 10, StringComparer.Ordinal);
        memory.Set("member", "code");

        Assert.True(memory.TryRemove("member", out var code));
        Assert.Equal("code", code);
        Assert.False(memory.TryRemove("member", out _));
        Assert.Equal(0, memory.Count);
    }

    [Fact]
    public async Task AReceiptCodeWaitingForAnAdditionIsForgottenHalfAnHourLaterEvenIfTheMemberNeverWritesAgain()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var submitted = await host.TypeAsync("ru", Scripts.WholeReport(Scripts.RussianStory));
        var code = Scripts.ReceiptCode().Match(submitted).Value;
        var receipts = host.Services.GetRequiredService<ReceiptCommands>();

        await host.TypeAsync("ru", "/add " + code);
        Assert.Equal(1, receipts.AdditionsWaiting);
        host.Time.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(0, receipts.AdditionsWaiting);
    }
}
