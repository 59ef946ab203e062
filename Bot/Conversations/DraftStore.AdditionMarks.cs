using CommunityBot.Privacy;
using CommunityBot.Storage;
using LiteDB;

namespace CommunityBot.Conversations;

/// <summary>
/// The mark that a member sent <c>/add CODE</c> and their next message is the addition. The code is held in memory only
/// (<see cref="ReceiptCommands"/>); the mark, without it, survives a restart, so that the message after one is not taken
/// for the story of a new report or an answer to the interview's question. Kept under the member's draft pseudonym, to
/// the hour, it goes with the day's draft key at the latest.
/// </summary>
internal sealed partial class DraftStore
{
    private const string AdditionsCollection = "additions_awaited";
    private const string Asked = "asked";

    /// <summary>The hour (in Unix seconds) of the latest addition mark an earlier run left, 0 when it left none: the marks
    /// written since are in memory too, so only while one of those may be alive is the store asked. Read once, before
    /// this run writes its first mark (read again should that fail); marks too old to matter are erased then.</summary>
    private Task<long>? _earlierAdditionMarks;

    /// <summary>Stores the mark that the member sent <c>/add CODE</c> and their next message is the addition (the code
    /// stays in memory only, see <see cref="ReceiptCommands"/>), so that after a restart that message is not taken for
    /// something else. Under the member's draft key, to the hour.</summary>
    public async Task MarkAdditionAwaitedAsync(string channelUserKey)
    {
        await EarlierAdditionMarksAsync();
        var pseudonym = await PseudonymAsync(channelUserKey);
        var asked = CoarseTime.HourCeiling(time.GetUtcNow()).ToUnixTimeSeconds();
        await database.RunAsync(db => AdditionMarks(db).Upsert(
            new BsonDocument { ["_id"] = pseudonym.Current, [Period] = pseudonym.Period, [Asked] = asked }));
    }

    /// <summary>The addition was taken, or the member turned to something else: the mark goes.</summary>
    public async Task ClearAdditionAwaitedAsync(string channelUserKey)
    {
        var pseudonym = await PseudonymAsync(channelUserKey);
        await database.RunAsync(db =>
        {
            var marks = AdditionMarks(db);
            foreach (var id in pseudonym.All)
            {
                marks.Delete(id);
            }
        });
    }

    /// <summary>Whether an earlier run of the program left the member's mark of an awaited addition, lately enough that
    /// their message is that addition (the mark is removed as it is read). Asks the store only while such a mark may be
    /// alive, and computes no pseudonym otherwise.</summary>
    /// <param name="updateMarker">The update that carried the message, marked handled with the mark's removal (a kill
    /// between them must not bring the message back without its mark).</param>
    public async Task<bool> TakeEarlierAdditionMarkAsync(string channelUserKey, string? updateMarker = null)
    {
        var now = time.GetUtcNow();
        var latest = await EarlierAdditionMarksAsync();
        var oldest = now.Subtract(ReceiptCommands.LateAdditionNoticed).ToUnixTimeSeconds();
        if (latest < oldest)
        {
            return false;
        }
        var pseudonym = await PseudonymAsync(channelUserKey);
        return await database.RunAsync(db =>
        {
            var marks = AdditionMarks(db);
            foreach (var id in pseudonym.All)
            {
                if (marks.FindById(id) is { } mark)
                {
                    var fresh = mark[Asked].AsInt64 >= oldest;
                    Transactions.Run(db, () =>
                    {
                        marks.Delete(id);
                        UpdateMarkers.Mark(db, fresh ? updateMarker : null, now);
                    });
                    return fresh;
                }
            }
            return false;
        });
    }

    private Task<long> EarlierAdditionMarksAsync()
    {
        // Two first readers may both read: they find the same, as neither has written a mark yet.
        if (_earlierAdditionMarks is { IsFaulted: false, IsCanceled: false } read)
        {
            return read;
        }
        return _earlierAdditionMarks = database.RunAsync(db =>
        {
            var marks = AdditionMarks(db);
            var stale = time.GetUtcNow().Subtract(ReceiptCommands.LateAdditionNoticed).ToUnixTimeSeconds();
            if (marks.DeleteMany(Queries.Below(Asked, stale)) > 0)
            {
                db.Checkpoint();
            }
            return marks.FindAll().Select(mark => mark[Asked].AsInt64).DefaultIfEmpty(0).Max();
        });
    }

    private static ILiteCollection<BsonDocument> AdditionMarks(LiteDatabase db) => db.GetCollection(AdditionsCollection, BsonAutoId.Guid);
}
