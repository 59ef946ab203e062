using CommunityBot.Storage;
using CsCheck;

namespace CommunityBot.Tests.Storage;

public sealed class FingerprintSetTests
{
    [Fact]
    public void AnySequenceOfAddsAndRemovesHoldsWhatACountingDictionaryHolds()
    {
        // Few distinct values, so that adds of a value already held, removes of one not held and long probe runs
        // (with deletions inside them) all happen; and some values near 0 and the extremes.
        var value = Gen.OneOf(Gen.Long[-40, 40], Gen.Long.Select(v => v | 1), Gen.Const(0L), Gen.Const(long.MinValue), Gen.Const(long.MaxValue));
        var step = Gen.Select(Gen.Bool, value);
        step.Array[0, 3000].Sample(steps =>
        {
            var set = new FingerprintSet();
            var expected = new Dictionary<long, int>();
            foreach (var (add, fingerprint) in steps)
            {
                // 0 is held as 1 (the table's empty mark): the two count as one fingerprint.
                var key = fingerprint == 0 ? 1 : fingerprint;
                if (add)
                {
                    set.Add(fingerprint);
                    expected[key] = expected.GetValueOrDefault(key) + 1;
                }
                else
                {
                    set.Remove(fingerprint);
                    if (expected.TryGetValue(key, out var count))
                    {
                        if (count > 1)
                        {
                            expected[key] = count - 1;
                        }
                        else
                        {
                            expected.Remove(key);
                        }
                    }
                }
            }
            Assert.Equal(expected.Count, set.Count);
            Assert.All(expected.Keys, key => Assert.True(set.Contains(key)));
            Assert.All(steps, s => Assert.Equal(expected.ContainsKey(s.Item2 == 0 ? 1 : s.Item2), set.Contains(s.Item2)));
        }, iter: 300);
    }

    [Fact]
    public void HundredsOfThousandsOfFingerprintsGrowTheTableAndItShrinksAsTheyGo()
    {
        var random = new Random(20261203);
        var fingerprints = Enumerable.Range(0, 300_000).Select(_ => random.NextInt64(long.MinValue, long.MaxValue)).Distinct().ToArray();
        var set = new FingerprintSet();
        var empty = set.Capacity;

        foreach (var fingerprint in fingerprints)
        {
            set.Add(fingerprint);
        }
        var full = set.Capacity;
        foreach (var fingerprint in fingerprints.Take(fingerprints.Length - 100))
        {
            set.Remove(fingerprint);
        }

        Assert.Equal(100, set.Count);
        Assert.True(full >= fingerprints.Length * 10 / 7, $"{full} slots for {fingerprints.Length}");
        Assert.Equal(empty, set.Capacity);
        Assert.All(fingerprints.TakeLast(100), fingerprint => Assert.True(set.Contains(fingerprint)));
        Assert.DoesNotContain(fingerprints.Take(1000), set.Contains);
    }

    [Fact]
    public async Task ReadersOnOtherThreadsAlwaysFindWhatWasAddedBeforeAndNeverWhatNeverWas()
    {
        var set = new FingerprintSet();
        var kept = Enumerable.Range(1, 2000).Select(i => (long)i * 7919).ToArray();
        foreach (var fingerprint in kept)
        {
            set.Add(fingerprint);
        }
        using var stop = new CancellationTokenSource();
        var wrong = 0;
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var fingerprint in kept)
                {
                    if (!set.Contains(fingerprint) || set.Contains(fingerprint + (1L << 40)))
                    {
                        Interlocked.Increment(ref wrong);
                    }
                }
            }
        })).ToArray();

        // The writer grows and shrinks the table under the readers many times over.
        for (var round = 0; round < 20; round++)
        {
            // Negative, so none is one of those kept; none is a kept one moved by 2^40 either.
            var passing = Enumerable.Range(0, 5000).Select(i => -((long)(round * 100_000 + i) * 104729 + 1)).ToArray();
            foreach (var fingerprint in passing)
            {
                set.Add(fingerprint);
            }
            foreach (var fingerprint in passing)
            {
                set.Remove(fingerprint);
            }
        }
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.Equal(0, wrong);
        Assert.Equal(kept.Length, set.Count);
    }
}
