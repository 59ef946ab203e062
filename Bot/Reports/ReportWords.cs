using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using LiteDB;

namespace CommunityBot.Reports;

/// <summary>
/// The blind index's keys of every report (<see cref="SearchIndex"/>), stored compactly in a collection of their own (one
/// document per report that has any: its id and its keys, sorted, as bytes) and held in memory, so that a search looks
/// through them without touching the files and a new report writes one small document instead of a node in a
/// database index for each of its words. The copy in memory follows the stored one only once the transaction that
/// wrote it commits (<see cref="Storage.CommitCallbacks"/>); it is read whole from the collection once, in pages, by
/// <see cref="LoadAsync"/> at the first search (about 20 MB for 100,000 reports of 37 keys each). Written only on the
/// database thread; a search reads it on its own thread (a scan of 100,000 reports takes a few milliseconds, which
/// members would otherwise wait behind).
/// </summary>
internal sealed class ReportWords
{
    public const string Collection = "report_words";

    private const string KeysField = "k";
    private const int LoadPageSize = 5000;

    private static readonly ConditionalWeakTable<LiteDatabase, ReportWords> OfDatabase = [];

    // Written on the database thread, scanned by searches on theirs: a write waits at most for one scan (a few ms at
    // 100,000 reports), where the whole scan used to hold up every member on the database thread.
    private readonly Dictionary<Guid, int[]> _keys = [];
    private readonly Lock _gate = new();
    private Task? _loading;

    // Set by the first page read: from then on every commit is followed here. Before it, a commit is not (the read
    // will find it stored), so that memory holds nothing until a moderator first searches.
    private bool _following;

    private volatile bool _loaded;

    /// <summary>Whether every stored report's keys are here (read at the first search since the start).</summary>
    public bool IsLoaded => _loaded;

    /// <summary>How many reports have keys here.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _keys.Count;
            }
        }
    }

    /// <summary>How many keys are here in all (for figures).</summary>
    public long KeyCount
    {
        get
        {
            lock (_gate)
            {
                return _keys.Values.Sum(keys => (long)keys.Length);
            }
        }
    }

    /// <summary>The keys in memory of <paramref name="db"/>'s reports.</summary>
    public static ReportWords Of(LiteDatabase db) => OfDatabase.GetValue(db, _ => new ReportWords());

    /// <summary>Stores <paramref name="keys"/> (sorted) as the report's, in the open transaction; memory follows at its commit.</summary>
    /// <param name="fresh">The report is being inserted, so it has no stored keys yet.</param>
    public static void Store(LiteDatabase db, Guid id, int[] keys, bool fresh)
    {
        var words = Of(db);
        if (!fresh && words.IsLoaded && words.Unchanged(id, keys))
        {
            return;
        }
        var collection = Stored(db);
        if (keys.Length == 0)
        {
            if (!fresh)
            {
                collection.Delete(id);
            }
        }
        else if (fresh)
        {
            collection.Insert(ToDocument(id, keys));
        }
        else
        {
            collection.Upsert(ToDocument(id, keys));
        }
        Storage.CommitCallbacks.After(db, () =>
        {
            if (words._following)
            {
                words.Set(id, keys);
            }
        });
    }

    /// <summary>Reads every stored report's keys into memory, a page per call through the gate; the first caller reads,
    /// the others wait for it, and once read it costs nothing.</summary>
    public Task LoadAsync(Storage.Database database)
    {
        lock (_gate)
        {
            // A read that failed (the gate refused it) is tried again by the next caller.
            if (_loading is null or { IsFaulted: true } or { IsCanceled: true })
            {
                _loading = ReadAllAsync(database);
            }
            return _loading;
        }
    }

    /// <summary>The reports whose keys hold all of <paramref name="keys"/>; null when more than <paramref name="most"/> do.
    /// Read under the lock the database thread's writes take: what a commit changes after the scan is not seen, and every
    /// candidate is checked against its decrypted text anyway.</summary>
    public List<Guid>? Holding(IReadOnlyList<int> keys, int most)
    {
        var found = new List<Guid>();
        lock (_gate)
        {
            foreach (var (id, held) in _keys)
            {
                if (HoldsAll(held, keys))
                {
                    if (found.Count == most)
                    {
                        return null;
                    }
                    found.Add(id);
                }
            }
        }
        return found;
    }

    /// <summary>Whether the report's keys hold all of <paramref name="keys"/>.</summary>
    public bool Holds(Guid id, IReadOnlyList<int> keys)
    {
        lock (_gate)
        {
            return _keys.TryGetValue(id, out var held) && HoldsAll(held, keys);
        }
    }

    private bool Unchanged(Guid id, int[] keys)
    {
        lock (_gate)
        {
            return _keys.TryGetValue(id, out var held) ? held.AsSpan().SequenceEqual(keys) : keys.Length == 0;
        }
    }

    private async Task ReadAllAsync(Storage.Database database)
    {
        var after = BsonValue.MinValue;
        while (true)
        {
            var last = after;
            var (read, next) = await database.RunAsync(db => ReadPage(db, last));
            if (read < LoadPageSize)
            {
                return;
            }
            after = next;
        }
    }

    // Read and merged in one call on the gate: a commit after it can only be newer.
    private (int Read, BsonValue Last) ReadPage(LiteDatabase db, BsonValue after)
    {
        _following = true;
        var page = Stored(db).Query()
            .Where(BsonExpression.Create("$._id > @0", after))
            .OrderBy("$._id")
            .Limit(LoadPageSize)
            .ToList();
        foreach (var document in page)
        {
            Set(document["_id"].AsGuid, FromBytes(document[KeysField].AsBinary));
        }
        if (page.Count < LoadPageSize)
        {
            _loaded = true;
        }
        return (page.Count, page.Count > 0 ? page[^1]["_id"] : after);
    }

    private void Set(Guid id, int[] keys)
    {
        lock (_gate)
        {
            if (keys.Length == 0)
            {
                _keys.Remove(id);
            }
            else
            {
                _keys[id] = keys;
            }
        }
    }

    private static bool HoldsAll(int[] held, IReadOnlyList<int> keys)
    {
        foreach (var key in keys)
        {
            if (Array.BinarySearch(held, key) < 0)
            {
                return false;
            }
        }
        return true;
    }

    private static ILiteCollection<BsonDocument> Stored(LiteDatabase db) => db.GetCollection(Collection, BsonAutoId.Guid);

    private static BsonDocument ToDocument(Guid id, int[] keys)
    {
        var bytes = new byte[keys.Length * sizeof(int)];
        for (var i = 0; i < keys.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * sizeof(int)), keys[i]);
        }
        return new BsonDocument { ["_id"] = id, [KeysField] = bytes };
    }

    private static int[] FromBytes(byte[] bytes)
    {
        var keys = new int[bytes.Length / sizeof(int)];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(i * sizeof(int)));
        }
        return keys;
    }
}
