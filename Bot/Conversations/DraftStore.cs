using System.Security.Cryptography;
using System.Text.Json;
using CommunityBot.Privacy;
using CommunityBot.Storage;
using LiteDB;
using Microsoft.Extensions.Logging;

namespace CommunityBot.Conversations;

/// <summary>
/// Conversations in progress, keyed by the <see cref="PseudonymPurpose.Drafts"/> pseudonym of the
/// member (the caller computes it; the raw user key never arrives here). The state is one encrypted
/// blob because it holds the narrative being written; only the time of the last change is in clear,
/// so that expired drafts can be purged. The drafts used lately are also kept decrypted in memory
/// (<see cref="DraftCache"/>), written through: every change is committed first, with its update marker.
/// </summary>
internal sealed partial class DraftStore(Database database, FieldCipher cipher, DraftCache cache, TimeProvider time, ILogger<DraftStore> logger)
{
    private const string Collection = "drafts";
    private const string State = "state";
    private const string UpdatedOn = "updatedOn";
    private const string Expired = "expired";

    /// <summary>How long the bare mark of an erased draft stays, so its member can be told what happened.</summary>
    internal static readonly TimeSpan ExpiredMarkLifetime = TimeSpan.FromDays(7);

    // Touched only on the database thread.
    private bool _indexed;

    /// <summary>How many decrypted drafts are kept in memory, and for how long one unused stays there.</summary>
    internal const int CacheCapacity = 10_000;

    /// <inheritdoc cref="CacheCapacity"/>
    internal static readonly TimeSpan CacheIdleLimit = TimeSpan.FromMinutes(15);

    /// <summary>Drafts held decrypted in memory now (for tests).</summary>
    internal int CachedCount => cache.Count;

    public Task<ConversationState?> LoadAsync(string pseudonym)
    {
        if (cache.TryGet(pseudonym, out var cached))
        {
            return Task.FromResult<ConversationState?>(cached);
        }
        // Read and cached in one step on the database thread, so that no write can come between them.
        return database.RunAsync(db =>
        {
            var state = Read(pseudonym, Drafts(db).FindById(pseudonym));
            if (state is not null)
            {
                cache.Put(pseudonym, state);
            }
            return state;
        });
    }

    /// <summary>Drops the member's draft from memory only (the next load reads the store).</summary>
    public void Forget(string pseudonym) => cache.Remove(pseudonym);

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

    /// <param name="updateMarker">The channel update that caused this change, marked handled in the same transaction.</param>
    public Task SaveAsync(string pseudonym, ConversationState state, string? updateMarker = null)
    {
        var json = StateCodec.Encode(state);
        var document = new BsonDocument
        {
            ["_id"] = pseudonym,
            [State] = cipher.Encrypt(json, Context(pseudonym)),
            [UpdatedOn] = state.UpdatedOn.ToUnixTimeSeconds(),
        };
        CryptographicOperations.ZeroMemory(json);
        var now = time.GetUtcNow();
        return database.RunAsync(db =>
        {
            try
            {
                Transactions.Run(db, () =>
                {
                    Drafts(db).Upsert(document);
                    UpdateMarkers.Mark(db, updateMarker, now);
                });
            }
            catch
            {
                cache.Remove(pseudonym);
                throw;
            }
            // Only what is committed is remembered.
            cache.Put(pseudonym, state);
        });
    }

    public Task DeleteAsync(string pseudonym, string? updateMarker = null)
    {
        var now = time.GetUtcNow();
        return database.RunAsync(db =>
        {
            cache.Remove(pseudonym);
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
    /// pseudonym (no content, no time beyond the old one) so that a member who comes back is told their draft was
    /// erased; the marks go after <see cref="ExpiredMarkLifetime"/>.</summary>
    /// <returns>How many drafts were erased.</returns>
    public Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff) =>
        database.RunAsync(db =>
        {
            var drafts = Drafts(db);
            var old = drafts.Find(Queries.BelowAndNot(UpdatedOn, cutoff.ToUnixTimeSeconds(), Expired)).ToList();
            foreach (var draft in old)
            {
                cache.Remove(draft["_id"].AsString);
                drafts.Upsert(new BsonDocument { ["_id"] = draft["_id"], [UpdatedOn] = draft[UpdatedOn], [Expired] = true });
            }
            cache.Trim();
            var marks = drafts.DeleteMany(Queries.Below(UpdatedOn, (cutoff - ExpiredMarkLifetime).ToUnixTimeSeconds()));
            if (old.Count > 0 || marks > 0)
            {
                db.Checkpoint();
            }

            return old.Count;
        });

    /// <summary>True once if this member's draft was erased for age (the mark is removed as it is read).</summary>
    public Task<bool> TakeExpiredMarkAsync(string pseudonym) =>
        database.RunAsync(db =>
        {
            var drafts = Drafts(db);
            if (drafts.FindById(pseudonym) is { } mark && mark.ContainsKey(Expired) && !mark.ContainsKey(State))
            {
                drafts.Delete(pseudonym);
                return true;
            }
            return false;
        });

    /// <summary>For a caller already on the database thread and inside its own transaction
    /// (submitting a report removes the draft with it).</summary>
    internal bool Remove(LiteDatabase db, string pseudonym)
    {
        cache.Remove(pseudonym);
        return db.GetCollection(Collection, BsonAutoId.Guid).Delete(pseudonym);
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
            _indexed = true;
        }

        return drafts;
    }
}
