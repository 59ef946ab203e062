using CommunityBot.Conversations;
using CommunityBot.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CommunityBot.Tests.Conversations;

public sealed class DraftCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 12, 15, 42, 0, TimeSpan.Zero);

    [Fact]
    public void TheLeastRecentlyUsedDraftGoesFirstBeyondCapacity()
    {
        var cache = new DraftCache(2, TimeSpan.FromMinutes(15), new FakeTimeProvider(Now));
        cache.Put("a", Samples.State(Now));
        cache.Put("b", Samples.State(Now));
        Assert.True(cache.TryGet("a", out _));

        cache.Put("c", Samples.State(Now));

        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryGet("a", out _));
        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("c", out _));
    }

    [Fact]
    public void UsingADraftKeepsItInMemory()
    {
        var time = new FakeTimeProvider(Now);
        var cache = new DraftCache(10, TimeSpan.FromMinutes(15), time);
        cache.Put("a", Samples.State(Now));

        time.Advance(TimeSpan.FromMinutes(10));
        Assert.True(cache.TryGet("a", out _));
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.True(cache.TryGet("a", out _));
        time.Advance(TimeSpan.FromMinutes(16));

        Assert.False(cache.TryGet("a", out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void PuttingAgainReplacesTheDraft()
    {
        var cache = new DraftCache(10, TimeSpan.FromMinutes(15), new FakeTimeProvider(Now));
        var later = Samples.State(Now) with { StepId = "review" };
        cache.Put("a", Samples.State(Now));

        cache.Put("a", later);

        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGet("a", out var state));
        Assert.Same(later, state);
    }
}
