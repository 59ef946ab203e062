using System.Collections.Immutable;
using CommunityBot.Moderation;
using CommunityBot.Privacy;
using CommunityBot.Reports;
using Microsoft.Extensions.Options;

namespace CommunityBot.Conversations;

/// <summary>Who is talking, as the channel knows them (e.g. <c>telegram</c> + user id). It is only ever
/// turned into a keyed pseudonym here; it is never stored or logged.</summary>
internal readonly record struct MemberKey(string Channel, string Id)
{
    public override string ToString() => "(member)";

    internal string Raw => Channel + ":" + Id;

    public static MemberKey Telegram(long userId) => new("telegram", userId.ToString(System.Globalization.CultureInfo.InvariantCulture));
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
internal sealed class ReportIntake(
    FlowRunner runner,
    TextCatalog texts,
    DraftStore drafts,
    ReportStore reports,
    ReportEvents events,
    ContactMasking masking,
    Pseudonyms pseudonyms,
    TimeProvider time,
    IOptions<IntakeOptions> options,
    ActivityCounts counts,
    MemberLimits limits) : IDisposable
{
    private readonly TimeSpan _draftLifetime = options.Value.DraftLifetime;

    private static readonly TimeSpan AdditionWait = TimeSpan.FromMinutes(30);

    /// <summary>More members than this typing an addition at the same moment is a flood, not a community.</summary>
    private const int AdditionsAwaited = 10_000;

    /// <summary>Members who sent <c>/add CODE</c> and whose next message is the addition. Memory only: it holds a
    /// receipt code, which must never reach the disk; after a restart (or half an hour) the member sends /add again.</summary>
    private readonly FadingMemory<string, string> _pendingAdditions = new(time, AdditionWait, AdditionsAwaited, StringComparer.Ordinal);

    /// <summary>Handles a button press with one read of the draft: <paramref name="resolve"/> sees the question open
    /// now and says what the press means for it, or null when the button is from another question (stale, or forged).</summary>
    public async Task<ButtonOutcome> PressAsync(MemberKey member, string language, Func<Prompt, ConversationEvent?> resolve, string? marker = null)
    {
        var (draft, notices) = await LoadDraftAsync(member, language).ConfigureAwait(false);
        if (draft is null)
        {
            return new ButtonOutcome(null, null, notices);
        }
        var question = runner.Ask(draft, time.GetUtcNow());
        if (resolve(question) is not { } input)
        {
            return new ButtonOutcome(question, null, notices);
        }
        return new ButtonOutcome(question, await StepAsync(member, draft, input, marker).ConfigureAwait(false), notices);
    }

    /// <summary>What a member sees on arrival: their unfinished report where they left it, or a welcome.</summary>
    public async Task<IntakeReply> GreetAsync(MemberKey member, string language, string welcomeKey)
    {
        var (draft, notices) = await LoadDraftAsync(member, language).ConfigureAwait(false);
        if (draft is null)
        {
            return new IntakeReply([.. notices, Notice(language, welcomeKey)], language);
        }
        var now = time.GetUtcNow();
        return new IntakeReply([Notice(draft.Language, "draft.resumed"), runner.Ask(draft, now)], draft.Language);
    }

    /// <param name="chatStart">The channel's id of the message that carried the command: where an interview it starts
    /// begins in the member's chat.</param>
    public async Task<IntakeReply> HandleAsync(MemberKey member, string language, MemberCommand command, string? community = null, string? marker = null, int? chatStart = null)
    {
        var (draft, notices) = await LoadDraftAsync(member, language).ConfigureAwait(false);
        language = draft?.Language ?? language;
        switch (command.Name)
        {
            case "start" or "report":
                if (draft is not null)
                {
                    return new IntakeReply([Notice(language, "draft.resumed"), runner.Ask(draft, time.GetUtcNow())], language);
                }
                var started = runner.Start(language, time.GetUtcNow());
                started = started with { State = started.State is { } fresh ? fresh with { Community = community, ChatStart = chatStart } : null };
                await SaveAsync(member, started, marker).ConfigureAwait(false);
                counts.Add(Activity.DraftsStarted);
                return new IntakeReply([.. notices, .. started.Prompts], language, Marked: marker is not null);
            case "cancel" or "back" when draft is not null:
                return await StepAsync(member, draft, command.Name == "back" ? new BackRequested() : new CancelRequested(), marker).ConfigureAwait(false);
            case "cancel":
                _pendingAdditions.Remove(Pseudonym(member));
                return new IntakeReply([.. notices, Notice(language, "cancelled")], language);
            case "add":
                return new IntakeReply([.. notices, await AddAsync(member, language, command.Argument, marker).ConfigureAwait(false), .. Again(draft)], language);
            case "delete":
                return new IntakeReply([.. notices, await WithdrawAsync(language, command.Argument, marker).ConfigureAwait(false), .. Again(draft)], language);
            case "status":
                return new IntakeReply([.. notices, await StatusAsync(language, command.Argument).ConfigureAwait(false), .. Again(draft)], language);
            case "language":
                return await ChangeLanguageAsync(member, draft, language, command.Argument, marker).ConfigureAwait(false);
            case "help" or "back":
                return new IntakeReply([.. notices, Notice(language, "help.text"), .. Again(draft)], language);
            default:
                return new IntakeReply([.. notices, Notice(language, "chat.command_unknown"), .. Again(draft)], language);
        }
    }

    /// <param name="chatStart">The channel's id of the message, should it start an interview (a story sent as the first
    /// message).</param>
    public async Task<IntakeReply> HandleAsync(MemberKey member, string language, ConversationEvent input, string? marker = null, int? chatStart = null)
    {
        if (input is TextEntered text && _pendingAdditions.TryRemove(Pseudonym(member), out var pending))
        {
            return new IntakeReply([await AppendAsync(member, language, pending, text.Text, marker).ConfigureAwait(false)], language);
        }
        var (draft, notices) = await LoadDraftAsync(member, language).ConfigureAwait(false);
        if (draft is null)
        {
            if (input is TextEntered { Text: var first } && LooksLikeAStory(first))
            {
                // A first message of several sentences is most likely the story itself: offer the report and keep it.
                var started = runner.StartWithStory(language, first.Trim(), time.GetUtcNow());
                started = started with { State = started.State is { } fresh ? fresh with { ChatStart = chatStart } : null };
                await SaveAsync(member, started, marker).ConfigureAwait(false);
                counts.Add(Activity.DraftsStarted);
                return new IntakeReply([.. notices, Notice(language, "chat.story_kept"), .. started.Prompts], language, Marked: marker is not null);
            }
            // Nothing open: say how to begin rather than guess what the message meant.
            return new IntakeReply([.. notices, Notice(language, "chat.welcome")], language);
        }
        var reply = await StepAsync(member, draft, input, marker).ConfigureAwait(false);
        return reply with { Prompts = [.. notices, .. reply.Prompts] };
    }

    private async Task<IntakeReply> StepAsync(MemberKey member, ConversationState draft, ConversationEvent input, string? marker)
    {
        var result = runner.Handle(draft, input, time.GetUtcNow());
        switch (result.Outcome)
        {
            case FlowOutcome.Completed when result.Answers is { } answers:
                var limit = await limits.CheckAsync(member.Raw, LimitedAction.Reports).ConfigureAwait(false);
                var submitted = await reports.SubmitWithinLimitAsync(await DraftPseudonymAsync(member).ConfigureAwait(false), new NewReport(
                    runner.Flow.Id, runner.Flow.Version, draft.Language, draft.Community, answers), limit, marker).ConfigureAwait(false);
                if (submitted is null)
                {
                    return await RefuseSubmissionAsync(member, draft, limit, marker).ConfigureAwait(false);
                }
                counts.Add(Activity.ReportsSubmitted);
                events.Add(new ReportEvent(submitted.Id, ReportEventKind.Submitted));
                var followUp = answers.GetValueOrDefault(ReportSteps.FollowupConsent) is YesNoAnswer { Yes: true } ? submitted.Id : (Guid?)null;
                return new IntakeReply(
                    [Notice(draft.Language, "receipt.issued", ("label", submitted.Label), ("code", submitted.ReceiptCode))],
                    draft.Language, FlowOutcome.Completed, Answered: true, Marked: marker is not null, FollowUpFor: followUp, SubmittedLabel: submitted.Label,
                    ChatStart: draft.ChatStart);
            case FlowOutcome.Cancelled:
                await drafts.DeleteAsync(await DraftPseudonymAsync(member).ConfigureAwait(false), marker).ConfigureAwait(false);
                counts.Add(Activity.DraftsCancelled);
                return new IntakeReply(result.Prompts, draft.Language, FlowOutcome.Cancelled, Answered: true, Marked: marker is not null);
            default:
                await SaveAsync(member, result, marker).ConfigureAwait(false);
                // Refusals come back as a notice before the same question; anything else moved the conversation on.
                var moved = result.State is { } next && (next.StepId != draft.StepId
                    || (next.Pending != draft.Pending && result.Prompts is not [{ Kind: PromptKind.Notice }, ..]));
                return new IntakeReply(result.Prompts, result.State?.Language ?? draft.Language, Answered: moved, Marked: marker is not null);
        }
    }

    /// <summary>Over the limit nothing is stored but the draft, at its review, touched so that it does not expire while
    /// the member waits: they send it when they may.</summary>
    private async Task<IntakeReply> RefuseSubmissionAsync(MemberKey member, ConversationState draft, LimitCheck limit, string? marker)
    {
        counts.Add(Activity.LimitsReached, "reports");
        var now = time.GetUtcNow();
        var kept = draft with { UpdatedOn = now };
        await drafts.SaveAsync(await DraftPseudonymAsync(member).ConfigureAwait(false), kept, marker).ConfigureAwait(false);
        return new IntakeReply(
            [Notice(draft.Language, "limits.reports", ("hours", limit.HoursLeft)), runner.Ask(kept, now)],
            draft.Language, Marked: marker is not null);
    }

    private async Task<IntakeReply> ChangeLanguageAsync(MemberKey member, ConversationState? draft, string language, string wanted, string? marker)
    {
        var code = wanted.Trim().ToLowerInvariant();
        if (!texts.Has(code))
        {
            // Each language by its code and its own name: a member who cannot read this notice still finds theirs.
            var offered = string.Join(", ", texts.Languages.Select(code => $"{code} ({texts.Get(code, "language.name")})"));
            return new IntakeReply([Notice(language, "language.usage", ("languages", offered))], language);
        }
        if (draft is null)
        {
            return new IntakeReply([Notice(code, "language.changed")], code);
        }
        var changed = draft with { Language = code };
        await drafts.SaveAsync(await DraftPseudonymAsync(member).ConfigureAwait(false), changed, marker).ConfigureAwait(false);
        return new IntakeReply([Notice(code, "language.changed"), runner.Ask(changed, time.GetUtcNow())], code, Marked: marker is not null);
    }

    private async Task<Prompt> StatusAsync(string language, string code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return Notice(language, "status.usage");
        }
        // A malformed code and an unknown one get the same answer: nobody learns whether a report exists.
        var report = await reports.FindByReceiptAsync(code).ConfigureAwait(false);
        if (report is null)
        {
            return Notice(language, "status.unknown");
        }
        var status = texts.Get(language, "status.report",
            ("label", report.Label),
            ("status", texts.Get(language, ReportStatusIds.TextKey(report.Status))),
            ("date", FlowRunner.FormatDate(report.SubmittedOn)));
        return Prompt.Notice(status + Questions(language, report, hint: true));
    }

    /// <summary>The moderators' open questions, for a member who came with their code: whether or not they agreed to
    /// be asked through the bot, this is where they read a question, and <c>/add</c> answers it.</summary>
    /// <param name="hint">Say how to answer (on /status; after /add CODE the member is already answering).</param>
    private string Questions(string language, IncidentReport report, bool hint)
    {
        if (ReportLifecycle.IsFinal(report.Status))
        {
            return "";
        }
        var open = report.OpenQuestions.Select(note => texts.Get(language, "status.question",
            ("date", FlowRunner.FormatDate(note.On)), ("question", note.Text))).ToList();
        return open.Count == 0 ? "" : "\n\n" + string.Join("\n\n", open) + (hint ? "\n\n" + texts.Get(language, "status.answer_hint") : "");
    }

    private async Task<Prompt> AddAsync(MemberKey member, string language, string argument, string? marker)
    {
        if (string.IsNullOrWhiteSpace(argument))
        {
            return Notice(language, "add.usage");
        }
        // The code may be typed with spaces between its groups: take as many words as make a code.
        var (code, text) = SplitCode(argument);
        if (code is null)
        {
            return Notice(language, "status.unknown");
        }
        if (text.Length > 0)
        {
            return await AppendAsync(member, language, code, text, marker).ConfigureAwait(false);
        }
        var report = await reports.FindByReceiptAsync(code).ConfigureAwait(false);
        if (report is null || report.Status == ReportStatus.Withdrawn)
        {
            return Notice(language, "status.unknown");
        }
        _pendingAdditions.Set(Pseudonym(member), code);
        return Prompt.Notice(texts.Get(language, "add.prompt", ("label", report.Label)) + Questions(language, report, hint: false));
    }

    private async Task<Prompt> AppendAsync(MemberKey member, string language, string code, string text, string? marker)
    {
        if (text.Trim().Length == 0)
        {
            return Notice(language, "error.text.empty");
        }
        var (kept, masked) = masking.Mask(language, text.Trim());
        var limit = await limits.CheckAsync(member.Raw, LimitedAction.Additions).ConfigureAwait(false);
        if (await reports.AddInformationAsync(code, kept, marker, limit).ConfigureAwait(false) is not { } report)
        {
            if (limit.BlockedUntil is not null)
            {
                // The text is not kept: holding it (and the code it goes with) in memory for an hour would keep a
                // member's words and key where nothing else keeps them; the member is told plainly to send it again.
                counts.Add(Activity.LimitsReached, "additions");
                return Notice(language, "limits.additions", ("hours", limit.HoursLeft));
            }
            return Notice(language, "status.unknown");
        }
        counts.Add(report.Answered ? Activity.AnswersRelayed : Activity.AdditionsStored);
        events.Add(new ReportEvent(report.Id, report.Answered ? ReportEventKind.Answered : ReportEventKind.Added));
        var done = texts.Get(language, report.Answered ? "followup.answer_sent" : "add.done", ("label", report.Label));
        return Prompt.Notice(masked ? done + "\n\n" + texts.Get(language, "add.masked") : done);
    }

    private async Task<Prompt> WithdrawAsync(string language, string argument, string? marker)
    {
        if (string.IsNullOrWhiteSpace(argument))
        {
            return Notice(language, "delete.usage");
        }
        if (await reports.WithdrawAsync(argument, marker).ConfigureAwait(false) is not { } report)
        {
            return Notice(language, "status.unknown");
        }
        counts.Add(Activity.ReportsWithdrawn);
        events.Add(new ReportEvent(report.Id, ReportEventKind.Withdrawn));
        return Notice(language, "delete.done", ("label", report.Label));
    }

    /// <summary>Splits "7K3Q XM2P 4HNA 9TWE some text" or "7K3Q-XM2P-4HNA-9TWE some text" into code and text.</summary>
    private static (string? Code, string Text) SplitCode(string argument)
    {
        var words = argument.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (var take = 1; take <= Math.Min(4, words.Length); take++)
        {
            var candidate = string.Concat(words.Take(take));
            if (Privacy.ReceiptCode.Normalize(candidate) is not null)
            {
                var rest = argument.TrimStart();
                for (var i = 0; i < take; i++)
                {
                    rest = rest[(rest.IndexOf(words[i], StringComparison.Ordinal) + words[i].Length)..];
                }
                return (candidate, rest.Trim());
            }
        }
        return (null, "");
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
        var pseudonym = await DraftPseudonymAsync(member).ConfigureAwait(false);
        var draft = await drafts.LoadAsync(pseudonym).ConfigureAwait(false);
        if (draft is null)
        {
            return await drafts.TakeExpiredMarkAsync(pseudonym).ConfigureAwait(false)
                ? (null, [Notice(language, "draft.expired")])
                : (null, []);
        }
        if (time.GetUtcNow() - draft.UpdatedOn > _draftLifetime)
        {
            await drafts.DeleteAsync(pseudonym).ConfigureAwait(false);
            counts.Add(Activity.DraftsFoundExpired);
            return (null, [Notice(draft.Language, "draft.expired")]);
        }
        if (draft.FlowId != runner.Flow.Id || draft.FlowVersion != runner.Flow.Version)
        {
            await drafts.DeleteAsync(pseudonym).ConfigureAwait(false);
            counts.Add(Activity.DraftsRestartedForNewFlow);
            return (null, [Notice(texts.Has(draft.Language) ? draft.Language : language, "draft.flow_changed")]);
        }
        return (draft, []);
    }

    /// <summary>The member asked to be forgotten (<c>/forget</c>): nothing of theirs stays waiting in memory.</summary>
    public void Forget(MemberKey member) => _pendingAdditions.Remove(Pseudonym(member));

    /// <summary>How many members' receipt codes are held now, waiting for their addition.</summary>
    internal int AdditionsWaiting => _pendingAdditions.Count;

    public void Dispose() => _pendingAdditions.Dispose();

    private async Task SaveAsync(MemberKey member, FlowResult result, string? marker)
    {
        var pseudonym = await DraftPseudonymAsync(member).ConfigureAwait(false);
        await (result.State is { } state ? drafts.SaveAsync(pseudonym, state, marker) : drafts.DeleteAsync(pseudonym, marker)).ConfigureAwait(false);
    }

    private ValueTask<PeriodPseudonym> DraftPseudonymAsync(MemberKey member) => drafts.PseudonymAsync(member.Raw);

    // Memory only (a pending addition is never stored), so the fixed key of in-memory counters serves.
    private string Pseudonym(MemberKey member) => pseudonyms.Of(PseudonymPurpose.Counters, member.Raw);

    private Prompt Notice(string language, string key, params ReadOnlySpan<(string, string)> values) =>
        Prompt.Notice(texts.Get(language, key, values));
}
