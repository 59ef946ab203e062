using CommunityBot.Storage;
using LiteDB;

namespace CommunityBot.Tests.Support;

/// <summary>The update markers as the files hold them: alone (a marker keeping a receipt, or one written before batches)
/// in <c>update_markers</c>, and the markers of each commit together in <c>update_marker_batches</c>.</summary>
internal static class StoredMarkers
{
    public const string Single = "update_markers";
    public const string Batches = "update_marker_batches";

    /// <summary>Every marker stored, alone or in a batch.</summary>
    public static Task<List<string>> AllAsync(Database database) =>
        database.RunAsync(db => db.GetCollection(Single).FindAll().Select(document => document["_id"].AsString)
            .Concat(db.GetCollection(Batches).FindAll().SelectMany(batch => batch["markers"].AsArray.Select(marker => marker.AsString)))
            .ToList());

    public static async Task<bool> ContainsAsync(Database database, string marker) => (await AllAsync(database)).Contains(marker);

    /// <summary>The documents that hold markers, of both collections.</summary>
    public static Task<List<BsonDocument>> DocumentsAsync(Database database) =>
        database.RunAsync(db => db.GetCollection(Single).FindAll().Concat(db.GetCollection(Batches).FindAll()).ToList());

    public static Task<List<BsonDocument>> BatchesAsync(Database database) =>
        database.RunAsync(db => db.GetCollection(Batches).FindAll().ToList());
}
