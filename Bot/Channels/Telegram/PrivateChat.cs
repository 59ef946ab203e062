using System.Collections.Immutable;
using System.Text;
using CommunityBot.Conversations;
using Telegram.Bot.Types;

namespace CommunityBot.Channels.Telegram;

/// <summary>
/// A member's private chat with the bot: the reporting conversation with buttons, the commands, and a clear answer
/// to anything else they might send. The member's Telegram id only ever becomes a keyed pseudonym in the intake.
/// </summary>
internal sealed class PrivateChat(
    ReportIntake intake,
    Reports.FollowUpContacts followUps,
    TextCatalog texts,
    TelegramSender sender,
    MemberLanguages languages,
    CommunityLinks links,
    RecentMessages recent,
    OwedReceipts receipts)
{
    /// <summary>The member's message, read for the command the router found in it, else for its text.</summary>
    public async Task OnMessageAsync(Message message, UpdateContext context, CancellationToken cancellationToken)
    {
        if (message.From is not { IsBot: false } user)
        {
            return;
        }
        var marker = context.Marker;
        var member = Member(user);
        var language = languages.For(member, user.LanguageCode);
        var chatId = message.Chat.Id;

        // An album comes as one message per photo: the first is answered, the others only if they carry a caption
        // (what the member wrote is never dropped), and then without a second notice about the photos.
        var laterInAlbum = message.MediaGroupId is { } album && !recent.IsFirstOfAlbum(member, album);
        if (laterInAlbum && message.Caption is null)
        {
            return;
        }

        IntakeReply reply;
        switch (message)
        {
            case { Text: not null } when context.Parsed.TypedCommand is { } command:
                reply = await CommandAsync(member, language, command, message, marker, cancellationToken);
                break;
            case { Text: { } text }:
                // A forwarded message is read for its text only; where it came from is never looked at.
                var repliedTo = context.Parsed.Reply == ReplyTarget.Bot ? message.ReplyToMessage?.Text : null;
                reply = await intake.HandleAsync(member, language, new TextEntered(text), marker, chatStart: message.MessageId, repliedTo: repliedTo);
                recent.Remember(member, message.MessageId, reply);
                break;
            case { Contact: not null }:
                reply = await WithNoticeAsync(member, language, "tg.contact_refused", marker);
                break;
            case { Location: not null } or { Venue: not null }:
                // Shared most often at the place question: a point on the map can lead to a person, and is never kept.
                reply = await WithNoticeAsync(member, language, "tg.location_refused", marker);
                break;
            case { Caption: not null } when context.Parsed.Command is { } captionCommand:
                // "/cancel" or "/report and the story" written as a photo's caption is the command, as if typed alone; it
                // is never kept as an answer or as the story's first words. The photo is not kept.
                var commanded = await CommandAsync(member, language, captionCommand, message, marker, cancellationToken);
                reply = laterInAlbum ? commanded : MediaNotice.Above(commanded, texts);
                break;
            case { Caption: { } caption }:
                // A photo or file with a caption: the caption is what the member wrote, the file is not kept.
                var captioned = await intake.HandleAsync(member, language, new TextEntered(caption), marker, chatStart: message.MessageId);
                reply = laterInAlbum ? captioned : MediaNotice.Above(captioned, texts);
                break;
            case { Photo: not null } or { Voice: not null } or { Video: not null } or { VideoNote: not null } or { Audio: not null } or { Document: not null }:
                reply = await WithNoticeAsync(member, language, MediaNotice.Key, marker);
                break;
            default:
                // Stickers, polls, dice...: the engine says it needs text and asks again.
                reply = await intake.HandleAsync(member, language, new NonTextReceived(), marker);
                break;
        }
        await RenderAsync(chatId, member, language, reply, cancellationToken, marker);
        context.Stored(reply.Marked);
    }

    /// <summary>An edited message is read again only when it was the member's last answer and it was refused at the
    /// question still open: then the edit is their corrected answer to it. Anything else is left alone, politely.</summary>
    public async Task OnEditedAsync(Message message, UpdateContext context, CancellationToken cancellationToken)
    {
        if (message.From is not { IsBot: false } user || (message.Text ?? message.Caption) is null)
        {
            return;
        }
        var member = Member(user);
        var language = languages.For(member, user.LanguageCode);
        IntakeReply reply;
        var open = await intake.PressAsync(member, language, _ => null);
        // A caption is never a refused answer (only texts are remembered as such): its edit gets the notice.
        if (message.Text is { } text && recent.IsLastRefused(member, message.MessageId, open.Question) && context.Parsed.TypedCommand is null)
        {
            reply = await intake.HandleAsync(member, language, new TextEntered(text), context.Marker);
            recent.Remember(member, message.MessageId, reply);
        }
        else
        {
            // The open question comes again under the notice, with its buttons, so that "Back" is at hand.
            reply = new IntakeReply([Prompt.Notice(texts.Get(language, "tg.edited_ignored")), .. open.Notices, .. open.Question is { } question ? [question] : ImmutableArray<Prompt>.Empty], language);
        }
        await RenderAsync(message.Chat.Id, member, language, reply, cancellationToken);
        context.Stored(reply.Marked);
    }

    public async Task OnCallbackAsync(CallbackQuery query, UpdateContext context, CancellationToken cancellationToken)
    {
        var marker = context.Marker;
        var member = Member(query.From);
        var language = languages.For(member, query.From.LanguageCode);
        var chatId = query.Message?.Chat.Id ?? query.From.Id;
        if (ChatClearing.Parse(query.Data) is { } first)
        {
            await ClearAsync(query, first, language, cancellationToken);
            return;
        }
        var press = ButtonPress.Parse(query.Data);
        // The draft is the presser's own (keyed by who pressed), so a forged button can at most touch their own
        // conversation; and only a button of the question open now is taken.
        var outcome = await intake.PressAsync(member, language, question => ButtonPress.Resolve(press, question), marker);
        if (outcome is not { Question: { } current, Reply: { } reply } || press is null)
        {
            if (outcome.Question is null && chatId == query.From.Id && recent.ReceiptJustSent(member))
            {
                // A second tap on "Send": the receipt just above is the answer. How to begin a report under it would
                // look as if the report had not been taken.
                await sender.AnswerCallbackAsync(query.Id, texts.Get(language, "tg.already_sent"), cancellationToken: cancellationToken);
                return;
            }
            await sender.AnswerCallbackAsync(query.Id, texts.Get(language, "tg.stale_button"), cancellationToken: cancellationToken);
            // Only the chat's own member may tidy its buttons; a press from anyone else changes nothing at all.
            if (query.Message is { } stale && chatId == query.From.Id)
            {
                await sender.EditKeyboardAsync(chatId, stale.MessageId, null, cancellationToken);
            }
            // The buttons just taken away may have been the only ones on screen: the question open now comes again, or
            // with no interview open (after /cancel, after a receipt) how to begin one, so the member is never left
            // with nothing to do.
            ImmutableArray<Prompt> again = chatId != query.From.Id ? outcome.Notices
                : outcome.Question is { } open ? [.. outcome.Notices, open]
                : [.. outcome.Notices, Prompt.Notice(texts.Get(language, "chat.welcome"))];
            if (!again.IsEmpty)
            {
                await RenderAsync(chatId, member, language, new IntakeReply(again, language), cancellationToken);
            }
            return;
        }
        // The spinner's answer goes out beside the edit and the next question rather than before them: it changes
        // nothing the member reads, and a round trip less stands between the press and the next question.
        var answered = sender.AnswerCallbackAsync(query.Id, cancellationToken: cancellationToken);
        try
        {
            await ShowAnswerAsync(query, chatId, member, language, press, current, reply with { Prompts = [.. outcome.Notices, .. reply.Prompts] }, context, marker, cancellationToken);
        }
        finally
        {
            await answered;
        }
    }

    /// <summary>After a press on the question open now: the question keeps its text with the answer under it (or, for a
    /// ticked box, its new buttons), and the reply follows.</summary>
    private async Task ShowAnswerAsync(CallbackQuery query, long chatId, MemberKey member, string language, ButtonPress press, Prompt current,
        IntakeReply reply, UpdateContext context, string? marker, CancellationToken cancellationToken)
    {
        if (query.Message is { } question)
        {
            var toggled = current.Kind == PromptKind.MultipleChoice && press is { ChoiceIndex: { } ticked } && current.Choices[ticked].Id != ChoiceIds.Done
                && reply.Prompts is [{ Kind: PromptKind.MultipleChoice } same] && PromptRenderer.Fingerprint(same) == press.Fingerprint;
            if (toggled)
            {
                // Ticking a box changes the buttons of the same message; nothing new is sent.
                await sender.EditKeyboardAsync(chatId, question.MessageId, PromptRenderer.Keyboard(reply.Prompts[0], texts, reply.Language), cancellationToken);
                context.Stored(reply.Marked);
                return;
            }
            // The answered question keeps its text with the answer under it, and loses its buttons.
            var answer = press switch
            {
                { Back: true } => "‹ " + texts.Get(language, "nav.back"),
                { Cancel: true } => "✕ " + texts.Get(language, "nav.cancel"),
                _ => current.Choices[press.ChoiceIndex ?? 0].Label,
            };
            await sender.EditAsync(chatId, question.MessageId, PromptRenderer.Html(current) + "\n\n→ <b>" + TelegramHtml.Escape(answer) + "</b>", null, cancellationToken);
        }
        await RenderAsync(chatId, member, language, reply, cancellationToken, marker);
        context.Stored(reply.Marked);
    }

    /// <summary>"Clear this chat" under a receipt: the interview, from its first message to the receipt, goes from
    /// both sides of the chat. The report is not touched. Only the chat's own member can clear it.</summary>
    private async Task ClearAsync(CallbackQuery query, int first, string language, CancellationToken cancellationToken)
    {
        if (query.Message is not { } receipt || receipt.Chat.Id != query.From.Id)
        {
            await sender.AnswerCallbackAsync(query.Id, texts.Get(language, "tg.stale_button"), cancellationToken: cancellationToken);
            return;
        }
        var cleared = await sender.DeleteAsync(receipt.Chat.Id, ChatClearing.Range(first, receipt.MessageId), cancellationToken) == Deletion.Done;
        // Said in a box the member closes rather than a message, so that nothing new stays in the chat.
        await sender.AnswerCallbackAsync(query.Id, texts.Get(language, cleared ? "receipt.cleared" : "receipt.clear_failed"), showAlert: true, cancellationToken);
    }

    /// <summary>An update that was handled before a restart comes again: its answer may never have reached the member
    /// (the process stopped between storing and sending), so the question open now is shown again. Nothing changes.</summary>
    public async Task RepeatOpenQuestionAsync(User user, long chatId, CancellationToken cancellationToken)
    {
        var member = Member(user);
        var language = languages.For(member, user.LanguageCode);
        var open = await intake.PressAsync(member, language, _ => null);
        if (open.Question is { } question)
        {
            await RenderAsync(chatId, member, language, new IntakeReply([question], language), cancellationToken);
        }
    }

    private async Task<IntakeReply> CommandAsync(MemberKey member, string language, MemberCommand command, Message message, string marker, CancellationToken cancellationToken)
    {
        switch (command.Name)
        {
            case CommandNames.Start when command.Argument.Length > 0:
                var link = await links.FollowAsync(command.Argument, message.From?.Id, cancellationToken);
                if (link is { Refused: true, Community: { } refusing })
                {
                    // A report open already stays as it was, and its question comes again under the refusal.
                    var open = await intake.HandleAsync(member, language, new RepeatRequested(), marker);
                    return open with { Prompts = [Prompt.Notice(texts.Get(open.Language, "tg.membership_refused", ("community", refusing.Name))), .. open.Prompts] };
                }
                if (link.Unknown)
                {
                    // An old link (or one whose token was changed): said, then what /start alone does. A report begun
                    // here belongs to no community, as one begun without a link; no membership is asked for it.
                    var opened = await intake.HandleAsync(member, language, command with { Argument = "" }, marker: marker, chatStart: message.MessageId);
                    return opened with { Prompts = [Prompt.Notice(texts.Get(opened.Language, "tg.link_unknown")), .. opened.Prompts] };
                }
                // A link's token is not the member's words; anything else after /start may be (their story).
                return await intake.HandleAsync(member, language, link.Community is null ? command : command with { Argument = "" }, link.Community?.Key, marker, message.MessageId);
            case CommandNames.Forget:
                await intake.ForgetAsync(member, language, marker);
                recent.Forget(member);
                languages.Forget(member);
                // As far back as the button under a receipt reaches; Telegram refuses what is older than 48 hours, which
                // the notice says. Only when nothing could be deleted at all does the member hear so.
                var deletion = await sender.DeleteAsync(message.Chat.Id, ChatClearing.Range(1, message.MessageId), cancellationToken);
                return new IntakeReply([Prompt.Notice(texts.Get(language, deletion == Deletion.NotDone ? "forget.not_deleted" : "forget.done"))], language);
            default:
                return await intake.HandleAsync(member, language, command, marker: marker, chatStart: message.MessageId);
        }
    }

    private async Task<IntakeReply> WithNoticeAsync(MemberKey member, string language, string key, string marker)
    {
        var again = await intake.HandleAsync(member, language, new RepeatRequested(), marker);
        return again with { Prompts = [Prompt.Notice(texts.Get(again.Language, key)), .. again.Prompts] };
    }

    /// <summary>One message per reply: notices go above the question, which carries the buttons. Telegram allows
    /// about one message a second per chat, so fewer messages means a faster conversation.</summary>
    /// <param name="marker">The update's marker, when a receipt kept with it is to be let go once sent.</param>
    private async Task RenderAsync(long chatId, MemberKey member, string language, IntakeReply reply, CancellationToken cancellationToken, string? marker = null)
    {
        if (reply.Language != language)
        {
            languages.Choose(member, reply.Language);
        }
        if (reply.FollowUpFor is { } reportId)
        {
            // Only with the member's consent, encrypted, and erased when the case closes or is withdrawn.
            await followUps.KeepAsync(reportId, Reports.FollowUpContact.Telegram(chatId));
        }
        if (reply.Prompts.IsEmpty)
        {
            return;
        }
        var html = new StringBuilder();
        foreach (var prompt in reply.Prompts)
        {
            if (html.Length > 0)
            {
                html.Append("\n\n");
            }
            html.Append(PromptRenderer.Html(prompt));
        }
        var keyboard = PromptRenderer.Keyboard(reply.Prompts[^1], texts, reply.Language);
        if (reply.SubmittedLabel is not null)
        {
            // The receipt: the member is offered to clear the interview (their story, the code) from the chat.
            html.Append("\n\n").Append(TelegramHtml.Escape(texts.Get(reply.Language, reply.ChatStart is null ? "receipt.forget_hint" : "receipt.clear_hint")));
            keyboard = reply.ChatStart is { } start ? ChatClearing.Keyboard(start, texts.Get(reply.Language, "receipt.clear_button")) : keyboard;
        }
        var sent = await sender.SendAsync(chatId, html.ToString(), keyboard, cancellationToken: cancellationToken);
        if (reply.SubmittedLabel is not null && marker is not null)
        {
            if (sent is not null)
            {
                recent.ReceiptSent(member);
                // The member has their receipt: the copy kept in case it got lost on the way goes.
                await receipts.DeliveredAsync(marker);
            }
            else
            {
                receipts.NotDelivered(marker, chatId);
            }
        }
    }

    /// <summary>A redelivered update whose report was stored but whose receipt may never have been sent: sent now.</summary>
    /// <returns>Whether there was such a receipt.</returns>
    public Task<bool> ResendReceiptAsync(long chatId, string marker, CancellationToken cancellationToken) =>
        receipts.ResendAsync(chatId, marker, cancellationToken);

    private static MemberKey Member(User user) => MemberKey.Telegram(user.Id);
}
