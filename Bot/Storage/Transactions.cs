using LiteDB;

namespace CommunityBot.Storage;

internal static class Transactions
{
    /// <summary>Runs <paramref name="work"/> in one LiteDB transaction: all of it is stored, or none. Call it on the
    /// database thread (inside <see cref="Database.RunAsync{T}"/>): LiteDB binds a transaction to its thread.</summary>
    /// <remarks>The update markers it marks are written as one batch just before it commits, and memorised as stored
    /// once it did (<see cref="HandledMarkers"/>); what it asked to change in memory changes then (<see cref="CommitCallbacks"/>).</remarks>
    public static void Run(LiteDatabase db, Action work)
    {
        var gate = db as GateLiteDatabase;
        db.BeginTrans();
        gate?.Began();
        try
        {
            work();
            gate?.Markers.WriteBatch(db);
            db.Commit();
        }
        catch
        {
            gate?.RolledBack();
            db.Rollback();
            throw;
        }
        gate?.Committed();
    }
}
