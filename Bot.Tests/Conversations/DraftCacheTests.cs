using CommunityBot.Conversations;
using CommunityBot.Privacy;
using CommunityBot.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CommunityBot.Tests.Conversations;

public sealed class DraftCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 12, 15, 42, 0, TimeSpan.Zero);

    [Fact]
    public void TheLeastRecentlyUsedDraftGoesFirstBeyondCapacity()
    {
        using var cache = new FadingMemory<string, ConversationState>(new FakeTimeProvider(Now), DraftStore.CacheIdleLimit, 2);
        cache.Set("a", Samples.State(Now));
        cache.Set("b", Samples.State(Now));
        Assert.True(cache.TryGet("a", out _));

        cache.Set("c", Samples.State(Now));

        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryGet("a", out _));
        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("c", out _));
    }

    [Fact]
    public void UsingADraftKeepsItInMemory()
    {
        var time = new FakeTimeProvider(Now);
        using var cache = DraftStore.NewCache(time);
        cache.Set("a", Samples.State(Now));

        time.Advance(TimeSpan.FromMinutes(10));
        Assert.True(cache.TryGet("a", out _));
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.True(cache.TryGet("a", out _));
        time.Advance(TimeSpan.FromMinutes(16));

        Assert.False(cache.TryGet("a", out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void ADraftLeftAloneIsForgottenAfterTheIdleLimitThoughNoMemberComesAlong()
    {
        var time = new FakeTimeProvider(Now);
        using var cache = DraftStore.NewCache(time);
        cache.Set("a", Samples.State(Now));

        time.Advance(DraftStore.CacheIdleLimit + TimeSpan.FromMinutes(1));

        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void PuttingAgainReplacesTheDraft()
    {
        using var cache = DraftStore.NewCache(new FakeTimeProvider(Now));
        var later = Samples.State(Now) with { StepId = "review" };
        cache.Set("a", Samples.State(Now));

        cache.Set("a", later);

        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGet("a", out var state));
        Assert.Same(later, state);
    }
}
