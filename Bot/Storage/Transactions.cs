using LiteDB;

namespace CommunityBot.Storage;

internal static class Transactions
{
    /// <summary>Runs <paramref name="work"/> in one LiteDB transaction: all of it is stored, or none. Call it on the
    /// database thread (inside <see cref="Database.RunAsync{T}"/>): LiteDB binds a transaction to its thread.</summary>
    public static void Run(LiteDatabase db, Action work)
    {
        db.BeginTrans();
        try
        {
            work();
            db.Commit();
        }
        catch
        {
            db.Rollback();
            throw;
        }
    }
}
