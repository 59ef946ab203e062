using System.Globalization;
using CommunityBot.Privacy;
using LiteDB;

namespace CommunityBot.Storage;

/// <summary>
/// Which channel updates were already handled, so that one delivered twice (after a crash, a retry) changes
/// nothing. A marker is written in the same transaction as the change its update caused; it is keyed by a keyed
/// hash of the update id and expires after <see cref="Lifetime"/>.
/// </summary>
internal sealed class UpdateMarkers(Database database, Pseudonyms pseudonyms, TimeProvider time)
{
    private const string Collection = "update_markers";
    private const string At = "at";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(48);

    public string For(string channel, long updateId) =>
        pseudonyms.Of(PseudonymPurpose.UpdateMarkers, channel + ":" + updateId.ToString(CultureInfo.InvariantCulture));

    public Task<bool> SeenAsync(string marker) =>
        database.RunAsync(db => Markers(db).FindById(marker) is not null);

    public Task MarkAsync(string marker)
    {
        var now = time.GetUtcNow();
        return database.RunAsync(db => Mark(db, marker, now));
    }

    /// <summary>For a store already on the database thread, inside the transaction of the change.</summary>
    internal static void Mark(LiteDatabase db, string? marker, DateTimeOffset now)
    {
        if (marker is not null)
        {
            Markers(db).Upsert(new BsonDocument { ["_id"] = marker, [At] = now.ToUnixTimeSeconds() });
        }
    }

    public Task<int> PurgeAsync()
    {
        var cutoff = (time.GetUtcNow() - Lifetime).ToUnixTimeSeconds();
        return database.RunAsync(db => Markers(db).DeleteMany(Queries.Below(At, cutoff)));
    }

    private static ILiteCollection<BsonDocument> Markers(LiteDatabase db) => db.GetCollection(Collection, BsonAutoId.Guid);
}
