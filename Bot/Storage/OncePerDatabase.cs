using System.Runtime.CompilerServices;
using LiteDB;

namespace CommunityBot.Storage;

/// <summary>
/// Work done once for each <see cref="LiteDatabase"/> of the process, such as ensuring a collection's indexes: LiteDB's
/// <c>EnsureIndex</c> parses its expression and reads the collection's indexes again at every call. Remembered beside the
/// database object, so a database opened again (a test, a restore) gets it again. Run on the database thread.
/// </summary>
internal sealed class OncePerDatabase
{
    private readonly ConditionalWeakTable<LiteDatabase, object> _done = [];

    public void Run(LiteDatabase db, Action work)
    {
        if (_done.TryGetValue(db, out _))
        {
            return;
        }
        work();
        _done.AddOrUpdate(db, new object());
    }
}
