using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace CommunityBot.Privacy;

/// <summary>What members (and moderators) did, counted instead of logged. A log line per event would put a time to
/// the second next to "a report was submitted", which Telegram, or whoever holds a member's phone, can match; a count
/// per period cannot be tied to anyone.</summary>
internal enum Activity
{
    DraftsStarted,
    DraftsCancelled,
    DraftsFoundExpired,
    DraftsRestartedForNewFlow,
    ReportsSubmitted,
    AdditionsStored,
    ReportsWithdrawn,
    QuestionsRelayed,
    QuestionsNotDelivered,
    AnswersRelayed,
    ModeratorActions,
    ModerationRefused,
    CommunityLinksRefused,
    GroupMessages,
    LettersStarted,
    LettersSent,
    LettersCancelled,
    LettersRefused,
    TelegramRefusals,
    UpdatesAlreadyHandled,
    UpdatesFailed,
    LimitsReached,
    MessengerRefusals,
    WebhookPostsRefused,
    CommentsHeard,
    LateReceipts,
}

/// <summary>Counters of <see cref="Activity"/> since the last time they were taken; thread-safe and cheap.</summary>
internal sealed class ActivityCounts
{
    private readonly ConcurrentDictionary<(Activity Kind, string Detail), long> _counts = new();

    /// <param name="detail">A word that splits the count (a moderator action, a nudge decision); never an id, a label
    /// or anything a member wrote.</param>
    public void Add(Activity kind, string detail = "") => _counts.AddOrUpdate((kind, detail), 1, static (_, n) => n + 1);

    /// <summary>The counts so far, in a stable order, and zero again.</summary>
    public IReadOnlyList<ActivityCount> Take()
    {
        var taken = new List<ActivityCount>();
        foreach (var key in _counts.Keys)
        {
            if (_counts.TryRemove(key, out var count) && count > 0)
            {
                taken.Add(new ActivityCount(key.Kind, key.Detail, count));
            }
        }
        return [.. taken.OrderBy(c => c.Kind).ThenBy(c => c.Detail, StringComparer.Ordinal)];
    }

    /// <summary>"reports submitted 3, moderator actions (verify) 2".</summary>
    public static string Describe(IEnumerable<ActivityCount> counts) =>
        string.Join(", ", counts.Select(c => Words(c.Kind) + (c.Detail.Length == 0 ? "" : $" ({c.Detail})") + " " + c.Count.ToString(CultureInfo.InvariantCulture)));

    private static string Words(Activity kind)
    {
        var name = kind.ToString();
        var words = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ');
            }
            words.Append(char.ToLowerInvariant(c));
        }
        return words.ToString();
    }
}

internal sealed record ActivityCount(Activity Kind, string Detail, long Count);
