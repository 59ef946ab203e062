namespace CommunityBot.Channels.Telegram;

/// <summary>
/// The updates Telegram held when polling began: only among them can there be updates the process before this one had
/// handled but not yet confirmed (their markers are stored). Whether each of them was handled is looked up as it is
/// taken, so that those count towards no chat's cap; every later update is new, and costs no look-up. Telegram gives
/// updates in the order of their ids, so the backlog ends with the highest id of the first poll that was not full
/// (a full one may have left more behind it); until then every update may belong to it.
/// </summary>
/// <remarks>The poller's loop alone uses it, one poll at a time.</remarks>
internal sealed class StartBacklog
{
    // The highest update id of the backlog, once a poll has shown where it ends; then int.MinValue once an update beyond it
    // was taken (after a week without updates Telegram may begin again at a lower id, which must not be looked up).
    private int? _last;

    /// <summary>A poll's answer: one that is not full shows where the backlog ends.</summary>
    public void Polled(PolledUpdates batch, int limit)
    {
        if (_last is null && batch.Count < limit)
        {
            _last = batch.New.Count > 0 ? batch.New.Max(update => update.Id) : int.MinValue;
        }
    }

    /// <summary>Whether the update may have been handled before the start, so that its marker is worth looking up.</summary>
    public bool MayHoldHandled(int updateId)
    {
        if (_last is not { } last)
        {
            return true;
        }
        if (updateId > last)
        {
            _last = int.MinValue;
            return false;
        }
        return true;
    }
}
