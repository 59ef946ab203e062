using CommunityBot.Conversations;
using CommunityBot.Privacy;
using CommunityBot.Reports;
using CommunityBot.Storage;
using Microsoft.Extensions.Logging;

namespace CommunityBot.Channels.Messenger;

/// <summary>
/// Sends each webhook event where it belongs, once. An event seen before (Meta delivers again when it did not hear
/// a 200 in time) changes nothing; one that fails is logged by its kind only, the member gets an apology, and what was
/// stored stays as it was, because every change is written in one transaction together with the event's marker, and
/// with the removal of the event from the inbox (<see cref="UpdateMarkers.Mark"/>).
/// </summary>
internal sealed partial class MessengerRouter(
    MessengerChat chat,
    MessengerAnswers answers,
    AnswerRequests requests,
    CommentListener comments,
    UpdateMarkers markers,
    ActivityCounts counts,
    ILogger<MessengerRouter> log)
{
    public const string Channel = "messenger";

    /// <param name="leftOver">The event was accepted before the last stop and is handled at this start.</param>
    public async Task HandleAsync(MessengerEvent input, bool leftOver, CancellationToken cancellationToken)
    {
        try
        {
            var (marker, seen) = await markers.CheckAsync(Channel, input.Key);
            if (seen)
            {
                counts.Add(Activity.UpdatesAlreadyHandled);
                if (Psid(input) is { } psid && input is MemberMessage or MemberPostback)
                {
                    // The receipt if it may never have been sent. The question open now only for an event left from before
                    // a stop, as in Telegram, in case its answer was lost (the process stopped between storing the change
                    // and sending it); one Meta delivers again in this run was answered already (or the member's next
                    // message says the answer did not get through), so it is not answered twice.
                    if (!await chat.ResendReceiptAsync(psid, marker, cancellationToken) && leftOver)
                    {
                        await chat.RepeatOpenQuestionAsync(psid, marker, cancellationToken);
                    }
                }
                return;
            }
            if (Psid(input) is { } member)
            {
                await chat.SendOwedReceiptAsync(member, cancellationToken);
            }
            var marked = input switch
            {
                // An answer to a moderator's question first, then a typed "Answer"; anything else is the member's conversation.
                MemberMessage message => await answers.TakeAsync(message, marker, cancellationToken)
                    ?? await AnswerRequestedAsync(message, marker, cancellationToken)
                    ?? await chat.OnMessageAsync(message, marker, cancellationToken),
                MemberPostback postback => await TurnedAwayAsync(postback, marker, cancellationToken),
                MemberReferral referral => await chat.OnReferralAsync(referral, marker, cancellationToken),
                MemberReaction reaction => await chat.OnReactionAsync(reaction, marker, cancellationToken),
                MemberEdit edit => await chat.OnEditAsync(edit, cancellationToken),
                PageComment comment => await comments.OnCommentAsync(comment, cancellationToken),
                _ => false,
            };
            if (!marked)
            {
                // Nothing stored carried the marker (a help, a comment): it is stored on its own.
                await markers.MarkAsync(marker);
            }
        }
#pragma warning disable CA1031 // The one catch-all per event: nothing may stop the service.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            counts.Add(Activity.UpdatesFailed);
            LogFailed(log, ex, input.Kind);
            await ApologiseAsync(input, cancellationToken);
        }
    }

    /// <summary>The receipt kept for a submission that did not get through, sent again to the member who submitted.</summary>
    /// <returns>Null when nothing is kept for it any more (or the event names no member); else how the send ended.</returns>
    public Task<SendOutcome?> RetryReceiptAsync(MessengerEvent submission, string marker, CancellationToken cancellationToken) =>
        Psid(submission) is { } psid ? chat.RetryReceiptAsync(psid, marker, cancellationToken) : Task.FromResult<SendOutcome?>(null);

    /// <summary>"1", "Answer" or <c>answer</c> typed outside an interview: as a press of "Answer" under the latest
    /// question relayed to the member; a plain message while that question waits for its answer is the answer. A quick
    /// reply is a press of its own payload, never this.</summary>
    /// <returns>Null when the message is neither (the conversation takes it); else whether the marker was stored with
    /// an answer (<c>/answer</c> with words after it: those words are the answer).</returns>
    private async Task<bool?> AnswerRequestedAsync(MemberMessage message, string marker, CancellationToken cancellationToken)
    {
        var member = new MemberKey(ReportChannel.Messenger, message.Psid);
        if (message is { QuickReply: null, Text: null }
            && await requests.UnansweredQuestionAsync(member, FollowUpContact.Messenger(message.Psid)) is { } open)
        {
            // A sticker, a like or a photo while a question waits for its answer: the member is asked to answer in words.
            await answers.OnNotTextAsync(message.Psid, open, cancellationToken);
            return false;
        }
        if (message is not { QuickReply: null, Text: { } typed })
        {
            return null;
        }
        var command = MessengerCommand.Parse(typed);
        return await requests.RequestedAsync(member, FollowUpContact.Messenger(message.Psid), command, typed) is { } asked
            ? await answers.OnTypedRequestAsync(message.Psid, asked, marker, cancellationToken)
            : null;
    }

    private Task<bool> TurnedAwayAsync(MemberPostback postback, string marker, CancellationToken cancellationToken)
    {
        answers.TurnedAway(postback.Psid);
        return chat.OnPostbackAsync(postback, marker, cancellationToken);
    }

    private async Task ApologiseAsync(MessengerEvent input, CancellationToken cancellationToken)
    {
        if (Psid(input) is not { } psid)
        {
            return;
        }
        try
        {
            await chat.ApologiseAsync(psid, cancellationToken);
        }
#pragma warning disable CA1031 // An apology that cannot be sent is not worth a second failure.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailed(log, ex, input.Kind);
        }
    }

    private static string? Psid(MessengerEvent input) => input switch
    {
        MemberMessage m => m.Psid,
        MemberPostback p => p.Psid,
        MemberReferral r => r.Psid,
        MemberReaction r => r.Psid,
        MemberEdit e => e.Psid,
        _ => null,
    };

    /// <summary>The exception and the kind of event, never an id: an id with the log's time points at a member.</summary>
    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a Messenger event ({Kind}) failed; the member was sent an apology")]
    private static partial void LogFailed(ILogger logger, Exception exception, string kind);
}
