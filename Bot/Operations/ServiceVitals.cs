namespace CommunityBot.Operations;

/// <summary>
/// How the running service is doing, for the operator's health check and metrics: counts since start and the time of
/// the last contact with Telegram. Nothing in it can be tied to a person: no ids, no labels, only totals and times
/// of the service's own polls. Each place that does the work adds to it with one call.
/// </summary>
internal sealed class ServiceVitals(TimeProvider time)
{
    private const long Never = long.MinValue;

    private long _updates;
    private long _reports;
    private long _sends;
    private long _tooMany;
    private long _errors;
    private long _lastPoll = Never;
    private long _lastContact = Never;

    // The update being handled on this flow of work, when its handler wants to know whether Telegram let it down.
    private readonly AsyncLocal<GivenUp?> _watching = new();

    /// <summary>A poll of Telegram's getUpdates came back.</summary>
    public void Polled()
    {
        var now = time.GetUtcNow().UtcTicks;
        Volatile.Write(ref _lastPoll, now);
        Volatile.Write(ref _lastContact, now);
    }

    /// <summary>An update was taken to be handled (one Telegram delivers again while it is in hand counts once).</summary>
    public void UpdateTaken() => Interlocked.Increment(ref _updates);

    /// <summary>Telegram took a message, an edit, a file or a deletion.</summary>
    public void Sent()
    {
        Interlocked.Increment(ref _sends);
        Volatile.Write(ref _lastContact, time.GetUtcNow().UtcTicks);
    }

    /// <summary>Telegram answered 429 (too many requests).</summary>
    public void TooMany()
    {
        Interlocked.Increment(ref _tooMany);
        Volatile.Write(ref _lastContact, time.GetUtcNow().UtcTicks);
    }

    /// <summary>A poll failed, or a send was given up.</summary>
    public void Failed()
    {
        Interlocked.Increment(ref _errors);
        _watching.Value?.Add();
    }

    /// <summary>Counts the failures given up from here on in this flow of work (and the work it awaits), until
    /// disposed: a webhook answers Telegram with an error when an update's answer could not be sent, so that
    /// Telegram delivers the update again.</summary>
    public GivenUp Watch() => new(_watching);

    /// <summary>A report was stored.</summary>
    public void ReportStored() => Interlocked.Increment(ref _reports);

    public VitalCounts Counts() => new(
        Interlocked.Read(ref _updates),
        Interlocked.Read(ref _reports),
        Interlocked.Read(ref _sends),
        Interlocked.Read(ref _tooMany),
        Interlocked.Read(ref _errors));

    /// <summary>Since the last poll that came back; null before the first.</summary>
    public TimeSpan? SinceLastPoll => Since(Volatile.Read(ref _lastPoll));

    /// <summary>Since Telegram last answered anything (a poll, a send, a 429); null before the first.</summary>
    public TimeSpan? SinceLastContact => Since(Volatile.Read(ref _lastContact));

    private TimeSpan? Since(long ticks) =>
        ticks == Never ? null : time.GetUtcNow() - new DateTimeOffset(ticks, TimeSpan.Zero);
}

/// <summary>Totals since the service started.</summary>
internal sealed record VitalCounts(long Updates, long Reports, long Sends, long TooMany, long Errors);

/// <summary>Failures given up while one piece of work ran (see <see cref="ServiceVitals.Watch"/>).</summary>
internal sealed class GivenUp : IDisposable
{
    private readonly AsyncLocal<GivenUp?> _current;
    private readonly GivenUp? _outer;
    private int _count;

    public GivenUp(AsyncLocal<GivenUp?> current)
    {
        _current = current;
        _outer = current.Value;
        current.Value = this;
    }

    public int Count => Volatile.Read(ref _count);

    public void Add()
    {
        Interlocked.Increment(ref _count);
        _outer?.Add();
    }

    public void Dispose() => _current.Value = _outer;
}
