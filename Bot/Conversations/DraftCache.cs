using System.Diagnostics.CodeAnalysis;

namespace CommunityBot.Conversations;

/// <summary>
/// The drafts used lately, already decrypted, so that a member's next answer does not read back and decrypt
/// what this process wrote a moment ago. It is never the truth: the store writes every change through before
/// (and only after its commit) it lands here, and a miss simply reads the store. Entries go when their draft is
/// deleted, submitted or purged, when they have not been used for <c>idleLimit</c> (a story should not sit in
/// memory in clear for a member who went away) and, least recently used first, beyond <c>capacity</c>.
/// </summary>
internal sealed class DraftCache(int capacity, TimeSpan idleLimit, TimeProvider time)
{
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);

    // Most recently used first, so the stale and the surplus are always at the end.
    private readonly LinkedList<Entry> _byUse = [];
    private readonly Lock _gate = new();

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

    public bool TryGet(string pseudonym, [NotNullWhen(true)] out ConversationState? state)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            Trim(now);
            if (_entries.TryGetValue(pseudonym, out var node))
            {
                node.Value.UsedOn = now;
                _byUse.Remove(node);
                _byUse.AddFirst(node);
                state = node.Value.State;
                return true;
            }
        }
        state = null;
        return false;
    }

    public void Put(string pseudonym, ConversationState state)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_entries.Remove(pseudonym, out var old))
            {
                _byUse.Remove(old);
            }
            _entries[pseudonym] = _byUse.AddFirst(new Entry(pseudonym, state, now));
            Trim(now);
        }
    }

    public void Remove(string pseudonym)
    {
        lock (_gate)
        {
            if (_entries.Remove(pseudonym, out var node))
            {
                _byUse.Remove(node);
            }
        }
    }

    /// <summary>Drops the entries that have not been used for the idle limit.</summary>
    public void Trim()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            Trim(now);
        }
    }

    private void Trim(DateTimeOffset now)
    {
        while (_byUse.Last is { } last && (_entries.Count > capacity || now - last.Value.UsedOn > idleLimit))
        {
            _byUse.RemoveLast();
            _entries.Remove(last.Value.Pseudonym);
        }
    }

    private sealed class Entry(string pseudonym, ConversationState state, DateTimeOffset usedOn)
    {
        public string Pseudonym { get; } = pseudonym;

        public ConversationState State { get; } = state;

        public DateTimeOffset UsedOn { get; set; } = usedOn;
    }
}
