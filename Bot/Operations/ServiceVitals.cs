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

    /// <summary>A poll of Telegram's getUpdates came back with <paramref name="updates"/> updates.</summary>
    public void Polled(int updates)
    {
        Interlocked.Add(ref _updates, updates);
        var now = time.GetUtcNow().UtcTicks;
        Volatile.Write(ref _lastPoll, now);
        Volatile.Write(ref _lastContact, now);
    }

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
    public void Failed() => Interlocked.Increment(ref _errors);

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
