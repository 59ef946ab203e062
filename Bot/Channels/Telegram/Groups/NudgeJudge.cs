using CommunityBot.Conversations;
using CommunityBot.Privacy;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;

namespace CommunityBot.Channels.Telegram.Groups;

/// <summary>Whether a community group's message earns the offer of a private, anonymous report: scored in memory
/// against the incident phrases and dropped, weighed against the group's and the member's cooldowns, and counted by
/// outcome only.</summary>
internal sealed class NudgeJudge(
    IncidentPhrases phrases,
    NudgePolicy nudges,
    MembershipCheck membership,
    Pseudonyms pseudonyms,
    IOptions<TelegramOptions> options,
    ActivityCounts counts)
{
    public async Task<NudgeDecision> DecideAsync(Message message, User from, string text, CancellationToken cancellationToken)
    {
        var chatId = message.Chat.Id;
        var score = phrases.Score(text);
        // Only a message that would be nudged costs a call to Telegram to learn whether its author is an admin.
        // A channel's post forwarded here is news someone shares, not what happened to them.
        var fromBotOrAdmin = from.IsBot || message.SenderChat is not null || message.ForwardOrigin is MessageOriginChannel
            || (score >= options.Value.Nudges.Threshold && await membership.IsAdminAsync(chatId, from.Id, cancellationToken));
        var decision = nudges.Decide(chatId, pseudonyms.Of(PseudonymPurpose.Counters, MemberKey.Telegram(from.Id).Raw), fromBotOrAdmin, score);
        if (decision != NudgeDecision.BelowThreshold)
        {
            counts.Add(Activity.GroupMessages, decision.ToString());
        }
        return decision;
    }

    /// <summary>Whether a reply to the bot's message is answered that the group is not where a report is kept. Its text
    /// is not scored: the member is talking to the bot, not telling the group of a new incident.</summary>
    public bool AnswersReply(Message message, User from)
    {
        if (from.IsBot || message.SenderChat is not null)
        {
            return false;
        }
        var answered = nudges.AnswerReply(pseudonyms.Of(PseudonymPurpose.Counters, MemberKey.Telegram(from.Id).Raw));
        counts.Add(Activity.GroupMessages, answered ? "ReplyAnswered" : "ReplyAnsweredBefore");
        return answered;
    }
}
