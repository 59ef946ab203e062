using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using CommunityBot.Channels.Telegram;
using CommunityBot.Conversations;
using CommunityBot.Privacy;
using CommunityBot.Storage;
using Microsoft.Extensions.Options;

namespace CommunityBot.Channels.Messenger;

/// <summary>
/// A member's conversation with the Page: the same reporting interview as in Telegram, with quick replies, typed
/// answers and keyword commands, and kind answers to likes, stickers and files. The member's Page-scoped id only ever
/// becomes a keyed pseudonym in the intake, and is used to answer; it is stored only, encrypted, when the member agreed
/// to follow-up questions on a report, until the case closes.
/// </summary>
internal sealed class MessengerChat(
    ReportIntake intake,
    TextCatalog texts,
    GraphClient graph,
    MemberLanguages languages,
    RecentReceipts recent,
    UpdateMarkers markers,
    Reports.FollowUpContacts followUps,
    IOptions<MessengerOptions> options)
{
    // Held in memory only, by the member's pseudonym: the marker of the submission whose receipt did not get through
    // (its copy is kept with the marker, encrypted, until sent or purged), and the members whose last reply did not.
    private readonly ConcurrentDictionary<string, string> _owedReceipts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _replyLost = new(StringComparer.Ordinal);

    /// <summary>A text this long tells something rather than picking an answer: after a lost question it goes to the
    /// interview as usual (which keeps a story wherever it arrives), so the member never has to write it again.</summary>
    private const int ToldNotPicked = 100;

    /// <returns>True when the event's marker was stored with the change it caused.</returns>
    public async Task<bool> OnMessageAsync(MemberMessage message, string marker, CancellationToken cancellationToken)
    {
        var member = Member(message.Psid);
        var language = Language(member);
        if (message.QuickReply is null)
        {
            recent.WroteAgain(Pseudonym(member));
        }
        if (message is { QuickReply: null, Text: { } typed } && typed.Length < ToldNotPicked && MessengerCommand.Parse(typed) is null && _replyLost.ContainsKey(Pseudonym(member))
            && await OpenQuestionAsync(member, language) is { } open)
        {
            // The member never saw the question open now: their words cannot be its answer, so it comes again.
            var again = new IntakeReply([Prompt.Notice(texts.Get(language, "fb.reply_lost")), open], language);
            await RenderAsync(message.Psid, member, language, again, marker, cancellationToken);
            return false;
        }
        var keyword = message is { QuickReply: null, Text: { } words } ? await KeywordAsync(member, language, words) : null;
        var reply = message switch
        {
            { QuickReply: { } menu } when MenuPress.Parse(menu, texts) is { } press => await MenuAsync(member, language, press, null, marker),
            { QuickReply: { } payload } => await PressAsync(member, language, payload, marker),
            // "cancel" written with a photo is the command, as if typed alone; the photo is not kept, and that is said.
            { Attachment: Attached.Media } when keyword is { } command => MediaNotice.Above(await CommandAsync(member, language, command, null, marker), texts),
            _ when keyword is { } command => await CommandAsync(member, language, command, null, marker),
            // The thumbs-up typed from the emoji keyboard rather than sent with the like button: a like all the same.
            { Text: { } thumbs, Attachment: Attached.None } when IsThumbsUp(thumbs) => await LikedAsync(member, language, thanks: true, marker),
            { Text: { } text, Attachment: Attached.None } => await intake.HandleAsync(member, language, new TextEntered(text), marker),
            // Words sent with a photo or file are read as typed; their notice, if any, and the word that the file is not
            // kept are one notice.
            { Text: { } caption } => MediaNotice.Above(await intake.HandleAsync(member, language, new TextEntered(caption), marker), texts),
            { Attachment: Attached.Media } => Above(await intake.HandleAsync(member, language, new RepeatRequested(), marker), MediaNotice.Key),
            // Shared most often at the place question: a point on the map can lead to a person, and is never kept.
            { Attachment: Attached.Location } => Above(await intake.HandleAsync(member, language, new RepeatRequested(), marker), "tg.location_refused"),
            { Attachment: Attached.Like } => await LikedAsync(member, language, thanks: true, marker),
            // A sticker, a shared reel: the engine says it needs words and asks again.
            _ => await intake.HandleAsync(member, language, new NonTextReceived(), marker),
        };
        await RenderAsync(message.Psid, member, language, reply, marker, cancellationToken);
        return reply.Marked;
    }

    /// <summary>The command typed, unless it is "start" or "report" as a bare word of a choice of the question open now
    /// ("начать" under "Да, начать"): that is the choice. Mid-interview those commands would only show the question again.</summary>
    private async Task<MemberCommand?> KeywordAsync(MemberKey member, string language, string typed)
    {
        var command = MessengerCommand.Parse(typed);
        if (command is not { Name: "start" or "report", Argument: "" } || typed.TrimStart().StartsWith('/'))
        {
            return command;
        }
        if (!await intake.InterviewOpenAsync(member))
        {
            // Read-only: an expired draft is left for the command, which says so.
            return command;
        }
        var word = typed.Trim().TrimEnd('.', '!').ToLowerInvariant();
        var open = await OpenQuestionAsync(member, language);
        var named = open is not null && open.Choices.Any(choice => choice.Label.ToLowerInvariant()
            .Split([' ', ',', '.', '!', '(', ')'], StringSplitOptions.RemoveEmptyEntries).Contains(word));
        return named ? null : command;
    }

    /// <summary>"Get Started", an item of the persistent menu, or a button of the review screen.</summary>
    public async Task<bool> OnPostbackAsync(MemberPostback postback, string marker, CancellationToken cancellationToken)
    {
        var member = Member(postback.Psid);
        var language = Language(member);
        var reply = MenuPress.Parse(postback.Payload, texts) is { } press
            ? await MenuAsync(member, language, press, postback.Ref, marker)
            : await PressAsync(member, language, postback.Payload, marker);
        await RenderAsync(postback.Psid, member, language, reply, marker, cancellationToken);
        return reply.Marked;
    }

    /// <summary>A member already talking to the Page opened a community's m.me link.</summary>
    public async Task<bool> OnReferralAsync(MemberReferral referral, string marker, CancellationToken cancellationToken)
    {
        var member = Member(referral.Psid);
        var language = Language(member);
        var reply = await CommandAsync(member, language, new MemberCommand("start", ""), referral.Ref, marker);
        await RenderAsync(referral.Psid, member, language, reply, marker, cancellationToken);
        return reply.Marked;
    }

    /// <summary>A reaction to one of the bot's messages: answered as a like is, but left without a word outside an
    /// interview (the reaction shows under the message it is for).</summary>
    public async Task<bool> OnReactionAsync(MemberReaction reaction, string marker, CancellationToken cancellationToken)
    {
        var member = Member(reaction.Psid);
        var language = Language(member);
        var reply = await LikedAsync(member, language, thanks: false, marker);
        await RenderAsync(reaction.Psid, member, language, reply, marker, cancellationToken);
        return reply.Marked;
    }

    /// <summary>A message edited after it was sent: what it said was taken (or not) when it came, so the member is told
    /// the change was not seen, and the question open now comes again. Nothing is stored.</summary>
    /// <returns>False: the event's marker is stored on its own.</returns>
    public async Task<bool> OnEditAsync(MemberEdit edit, CancellationToken cancellationToken)
    {
        var member = Member(edit.Psid);
        var language = Language(member);
        Prompt[] prompts = await OpenQuestionAsync(member, language) is { } open
            ? [Prompt.Notice(texts.Get(language, "fb.edit_not_seen")), open]
            : [Prompt.Notice(texts.Get(language, "fb.edit_not_seen"))];
        await SendAllAsync(edit.Psid, MessengerRenderer.Render(ForMessenger(new IntakeReply([.. prompts], language)), texts), cancellationToken);
        return false;
    }

    /// <summary>An event handled before comes again: the receipt it stored is sent if it may never have been.</summary>
    /// <returns>Whether a receipt was kept for it.</returns>
    public async Task<bool> ResendReceiptAsync(string psid, string marker, CancellationToken cancellationToken) =>
        await RetryReceiptAsync(psid, marker, cancellationToken) is not null;

    /// <summary>Before anything else the member sent: the receipt of their report if it did not get through when it
    /// was submitted, while its copy is kept.</summary>
    public async Task SendOwedReceiptAsync(string psid, CancellationToken cancellationToken)
    {
        var pseudonym = Pseudonym(Member(psid));
        if (_owedReceipts.TryGetValue(pseudonym, out var marker))
        {
            await RetryReceiptAsync(psid, marker, cancellationToken);
        }
    }

    /// <summary>A receipt still kept because it did not get through (<see cref="OwedReceiptsService"/> tries again while
    /// its copy is kept): sent now; if it still cannot be, the member's next message brings it.</summary>
    /// <returns>Null when no copy is kept under the marker any more (sent, or purged); else how the send ended.</returns>
    public async Task<SendOutcome?> RetryReceiptAsync(string psid, string marker, CancellationToken cancellationToken)
    {
        var outcome = await SendKeptReceiptAsync(psid, marker, cancellationToken);
        var pseudonym = Pseudonym(Member(psid));
        if (outcome is null or SendOutcome.Sent)
        {
            _owedReceipts.TryRemove(new KeyValuePair<string, string>(pseudonym, marker));
        }
        else
        {
            _owedReceipts[pseudonym] = marker;
        }
        if (outcome == SendOutcome.Sent)
        {
            recent.Sent(pseudonym);
        }
        return outcome;
    }

    /// <returns>Null when no copy of a receipt is kept under the marker (sent, or purged); else how the send ended.</returns>
    private async Task<SendOutcome?> SendKeptReceiptAsync(string psid, string marker, CancellationToken cancellationToken)
    {
        if (await markers.TakeReceiptAsync(marker) is not { } receipt)
        {
            return null;
        }
        var text = texts.Get(receipt.Language, "receipt.issued", ("label", receipt.Label), ("code", receipt.Code))
            + "\n\n" + texts.Get(receipt.Language, "fb.receipt_hint");
        var outcome = await SendEachAsync(psid, MessengerRenderer.Render(new IntakeReply([Prompt.Notice(text)], receipt.Language), texts), cancellationToken);
        if (outcome == SendOutcome.Sent)
        {
            await markers.ReceiptDeliveredAsync(marker);
        }
        return outcome;
    }

    /// <summary>The question open now in the member's interview, if any, shown again; nothing is stored.</summary>
    public async Task RepeatOpenQuestionAsync(string psid, string marker, CancellationToken cancellationToken)
    {
        var member = Member(psid);
        var language = Language(member);
        if (await OpenQuestionAsync(member, language) is { } question)
        {
            await RenderAsync(psid, member, language, new IntakeReply([question], language), marker, cancellationToken);
        }
    }

    /// <summary>A like (or a reaction) says "ok" or "thanks". At a question it cannot be the answer: the question comes
    /// again with a word why, as the engine asks again after a sticker; an addition awaited after <c>add CODE</c> is
    /// asked for again. Outside an interview it is thanked (<paramref name="thanks"/>) or left as it is, never
    /// answered with how to begin a report, as if it had been a question.</summary>
    private async Task<IntakeReply> LikedAsync(MemberKey member, string language, bool thanks, string marker)
    {
        if (intake.AwaitsAddition(member))
        {
            return await intake.HandleAsync(member, language, new NonTextReceived(), marker);
        }
        if (await intake.InterviewOpenAsync(member))
        {
            // The question again, under a word why, as after a photo.
            return Above(await intake.HandleAsync(member, language, new RepeatRequested(), marker), "fb.like_not_an_answer");
        }
        var outside = await intake.PressAsync(member, language, _ => null);
        Prompt[] after = outside.Question is { } question ? [Prompt.Notice(texts.Get(language, "fb.like_not_an_answer")), question]
            : thanks ? [Prompt.Notice(texts.Get(language, "fb.like_thanks"))]
            : [];
        return new IntakeReply([.. outside.Notices, .. after], language);
    }

    /// <summary>Only thumbs-up emoji (in any skin tone), as many as the member typed.</summary>
    private static bool IsThumbsUp(string text)
    {
        var found = false;
        foreach (var rune in text.Trim().EnumerateRunes())
        {
            if (rune.Value == 0x1F44D)
            {
                found = true;
            }
            else if (rune.Value is not (>= 0x1F3FB and <= 0x1F3FF or 0xFE0F) && !Rune.IsWhiteSpace(rune))
            {
                return false;
            }
        }
        return found;
    }

    private async Task<Prompt?> OpenQuestionAsync(MemberKey member, string language) =>
        (await intake.PressAsync(member, language, _ => null)).Question;

    /// <summary>Says sorry, after an event whose handling failed; what was stored stays as it was.</summary>
    public Task ApologiseAsync(string psid, CancellationToken cancellationToken) =>
        graph.SendAsync(new Recipient.Member(psid), OutgoingMessage.Plain(texts.Get(Language(Member(psid)), "error.generic")), cancellationToken);

    private async Task<IntakeReply> PressAsync(MemberKey member, string language, string payload, string marker)
    {
        var press = ButtonPress.Parse(payload);
        // The payloads carry the fingerprint of the question as Messenger showed it (the consent screen's own text).
        var outcome = await intake.PressAsync(member, language, question => ButtonPress.Resolve(press, Shown(question, language)), marker);
        if (outcome.Reply is { } reply)
        {
            return reply with { Prompts = [.. outcome.Notices, .. reply.Prompts] };
        }
        if (outcome.Question is null && recent.JustSent(Pseudonym(member)))
        {
            // A second tap on "Send" (or another choice of the review): the receipt just above is the answer. How to begin
            // a report under it would look as if the report had not been taken.
            return new IntakeReply([.. outcome.Notices, Prompt.Notice(texts.Get(language, "tg.already_sent"))], language);
        }
        // A quick reply or button of a question no longer open (pressed late, from another device, after the receipt):
        // its title is not read as if typed, since "2" under an older list would answer the question open now. As in
        // Telegram, the member is told that question is closed and sees the one open now, or how to begin.
        var next = outcome.Question ?? Prompt.Notice(texts.Get(language, "chat.welcome"));
        return new IntakeReply([.. outcome.Notices, Prompt.Notice(texts.Get(language, "tg.stale_button")), next], language);
    }

    private async Task<IntakeReply> CommandAsync(MemberKey member, string language, MemberCommand command, string? reference, string marker)
    {
        switch (command.Name)
        {
            case "start" or "report":
                var community = reference is null
                    ? null
                    : options.Value.Communities.FirstOrDefault(c => string.Equals(c.LinkToken, reference, StringComparison.Ordinal));
                if (community is { Intake: false })
                {
                    return new IntakeReply([Prompt.Notice(texts.Get(language, "fb.intake_off"))], language);
                }
                var opened = await intake.HandleAsync(member, language, command with { Argument = "" }, community?.Key, marker);
                // An old link, or one whose token was changed since it was shared: said, as in Telegram, above what
                // "Get Started" alone does. The token itself is not repeated.
                return community is null && !string.IsNullOrEmpty(reference)
                    ? opened with { Prompts = [Prompt.Notice(texts.Get(opened.Language, "tg.link_unknown")), .. opened.Prompts] }
                    : opened;
            case "forget":
                // A bot cannot delete a Messenger conversation: the draft and what is held in memory go; the member deletes
                // the conversation in their app.
                var cancelled = await intake.ForgetAsync(member, language, marker);
                languages.Forget(Pseudonym(member));
                _replyLost.TryRemove(Pseudonym(member), out _);
                return new IntakeReply([Prompt.Notice(texts.Get(cancelled.Language, "forget.messenger"))], cancelled.Language);
            default:
                return await intake.HandleAsync(member, language, command, marker: marker);
        }
    }

    /// <summary>An item of the persistent menu in a language (the menu the member's Messenger shows is in theirs):
    /// the conversation goes on in it, as after <c>/language</c>.</summary>
    private Task<IntakeReply> MenuAsync(MemberKey member, string language, MenuPress press, string? reference, string marker) =>
        CommandAsync(member, press.Language ?? language, press.Command, reference, marker);

    private IntakeReply Above(IntakeReply reply, string key) =>
        reply with { Prompts = [Prompt.Notice(texts.Get(reply.Language, key)), .. reply.Prompts] };

    private async Task RenderAsync(string psid, MemberKey member, string language, IntakeReply reply, string marker, CancellationToken cancellationToken)
    {
        var pseudonym = Pseudonym(member);
        if (reply.Language != language)
        {
            languages.Choose(pseudonym, reply.Language);
        }
        if (reply.FollowUpFor is { } reportId)
        {
            // Only with the member's consent, encrypted, and erased when the case closes or is withdrawn.
            await followUps.KeepAsync(reportId, Reports.FollowUpContact.Messenger(psid));
        }
        if (reply.SubmittedLabel is not null)
        {
            reply = reply with { Prompts = [.. reply.Prompts, Prompt.Notice(texts.Get(reply.Language, "fb.receipt_hint"))] };
        }
        var messages = MessengerRenderer.Render(ForMessenger(reply), texts);
        if (messages.IsEmpty)
        {
            return;
        }
        if (!await SendAllAsync(psid, messages, cancellationToken))
        {
            _replyLost[pseudonym] = true;
            if (reply.SubmittedLabel is not null)
            {
                _owedReceipts[pseudonym] = marker;
            }
            return;
        }
        _replyLost.TryRemove(pseudonym, out _);
        if (reply.SubmittedLabel is not null)
        {
            recent.Sent(pseudonym);
            // The member has their receipt: the copy kept in case it got lost on the way goes.
            await markers.ReceiptDeliveredAsync(marker);
        }
    }

    private IntakeReply ForMessenger(IntakeReply reply) =>
        reply with { Prompts = [.. reply.Prompts.Select(p => Shown(p, reply.Language))] };

    /// <summary>A prompt as Messenger shows it: the consent screen names what Messenger knows of the member, not Telegram's.</summary>
    private Prompt Shown(Prompt prompt, string language) =>
        prompt.Text == texts.Get(language, "consent.prompt") ? prompt with { Text = texts.Get(language, "consent.prompt_messenger") } : prompt;

    private async Task<bool> SendAllAsync(string psid, ImmutableArray<OutgoingMessage> messages, CancellationToken cancellationToken) =>
        !messages.IsEmpty && await SendEachAsync(psid, messages, cancellationToken) == SendOutcome.Sent;

    /// <returns>Sent when every message was; else how the first that was not ended (the rest are not tried).</returns>
    private async Task<SendOutcome> SendEachAsync(string psid, ImmutableArray<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            if (await graph.SendAsync(new Recipient.Member(psid), message, cancellationToken) is var outcome and not SendOutcome.Sent)
            {
                return outcome;
            }
        }
        return SendOutcome.Sent;
    }

    private string Language(MemberKey member) => languages.For(Pseudonym(member), null);

    private static MemberKey Member(string psid) => new(Reports.ReportChannel.Messenger, psid);

    private string Pseudonym(MemberKey member) => recent.Pseudonym(member);
}
