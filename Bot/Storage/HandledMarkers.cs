using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CommunityBot.Privacy;
using LiteDB;

namespace CommunityBot.Storage;

/// <summary>
/// The update markers of the transaction open on the database thread, and every marker stored. The markers of one
/// transaction (a group commit of many members' answers, or a change alone) are written together as one batch document
/// just before it commits, instead of one document each: one insert instead of forty, and a batch says only how many
/// updates one commit held and the hour, its markers sorted so that their order says nothing. A marker is memorised as
/// stored only once the commit that holds it succeeded, before anyone waiting for that commit is told.
/// </summary>
/// <remarks>Written only on the database thread; <see cref="Contains"/> is read from any thread.</remarks>
internal sealed class HandledMarkers
{
    internal const string Batches = "update_marker_batches";
    internal const string At = "at";
    internal const string Markers = "markers";

    // The markers of the open transaction: to go into its batch, and those the transaction wrote on their own (a marker
    // keeping a receipt), to be memorised once it commits.
    private readonly List<string> _batch = [];
    private readonly List<string> _single = [];
    private DateTimeOffset _latest;
    private bool _open;

    // Every marker stored, by its fingerprint, with how many times (a marker could be stored twice; it is stored until
    // its last copy goes). Null until loaded: until then the store alone knows, and committed markers need not be
    // memorised.
    private volatile FingerprintSet? _stored;

    /// <summary>Whether every marker stored is known here.</summary>
    public bool IsLoaded => _stored is not null;

    /// <summary>Whether <paramref name="marker"/> is stored; only meaningful once <see cref="IsLoaded"/>.</summary>
    public bool Contains(string marker) => _stored is { } stored && stored.Contains(Fingerprint(marker));

    /// <summary>What memory keeps of a marker: 64 bits of its keyed hash, in a <see cref="FingerprintSet"/> (about 12 bytes a
    /// marker, where its text took about 170; 48 hours of a busy bot's updates are hundreds of thousands of markers). Two
    /// markers share them with a chance of one in 2^64 for each pair, so among a million markers an update is taken for
    /// handled by mistake about once in 10^13.</summary>
    internal static long Fingerprint(string marker)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        if (marker.Length != Base64Url.GetEncodedLength(SHA256.HashSizeInBytes)
            || Base64Url.DecodeFromChars(marker, hash, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != hash.Length)
        {
            // Not a hash written by the pseudonyms (none is stored today): hashed here.
            SHA256.HashData(Encoding.UTF8.GetBytes(marker), hash);
        }
        return BinaryPrimitives.ReadInt64LittleEndian(hash);
    }

    /// <summary>The markers of <paramref name="db"/>'s open transaction, when it is the database gate's.</summary>
    public static HandledMarkers? Of(LiteDatabase db) => (db as GateLiteDatabase)?.Markers;

    /// <summary>On the database thread, outside a transaction: every marker stored now, read once.</summary>
    public void Load(IEnumerable<string> markers)
    {
        var stored = new FingerprintSet();
        foreach (var marker in markers)
        {
            stored.Add(Fingerprint(marker));
        }
        _stored = stored;
    }

    /// <summary>Markers whose last stored copy was purged.</summary>
    public void Forget(IEnumerable<string> markers)
    {
        if (_stored is not { } stored)
        {
            return;
        }
        foreach (var marker in markers)
        {
            stored.Remove(Fingerprint(marker));
        }
    }

    /// <summary>A transaction begins: nothing marked yet.</summary>
    public void Begin()
    {
        Clear();
        _open = true;
    }

    /// <summary>For <see cref="UpdateMarkers.Mark"/>: the marker goes into the batch of the open transaction.</summary>
    public void Add(string marker, DateTimeOffset now)
    {
        ThrowIfNoTransaction();
        _batch.Add(marker);
        _latest = now > _latest ? now : _latest;
    }

    /// <summary>For <see cref="UpdateMarkers.MarkKeepingReceipt"/>: the open transaction wrote this marker alone.</summary>
    public void AddWritten(string marker)
    {
        ThrowIfNoTransaction();
        _single.Add(marker);
    }

    /// <summary>Just before the commit, in its transaction: the batch, if anything was marked.</summary>
    public void WriteBatch(LiteDatabase db)
    {
        if (_batch.Count > 0)
        {
            Write(db, _batch, _latest);
        }
    }

    /// <summary>The transaction committed: its markers are stored.</summary>
    public void Committed()
    {
        if (_stored is { } stored)
        {
            foreach (var marker in _batch.Concat(_single))
            {
                stored.Add(Fingerprint(marker));
            }
        }
        Clear();
    }

    /// <summary>The transaction was rolled back: nothing it marked is stored.</summary>
    public void RolledBack() => Clear();

    /// <summary>One batch document: <paramref name="markers"/>, sorted, and the hour of <paramref name="now"/>.</summary>
    public static void Write(LiteDatabase db, IEnumerable<string> markers, DateTimeOffset now) =>
        Collection(db).Insert(new BsonDocument
        {
            ["_id"] = Guid.NewGuid(),
            [At] = CoarseTime.HourFloor(now).ToUnixTimeSeconds(),
            [Markers] = new BsonArray(markers.Order(StringComparer.Ordinal).Select(marker => new BsonValue(marker))),
        });

    public static ILiteCollection<BsonDocument> Collection(LiteDatabase db) => db.GetCollection(Batches, BsonAutoId.Guid);

    /// <summary>The markers of a batch document.</summary>
    public static IEnumerable<string> In(BsonDocument batch) => batch[Markers].AsArray.Select(marker => marker.AsString);

    private void ThrowIfNoTransaction()
    {
        if (!_open)
        {
            throw new InvalidOperationException("An update marker is stored only in the transaction of the change it marks.");
        }
    }

    private void Clear()
    {
        _batch.Clear();
        _single.Clear();
        _latest = DateTimeOffset.MinValue;
        _open = false;
    }
}

/// <summary>The database gate's <see cref="LiteDatabase"/>, which carries the update markers of its open transaction
/// and what is to change in memory when it commits to wherever a store writes (they are handed only this).</summary>
internal sealed class GateLiteDatabase(ConnectionString connection, BsonMapper mapper) : LiteDatabase(connection, mapper)
{
    public HandledMarkers Markers { get; } = new();

    public CommitCallbacks Callbacks { get; } = new();

    /// <summary>A transaction begins on the database thread: nothing marked, nothing to follow in memory yet.</summary>
    public void Began()
    {
        Markers.Begin();
        Callbacks.Begin();
    }

    /// <summary>The transaction committed: its markers are stored, and memory follows what it wrote.</summary>
    public void Committed()
    {
        Markers.Committed();
        Callbacks.Committed();
    }

    /// <summary>The transaction was rolled back: nothing it marked or asked for counts.</summary>
    public void RolledBack()
    {
        Markers.RolledBack();
        Callbacks.RolledBack();
    }
}
