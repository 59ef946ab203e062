using CommunityBot.Conversations;
using CommunityBot.Reports;

namespace CommunityBot.Moderation;

/// <summary>How long after pressing "Answer" under a moderator's question the member's next message is taken as the
/// answer, in every channel. Kept in memory only: it ties a member to a report.</summary>
internal static class FollowUpAnswers
{
    public static readonly TimeSpan Wait = TimeSpan.FromMinutes(30);

    /// <summary>More members writing an answer at the same moment is a flood, not a community.</summary>
    public const int MostAwaited = 10_000;
}

/// <summary>What became of a moderator's question on its way to the member.</summary>
internal enum QuestionOutcome
{
    Sent,

    /// <summary>The channel allows writing to the member only for a while after their last message, and that has
    /// passed (Messenger's 24 hours, or 7 days with the human agent tag). The question waits on <c>status</c>.</summary>
    OutsideWindow,

    /// <summary>Not delivered: the member blocked the bot, the channel is not running, or its API refused.</summary>
    NotDelivered,

    /// <summary>Not delivered for now: the channel's API failed (Telegram answered 5xx or could not be reached), so the
    /// moderator may ask again in a while. Nothing is tried again by itself: a question is a person's words.</summary>
    NotNow,
}

/// <param name="MessageId">The channel's id of the message that carries the question, so that a reply to it is known
/// as the answer; null when nothing was sent.</param>
internal sealed record QuestionDelivery(QuestionOutcome Outcome, string? MessageId = null)
{
    public static QuestionDelivery NotDelivered { get; } = new(QuestionOutcome.NotDelivered);

    public static QuestionDelivery NotNow { get; } = new(QuestionOutcome.NotNow);
}

/// <summary>Sends a moderator's question to a member through the channel they reported in; one per channel, chosen by
/// the kept contact's channel. The moderation knows no more of any channel than this.</summary>
internal interface IFollowUpSender
{
    ReportChannel Channel { get; }

    /// <param name="address">The contact kept for the report on this channel (a chat id, a PSID): used, never logged.</param>
    Task<QuestionDelivery> SendQuestionAsync(IncidentReport report, string address, string question, CancellationToken cancellationToken);
}

/// <summary>The words of a relayed question, the same in every channel.</summary>
internal static class FollowUpTexts
{
    /// <summary>Starts the relayed question in the member's chat (and the moderators' prompt for one), for people to
    /// read: answers are taken only by stored message ids, never by this; it only lets the bot tell a member who replies
    /// to a question that can no longer be answered (<see cref="IsQuestion"/>).</summary>
    public const string QuestionMark = "❓ ";

    /// <summary>The text key of the "Answer" button under a relayed question, also read when a member types it.</summary>
    public const string AnswerButton = "followup.answer_button";

    /// <summary>The thanks for an answer the member asked to give (a press, a reply, "1", /answer).</summary>
    public const string AnswerSent = "followup.answer_sent";

    /// <summary>The thanks for a plain message taken as the answer: it also says where the words went, and how to tell
    /// about something new instead.</summary>
    public const string AnswerTaken = "followup.answer_taken";

    public static string Thanks(Conversations.AnswerRequest request) => request.Unasked ? AnswerTaken : AnswerSent;

    /// <summary>Whether a message's text is a relayed question, by its first line ("❓ R-7K3Q"): Telegram quotes the
    /// message a member replies to, so a question is still recognised once nothing stored links the chat to it.</summary>
    public static bool IsQuestion(string? text)
    {
        if (text is null || !text.StartsWith(QuestionMark, StringComparison.Ordinal))
        {
            return false;
        }
        var label = text[QuestionMark.Length..].Split('\n', 2)[0];
        return label.StartsWith(ReportLabel.Prefix, StringComparison.Ordinal) && ReportLabel.Normalize(label) == label;
    }

    public static string Question(TextCatalog texts, IncidentReport report, string question) =>
        QuestionMark + report.Label + "\n\n" + texts.Get(report.Language, "followup.question", ("label", report.Label), ("question", question));
}
