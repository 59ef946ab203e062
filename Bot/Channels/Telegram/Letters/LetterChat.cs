using System.Collections.Immutable;
using CommunityBot.Channels.Telegram.Moderation;
using CommunityBot.Conversations;
using CommunityBot.Letters;
using CommunityBot.Moderation;
using CommunityBot.Privacy;
using CommunityBot.Reports;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace CommunityBot.Channels.Telegram.Letters;

/// <summary>
/// Appeal letters drafted in Telegram: <c>/letter</c> in the moderators' group, or in a private chat by a moderator or
/// an activist, or the Letter button of a report card. What is asked is <see cref="LetterInterview"/>'s; this class
/// renders it as messages and buttons, looks reports up, shows the text and sends the .docx. In a group the bot sees only replies to its own messages, so every typed answer is a reply to
/// the question (in private a plain message will do). What is typed lives in the session, in memory, until the letter
/// is sent; then it is kept encrypted as this person's defaults (<see cref="LetterDefaults"/>), never with reports.
/// </summary>
internal sealed class LetterChat(
    LetterWriter writer,
    LetterSessions sessions,
    LetterAuthors authors,
    TelegramSender sender,
    TextCatalog texts,
    FlowBundle flow,
    ChatFilterWords filterWords,
    ActivityCounts counts)
{
    public const string Command = CommandNames.Letter;

    /// <summary>Starts every question of a letter, so that a reply to it is told apart from a note on a card.</summary>
    public const string Mark = "✉️ ";

    private readonly LetterInterview _interview = new(flow, filterWords.Vocabulary);

    public static bool IsPress(string? data) => data?.StartsWith(LetterPress.Prefix, StringComparison.Ordinal) == true;

    /// <summary>Whether a message is one of the bot's letter questions (a reply to it is an answer).</summary>
    public static bool IsQuestion(Message? message) =>
        message is { From.IsBot: true, Text: { } text } && text.StartsWith(Mark, StringComparison.Ordinal);

    /// <summary>Whether a private chat has a letter open, so that a plain message is its answer (or its choice, typed).</summary>
    public bool AwaitsText(long chatId) => sessions.AwaitingText(chatId) is not null;

    /// <summary>Whether a command is /cancel or /back from someone with a letter open in this chat, or /help from them in
    /// private: it is the letter's, not the report interview's or the moderators' (in private, another command ends the
    /// letter; in the group, /help stays the moderators' list of commands).</summary>
    public bool Steers(Message message, MemberCommand command) =>
        (command is { Name: CommandNames.Cancel or CommandNames.Back, Argument: "" }
            || command is { Name: CommandNames.Help, Argument: "" } && message.Chat.Type == ChatType.Private)
        && message.From is { IsBot: false } user
        && sessions.OpenOf(authors.PersonOf(user.Id), message.Chat.Id) is not null;

    /// <summary>Whether a message replies to the buttons of a letter's open choice: the choice typed (in the group the
    /// bot sees only replies to its messages, so that is how a choice is typed there).</summary>
    public bool AnswersChoice(Message message) =>
        message.ReplyToMessage is { } shown && sessions.ChoosingBy(message.Chat.Id, shown.MessageId) is not null;

    /// <summary>The person of a private chat turned to something else (a command): their letter there ends, and they are
    /// told so before the command's answer, so that a letter half answered does not vanish without a word.</summary>
    public async Task DropAsync(long chatId, CancellationToken cancellationToken)
    {
        if (sessions.EndIn(chatId) is { } language)
        {
            await sender.SendAsync(chatId, TelegramHtml.Escape(texts.Get(language, "letters.tg.cancelled")), cancellationToken: cancellationToken);
        }
    }

    /// <summary><c>/letter</c>: in the moderators' group by a moderator, in private by a moderator or an activist.</summary>
    public async Task OnCommandAsync(Message message, CancellationToken cancellationToken)
    {
        if (message.From is not { IsBot: false } user)
        {
            return;
        }
        var language = authors.LanguageOf(user, message.Chat);
        if (!await authors.MayDraftAsync(user.Id, message.Chat, cancellationToken))
        {
            await sender.SendAsync(message.Chat.Id, TelegramHtml.Escape(texts.Get(language, "letters.tg.refused")), topic: ForumTopic.Of(message), cancellationToken: cancellationToken);
            return;
        }
        await StartAsync(message.Chat, ForumTopic.Of(message), user, language, null, message.MessageId, cancellationToken);
    }

    /// <summary>The Letter button of a card (the moderator was checked by the moderation chat): the report is chosen
    /// already, so only single-report templates are offered. A report whose member did not agree to its use in appeals
    /// gets no letter of its own: the press is answered with the reason.</summary>
    public async Task StartForReportAsync(CallbackQuery query, IncidentReport report, CancellationToken cancellationToken)
    {
        if (query.Message is not { } card || report.Status is ReportStatus.Withdrawn or ReportStatus.Rejected)
        {
            await sender.AnswerCallbackAsync(query.Id, texts.Get(texts.DefaultLanguage, "tg.stale_button"), cancellationToken: cancellationToken);
            return;
        }
        var language = authors.LanguageOf(query.From, card.Chat);
        if (!LetterFacts.AppealsConsent(report.Answers))
        {
            counts.Add(Activity.LettersRefused);
            await sender.AnswerCallbackAsync(query.Id, texts.Get(language, "letters.tg.no_consent_card"), showAlert: true, cancellationToken);
            return;
        }
        await sender.AnswerCallbackAsync(query.Id, cancellationToken: cancellationToken);
        await StartAsync(card.Chat, ForumTopic.Of(card), query.From, language, report.Label, card.MessageId, cancellationToken);
    }

    public async Task OnCallbackAsync(CallbackQuery query, CancellationToken cancellationToken)
    {
        var press = LetterPress.Parse(query.Data);
        var session = press is null || query.Message is not { } pressed ? null
            : sessions.Find(press.Session, authors.PersonOf(query.From.Id), pressed.Chat.Id);
        if (press is null || session is null || query.Message is not { } message || session.Buttons != message.MessageId
            || !await authors.MayDraftAsync(query.From.Id, message.Chat, cancellationToken))
        {
            // Someone else's letter, an old one, or a forged press: nothing changes, and nothing says whose it is.
            await sender.AnswerCallbackAsync(query.Id, texts.Get(authors.LanguageOf(query.From, query.Message?.Chat), "tg.stale_button"), cancellationToken: cancellationToken);
            return;
        }
        var asked = _interview.Ask(session.State, Today());
        LetterInput? input = press.Action == LetterPress.Cancel ? new LetterInput.Cancel()
            : asked.Choices.Select((choice, i) => (choice, i)).Where(c => LetterPress.Data(session, c.choice.Id, c.i) == query.Data)
                .Select(c => new LetterInput.Chose(c.choice.Id)).FirstOrDefault();
        var done = input is not null && await HandleAsync(session, input, null, cancellationToken);
        await sender.AnswerCallbackAsync(query.Id, done ? null : texts.Get(session.Language, "tg.stale_button"), cancellationToken: cancellationToken);
    }

    /// <summary>Typed text for a letter: a reply to one of its questions or to its buttons, /cancel or /back, or in private
    /// a plain message while one is open. Someone else's question, or one no longer open, is answered as stale and
    /// nothing changes.</summary>
    public async Task OnTextAsync(Message message, string text, CancellationToken cancellationToken)
    {
        if (await OwnSessionAsync(message, cancellationToken) is { } session)
        {
            await HandleAsync(session, new LetterInput.Typed(text), message.MessageId, cancellationToken);
        }
    }

    /// <summary>A sticker, photo or file where a letter waits for typed words: the person is told that only words go
    /// into a letter; the question stays open and nothing changes.</summary>
    public async Task OnNotTextAsync(Message message, CancellationToken cancellationToken)
    {
        if (await OwnSessionAsync(message, cancellationToken) is { } session)
        {
            await sender.SendAsync(session.ChatId, TelegramHtml.Escape(T(session, "letters.tg.words_only")), replyTo: message.MessageId, topic: session.Topic,
                cancellationToken: cancellationToken);
        }
    }

    /// <summary>The letter a message is for, when it is its sender's and they may still draft; otherwise the message is
    /// answered as stale and null comes back.</summary>
    private async Task<LetterSession?> OwnSessionAsync(Message message, CancellationToken cancellationToken)
    {
        if (message.From is not { IsBot: false } user)
        {
            return null;
        }
        var chatId = message.Chat.Id;
        var session = message.ReplyToMessage switch
        {
            { } asked when IsQuestion(asked) => sessions.AskedBy(chatId, asked.MessageId),
            { } shown when sessions.ChoosingBy(chatId, shown.MessageId) is { } choosing => choosing,
            // In private a plain message; anywhere, /cancel or /back of this person's letter (see Steers).
            _ => sessions.AwaitingText(chatId) ?? sessions.OpenOf(authors.PersonOf(user.Id), chatId),
        };
        if (session is null || session.Person != authors.PersonOf(user.Id)
            || !await authors.MayDraftAsync(user.Id, message.Chat, cancellationToken))
        {
            await sender.SendAsync(chatId, TelegramHtml.Escape(texts.Get(authors.LanguageOf(user, message.Chat), "tg.stale_button")),
                replyTo: message.MessageId, topic: ForumTopic.Of(message), cancellationToken: cancellationToken);
            return null;
        }
        return session;
    }

    /// <param name="topic">The forum topic the letter was asked for in: all of it goes on there.</param>
    private async Task StartAsync(Chat chat, int? topic, User user, string language, string? label, int replyTo, CancellationToken cancellationToken)
    {
        var templates = writer.Templates(language, label is null ? null : LetterKind.Single);
        if (templates.IsEmpty)
        {
            await sender.SendAsync(chat.Id, TelegramHtml.Escape(texts.Get(language, "letters.chat.none")), replyTo: replyTo, topic: topic, cancellationToken: cancellationToken);
            return;
        }
        if (sessions.Start(authors.PersonOf(user.Id), chat.Id, chat.Type == ChatType.Private, language, topic) is not { } session)
        {
            counts.Add(Activity.LettersRefused);
            await sender.SendAsync(chat.Id, TelegramHtml.Escape(texts.Get(language, "letters.tg.busy")), replyTo: replyTo, topic: topic, cancellationToken: cancellationToken);
            return;
        }
        var remembered = await authors.RecallAsync(session.Person);
        var state = session.State with { Offered = templates, Remembered = remembered };
        var turn = _interview.Start(state, Today(), source: label is null ? null : new OneReport(label));
        await ShowAsync(session, turn, replyTo, cancellationToken);
        counts.Add(Activity.LettersStarted);
    }

    /// <summary>One step of the interview, rendered: the answered buttons give way to the answer, a report named is
    /// looked up, the letter is shown or sent. False when the input did not fit (nothing changed).</summary>
    private async Task<bool> HandleAsync(LetterSession session, LetterInput input, int? replyTo, CancellationToken cancellationToken)
    {
        var today = Today();
        var turn = _interview.Handle(session.State, input, today);
        while (turn.Next is LetterNext.CheckReport check)
        {
            var refusal = await writer.RefusalAsync(check.Label);
            if (refusal is LetterOutcome.NoConsent)
            {
                counts.Add(Activity.LettersRefused);
            }
            turn = _interview.Handle(turn.State, new LetterInput.ReportChecked(check.Label, refusal), today);
        }
        var buttons = session.Buttons;
        switch (turn.Next, session.Step)
        {
            case (LetterNext.Stale, _):
                return false;
            case (LetterNext.Cancelled, _):
                sessions.End(session);
                await ClearButtonsAsync(session, cancellationToken);
                await sender.SendAsync(session.ChatId, TelegramHtml.Escape(T(session, "letters.tg.cancelled")), topic: session.Topic, cancellationToken: cancellationToken);
                counts.Add(Activity.LettersCancelled);
                return true;
            case (LetterNext.AwaitInput, LetterStep.Preview or LetterStep.Change)
                when turn is { Answered: not null, State.Step: LetterStep.Preview or LetterStep.Change } && buttons is { } shown && replyTo is null:
                // Change a field and Back pressed swap the buttons under the letter shown; the text stays. Typed, they are
                // answered below what was typed: the letter may be screens above, and a swap there would look like no answer.
                var swapped = sessions.Save(session with { State = turn.State });
                await sender.EditKeyboardAsync(session.ChatId, shown, Keyboard(swapped, turn.Prompts[^1]), cancellationToken);
                return true;
        }
        if (turn.Answered is { } answered && buttons is { } pressed)
        {
            if (session.Step is LetterStep.Template or LetterStep.Set)
            {
                var question = _interview.Ask(session.State, today).Text;
                await sender.EditAsync(session.ChatId, pressed, TelegramHtml.Escape(question) + "\n\n→ <b>" + TelegramHtml.Escape(answered.Label) + "</b>", null, cancellationToken);
            }
            else
            {
                await sender.EditKeyboardAsync(session.ChatId, pressed, null, cancellationToken);
            }
        }
        session = session with { State = turn.State };
        switch (turn.Next)
        {
            case LetterNext.Preview { Request: var request }:
                if (await WriteAsync(session, request, cancellationToken) is { } letter)
                {
                    var html = TelegramHtml.Escape(turn.Prompts[^1].Text) + "\n\n" + TelegramHtml.Escape(letter.PlainText);
                    var sent = await sender.SendAsync(session.ChatId, html, Keyboard(session, turn.Prompts[^1]), replyTo, session.Topic, cancellationToken);
                    sessions.Save(session with { Buttons = sent?.Id, Question = null });
                }
                return true;
            case LetterNext.Finish { Request: var request }:
                await SendAsync(session, request, cancellationToken);
                return true;
            default:
                await ShowAsync(session, turn, replyTo, cancellationToken);
                return true;
        }
    }

    /// <summary>Sends what the interview asks: notes as they are, then the question. A question to type the answer to
    /// starts with <see cref="Mark"/> and carries Cancel; only a reply to it (or in private, any plain message) answers it.</summary>
    private async Task ShowAsync(LetterSession session, LetterTurn turn, int? replyTo, CancellationToken cancellationToken)
    {
        session = session with { State = turn.State };
        MessageId? sent = null;
        foreach (var prompt in turn.Prompts)
        {
            var text = prompt.Kind == PromptKind.Text ? Mark + prompt.Text : prompt.Text;
            var keyboard = prompt.Kind == PromptKind.Notice ? null : Keyboard(session, prompt);
            sent = await sender.SendAsync(session.ChatId, TelegramHtml.Escape(text), keyboard, replyTo, session.Topic, cancellationToken);
        }
        var question = turn.Prompts is [.., { Kind: PromptKind.Text }] ? sent?.Id : null;
        sessions.Save(session with { Question = question, Buttons = sent?.Id });
    }

    private InlineKeyboardMarkup Keyboard(LetterSession session, Prompt prompt)
    {
        var rows = prompt.Choices.Select((choice, i) => new[] { Button(choice.Label, LetterPress.Data(session, choice.Id, i)) }).ToList();
        if (prompt.CanCancel)
        {
            rows.Add([Button("✕ " + T(session, "nav.cancel"), LetterPress.Data(session, LetterPress.Cancel))]);
        }
        return new InlineKeyboardMarkup(rows);
    }

    private async Task SendAsync(LetterSession session, LetterRequest request, CancellationToken cancellationToken)
    {
        if (await WriteAsync(session, request, cancellationToken) is not { } letter)
        {
            return;
        }
        await sender.SendFileAsync(session.ChatId, letter.Docx, letter.FileName, T(session, "letters.tg.sent", ("title", letter.Template.Title)),
            asPhoto: false, session.Topic, cancellationToken);
        await authors.RememberAsync(session.Person, session.State.Fields);
        sessions.End(session);
        counts.Add(Activity.LettersSent, letter.Template.Kind.ToString());
    }

    /// <summary>The letter as it stands; when its report is gone (deleted by its member meanwhile), or its filter
    /// counts fewer than 3 reports, the person is told and the letter ends. The answers typed are kept for the next letter.</summary>
    private async Task<DraftedLetter?> WriteAsync(LetterSession session, LetterRequest request, CancellationToken cancellationToken)
    {
        var outcome = await writer.WriteAsync(request, cancellationToken);
        if (outcome is LetterOutcome.Drafted { Letter: var letter })
        {
            return letter;
        }
        sessions.End(session);
        await authors.RememberAsync(session.Person, session.State.Fields);
        var label = request.Source is OneReport one ? one.Label : "";
        var why = outcome switch
        {
            LetterOutcome.NoConsent => T(session, "letters.tg.no_consent_card"),
            LetterOutcome.TooFewReports { Filter: var filter } => T(session, "letters.tg.no_reports",
                ("filter", ReportFilterWords.Describe(filter, filterWords.Vocabulary) is { Length: > 0 } words ? words : T(session, "letters.tg.set.all"))),
            _ => T(session, "letters.tg.gone", ("label", label)),
        };
        await sender.SendAsync(session.ChatId, TelegramHtml.Escape(why), topic: session.Topic, cancellationToken: cancellationToken);
        return null;
    }

    private Task ClearButtonsAsync(LetterSession session, CancellationToken cancellationToken) =>
        session.Buttons is { } shown ? sender.EditKeyboardAsync(session.ChatId, shown, null, cancellationToken) : Task.CompletedTask;

    private DateOnly Today() => filterWords.Today;

    private string T(LetterSession session, string key, params ReadOnlySpan<(string Name, string Value)> values) => texts.Get(session.Language, key, values);

    private static InlineKeyboardButton Button(string text, string data) => InlineKeyboardButton.WithCallbackData(text, data);
}
