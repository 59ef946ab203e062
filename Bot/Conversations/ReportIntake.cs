using System.Collections.Immutable;
using CommunityBot.Moderation;
using CommunityBot.Privacy;
using CommunityBot.Reports;
using Microsoft.Extensions.Options;

namespace CommunityBot.Conversations;

/// <summary>Who is talking, as the channel knows them (e.g. <c>telegram</c> + user id). It is only ever
/// turned into a keyed pseudonym here; it is never stored or logged. Only its channel reaches the report.</summary>
internal readonly record struct MemberKey(ReportChannel Channel, string Id)
{
    public override string ToString() => "(member)";

    internal string Raw => ReportChannels.Id(Channel) + ":" + Id;

    public static MemberKey Telegram(long userId) => new(ReportChannel.Telegram, userId.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>What to show the member, and the language they are now using (a /language command changes it).</summary>
/// <param name="Answered">The member's input moved the conversation on (it was not refused and re-asked).</param>
/// <param name="Marked">The update marker was stored together with the change (the caller need not store it again).</param>
/// <param name="FollowUpFor">Set once a report is submitted whose member agreed to follow-up questions: the channel may
/// then keep its way back to the member (encrypted, until the case closes).</param>
/// <param name="SubmittedLabel">The label of the report this reply submitted, if it did (a channel may offer a letter).</param>
/// <param name="ChatStart">With a submission: where the interview began in the channel's chat, so that the channel
/// can offer to clear it (see <see cref="ConversationState.ChatStart"/>).</param>
internal sealed record IntakeReply(ImmutableArray<Prompt> Prompts, string Language, FlowOutcome Outcome = FlowOutcome.Continue, bool Answered = false, bool Marked = false, Guid? FollowUpFor = null, string? SubmittedLabel = null, int? ChatStart = null);

/// <summary>A button press, judged against the question open now.</summary>
/// <param name="Question">The question open when the button was pressed; null when nothing is open.</param>
/// <param name="Reply">The answer to the press; null when the button does not belong to <paramref name="Question"/>.</param>
internal sealed record ButtonOutcome(Prompt? Question, IntakeReply? Reply, ImmutableArray<Prompt> Notices);

/// <summary>
/// The reporting conversation for any channel: loads the member's draft, runs the engine, stores what it
/// returns, and answers the commands every channel shares. Channels turn their input into a
/// <see cref="ConversationEvent"/> or a <see cref="MemberCommand"/> and render the prompts that come back.
/// </summary>
internal sealed partial class ReportIntake(
    FlowRunner runner,
    TextCatalog texts,
    DraftStore drafts,
    ReportSubmission submission,
    ReceiptCommands receipts,
    TimeProvider time,
    IOptions<IntakeOptions> options,
    ActivityCounts counts)
{
    private readonly TimeSpan _draftLifetime = options.Value.DraftLifetime;
    private readonly IReadOnlySet<string> _answerLabels = TypedAnswerRequest.Labels(texts);

    /// <summary>Handles a button press with one read of the draft: <paramref name="resolve"/> sees the question open
    /// now and says what the press means for it, or null when the button is from another question (stale, or forged).</summary>
    public async Task<ButtonOutcome> PressAsync(MemberKey member, string language, Func<Prompt, ConversationEvent?> resolve, string? marker = null)
    {
        var (draft, notices) = await LoadDraftAsync(member, language);
        if (draft is null)
        {
            return new ButtonOutcome(null, null, notices);
        }
        var question = runner.Ask(draft, time.GetUtcNow());
        if (resolve(question) is not { } input)
        {
            return new ButtonOutcome(question, null, notices);
        }
        return new ButtonOutcome(question, await StepAsync(member, draft, input, marker), notices);
    }

    /// <summary>Whether the member is in the middle of an interview (a draft that is neither expired nor of an older
    /// flow): then what they type answers its question. Reads only; the next message deals with a stale draft.</summary>
    public async Task<bool> InterviewOpenAsync(MemberKey member)
    {
        var draft = await drafts.LoadAsync(await DraftPseudonymAsync(member));
        return draft is not null && time.GetUtcNow() - draft.UpdatedOn <= _draftLifetime
            && draft.FlowId == runner.Flow.Id && draft.FlowVersion == runner.Flow.Version;
    }

    /// <summary>Whether the member's unfinished report holds an answer: before the first one nothing of theirs is kept
    /// that they could come back to or would need to delete.</summary>
    public async Task<bool> DraftHoldsAnswersAsync(MemberKey member) =>
        await drafts.LoadAsync(await DraftPseudonymAsync(member)) is { Answers.IsEmpty: false };

    /// <summary>Whether the member's next message is awaited as an addition to a report (after <c>/add CODE</c>).</summary>
    public bool AwaitsAddition(MemberKey member) => receipts.AwaitsAddition(member);

    /// <summary>The member turned to a moderators' question (<c>/answer</c>): their next message is not the addition.</summary>
    public Task EndAdditionAsync(MemberKey member) => EndAwaitedAdditionAsync(member);

    /// <summary>What a member sees on arrival: their unfinished report where they left it, or a welcome.</summary>
    public async Task<IntakeReply> GreetAsync(MemberKey member, string language, string welcomeKey)
    {
        var (draft, notices) = await LoadDraftAsync(member, language);
        if (draft is null)
        {
            return new IntakeReply([.. notices, Notice(language, welcomeKey)], language);
        }
        return Resumed(draft, draft.Language);
    }

    /// <summary>An unfinished report's open question, with a welcome back when something was answered already: before
    /// the first answer there is nothing to come back to (a member who sends /start again at the first question).</summary>
    private IntakeReply Resumed(ConversationState draft, string language) =>
        draft.Answers.IsEmpty
            ? new IntakeReply([runner.Ask(draft, time.GetUtcNow())], language)
            : new IntakeReply([Notice(language, "draft.resumed"), runner.Ask(draft, time.GetUtcNow())], language);

    /// <param name="chatStart">The channel's id of the message that carried the command: where an interview it starts
    /// begins in the member's chat.</param>
    public async Task<IntakeReply> HandleAsync(MemberKey member, string language, MemberCommand command, string? community = null, string? marker = null, int? chatStart = null)
    {
        if (command.Argument.Length > 0 && LeavesWords(command))
        {
            return await WithWordsAfterAsync(member, language, command, community, marker, chatStart);
        }
        // The member turned to something else: what they send next is no longer the addition (only /cancel says so).
        var awaitedAddition = command.Name is not CommandNames.Add && await EndAwaitedAdditionAsync(member);
        if (command.Name is CommandNames.Start or CommandNames.Report && LooksLikeAStory(command.Argument))
        {
            // "/report" and the story in one message: the story is read as if sent alone (it starts a report that keeps
            // it, or goes to the open interview's question), never dropped with the command.
            return await HandleAsync(member, language, new TextEntered(command.Argument), marker, chatStart);
        }
        var (draft, notices) = await LoadDraftAsync(member, language);
        language = draft?.Language ?? language;
        switch (command.Name)
        {
            case CommandNames.Start or CommandNames.Report:
                if (draft is not null && community is not null && draft.Community is null)
                {
                    // A report begun without a link, then a community's link pressed: its answers stay, and it comes
                    // from that community. One begun from a community's link stays that community's.
                    draft = draft with { Community = community };
                    await drafts.SaveAsync(await DraftPseudonymAsync(member), draft, marker);
                    return Resumed(draft, language) with { Marked = marker is not null };
                }
                if (draft is not null)
                {
                    return Resumed(draft, language);
                }
                var started = runner.Start(language, time.GetUtcNow());
                started = started with { State = started.State is { } fresh ? fresh with { Community = community, ChatStart = chatStart } : null };
                await SaveAsync(member, started, marker);
                counts.Add(Activity.DraftsStarted);
                return new IntakeReply([.. notices, .. started.Prompts], language, Marked: marker is not null);
            case CommandNames.Cancel when awaitedAddition:
                // What the bot waited for last was the addition (/add CODE): that is what stops; an interview open
                // beside it stays, and its question comes again.
                return new IntakeReply([.. notices, Notice(language, "add.cancelled"), .. Again(draft)], language);
            case CommandNames.Cancel or CommandNames.Back when draft is not null:
                return await StepAsync(member, draft, command.Name == CommandNames.Back ? new BackRequested() : new CancelRequested(), marker);
            case CommandNames.Cancel:
                return new IntakeReply([.. notices, Notice(language, "cancelled")], language);
            case CommandNames.Add:
                var askedBefore = receipts.AskedLately(member);
                var added = await receipts.AddAsync(member, language, command.Argument, marker);
                if (receipts.AwaitsAddition(member))
                {
                    // The code stays in memory only; the store keeps that the member's next message is an addition.
                    await drafts.MarkAdditionAwaitedAsync(member.Raw);
                }
                else if (askedBefore)
                {
                    await drafts.ClearAdditionAwaitedAsync(member.Raw);
                }
                // While the addition is awaited only its request stands last: the interview's question would invite an
                // answer ("1") that would become the addition. It comes again once the addition is in, or on /cancel.
                return new IntakeReply([.. notices, added, .. receipts.AwaitsAddition(member) ? [] : Again(draft)], language);
            case CommandNames.Delete:
                return new IntakeReply([.. notices, await receipts.WithdrawAsync(language, command.Argument, marker), .. Again(draft)], language);
            case CommandNames.Status:
                return new IntakeReply([.. notices, await receipts.StatusAsync(language, command.Argument), .. Again(draft)], language);
            case CommandNames.Language:
                return await ChangeLanguageAsync(member, draft, language, command.Argument, marker);
            case CommandNames.Answer when draft is not null:
                // The interview is open: the moderators' question waits until it is done.
                return new IntakeReply([.. notices, Notice(language, "followup.answer_in_interview"), .. Again(draft)], language);
            case CommandNames.Answer:
                // A channel takes /answer when a question is open; here none is.
                return new IntakeReply([.. notices, Notice(language, "followup.none_open")], language);
            case CommandNames.Help or CommandNames.Back:
                return new IntakeReply([.. notices, Notice(language, HelpKey(member.Channel)), .. Again(draft)], language);
            default:
                return new IntakeReply([.. notices, Notice(language, "chat.command_unknown"), .. Again(draft)], language);
        }
    }

    /// <param name="chatStart">The channel's id of the message, should it start an interview (a story sent as the first
    /// message).</param>
    /// <param name="repliedTo">The text of the bot's message the member replied to, if they did.</param>
    public async Task<IntakeReply> HandleAsync(MemberKey member, string language, ConversationEvent input, string? marker = null, int? chatStart = null, string? repliedTo = null)
    {
        var codeAskedForAddition = receipts.TakeCodeAskedForAddition(member);
        if (input is TextEntered { Text: var alone } && ReceiptCode.IsAlone(alone))
        {
            if (codeAskedForAddition)
            {
                // "/add", then the code on its own as the bot asked: the addition is asked for, as after "/add CODE".
                return await HandleAsync(member, language, new MemberCommand(CommandNames.Add, alone), marker: marker);
            }
            // A code sent alone (copied from the receipt to look at the report) is read as /status with it; no answer
            // to any question is a receipt code, nor is any addition: one still awaited is asked for again.
            return await receipts.AdditionPromptAsync(member, language) is { } stillAwaited
                ? new IntakeReply([await receipts.StatusAsync(language, alone), stillAwaited], language)
                : await HandleAsync(member, language, new MemberCommand(CommandNames.Status, alone), marker: marker);
        }
        if (input is TextEntered { Text: var stop } && receipts.AwaitsAddition(member) && CommandWords.CallsOff(stop))
        {
            // "отмена" or "стоп" typed where the addition waits means /cancel: sent to the moderators as the addition, it
            // would be the one thing the member did not want to send.
            return await HandleAsync(member, language, new MemberCommand(CommandNames.Cancel, ""), marker: marker);
        }
        if (input is TextEntered text && await receipts.TakeAdditionAsync(member, language, text.Text, marker) is { } addition)
        {
            await drafts.ClearAdditionAwaitedAsync(member.Raw);
            // The addition is in (or came too late, and the member is told so): an interview open beside it goes on.
            var (open, expired) = await LoadDraftAsync(member, language);
            // Taken (as the addition, or told it came too late), not refused: an edit of it is no answer to the open question.
            return new IntakeReply([addition, .. expired, .. Again(open)], language, Answered: true);
        }
        if (input is NonTextReceived or RepeatRequested && await receipts.AdditionPromptAsync(member, language) is { } awaited)
        {
            // A sticker, photo or voice message after /add CODE: only text can be added, and the addition still waits.
            return new IntakeReply([Notice(language, "add.text_only"), awaited], language);
        }
        if (input is TextEntered && await drafts.TakeEarlierAdditionMarkAsync(member.Raw, marker))
        {
            // The bot was restarted after /add CODE and the code, held in memory only, is gone: this text was meant as the
            // addition, so it neither starts a report nor answers the interview's question; the member is told to send it again.
            var (open, expired) = await LoadDraftAsync(member, language);
            return new IntakeReply([Notice(language, "add.restarted"), .. expired, .. Again(open)], language, Answered: true, Marked: marker is not null);
        }
        if (input is TextEntered { Text: var named } && LanguageCode(named) is not null)
        {
            // A language's code or own name sent alone, as the notice after a bare /language asks (no answer to any
            // question is one): the language changes as with /language and it.
            return await HandleAsync(member, language, new MemberCommand(CommandNames.Language, named), marker: marker);
        }
        var (draft, notices) = await LoadDraftAsync(member, language);
        if (draft is not { Answers.IsEmpty: false } && input is TextEntered { Text: var asking } && TypedCommands.Asked(asking) is { } receiptCommand)
        {
            // "мой статус", "удалить отчёт" before anything was answered: the member came back with a report already sent,
            // not to start one; they are told how to send the command with their code (and see the question again).
            var usage = await HandleAsync(member, language, new MemberCommand(receiptCommand, ""), marker: marker);
            return usage with { Prompts = [.. notices, .. usage.Prompts] };
        }
        if (draft is null)
        {
            if (input is TextEntered { Text: var first } && LooksLikeAStory(first))
            {
                // A first message of several sentences is most likely the story itself: offer the report and keep it.
                var started = runner.StartWithStory(language, first.Trim(), time.GetUtcNow());
                started = started with { State = started.State is { } fresh ? fresh with { ChatStart = chatStart } : null };
                await SaveAsync(member, started, marker);
                counts.Add(Activity.DraftsStarted);
                return new IntakeReply([.. notices, Notice(language, "chat.story_kept"), .. started.Prompts], language, Marked: marker is not null);
            }
            // Nothing open: say how to begin rather than guess what the message meant. A typed "Answer" means the
            // moderators' question (a channel takes it when one is open): say there is none. A bare "1" is any stray message.
            var welcome = input is TextEntered { Text: var typed } && TypedAnswerRequest.NamesAnswer(typed, _answerLabels) ? "followup.none_open" : "chat.welcome";
            return new IntakeReply([.. notices, Notice(language, welcome)], language);
        }
        var now = time.GetUtcNow();
        if (input is TextEntered { Text: var answer } && repliedTo is not null && runner.RepliesToAnsweredQuestion(draft, repliedTo, answer, now))
        {
            // Meant to correct an earlier answer: taken for the open question's answer, it would become a wrong one (a date
            // as a place). Nothing changes; the member is told how to change that answer and sees the open question.
            return new IntakeReply([Notice(draft.Language, "chat.reply_to_answered"), runner.Ask(draft, now)], draft.Language);
        }
        var reply = await StepAsync(member, draft, input, marker);
        return reply with { Prompts = [.. notices, .. reply.Prompts] };
    }

    private async Task<IntakeReply> StepAsync(MemberKey member, ConversationState draft, ConversationEvent input, string? marker)
    {
        var result = runner.Handle(draft, input, time.GetUtcNow());
        switch (result.Outcome)
        {
            case FlowOutcome.Completed when result.Answers is { } answers:
                return await submission.SubmitAsync(member, draft, answers, marker);
            case FlowOutcome.Cancelled:
                await drafts.DeleteAsync(await DraftPseudonymAsync(member), marker);
                counts.Add(Activity.DraftsCancelled);
                return new IntakeReply(result.Prompts, draft.Language, FlowOutcome.Cancelled, Answered: true, Marked: marker is not null);
            default:
                await SaveAsync(member, result, marker);
                // Refusals come back as a notice before the same question; anything else moved the conversation on.
                var moved = result.State is { } next && (next.StepId != draft.StepId
                    || (next.Pending != draft.Pending && result.Prompts is not [{ Kind: PromptKind.Notice }, ..]));
                return new IntakeReply(result.Prompts, result.State?.Language ?? draft.Language, Answered: moved, Marked: marker is not null);
        }
    }

    private async Task<IntakeReply> ChangeLanguageAsync(MemberKey member, ConversationState? draft, string language, string wanted, string? marker)
    {
        if (LanguageCode(wanted) is not { } code)
        {
            // Each language by its code and its own name: a member who cannot read this notice still finds theirs.
            var offered = string.Join(", ", texts.Languages.Select(code => $"{code} ({texts.Get(code, "language.name")})"));
            // The open question follows, as after every other command: a member is not left without it.
            return new IntakeReply([Notice(language, "language.usage", ("languages", offered)), .. Again(draft)], language);
        }
        if (draft is null)
        {
            return new IntakeReply([Notice(code, "language.changed")], code);
        }
        var changed = draft with { Language = code };
        await drafts.SaveAsync(await DraftPseudonymAsync(member), changed, marker);
        return new IntakeReply([Notice(code, "language.changed"), runner.Ask(changed, time.GetUtcNow())], code, Marked: marker is not null);
    }

    /// <summary>More than a greeting or a question: several words, long enough to be a story's start.</summary>
    private static bool LooksLikeAStory(string text) =>
        text.Length >= StoryMinLength && text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length >= StoryMinWords;

    private const int StoryMinWords = 6;
    private const int StoryMinLength = 30;

    private ImmutableArray<Prompt> Again(ConversationState? draft) =>
        draft is null ? [] : [runner.Ask(draft, time.GetUtcNow())];

    private async Task<(ConversationState? Draft, ImmutableArray<Prompt> Notices)> LoadDraftAsync(MemberKey member, string language)
    {
        var pseudonym = await DraftPseudonymAsync(member);
        var (draft, expired) = await drafts.LoadOrTakeExpiredMarkAsync(pseudonym);
        if (draft is null)
        {
            return expired ? (null, [Notice(language, "draft.expired")]) : (null, []);
        }
        if (time.GetUtcNow() - draft.UpdatedOn > _draftLifetime)
        {
            await drafts.DeleteAsync(pseudonym);
            counts.Add(Activity.DraftsFoundExpired);
            return (null, [Notice(draft.Language, "draft.expired")]);
        }
        if (draft.FlowId != runner.Flow.Id || draft.FlowVersion != runner.Flow.Version)
        {
            await drafts.DeleteAsync(pseudonym);
            counts.Add(Activity.DraftsRestartedForNewFlow);
            return (null, [Notice(texts.Has(draft.Language) ? draft.Language : language, "draft.flow_changed")]);
        }
        return (draft, []);
    }

    /// <summary>Each channel's help names only what that channel does: only in Telegram can the bot delete the chat's
    /// messages, and only there and in Messenger does it bring moderators' questions to the member.</summary>
    private static string HelpKey(ReportChannel channel) => channel switch
    {
        ReportChannel.Terminal => "help.text_terminal",
        ReportChannel.Messenger => "help.text_messenger",
        _ => "help.text",
    };

    /// <summary>The member asked to be forgotten (<c>/forget</c>): the unfinished draft is deleted and nothing of theirs
    /// stays waiting in memory (an addition awaited after <c>/add CODE</c> included).</summary>
    public async Task<IntakeReply> ForgetAsync(MemberKey member, string language, string? marker = null)
    {
        await EndAwaitedAdditionAsync(member);
        return await HandleAsync(member, language, new MemberCommand(CommandNames.Cancel, ""), marker: marker);
    }

    private async Task SaveAsync(MemberKey member, FlowResult result, string? marker)
    {
        var pseudonym = await DraftPseudonymAsync(member);
        await (result.State is { } state ? drafts.SaveAsync(pseudonym, state, marker) : drafts.DeleteAsync(pseudonym, marker));
    }

    /// <summary>Nothing of the member's stays waiting for an addition, in memory or in the store.</summary>
    /// <returns>Whether an addition was awaited.</returns>
    private async Task<bool> EndAwaitedAdditionAsync(MemberKey member)
    {
        var asked = receipts.AskedLately(member);
        var awaited = receipts.Forget(member);
        if (asked)
        {
            await drafts.ClearAdditionAwaitedAsync(member.Raw);
        }
        else
        {
            // One awaited when the program stopped ends too (looked for only while one may be alive).
            await drafts.TakeEarlierAdditionMarkAsync(member.Raw);
        }
        return awaited;
    }

    private ValueTask<PeriodPseudonym> DraftPseudonymAsync(MemberKey member) => drafts.PseudonymAsync(member.Raw);

    private Prompt Notice(string language, string key, params ReadOnlySpan<(string, string)> values) =>
        Prompt.Notice(texts.Get(language, key, values));
}
