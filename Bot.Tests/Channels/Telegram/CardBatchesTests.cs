using System.ComponentModel.DataAnnotations;
using CommunityBot.Channels.Telegram.Moderation;
using Microsoft.Extensions.Time.Testing;

namespace CommunityBot.Tests.Channels.Telegram;

public sealed class CardBatchesTests
{
    private static readonly TimeSpan Min = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(60);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void NoCardGoesUpBeforeItsLeastWaitAndEveryCardWhoseWaitIsOverGoesInTheSameBatch()
    {
        var batches = new CardBatches(_time, span => span / 3, Min, Max);
        Guid first = Guid.NewGuid(), second = Guid.NewGuid(), late = Guid.NewGuid();

        batches.Owe(first);
        _time.Advance(TimeSpan.FromMinutes(10));
        batches.Owe(second);
        _time.Advance(TimeSpan.FromMinutes(16));
        batches.Owe(late);
        var early = batches.TakeDue();
        _time.Advance(TimeSpan.FromMinutes(4));
        var batch = batches.TakeDue();

        // Due at 15 + 45 / 3 = 30 minutes after the first report; the second's least wait (25) is over by then.
        Assert.Empty(early);
        Assert.Equal(new[] { first, second }.Order(), batch.Order());
        Assert.Equal(1, batches.Waiting);
    }

    [Fact]
    public void EachCardGoesUpWithinItsWindowWhateverTheDiceSay()
    {
        foreach (var share in new[] { 0.0, 0.5, 1.0 })
        {
            var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.Zero));
            var batches = new CardBatches(time, span => span * share, Min, Max);
            var owed = new Dictionary<Guid, DateTimeOffset>();
            var posted = new Dictionary<Guid, DateTimeOffset>();
            for (var minute = 0; minute < 300; minute++)
            {
                if (minute % 7 == 0 && minute < 200)
                {
                    var id = Guid.NewGuid();
                    owed[id] = time.GetUtcNow();
                    batches.Owe(id);
                }
                foreach (var id in batches.TakeDue())
                {
                    posted[id] = time.GetUtcNow();
                }
                time.Advance(TimeSpan.FromMinutes(1));
            }

            Assert.Equal(owed.Keys.Order(), posted.Keys.Order());
            Assert.All(owed, card => Assert.InRange(posted[card.Key] - card.Value, Min, Max + TimeSpan.FromMinutes(1)));
        }
    }

    [Fact]
    public void ADelayWindowThatEndsBeforeItStartsIsRefused()
    {
        var options = new ModerationOptions { CardDelayMin = TimeSpan.FromMinutes(30), CardDelayMax = TimeSpan.FromMinutes(10) };

        var results = new List<ValidationResult>();
        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains(results, r => r.MemberNames.Contains(nameof(ModerationOptions.CardDelayMax)));
        var zero = new ModerationOptions { CardDelayMin = TimeSpan.Zero, CardDelayMax = TimeSpan.Zero };
        Assert.True(Validator.TryValidateObject(zero, new ValidationContext(zero), [], validateAllProperties: true));
    }
}
