using System.Globalization;
using Telegram.Bot.Types;

namespace CommunityBot.Channels.Telegram;

/// <summary>
/// What tells an update from another of the same id: Telegram never gives one id twice to different updates, but a Bot API
/// emulator that restarts numbers its updates from the start again, and Telegram itself may go on at a lower id after a
/// week without updates. The stamp is what a delivery of the same update again repeats exactly: a message's id and date
/// (and an edit's date), a press's id, a change of membership's date.
/// </summary>
/// <remarks>It goes only into the update's keyed marker and into the poller's memory, never into a log or a record: it
/// says no more of a member than the update's id already does (by which Telegram knows the sender), and its time no more
/// than the hour the marker keeps, once the period's key is gone.</remarks>
internal static class UpdateStamps
{
    public static string Of(Update update) => update switch
    {
        { Message: { } m } => Written('m', m.Id, m.Date, m.EditDate),
        { EditedMessage: { } m } => Written('e', m.Id, m.Date, m.EditDate),
        { CallbackQuery: { } q } => "q" + q.Id,
        { MyChatMember: { } c } => Written('b', 0, c.Date, null),
        { ChatMember: { } c } => Written('c', 0, c.Date, null),
        _ => "",
    };

    /// <summary>The key an update's marker is stored under: its id and its stamp.</summary>
    public static string MarkerKey(Update update) => update.Id.ToString(CultureInfo.InvariantCulture) + ":" + Of(update);

    private static string Written(char kind, int id, DateTime date, DateTime? edited) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}{id}:{Seconds(date)}:{(edited is { } e ? Seconds(e) : 0)}");

    private static long Seconds(DateTime date) => date.Ticks / TimeSpan.TicksPerSecond;
}
