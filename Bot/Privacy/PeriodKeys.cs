using System.Buffers.Text;
using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CommunityBot.Storage;
using LiteDB;

namespace CommunityBot.Privacy;

/// <summary>What a short-lived pseudonym is for. Each purpose has keys of its own, one per period.</summary>
internal enum PeriodPurpose
{
    /// <summary>Drafts in progress (and the bare mark of an expired one), keyed by the member.</summary>
    Drafts,

    /// <summary>Channel updates already handled, keyed by the update id.</summary>
    UpdateMarkers,

    /// <summary>A moderator's remembered letter answers, keyed by their moderator pseudonym.</summary>
    LetterDefaults,

    /// <summary>The hours of a member's recent reports and additions, counted against their limits.</summary>
    Limits,
}

/// <summary>A value's pseudonym under the current period's key, and under each older key still alive (newest first),
/// where a record written earlier may still be found.</summary>
/// <param name="Period">The current key's period: records written under <paramref name="Current"/> carry it, so that
/// they go with their key.</param>
internal sealed record PeriodPseudonym(string Current, long Period, ImmutableArray<string> Older)
{
    /// <summary>Every pseudonym a record of this value may be stored under, current first.</summary>
    public IEnumerable<string> All => Older.Prepend(Current);
}

/// <summary>
/// The keys of short-lived pseudonyms. A key derived from the master pseudonym key could always be derived again, so
/// whoever holds the key file could test a suspected user id against any record, however old; these keys are random
/// instead, one per purpose and period, kept (encrypted with the data key) only while a record written under them may
/// still be alive, and then destroyed with those records. Once a key is gone nobody, not even with every key of today,
/// can tell whose record was kept under it.
/// </summary>
internal sealed class PeriodKeys(Database database, FieldCipher cipher, TimeProvider time)
{
    private const string Collection = "period_keys";
    private const string PurposeField = "purpose";
    private const string PeriodField = "period";
    private const string KeyField = "key";
    private const int KeyLength = 32;

    private readonly Lock _gate = new();

    // Decrypted live keys, newest first, per purpose, with the period they were current for. Written on the database
    // thread only; read anywhere under the lock.
    private readonly Dictionary<PeriodPurpose, Live> _live = [];

