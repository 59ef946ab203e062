using CommunityBot.Moderation;
using CommunityBot.Privacy;
using CommunityBot.Reports;

namespace CommunityBot.Conversations;

/// <summary>
/// What a member does with the receipt code of a report already sent, in any channel: <c>/status CODE</c> (and the
/// moderators' open questions), <c>/add CODE [text]</c> (an addition, or the answer to a question) and
/// <c>/delete CODE</c>. A receipt code is held only in memory, for the one message after <c>/add CODE</c>.
/// </summary>
internal sealed class ReceiptCommands(
    ReportStore reports,
    ReportEvents events,
    ContactMasking masking,
    TextCatalog texts,
    Pseudonyms pseudonyms,
    TimeProvider time,
    ActivityCounts counts,
    MemberLimits limits) : IDisposable
{
    private static readonly TimeSpan AdditionWait = TimeSpan.FromMinutes(30);

    /// <summary>How long after <c>/add CODE</c> a late addition is still recognised as one, to tell the member it came too
    /// late rather than read it as something new. Only a pseudonym is held that long, never the code.</summary>
    internal static readonly TimeSpan LateAdditionNoticed = TimeSpan.FromHours(6);

    /// <summary>More members than this typing an addition at the same moment is a flood, not a community.</summary>
    private const int AdditionsAwaited = 10_000;

    /// <summary>Members who sent <c>/add CODE</c> and whose next message is the addition. Memory only: it holds a
    /// receipt code, which must never reach the disk; after a restart (or half an hour) the member sends /add again.</summary>
    private readonly FadingMemory<string, string> _pendingAdditions = new(time, AdditionWait, AdditionsAwaited, StringComparer.Ordinal);

    /// <summary>Members who sent <c>/add CODE</c> lately, without the code: a message after the wait ran out is then
    /// answered as a late addition (not added, and the member told how to add it) instead of starting a report.</summary>
    private readonly FadingMemory<string, bool> _additionsAsked = new(time, LateAdditionNoticed, AdditionsAwaited, StringComparer.Ordinal);

    /// <summary>Members who sent <c>/add</c> without the code and were asked for it: the code sent alone next is
    /// <c>/add</c> with it, as the member meant, not <c>/status</c>. Only a pseudonym is held, never a code.</summary>
    private readonly FadingMemory<string, bool> _codeAskedForAddition = new(time, AdditionWait, AdditionsAwaited, StringComparer.Ordinal);

    /// <summary>Whether the member's last command was <c>/add</c> without its code (forgotten as it is read: only the
    /// message right after counts). Cheap when nobody is adding.</summary>
    public bool TakeCodeAskedForAddition(MemberKey member) =>
        _codeAskedForAddition.Count > 0 && _codeAskedForAddition.TryRemove(Pseudonym(member), out _);

    /// <summary>The text a member sends after <c>/add CODE</c>, stored as the addition, or the notice that the wait ran
    /// out (the text is not kept); null when no addition was asked for (the text is then an ordinary answer).</summary>
    public async Task<Prompt?> TakeAdditionAsync(MemberKey member, string language, string text, string? marker)
    {
        if (_additionsAsked.Count == 0 && _pendingAdditions.Count == 0)
        {
            return null;
        }
        var pseudonym = Pseudonym(member);
        var asked = _additionsAsked.TryRemove(pseudonym, out _);
        if (_pendingAdditions.TryRemove(pseudonym, out var pending))
        {
            return await AppendAsync(member, language, pending, text, marker);
        }
        return asked ? Notice(language, "add.too_late") : null;
    }

    /// <summary>Whether the member's next message is awaited as an addition (they sent <c>/add CODE</c>). Cheap when
    /// nobody is adding (the usual case): no pseudonym is computed then.</summary>
    public bool AwaitsAddition(MemberKey member) => _pendingAdditions.Count > 0 && _pendingAdditions.TryGet(Pseudonym(member), out _);

    /// <summary>Whether the member sent <c>/add CODE</c> lately (their addition may still be awaited, or its wait ran out
    /// lately). Cheap when nobody is adding.</summary>
    public bool AskedLately(MemberKey member) => _additionsAsked.Count > 0 && _additionsAsked.TryGet(Pseudonym(member), out _);

    /// <summary>The request for the addition again, when one is awaited (the member sent something else than text, or
    /// their code alone): the addition still waits.</summary>
    public async Task<Prompt?> AdditionPromptAsync(MemberKey member, string language)
    {
        if (_pendingAdditions.Count == 0 || !_pendingAdditions.TryGet(Pseudonym(member), out var code)
            || await reports.FindByReceiptAsync(code) is not { } report)
        {
            return null;
        }
        return Notice(language, "add.prompt", ("label", report.Label));
    }

    /// <summary>The member stopped (<c>/cancel</c>), turned to something else (another command) or asked to be forgotten
    /// (<c>/forget</c>): nothing of theirs stays waiting in memory.</summary>
    /// <returns>Whether an addition was awaited.</returns>
    public bool Forget(MemberKey member)
    {
        if (_additionsAsked.Count == 0 && _pendingAdditions.Count == 0 && _codeAskedForAddition.Count == 0)
        {
            return false;
        }
        var pseudonym = Pseudonym(member);
        _additionsAsked.Remove(pseudonym);
        _codeAskedForAddition.Remove(pseudonym);
        return _pendingAdditions.TryRemove(pseudonym, out _);
    }

    /// <summary>How many members' receipt codes are held now, waiting for their addition.</summary>
    internal int AdditionsWaiting => _pendingAdditions.Count;

    public void Dispose()
    {
        _pendingAdditions.Dispose();
        _additionsAsked.Dispose();
        _codeAskedForAddition.Dispose();
    }

    public async Task<Prompt> StatusAsync(string language, string argument)
    {
        if (string.IsNullOrWhiteSpace(argument))
        {
            return Notice(language, "status.usage");
        }
        // Words after the code ("/status CODE please") are not part of it. A malformed code and an unknown one get the
        // same answer: nobody learns whether a report exists.
        var report = ReceiptCode.Split(argument).Code is { } code ? await reports.FindByReceiptAsync(code) : null;
        if (report is null)
        {
            return Unknown(language, FirstWord(argument));
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

    public async Task<Prompt> AddAsync(MemberKey member, string language, string argument, string? marker)
    {
        if (string.IsNullOrWhiteSpace(argument))
        {
            _codeAskedForAddition.Set(Pseudonym(member), true);
            return Notice(language, "add.usage");
        }
        // The code may be typed with spaces between its groups: take as many words as make a code.
        var (code, text) = ReceiptCode.Split(argument);
        if (code is null)
        {
            return Unknown(language, FirstWord(argument));
        }
        if (text.Length > 0)
        {
            // The addition came with the command: an earlier /add no longer waits for one.
            Forget(member);
            return await AppendAsync(member, language, code, text, marker);
        }
        var report = await reports.FindByReceiptAsync(code);
        if (report is null)
        {
            return Notice(language, "status.unknown");
        }
        if (report.Status == ReportStatus.Withdrawn)
        {
            // /status says so with the same code: "no report has this code" would send the member to check a right code.
            return Notice(language, "add.withdrawn");
        }
        var pseudonym = Pseudonym(member);
        _pendingAdditions.Set(pseudonym, code);
        _additionsAsked.Set(pseudonym, true);
        return Prompt.Notice(texts.Get(language, "add.prompt", ("label", report.Label)) + Questions(language, report, hint: false));
    }

    private async Task<Prompt> AppendAsync(MemberKey member, string language, string code, string text, string? marker)
    {
        if (text.Trim().Length == 0)
        {
            return Notice(language, "error.text.empty");
        }
        var (kept, masked) = masking.Mask(language, text.Trim());
        var limit = await limits.CheckAsync(member.Raw, LimitedAction.Additions);
        if (await reports.AddInformationAsync(code, kept, marker, limit) is not { } report)
        {
            if (limit.BlockedUntil is not null)
            {
                // The text is not kept: holding it (and the code it goes with) in memory for an hour would keep a
                // member's words and key where nothing else keeps them; the member is told plainly to send it again.
                counts.Add(Activity.LimitsReached, "additions");
                return Notice(language, "limits.additions", ("hours", limit.HoursLeft));
            }
            return await reports.FindByReceiptAsync(code) is { Status: ReportStatus.Withdrawn } ? Notice(language, "add.withdrawn") : Notice(language, "status.unknown");
        }
        counts.Add(report.Answered ? Activity.AnswersRelayed : Activity.AdditionsStored);
        events.Add(new ReportEvent(report.Id, report.Answered ? ReportEventKind.Answered : ReportEventKind.Added));
        var done = texts.Get(language, report.Answered ? "followup.answer_sent" : "add.done", ("label", report.Label));
        return Prompt.Notice(masked ? done + "\n\n" + texts.Get(language, "add.masked") : done);
    }

    public async Task<Prompt> WithdrawAsync(string language, string argument, string? marker)
    {
        if (string.IsNullOrWhiteSpace(argument))
        {
            return Notice(language, "delete.usage");
        }
        // Words after the code ("/delete CODE please") are not part of it.
        if (ReceiptCode.Split(argument).Code is not { } code || await reports.WithdrawAsync(code, marker) is not { } report)
        {
            return Unknown(language, FirstWord(argument));
        }
        counts.Add(Activity.ReportsWithdrawn);
        events.Add(new ReportEvent(report.Id, ReportEventKind.Withdrawn));
        return Notice(language, "delete.done", ("label", report.Label));
    }

    /// <summary>No report opens with what was typed. A report's label typed instead of its code (the label stands on
    /// every message about the report, the code only once) gets its own answer; it is told by its form alone, so the
    /// answer says nothing of whether such a report exists.</summary>
    private Prompt Unknown(string language, string typed) =>
        Notice(language, LooksLikeALabel(typed.Trim()) ? "status.label_not_code" : "status.unknown");

    // With its prefix ("R-7K3Q", "р7к3q"): four characters alone may as well be a code's first group.
    private static bool LooksLikeALabel(string typed) =>
        typed.Length > ReportLabel.Length && char.ToUpperInvariant(typed[0]) is 'R' or 'Р' && ReportLabel.Normalize(typed) is not null;

    private static string FirstWord(string argument) =>
        argument.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : "";

    // Memory only (a pending addition is never stored), so the fixed key of in-memory counters serves.
    private string Pseudonym(MemberKey member) => pseudonyms.Of(PseudonymPurpose.Counters, member.Raw);

    private Prompt Notice(string language, string key, params ReadOnlySpan<(string, string)> values) =>
        Prompt.Notice(texts.Get(language, key, values));
}
