namespace CommunityBot.Storage;

/// <summary>
/// A set of 64-bit fingerprints, each with how many times it was added, in one array: about 12 bytes a fingerprint
/// where a dictionary of them took about 50 (a node object each, with its header, hash and link). The update markers of
/// 48 hours are hundreds of thousands of them on a busy bot (<see cref="HandledMarkers"/>). Open addressing with linear
/// probing and backward-shift deletion, so no slot is ever left marked deleted; a fingerprint added more than once (rare)
/// keeps its extra count beside the table. Safe for any number of readers beside one writer at a time.
/// </summary>
internal sealed class FingerprintSet
{
    private const int SmallestCapacity = 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<long, int> _extra = [];
    private long[] _slots = new long[SmallestCapacity];
    private int _count;

    /// <summary>How many different fingerprints are held.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>How many slots the table has now (for tests: it grows and shrinks with the count).</summary>
    internal int Capacity
    {
        get
        {
            lock (_gate)
            {
                return _slots.Length;
            }
        }
    }

    public bool Contains(long fingerprint)
    {
        var key = Key(fingerprint);
        lock (_gate)
        {
            return Find(_slots, key) >= 0;
        }
    }

    /// <summary>Adds one copy of <paramref name="fingerprint"/>.</summary>
    public void Add(long fingerprint)
    {
        var key = Key(fingerprint);
        lock (_gate)
        {
            if (Find(_slots, key) >= 0)
            {
                _extra[key] = _extra.GetValueOrDefault(key) + 1;
                return;
            }
            if ((_count + 1) * 10L > _slots.Length * 7L)
            {
                Resize(_slots.Length * 2);
            }
            Place(_slots, key);
            _count++;
        }
    }

    /// <summary>Takes one copy of <paramref name="fingerprint"/> away; the fingerprint goes with its last copy.</summary>
    public void Remove(long fingerprint)
    {
        var key = Key(fingerprint);
        lock (_gate)
        {
            var slot = Find(_slots, key);
            if (slot < 0)
            {
                return;
            }
            if (_extra.TryGetValue(key, out var extra))
            {
                if (extra > 1)
                {
                    _extra[key] = extra - 1;
                }
                else
                {
                    _extra.Remove(key);
                }
                return;
            }
            Vacate(_slots, slot);
            _count--;
            if (_slots.Length > SmallestCapacity && _count * 8L < _slots.Length)
            {
                Resize(_slots.Length / 2);
            }
        }
    }

    // 0 marks an empty slot, so a fingerprint of 0 is held as 1: two fingerprints in 2^64 taken for one.
    private static long Key(long fingerprint) => fingerprint == 0 ? 1 : fingerprint;

    // The fingerprints are hashes already; the multiply spreads any that are not over the table all the same.
    private static int Home(long[] slots, long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> (64 - System.Numerics.BitOperations.Log2((uint)slots.Length)));

    private static int Find(long[] slots, long key)
    {
        var mask = slots.Length - 1;
        for (var i = Home(slots, key); ; i = (i + 1) & mask)
        {
            var held = slots[i];
            if (held == key)
            {
                return i;
            }
            if (held == 0)
            {
                return -1;
            }
        }
    }

    private static void Place(long[] slots, long key)
    {
        var mask = slots.Length - 1;
        var i = Home(slots, key);
        while (slots[i] != 0)
        {
            i = (i + 1) & mask;
        }
        slots[i] = key;
    }

    /// <summary>Empties <paramref name="slot"/> and moves back the fingerprints after it that would no longer be found.</summary>
    private static void Vacate(long[] slots, int slot)
    {
        var mask = slots.Length - 1;
        var hole = slot;
        for (var i = (slot + 1) & mask; slots[i] != 0; i = (i + 1) & mask)
        {
            // A fingerprint may move back into the hole only if its home is not between the hole and where it is
            // (cyclically): otherwise a search from its home would stop at the hole before reaching it.
            var home = Home(slots, slots[i]);
            var stays = hole <= i ? home > hole && home <= i : home > hole || home <= i;
            if (!stays)
            {
                slots[hole] = slots[i];
                hole = i;
            }
        }
        slots[hole] = 0;
    }

    private void Resize(int capacity)
    {
        var slots = new long[capacity];
        foreach (var key in _slots)
        {
            if (key != 0)
            {
                Place(slots, key);
            }
        }
        _slots = slots;
    }
}