    /// <summary>How long one key is the current one. A record written under a key is moved to the current key the next
    /// time it is written, so only records left alone stay under an old key until they expire.</summary>
    public static TimeSpan PeriodLength(PeriodPurpose purpose) => purpose switch
    {
        PeriodPurpose.Drafts => TimeSpan.FromDays(1),
        PeriodPurpose.UpdateMarkers => TimeSpan.FromDays(1),
        PeriodPurpose.LetterDefaults => TimeSpan.FromDays(30),
        PeriodPurpose.Limits => TimeSpan.FromDays(1),
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, null),
    };

    /// <summary>The pseudonyms of <paramref name="value"/> under the live keys of <paramref name="purpose"/>; the current
    /// period's key is made on first use.</summary>
    public async ValueTask<PeriodPseudonym> OfAsync(PeriodPurpose purpose, string value)
    {
        var period = PeriodAt(purpose, time.GetUtcNow());
        var live = Cached(purpose, period) ?? await database.RunAsync(db => Load(db, purpose, period));
        return Of(live, value);
    }

    /// <summary>Destroys the keys of <paramref name="purpose"/> whose period ended more than <paramref name="retention"/>
    /// ago, with the records still stored under them (<paramref name="dropRecords"/>, given each such period, in the same
    /// transaction), and checkpoints so that neither is left in the log file. Call it on the database thread, outside a
    /// transaction.</summary>
    /// <param name="retention">How long after its period a record written under a key may still be alive.</param>
    /// <returns>How many keys were destroyed.</returns>
    internal int DestroyExpired(LiteDatabase db, PeriodPurpose purpose, TimeSpan retention, Action<long> dropRecords)
    {
        var now = time.GetUtcNow();
        var keys = Keys(db);
        var expired = keys.Find(Queries.Equal(PurposeField, PurposeNames.Of(purpose)))
            .Select(document => document[PeriodField].AsInt64)
            .Where(period => End(purpose, period) + retention <= now)
            .ToList();
        if (expired.Count == 0)
        {
            return 0;
        }

        Transactions.Run(db, () =>
        {
            foreach (var period in expired)
            {
                dropRecords(period);
                keys.Delete(Id(purpose, period));
            }
        });
        lock (_gate)
        {
            if (_live.TryGetValue(purpose, out var live))
            {
                _live[purpose] = live with { Keys = live.Keys.RemoveAll(key => expired.Contains(key.Period)) };
                foreach (var gone in live.Keys.Where(key => expired.Contains(key.Period)))
                {
                    CryptographicOperations.ZeroMemory(gone.Key);
                }
            }
        }
        // A destroyed key that could still be read from the log file would not be destroyed.
        db.Checkpoint();
        return expired.Count;
    }

    /// <summary>The number of the period <paramref name="at"/> falls in (periods start at whole UTC days).</summary>
    internal static long PeriodAt(PeriodPurpose purpose, DateTimeOffset at) =>
        at.ToUnixTimeSeconds() / (long)PeriodLength(purpose).TotalSeconds;

    private static DateTimeOffset End(PeriodPurpose purpose, long period) =>
        DateTimeOffset.FromUnixTimeSeconds((period + 1) * (long)PeriodLength(purpose).TotalSeconds);

    private Live? Cached(PeriodPurpose purpose, long period)
    {
        lock (_gate)
        {
            return _live.TryGetValue(purpose, out var live) && live.Period == period ? live : null;
        }
    }

    // On the database thread: reads the purpose's keys and makes the current one if it is not there yet.
    private Live Load(LiteDatabase db, PeriodPurpose purpose, long period)
    {
        if (Cached(purpose, period) is { } cached)
        {
            return cached;
        }

        var keys = Keys(db);
        var stored = keys.Find(Queries.Equal(PurposeField, PurposeNames.Of(purpose)))
            .Select(document => (Period: document[PeriodField].AsInt64, Key: cipher.DecryptBytes(document[KeyField].AsBinary, Context(purpose, document[PeriodField].AsInt64))))
            .ToList();
        if (!stored.Any(key => key.Period == period))
        {
            var fresh = RandomNumberGenerator.GetBytes(KeyLength);
            keys.Insert(new BsonDocument
            {
                ["_id"] = Id(purpose, period),
                [PurposeField] = PurposeNames.Of(purpose),
                [PeriodField] = period,
                [KeyField] = cipher.Encrypt(fresh, Context(purpose, period)),
            });
            stored.Add((period, fresh));
        }

        // The current key first, then the others newest first (a clock set back leaves a "future" key last).
        var ordered = stored
            .OrderByDescending(key => key.Period == period)
            .ThenByDescending(key => key.Period <= period)
            .ThenByDescending(key => key.Period)
            .ToImmutableArray();
        var live = new Live(period, ordered);
        lock (_gate)
        {
            _live[purpose] = live;
        }
        return live;
    }

    private static PeriodPseudonym Of(Live live, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var hashes = live.Keys.Select(key => Base64Url.EncodeToString(HMACSHA256.HashData(key.Key, bytes))).ToImmutableArray();
        CryptographicOperations.ZeroMemory(bytes);
        return new PeriodPseudonym(hashes[0], live.Period, hashes[1..]);
    }

    private static string Id(PeriodPurpose purpose, long period) => PurposeNames.Of(purpose) + "/" + period.ToString(CultureInfo.InvariantCulture);

    // Binds a key's blob to its purpose and period: a key copied to another entry does not decrypt.
    private static string Context(PeriodPurpose purpose, long period) => "period-key/" + Id(purpose, period);

    private static ILiteCollection<BsonDocument> Keys(LiteDatabase db)
    {
        var keys = db.GetCollection(Collection);
        keys.EnsureIndex(PurposeField);
        return keys;
    }

    private sealed record Live(long Period, ImmutableArray<(long Period, byte[] Key)> Keys);
}
