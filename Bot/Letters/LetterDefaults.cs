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
/// time. The caller passes the moderator's pseudonym (never a raw user id); it is hashed once more under a key of the
/// period (<see cref="PeriodPurpose.LetterDefaults"/>), so the entry cannot be joined with the audit log, and once an
/// entry has gone unused for <see cref="LettersOptions.DefaultsLifetime"/> its key is destroyed too: nobody can then
/// tell whose signatories and contacts an old copy held. An entry in use moves to the current key. The answers are one
/// encrypted blob; only the hour of last use is in clear. Kept apart from reports, in a collection of its own.
/// </summary>
internal sealed class LetterDefaults(Database database, FieldCipher cipher, PeriodKeys keys, TimeProvider time, IOptions<LettersOptions> options)
{
    private const string Collection = "letter_defaults";
    private const string Values = "values";
    private const string UsedOn = "usedOn";
    private const string Period = "period";

    /// <summary>The remembered answers (empty when none, or when they expired or cannot be read); marks them used.</summary>
    public async Task<ImmutableDictionary<string, string>> RecallAsync(string moderatorPseudonym)
    {
        var pseudonym = await keys.OfAsync(PeriodPurpose.LetterDefaults, moderatorPseudonym);
        var (values, under) = await ReadAsync(pseudonym);
        if (under is not null && under != pseudonym.Current)
        {
            await WriteAsync(pseudonym, values);
        }
        return values;
    }

    /// <summary>Adds these answers to the remembered ones (a new answer replaces the old one for its field).</summary>
    public async Task RememberAsync(string moderatorPseudonym, IReadOnlyDictionary<string, string> answers)
    {
        var pseudonym = await keys.OfAsync(PeriodPurpose.LetterDefaults, moderatorPseudonym);
        var (remembered, _) = await ReadAsync(pseudonym);
        var merged = remembered.SetItems(
            answers.Where(pair => !string.IsNullOrWhiteSpace(pair.Value)).Select(pair => KeyValuePair.Create(pair.Key, pair.Value.Trim())));
        await WriteAsync(pseudonym, merged);
    }

    /// <summary>Erases every entry unused for longer than the lifetime, then the keys no entry can be alive under.</summary>
    /// <returns>How many entries were erased.</returns>
    public Task<int> PurgeAsync()
    {
        var lifetime = options.Value.DefaultsLifetime;
        var cutoff = Cutoff(time.GetUtcNow());
        return database.RunAsync(db =>
        {
            var entries = Entries(db);
            // Entries written before they were keyed per period are out of anyone's reach: they go at once.
            var erased = entries.DeleteMany(Queries.Below(UsedOn, cutoff)) + entries.DeleteMany(Queries.Equal(Period, BsonValue.Null));
            if (erased > 0)
            {
                db.Checkpoint();
            }
            // The hour of use is rounded up, so an entry may outlive its lifetime by up to an hour.
            keys.DestroyExpired(db, PeriodPurpose.LetterDefaults, lifetime + TimeSpan.FromHours(1),
                period => erased += entries.DeleteMany(Queries.Equal(Period, period)));
            return erased;
        });
    }

    // The entry under the first live key that has one (marked used), and that key's pseudonym.
    private async Task<(ImmutableDictionary<string, string> Values, string? Under)> ReadAsync(PeriodPseudonym pseudonym)
    {
        var now = time.GetUtcNow();
        var cutoff = Cutoff(now);
        var found = await database.RunAsync(db =>
        {
            var entries = Entries(db);
            foreach (var id in pseudonym.All)
            {
                if (entries.FindById(id) is not { } entry)
                {
                    continue;
                }
                if (entry[UsedOn].AsInt64 < cutoff)
                {
                    entries.Delete(id);
                    return null;
                }
                entry[UsedOn] = CoarseTime.HourCeiling(now).ToUnixTimeSeconds();
                entries.Update(entry);
                return entry;
            }
            return null;
        });
        if (found is null)
        {
            return (ImmutableDictionary<string, string>.Empty, null);
        }
        var under = found["_id"].AsString;
        try
        {
            var json = cipher.DecryptBytes(found[Values].AsBinary, Context(under));
            try
            {
                return (System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(json)?.ToImmutableDictionary(StringComparer.Ordinal)
                    ?? ImmutableDictionary<string, string>.Empty, under);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(json);
            }
        }
        catch (Exception e) when (e is CryptographicException or JsonException)
        {
            // Defaults are a convenience: unreadable ones (another key) are as good as none.
            return (ImmutableDictionary<string, string>.Empty, under);
        }
    }

    // Stores the answers under the current key, and drops any copy under an older one.
    private Task WriteAsync(PeriodPseudonym pseudonym, ImmutableDictionary<string, string> values)
    {
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(values);
        var document = new BsonDocument
        {
            ["_id"] = pseudonym.Current,
            [Values] = cipher.Encrypt(json, Context(pseudonym.Current)),
            [UsedOn] = CoarseTime.HourCeiling(time.GetUtcNow()).ToUnixTimeSeconds(),
            [Period] = pseudonym.Period,
        };
        CryptographicOperations.ZeroMemory(json);
        return database.RunAsync(db =>
        {
            var entries = Entries(db);
            var moved = false;
            Transactions.Run(db, () =>
            {
                entries.Upsert(document);
                foreach (var older in pseudonym.Older)
                {
                    moved |= entries.Delete(older);
                }
            });
            if (moved)
            {
                database.CheckpointSoon();
            }
        });
    }

    private long Cutoff(DateTimeOffset now) => (now - options.Value.DefaultsLifetime).ToUnixTimeSeconds();

    private static ILiteCollection<BsonDocument> Entries(LiteDatabase db)
    {
        var entries = db.GetCollection(Collection);
        entries.EnsureIndex(UsedOn);
        entries.EnsureIndex(Period);
        return entries;
    }

    private static string Context(string pseudonym) => Collection + ":" + pseudonym;
}
