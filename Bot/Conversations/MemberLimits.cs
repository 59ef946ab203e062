using System.Globalization;
using CommunityBot.Privacy;
using CommunityBot.Storage;
using LiteDB;
using Microsoft.Extensions.Options;

namespace CommunityBot.Conversations;

/// <summary>What a member does that is counted against a limit.</summary>
internal enum LimitedAction
{
    Reports,
    Additions,
}

/// <summary>
/// How many reports and additions each member sent lately, so that one person flooding the bot with invented reports
/// cannot bury the real ones. Kept in the database (a restart must not reset a limit), keyed by the member's
/// <see cref="PeriodPurpose.Limits"/> pseudonym, and holding only the whole hour of each counted event, no finer; the
/// records go with their key a day after its period (<see cref="DestroyOldKeysAsync"/>), when nothing in them can
/// count any more.
/// </summary>
internal sealed class MemberLimits(Database database, PeriodKeys keys, TimeProvider time, IOptions<IntakeOptions> options)
{
    private const string Collection = "member_limits";
    private const string Period = "period";
    private const long HourSeconds = 3600;

    /// <summary>The daily limit counts the hour now and the 23 before it.</summary>
    private const long HoursInDay = 24;

    /// <summary>The check for one action of the member, to be passed to the store that does it: the store asks it on
    /// the database thread, and counts the action in the same transaction that stores it.</summary>
    public async ValueTask<LimitCheck> CheckAsync(string channelUserKey, LimitedAction action)
    {
        var pseudonym = await keys.OfAsync(PeriodPurpose.Limits, channelUserKey);
        return new LimitCheck(this, pseudonym, action, time.GetUtcNow());
    }

    /// <summary>Destroys the keys whose records can no longer count (their period ended more than a day ago), with
    /// those records.</summary>
    /// <returns>How many keys were destroyed.</returns>
    public Task<int> DestroyOldKeysAsync() =>
        database.RunAsync(db => keys.DestroyExpired(db, PeriodPurpose.Limits, TimeSpan.FromHours(HoursInDay),
            period => Counters(db).DeleteMany(Queries.Equal(Period, period))));

    /// <summary>When the member may do <paramref name="action"/> again; null when they may now. On the database thread;
    /// <paramref name="records"/> are the member's records as read, for counting the action in the same transaction.</summary>
    internal DateTimeOffset? BlockedUntil(LiteDatabase db, PeriodPseudonym member, LimitedAction action, DateTimeOffset now, out List<BsonDocument> records)
    {
        var thisHour = HourOf(now);
        records = Records(Counters(db), member);
        var hours = HoursIn(records, action, thisHour);
        var settings = options.Value;
        var (perHour, perDay) = action == LimitedAction.Reports
            ? (settings.ReportsPerHour, settings.ReportsPerDay)
            : (settings.AdditionsPerHour, int.MaxValue);

        DateTimeOffset? until = null;
        if (hours.Count(hour => hour == thisHour) >= perHour)
        {
            until = Start(thisHour + 1);
        }
        if (hours.Count >= perDay)
        {
            // Once enough of the oldest hours have left the day's window, one more fits under the limit.
            var sorted = hours.Order().ToList();
            var dayUntil = Start(sorted[hours.Count - perDay] + HoursInDay);
            until = until is { } hourUntil && hourUntil > dayUntil ? hourUntil : dayUntil;
        }
        return until;
    }

    /// <summary>Counts one <paramref name="action"/> of the member at the hour of <paramref name="now"/>, under their
    /// current pseudonym (moving what was kept under an older one). On the database thread, inside the transaction of
    /// the action itself; <paramref name="records"/> are the member's records read earlier in it, or null.</summary>
    internal static void Count(LiteDatabase db, PeriodPseudonym member, LimitedAction action, DateTimeOffset now, List<BsonDocument>? records = null)
    {
        var thisHour = HourOf(now);
        var counters = Counters(db);
        // Each record read once for both kinds, and for the check before when there was one.
        records ??= Records(counters, member);
        var document = new BsonDocument { ["_id"] = member.Current, [Period] = member.Period };
        foreach (var kind in Enum.GetValues<LimitedAction>())
        {
            var hours = HoursIn(records, kind, thisHour);
            if (kind == action)
            {
                hours.Add(thisHour);
            }
            document[Field(kind)] = new BsonArray(hours.Select(hour => new BsonValue(hour)));
        }
        // The records read say which of the member's ids are stored: a record is updated or inserted, and only the
        // older ones found are deleted, without a look-up in the collection's index for each id that is not there.
        var stored = records.Select(record => record["_id"].AsString).ToHashSet(StringComparer.Ordinal);
        if (stored.Contains(member.Current))
        {
            counters.Update(document);
        }
        else
        {
            counters.Insert(document);
        }
        foreach (var older in member.Older.Where(stored.Contains))
        {
            counters.Delete(older);
        }
    }

    private static List<BsonDocument> Records(ILiteCollection<BsonDocument> counters, PeriodPseudonym member) =>
        [.. member.All.Select(id => counters.FindById(id)).OfType<BsonDocument>()];

    private static List<long> HoursIn(List<BsonDocument> records, LimitedAction action, long thisHour)
    {
        var hours = new List<long>();
        foreach (var document in records)
        {
            if (document.TryGetValue(Field(action), out var stored) && stored.IsArray)
            {
                hours.AddRange(stored.AsArray.Select(hour => hour.AsInt64).Where(hour => hour > thisHour - HoursInDay));
            }
        }
        return hours;
    }

    private static string Field(LimitedAction action) => action switch
    {
        LimitedAction.Reports => "reports",
        _ => "additions",
    };

    private static long HourOf(DateTimeOffset at) => CoarseTime.HourFloor(at).ToUnixTimeSeconds() / HourSeconds;

    private static DateTimeOffset Start(long hour) => DateTimeOffset.FromUnixTimeSeconds(hour * HourSeconds);

    private static ILiteCollection<BsonDocument> Counters(LiteDatabase db)
    {
        var counters = db.GetCollection(Collection);
        Indexed.Run(db, () => counters.EnsureIndex(Period));
        return counters;
    }

    private static readonly OncePerDatabase Indexed = new();
}

/// <summary>One member's limit for one action, asked by the store that does it (see <see cref="MemberLimits.CheckAsync"/>).</summary>
internal sealed class LimitCheck(MemberLimits limits, PeriodPseudonym member, LimitedAction action, DateTimeOffset now)
{
    /// <summary>Set when the check refused: from when the member may go on.</summary>
    public DateTimeOffset? BlockedUntil { get; private set; }

    /// <summary>When refused, how long the member waits, in whole hours and at least one: they are told "in 2 hours",
    /// never a time to the second.</summary>
    public string HoursLeft =>
        Math.Max(1, (int)Math.Ceiling(((BlockedUntil ?? now) - now).TotalHours)).ToString(CultureInfo.InvariantCulture);

    // The member's records as the check read them, for the count that follows it in the same piece of work on the
    // database thread (nothing can write them in between).
    private List<BsonDocument>? _records;

    /// <summary>True when the action is within the member's limits. On the database thread, in the work that stores
    /// the action, before <see cref="Count"/>.</summary>
    internal bool Admit(LiteDatabase db)
    {
        BlockedUntil = limits.BlockedUntil(db, member, action, now, out var records);
        _records = records;
        return BlockedUntil is null;
    }

    /// <summary>On the database thread, inside the transaction that stores the action.</summary>
    internal void Count(LiteDatabase db)
    {
        var records = _records;
        _records = null;
        MemberLimits.Count(db, member, action, now, records);
    }
}
