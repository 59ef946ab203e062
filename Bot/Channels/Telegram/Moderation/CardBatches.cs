using System.Security.Cryptography;

namespace CommunityBot.Channels.Telegram.Moderation;

/// <summary>
/// When owed cards go up. Each new report may not show before <c>min</c> has passed and should show by <c>max</c>;
/// the next batch is drawn at random within the window of the report that has waited longest, and takes every card
/// whose least wait is over by then. So moderators see cards arrive together at moments no report chose, and learn
/// at most that a report came in up to <c>max</c> earlier. Memory only: after a restart every owed card waits anew.
/// </summary>
/// <param name="pick">A random wait between zero and the given span (tests choose it).</param>
internal sealed class CardBatches(TimeProvider time, Func<TimeSpan, TimeSpan> pick, TimeSpan min, TimeSpan max)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, DateTimeOffset> _notBefore = [];
    private DateTimeOffset? _next;

    public CardBatches(TimeProvider time, ModerationOptions options)
        : this(time, RandomWait, options.CardDelayMin, options.CardDelayMax)
    {
    }

    public TimeProvider Time => time;

    /// <summary>How many cards wait for a batch.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _notBefore.Count;
            }
        }
    }

    /// <summary>A report's card is owed from now.</summary>
    public void Owe(Guid reportId)
    {
        lock (_gate)
        {
            _notBefore.TryAdd(reportId, time.GetUtcNow() + min);
            Schedule();
        }
    }

    /// <summary>The report went before its card did.</summary>
    public void Forget(Guid reportId)
    {
        lock (_gate)
        {
            _notBefore.Remove(reportId);
            if (_notBefore.Count == 0)
            {
                _next = null;
            }
        }
    }

    /// <summary>When the next batch goes up, or null when no card waits.</summary>
    public DateTimeOffset? Next
    {
        get
        {
            lock (_gate)
            {
                return _next;
            }
        }
    }

    /// <summary>The cards of the batch that is due now, if one is: each is taken once.</summary>
    public IReadOnlyList<Guid> TakeDue()
    {
        lock (_gate)
        {
            if (_next is not { } due || due > time.GetUtcNow())
            {
                return [];
            }
            List<Guid> batch = [.. _notBefore.Where(card => card.Value <= due).Select(card => card.Key)];
            batch.ForEach(id => _notBefore.Remove(id));
            _next = null;
            Schedule();
            return batch;
        }
    }

    /// <summary>Draws the next batch within the window of the card that has waited longest; called under the gate.</summary>
    private void Schedule()
    {
        if (_next is not null || _notBefore.Count == 0)
        {
            return;
        }
        var earliest = _notBefore.Values.Min();
        var now = time.GetUtcNow();
        _next = (earliest > now ? earliest : now) + pick(max - min);
    }

    /// <summary>Whole seconds from a source nobody outside can predict.</summary>
    private static TimeSpan RandomWait(TimeSpan longest) =>
        TimeSpan.FromSeconds(RandomNumberGenerator.GetInt32((int)Math.Min(longest.TotalSeconds, int.MaxValue - 1) + 1));
}
