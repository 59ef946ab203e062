using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json;
using CommunityBot.Privacy;
using CommunityBot.Storage;
using LiteDB;
using Microsoft.Extensions.Options;

namespace CommunityBot.Letters;

/// <summary>
/// The field answers (recipient, signatory, legal basis...) a moderator gave last time, offered as defaults next
/// time. Keyed by the pseudonym the caller passes (a moderator's, never a raw user id); the answers are one
/// encrypted blob, only the time of last use is in clear, and an entry unused for
/// <see cref="LettersOptions.DefaultsLifetime"/> is erased. Kept apart from reports, in a collection of its own.
/// </summary>
internal sealed class LetterDefaults(Database database, FieldCipher cipher, TimeProvider time, IOptions<LettersOptions> options)
{
    private const string Collection = "letter_defaults";
    private const string Values = "values";
    private const string UsedOn = "usedOn";

    /// <summary>The remembered answers (empty when none, or when they expired or cannot be read); marks them used.</summary>
    public async Task<ImmutableDictionary<string, string>> RecallAsync(string pseudonym)
    {
        var now = time.GetUtcNow();
        var cutoff = Cutoff(now);
        var document = await database.RunAsync(db =>
        {
            var entries = Entries(db);
            var found = entries.FindById(pseudonym);
            if (found is null)
            {
                return null;
            }
            if (found[UsedOn].AsInt64 < cutoff)
            {
                entries.Delete(pseudonym);
                return null;
            }
            found[UsedOn] = now.ToUnixTimeSeconds();
            entries.Update(found);
            return found;
        }).ConfigureAwait(false);
        if (document is null)
        {
            return ImmutableDictionary<string, string>.Empty;
        }
        try
        {
            var json = cipher.DecryptBytes(document[Values].AsBinary, Context(pseudonym));
            try
            {
                return System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(json)?.ToImmutableDictionary(StringComparer.Ordinal)
                    ?? ImmutableDictionary<string, string>.Empty;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(json);
            }
        }
        catch (Exception e) when (e is CryptographicException or JsonException)
        {
            // Defaults are a convenience: unreadable ones (another key) are as good as none.
            return ImmutableDictionary<string, string>.Empty;
        }
    }

    /// <summary>Adds these answers to the remembered ones (a new answer replaces the old one for its field).</summary>
    public async Task RememberAsync(string pseudonym, IReadOnlyDictionary<string, string> answers)
    {
        var merged = (await RecallAsync(pseudonym).ConfigureAwait(false)).SetItems(
            answers.Where(pair => !string.IsNullOrWhiteSpace(pair.Value)).Select(pair => KeyValuePair.Create(pair.Key, pair.Value.Trim())));
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(merged);
        var document = new BsonDocument
        {
            ["_id"] = pseudonym,
            [Values] = cipher.Encrypt(json, Context(pseudonym)),
            [UsedOn] = time.GetUtcNow().ToUnixTimeSeconds(),
        };
        CryptographicOperations.ZeroMemory(json);
        await database.RunAsync(db => Entries(db).Upsert(document)).ConfigureAwait(false);
    }

    /// <summary>Erases every entry unused for longer than the lifetime.</summary>
    /// <returns>How many were erased.</returns>
    public Task<int> PurgeAsync()
    {
        var cutoff = Cutoff(time.GetUtcNow());
        return database.RunAsync(db =>
        {
            var erased = Entries(db).DeleteMany(Queries.Below(UsedOn, cutoff));
            if (erased > 0)
            {
                db.Checkpoint();
            }
            return erased;
        });
    }

    private long Cutoff(DateTimeOffset now) => (now - options.Value.DefaultsLifetime).ToUnixTimeSeconds();

    private static ILiteCollection<BsonDocument> Entries(LiteDatabase db)
    {
        var entries = db.GetCollection(Collection);
        entries.EnsureIndex(UsedOn);
        return entries;
    }

    private static string Context(string pseudonym) => Collection + ":" + pseudonym;
}
