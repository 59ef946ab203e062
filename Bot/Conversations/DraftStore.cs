using System.Security.Cryptography;
using System.Text.Json;
using CommunityBot.Privacy;
using CommunityBot.Storage;
using LiteDB;
using Microsoft.Extensions.Logging;

namespace CommunityBot.Conversations;

/// <summary>
/// Conversations in progress, keyed by the <see cref="PeriodPurpose.Drafts"/> pseudonym of the member (the caller
/// computes it; the raw user key never arrives here). The key of that pseudonym changes every period and is destroyed
/// once no draft under it can still be alive (<see cref="PeriodKeys"/>); a draft found under an older key moves to the
/// current one when it is next written. The state is one encrypted blob because it holds the narrative being written;
/// only the hour of the last change is in clear, so that expired drafts can be purged. The drafts used lately are also
/// kept decrypted in memory (<see cref="NewCache"/>), written through: every change is committed first, with its
/// update marker.
/// </summary>
internal sealed partial class DraftStore(
    Database database,
    FieldCipher cipher,
    FadingMemory<string, ConversationState> cache,
    PeriodKeys keys,
    Pseudonyms pseudonyms,
    TimeProvider time,
    ILogger<DraftStore> logger)
{
    private const string Collection = "drafts";
    private const string State = "state";
    private const string UpdatedOn = "updatedOn";
    private const string Period = "period";
    private const string Expired = "expired";

    /// <summary>How long after its period a draft key is kept beyond the drafts' lifetime: the stored time of a change
    /// is rounded up to the hour, so a draft may live that much longer.</summary>
    private static readonly TimeSpan Rounding = TimeSpan.FromHours(1);

    // Touched only on the database thread.
    private bool _indexed;

    // Whether drafts written under the old fixed key, before an upgrade, may still be stored: they are looked for (and
    // moved to a period key when written) until they expire, so nobody loses a report in progress to the upgrade.
    // True until a sweep finds none; none are written any more, so it never turns true again.
    private volatile bool _legacy = true;

    /// <summary>How many decrypted drafts are kept in memory, and for how long one unused stays there.</summary>
    internal const int CacheCapacity = 10_000;

    /// <inheritdoc cref="CacheCapacity"/>
    internal static readonly TimeSpan CacheIdleLimit = TimeSpan.FromMinutes(15);

    /// <summary>The memory of the drafts used lately, shared by the stores of one database. Its timer forgets a draft
    /// unused for <see cref="CacheIdleLimit"/> even when no member comes along: a story should not sit in memory in clear
    /// for a member who went away.</summary>
    internal static FadingMemory<string, ConversationState> NewCache(TimeProvider time) =>
        new(time, CacheIdleLimit, CacheCapacity, StringComparer.Ordinal);

    /// <summary>Drafts held decrypted in memory now (for tests).</summary>
    internal int CachedCount => cache.Count;

    /// <summary>The member's pseudonym under the live draft keys.</summary>
    public async ValueTask<PeriodPseudonym> PseudonymAsync(string channelUserKey)
    {
        var pseudonym = await keys.OfAsync(PeriodPurpose.Drafts, channelUserKey);
        return _legacy ? pseudonym with { Older = pseudonym.Older.Add(pseudonyms.Of(PseudonymPurpose.Drafts, channelUserKey)) } : pseudonym;
    }

    public Task<ConversationState?> LoadAsync(PeriodPseudonym pseudonym)
    {
        if (cache.TryGet(pseudonym.Current, out var cached))
        {
            return Task.FromResult<ConversationState?>(cached);
        }
        // Read and cached in one step on the database thread, so that no write can come between them.
        return database.RunAsync(db => ReadStored(Drafts(db), pseudonym).Draft);
    }

    /// <summary>On the database thread: the member's draft under the first of their live keys that holds one, kept in
    /// memory; without one, what each key held (nothing, or the mark of a draft erased for age).</summary>
    private (ConversationState? Draft, List<(string Id, BsonDocument? Document)> Found) ReadStored(ILiteCollection<BsonDocument> drafts, PeriodPseudonym pseudonym)
    {
        var found = new List<(string Id, BsonDocument? Document)>();
        foreach (var id in pseudonym.All)
        {
            var document = drafts.FindById(id);
            if (Read(id, document) is { } state)
            {
                cache.Set(pseudonym.Current, state);
                return (state, found);
            }
            found.Add((id, document));
        }
        return (null, found);
    }

    /// <summary>Drops the member's draft from memory only (the next load reads the store).</summary>
    public void Forget(PeriodPseudonym pseudonym)
    {
        foreach (var id in pseudonym.All)
        {
            cache.Remove(id);
        }
    }

    private ConversationState? Read(string pseudonym, BsonDocument? document)
    {
        if (document is null || !document.ContainsKey(State))
        {
            return null;
        }

        try
        {
            var json = cipher.DecryptBytes(document[State].AsBinary, Context(pseudonym));
            try
            {
                return StateCodec.Decode(json);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(json);
            }
        }
        catch (Exception e) when (e is CryptographicException or JsonException)
        {
            // A draft is a convenience: one that cannot be read (another key, an older format) is
            // treated as absent, so the member starts again instead of being stuck until it expires.
            LogUnreadable(logger, e);
            return null;
        }
    }

    /// <summary>Stores the draft under the member's current pseudonym (moving it from an older one). Its times reach
    /// the disk rounded up to the hour; the exact ones stay in memory only.</summary>
    /// <param name="updateMarker">The channel update that caused this change, marked handled in the same transaction.</param>
    public async Task SaveAsync(PeriodPseudonym pseudonym, ConversationState state, string? updateMarker = null)
    {
        var stored = AsStored(state);
        var now = time.GetUtcNow();
        // The cache holds only what was committed: a draft whose stored form did not change (an answer re-asked within
        // the hour) is neither encrypted nor written again when it already lies under the current key alone.
        var unchanged = cache.TryGet(pseudonym.Current, out var cached) && AsStored(cached) == stored;
        var document = unchanged ? null : Document(pseudonym, stored);
        try
        {
            // A change that may share its commit with other members' (a group commit): it only writes, and what
            // follows in memory waits for the commit.
            await database.ChangeAsync(db =>
            {
                var drafts = Drafts(db);
                var moved = false;
                if (document is not null || !drafts.Exists(Queries.Equal("_id", pseudonym.Current))
                    || pseudonym.Older.Any(older => drafts.Exists(Queries.Equal("_id", older))))
                {
                    drafts.Upsert(document ?? Document(pseudonym, stored));
                    foreach (var older in pseudonym.Older)
                    {
                        moved |= drafts.Delete(older);
                    }
                }
                UpdateMarkers.Mark(db, updateMarker, now);
                return moved;
            }, moved =>
            {
                if (moved)
                {
                    // The copy under the older key must not linger in the log file; its content lives on under the new one.
                    database.CheckpointSoon();
                }
                // Only what is committed is remembered.
                cache.Set(pseudonym.Current, state);
            });
        }
        catch
        {
            Forget(pseudonym);
            throw;
        }
    }

    public Task DeleteAsync(PeriodPseudonym pseudonym, string? updateMarker = null)
    {
        var now = time.GetUtcNow();
        return database.RunAsync(db =>
        {
            var removed = false;
            Transactions.Run(db, () =>
            {
                removed = Remove(db, pseudonym);
                UpdateMarkers.Mark(db, updateMarker, now);
            });
            if (removed)
            {
                db.Checkpoint();
            }
        });
    }

    /// <summary>Erases the drafts last touched before <paramref name="cutoff"/>. Each leaves only a bare mark under its
    /// pseudonym (no content and no time: only its key's period, a day) so that a member who comes back is told their
    /// draft was erased; the marks go with their key (<see cref="DestroyOldKeysAsync"/>), if not read before.</summary>
    /// <returns>How many drafts were erased.</returns>
    public Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff) =>
        database.RunAsync(db =>
        {
            var drafts = Drafts(db);
            var old = drafts.Find(Queries.BelowAndNot(UpdatedOn, cutoff.ToUnixTimeSeconds(), Expired)).ToList();
            foreach (var draft in old)
            {
                cache.Remove(draft["_id"].AsString);
                if (draft.ContainsKey(Period))
                {
                    drafts.Upsert(new BsonDocument { ["_id"] = draft["_id"], [Period] = draft[Period], [Expired] = true });
                }
                else
                {
                    // Written under the old fixed key, whose mark could never go with a key: no mark.
                    drafts.Delete(draft["_id"]);
                }
            }
            cache.Sweep();
            // Marks left under the old fixed key carry a time to the second; they go at once.
            var legacyMarks = drafts.DeleteMany(BsonExpression.Create($"$.{Period} = null AND $.{Expired} = true"));
            _legacy = drafts.Exists(Queries.Equal(Period, BsonValue.Null));
            if (old.Count > 0 || legacyMarks > 0)
            {
                db.Checkpoint();
            }

            return old.Count;
        });

    /// <summary>Destroys the draft keys no draft can be alive under any more (their period ended more than
    /// <paramref name="lifetime"/> and the rounding ago), with whatever is still stored under them: expired marks nobody
    /// came back for. After this nobody can tell, even with today's keys, whose draft was kept under them.</summary>
    /// <returns>How many keys were destroyed.</returns>
    public Task<int> DestroyOldKeysAsync(TimeSpan lifetime) =>
        database.RunAsync(db => keys.DestroyExpired(db, PeriodPurpose.Drafts, lifetime + Rounding, period =>
        {
            var drafts = Drafts(db);
            foreach (var left in drafts.Find(Queries.Equal(Period, period)))
            {
                cache.Remove(left["_id"].AsString);
            }
            drafts.DeleteMany(Queries.Equal(Period, period));
            AdditionMarks(db).DeleteMany(Queries.Equal(Period, period));
        }));

    /// <summary>The member's draft as <see cref="LoadAsync"/> reads it; without one, whether it was erased for age
    /// (true once: the mark is removed as it is read). One trip to the database thread for both, as a member without a
    /// draft (each new interview) would otherwise cost two.</summary>
    public Task<(ConversationState? Draft, bool Expired)> LoadOrTakeExpiredMarkAsync(PeriodPseudonym pseudonym)
    {
        if (cache.TryGet(pseudonym.Current, out var cached))
        {
            return Task.FromResult<(ConversationState?, bool)>((cached, false));
        }
        return database.RunAsync<(ConversationState?, bool)>(db =>
        {
            var drafts = Drafts(db);
            var (draft, found) = ReadStored(drafts, pseudonym);
            if (draft is not null)
            {
                return (draft, false);
            }
            foreach (var (id, document) in found)
            {
                if (document is not null && document.ContainsKey(Expired) && !document.ContainsKey(State))
                {
                    drafts.Delete(id);
                    return (null, true);
                }
            }
            return (null, false);
        });
    }

    private BsonDocument Document(PeriodPseudonym pseudonym, ConversationState stored)
    {
        var json = StateCodec.Encode(stored);
        var document = new BsonDocument
        {
            ["_id"] = pseudonym.Current,
            [State] = cipher.Encrypt(json, Context(pseudonym.Current)),
            [UpdatedOn] = stored.UpdatedOn.ToUnixTimeSeconds(),
            [Period] = pseudonym.Period,
        };
        CryptographicOperations.ZeroMemory(json);
        return document;
    }

    // Times reach the disk rounded up to the hour. Equal stored forms mean equal documents on disk (answers and path
    // compare by reference: a state the engine left alone keeps them).
    private static ConversationState AsStored(ConversationState state) =>
        state with { StartedOn = CoarseTime.HourCeiling(state.StartedOn), UpdatedOn = CoarseTime.HourCeiling(state.UpdatedOn) };

    /// <summary>For a caller already on the database thread and inside its own transaction
    /// (submitting a report removes the draft with it).</summary>
    internal bool Remove(LiteDatabase db, PeriodPseudonym pseudonym)
    {
        Forget(pseudonym);
        var drafts = Drafts(db);
        var removed = false;
        foreach (var id in pseudonym.All)
        {
            removed |= drafts.Delete(id);
        }
        return removed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A draft could not be read and is treated as absent")]
    private static partial void LogUnreadable(ILogger logger, Exception exception);

    // Binds the blob to its key: a draft copied under another member's pseudonym does not decrypt.
    private static string Context(string pseudonym) => $"draft/{pseudonym}";

    private ILiteCollection<BsonDocument> Drafts(LiteDatabase db)
    {
        var drafts = db.GetCollection(Collection, BsonAutoId.Guid);
        if (!_indexed)
        {
            drafts.EnsureIndex(UpdatedOn, $"$.{UpdatedOn}");
            drafts.EnsureIndex(Period, $"$.{Period}");
            _indexed = true;
        }

        return drafts;
    }
}
