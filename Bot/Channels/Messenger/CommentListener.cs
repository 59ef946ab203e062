using CommunityBot.Channels.Telegram.Groups;
using CommunityBot.Conversations;
using CommunityBot.Privacy;
using Microsoft.Extensions.Options;

namespace CommunityBot.Channels.Messenger;

/// <summary>
/// Facebook's version of the group nudge: a comment on the Page's posts or in the Page's own group that sounds like an
/// incident gets one private reply (never a public one) offering the anonymous report, under the same cool-downs and
/// dry run as Telegram's nudges. The comment's text is scored and dropped; the commenter is known by a pseudonym, in
/// memory, for the cool-down only.
/// </summary>
internal sealed class CommentListener : IDisposable
{
    private readonly IncidentPhrases _phrases;
    private readonly GraphClient _graph;
    private readonly TextCatalog _texts;
    private readonly Pseudonyms _pseudonyms;
    private readonly ActivityCounts _counts;
    private readonly CommentListeningOptions _listening;
    private readonly NudgePolicy _policy;

    public CommentListener(IncidentPhrases phrases, GraphClient graph, TextCatalog texts, Pseudonyms pseudonyms, IOptions<MessengerOptions> options,
        TimeProvider time, ActivityCounts counts)
    {
        _phrases = phrases;
        _graph = graph;
        _texts = texts;
        _pseudonyms = pseudonyms;
        _counts = counts;
        _listening = options.Value.Listening;
        _policy = new NudgePolicy(time, new NudgeSettings
        {
            Threshold = _listening.Threshold, GroupCooldown = _listening.PostCooldown, MemberCooldown = _listening.MemberCooldown, DryRun = _listening.DryRun,
        });
    }

    /// <returns>False: nothing is stored with the event's marker.</returns>
    public async Task<bool> OnCommentAsync(PageComment comment, CancellationToken cancellationToken)
    {
        if (!_listening.Enabled)
        {
            _counts.Add(Activity.CommentsHeard, "not listening");
            return false;
        }
        var author = _pseudonyms.Of(PseudonymPurpose.Counters, "messenger:" + (comment.AuthorId ?? comment.ReplyTo));
        var thread = BitConverter.ToInt64(_pseudonyms.Hash(PseudonymPurpose.Counters, "messenger-thread:" + comment.Thread));
        var decision = _policy.Decide(thread, author, fromBotOrAdmin: false, _phrases.Score(comment.Text));
        _counts.Add(Activity.CommentsHeard, decision.ToString());
        if (decision != NudgeDecision.Nudge)
        {
            return false;
        }
        var language = _texts.Has(_listening.Language) ? _listening.Language : _texts.DefaultLanguage;
        var button = _texts.Get(language, "tg.report_button");
        var reply = new OutgoingMessage(_texts.Get(language, "tg.nudge"),
            [new Choice(button.Length <= MessengerRenderer.MaxTitle ? button : button[..MessengerRenderer.MaxTitle], MessengerCommand.MenuReport)], []);
        await _graph.SendAsync(new Recipient.CommentAuthor(comment.ReplyTo), reply, cancellationToken);
        return false;
    }

    public void Dispose() => _policy.Dispose();
}
