using System.Diagnostics.CodeAnalysis;

namespace CommunityBot.Privacy;

/// <summary>
/// What the bot must remember about a member between two of their messages (a receipt code awaiting an addition,
/// the report an answer is for, a refused message): in memory only, forgotten once unused for <c>lifetime</c>, and
/// never more than <c>capacity</c> entries (the least recently used go first). A timer sweeps it, so nothing waits
/// in a quiet process for the next member to come along: a seized running server holds only the last half hour.
/// </summary>
internal sealed class FadingMemory<TKey, TValue> : IDisposable
    where TKey : notnull
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private readonly int _capacity;
    private readonly Dictionary<TKey, LinkedListNode<Entry>> _entries;

    // Most recently used first, so the stale and the surplus are always at the end.
    private readonly LinkedList<Entry> _byUse = [];
    private readonly Lock _gate = new();
    private readonly ITimer _sweeper;

    public FadingMemory(TimeProvider time, TimeSpan lifetime, int capacity, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = time;
        _lifetime = lifetime;
        _capacity = capacity;
        _entries = new Dictionary<TKey, LinkedListNode<Entry>>(comparer);
        // A sweep a minute (or sooner for short lifetimes) keeps an entry at most a minute beyond its lifetime.
        var every = TimeSpan.FromTicks(Math.Min(lifetime.Ticks, SweepEvery.Ticks));
        _sweeper = time.CreateTimer(_ => Sweep(), null, every, every);
    }

    private static TimeSpan SweepEvery => TimeSpan.FromMinutes(1);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The value, if it is still remembered; reading it counts as a use.</summary>
    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node) && !Faded(node.Value, now))
            {
                node.Value.UsedOn = now;
                _byUse.Remove(node);
                _byUse.AddFirst(node);
                value = node.Value.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    public void Set(TKey key, TValue value)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_entries.Remove(key, out var old))
            {
                _byUse.Remove(old);
            }
            _entries[key] = _byUse.AddFirst(new Entry(key, value, now));
            Trim(now);
        }
    }

    /// <summary>Takes the value out, if it is still remembered.</summary>
    public bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_entries.Remove(key, out var node))
            {
                _byUse.Remove(node);
                if (!Faded(node.Value, now))
                {
                    value = node.Value.Value;
                    return true;
                }
            }
        }
        value = default;
        return false;
    }

    public void Remove(TKey key) => TryRemove(key, out _);

    /// <summary>Forgets what has not been used for its lifetime.</summary>
    public void Sweep()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            Trim(now);
        }
    }

    public void Dispose() => _sweeper.Dispose();

    private void Trim(DateTimeOffset now)
    {
        while (_byUse.Last is { } oldest && (_entries.Count > _capacity || Faded(oldest.Value, now)))
        {
            _byUse.RemoveLast();
            _entries.Remove(oldest.Value.Key);
        }
    }

    private bool Faded(Entry entry, DateTimeOffset now) => now - entry.UsedOn >= _lifetime;

    private sealed class Entry(TKey key, TValue value, DateTimeOffset usedOn)
    {
        public TKey Key { get; } = key;

        public TValue Value { get; } = value;

        public DateTimeOffset UsedOn { get; set; } = usedOn;
    }
}
