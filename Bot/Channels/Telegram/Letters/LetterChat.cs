using System.Collections.Immutable;
using System.Globalization;
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
/// an activist, or the Letter button of a report card. The bot asks which template, which report or which reports,
/// then only the required fields that neither this person's remembered answers nor earlier steps hold, shows the text,
/// and sends the .docx. In a group the bot sees only replies to its own messages, so every typed answer is a reply to
/// the question (in private a plain message will do). What is typed lives in the session, in memory, until the letter
/// is sent; then it is kept encrypted as this person's defaults (<see cref="LetterDefaults"/>), never with reports.
/// </summary>
internal sealed class LetterChat(
    LetterWriter writer,
    LetterDefaults defaults,
    LetterSessions sessions,
    ModeratorAccess access,
    Communities communities,
    TelegramSender sender,
    TextCatalog texts,
    MemberLanguages languages,
    Pseudonyms pseudonyms,
    FlowBundle flow,
    CalendarSettings calendar,
    TimeProvider time,
    ActivityCounts counts)
{
    public const string Command = CommandNames.Letter;

    /// <summary>Starts every question of a letter, so that a reply to it is told apart from a note on a card.</summary>
    public const string Mark = "✉️ ";

    /// <summary>The longest answer to a field: a paragraph of legal basis fits, a pasted document does not.</summary>
    public const int MaxAnswer = 1000;

    private static readonly (char Code, string Key)[] Periods =
        [('m', "letters.tg.set.last_month"), ('q', "letters.tg.set.last_quarter"), ('y', "letters.tg.set.this_year"), ('a', "letters.tg.set.all")];

    public static bool IsPress(string? data) => data?.StartsWith(LetterPress.Prefix, StringComparison.Ordinal) == true;

    /// <summary>Whether a message is one of the bot's letter questions (a reply to it is an answer).</summary>
    public static bool IsQuestion(Message? message) =>
        message is { From.IsBot: true, Text: { } text } && text.StartsWith(Mark, StringComparison.Ordinal);

    /// <summary>Whether a private chat has a letter waiting for typed text, so that a plain message is its answer.</summary>
    public bool AwaitsText(long chatId) => sessions.AwaitingText(chatId) is not null;

    /// <summary>The person of a private chat turned to something else (a command): their letter there ends.</summary>
    public void Drop(long chatId) => sessions.EndIn(chatId);

    /// <summary><c>/letter</c>: in the moderators' group by a moderator, in private by a moderator or an activist.</summary>
    public async Task OnCommandAsync(Message message, CancellationToken cancellationToken)
    {
        if (message.From is not { IsBot: false } user)
        {
            return;
        }
        var language = LanguageOf(user, message.Chat);
        if (!await MayDraftAsync(user.Id, message.Chat, cancellationToken).ConfigureAwait(false))
        {
            await sender.SendAsync(message.Chat.Id, TelegramHtml.Escape(texts.Get(language, "letters.tg.refused")), cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }
        await StartAsync(message.Chat, user, language, null, message.MessageId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The Letter button of a card (the moderator was checked by the moderation chat): the report is chosen
    /// already, so only single-report templates are offered. A report whose member did not agree to its use in appeals
    /// gets no letter of its own: the press is answered with the reason.</summary>
    public async Task StartForReportAsync(CallbackQuery query, IncidentReport report, CancellationToken cancellationToken)
    {
        if (query.Message is not { } card || report.Status is ReportStatus.Withdrawn or ReportStatus.Rejected)
        {
            await sender.AnswerCallbackAsync(query.Id, texts.Get(texts.DefaultLanguage, "tg.stale_button"), cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }
        var language = LanguageOf(query.From, card.Chat);
        if (!LetterFacts.AppealsConsent(report.Answers))
        {
            counts.Add(Activity.LettersRefused);
            await sender.AnswerCallbackAsync(query.Id, texts.Get(language, "letters.tg.no_consent_card"), showAlert: true, cancellationToken).ConfigureAwait(false);
            return;
        }
        await sender.AnswerCallbackAsync(query.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
        await StartAsync(card.Chat, query.From, language, report.Label, card.MessageId, cancellationToken).ConfigureAwait(false);
    }

    public async Task OnCallbackAsync(CallbackQuery query, CancellationToken cancellationToken)
    {
        var press = LetterPress.Parse(query.Data);
        var session = press is null || query.Message is not { } pressed ? null
            : sessions.Find(press.Session, pseudonyms.OfModerator(query.From.Id), pressed.Chat.Id);
        if (press is null || session is null || query.Message is not { } message || session.Buttons != message.MessageId
            || !await MayDraftAsync(query.From.Id, message.Chat, cancellationToken).ConfigureAwait(false))
        {
            // Someone else's letter, an old one, or a forged press: nothing changes, and nothing says whose it is.
            await sender.AnswerCallbackAsync(query.Id, texts.Get(LanguageOf(query.From, query.Message?.Chat), "tg.stale_button"), cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }
        var handled = (press.Action, session.Step) switch
        {
            (LetterPress.Cancel, _) => CancelAsync(session, message, cancellationToken),
            (LetterPress.Template, LetterStep.Template) => TemplateChosenAsync(session, message, press.Index, cancellationToken),
            (LetterPress.Period, LetterStep.Set) => PeriodChosenAsync(session, message, press.Argument, cancellationToken),
            (LetterPress.Send, LetterStep.Preview) => SendAsync(session, message, cancellationToken),
            (LetterPress.Change, LetterStep.Preview) => ShowFieldsAsync(session, message, cancellationToken),
            (LetterPress.Back, LetterStep.Change) => BackToPreviewAsync(session, message, cancellationToken),
            (LetterPress.Field, LetterStep.Change) => AskNewValueAsync(session, message, press.Index, cancellationToken),
            _ => Task.FromResult(false),
        };
        var done = await handled.ConfigureAwait(false);
        await sender.AnswerCallbackAsync(query.Id, done ? null : texts.Get(session.Language, "tg.stale_button"), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Typed text for a letter: a reply to one of its questions, or in private a plain message while one is
    /// open. Someone else's question, or one no longer open, is answered as stale and nothing changes.</summary>
    public async Task OnTextAsync(Message message, string text, CancellationToken cancellationToken)
    {
        if (message.From is not { IsBot: false } user)
        {
            return;
        }
        var chatId = message.Chat.Id;
        var session = message.ReplyToMessage is { } asked && IsQuestion(asked)
            ? sessions.AskedBy(chatId, asked.MessageId)
            : sessions.AwaitingText(chatId);
        if (session is null || session.Person != pseudonyms.OfModerator(user.Id)
            || !await MayDraftAsync(user.Id, message.Chat, cancellationToken).ConfigureAwait(false))
        {
            await sender.SendAsync(chatId, TelegramHtml.Escape(texts.Get(LanguageOf(user, message.Chat), "tg.stale_button")),
                replyTo: message.MessageId, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }
        var answer = text.Trim();
        switch (session.Step)
        {
            case LetterStep.Report:
                await ReportNamedAsync(session, message, answer, cancellationToken).ConfigureAwait(false);
                break;
            case LetterStep.Filter:
                await FilterTypedAsync(session, message, answer, cancellationToken).ConfigureAwait(false);
                break;
            case LetterStep.Field or LetterStep.NewValue when session.Template?.Fields.FirstOrDefault(f => f.Name == session.Field) is { } field:
                if (answer.Length is 0 or > MaxAnswer)
                {
                    await AskAsync(session, message.MessageId, T(session, "letters.tg.field_again",
                        ("prompt", field.Prompt), ("max", MaxAnswer.ToString(CultureInfo.InvariantCulture))), session.Step, field.Name, cancellationToken).ConfigureAwait(false);
                    break;
                }
                var answered = session with { Fields = session.Fields.SetItem(field.Name, answer), Typed = session.Typed + 1 };
                await NextFieldOrPreviewAsync(answered, message.MessageId, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task StartAsync(Chat chat, User user, string language, string? label, int replyTo, CancellationToken cancellationToken)
    {
        var templates = Templates(language, label is not null);
        if (templates.IsEmpty)
        {
            await sender.SendAsync(chat.Id, TelegramHtml.Escape(texts.Get(language, "letters.chat.none")), replyTo: replyTo, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }
        if (sessions.Start(pseudonyms.OfModerator(user.Id), chat.Id, chat.Type == ChatType.Private, language) is not { } session)
        {
            counts.Add(Activity.LettersRefused);
            await sender.SendAsync(chat.Id, TelegramHtml.Escape(texts.Get(language, "letters.tg.busy")), replyTo: replyTo, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }
        session = session with { Source = label is null ? null : new OneReport(label) };
        var rows = templates.Select((template, i) => new[] { Button(template.Title, LetterPress.Data(session, LetterPress.Template, Index(i))) }).ToList();
        rows.Add([CancelButton(session)]);
        var question = label is null ? T(session, "letters.tg.pick") : T(session, "letters.tg.pick_for", ("label", label));
        var sent = await sender.SendAsync(chat.Id, TelegramHtml.Escape(question), new InlineKeyboardMarkup(rows), replyTo, cancellationToken).ConfigureAwait(false);
        sessions.Save(session with { Buttons = sent?.MessageId });
        counts.Add(Activity.LettersStarted);
    }

    private async Task<bool> TemplateChosenAsync(LetterSession session, Message message, int index, CancellationToken cancellationToken)
    {
        var templates = Templates(session.Language, session.Source is not null);
        if (index < 0 || index >= templates.Length)
        {
            return false;
        }
        var template = templates[index];
        await ShowChoiceAsync(message, template.Title, cancellationToken).ConfigureAwait(false);
        session = session with { Template = template };
        if (session.Source is not null)
        {
            await FieldsAsync(session, null, cancellationToken).ConfigureAwait(false);
        }
        else if (template.Kind == LetterKind.Single)
        {
            await AskAsync(session, null, T(session, "letters.tg.report"), LetterStep.Report, null, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await AskSetAsync(session, cancellationToken).ConfigureAwait(false);
        }
        return true;
    }

    private async Task AskSetAsync(LetterSession session, CancellationToken cancellationToken)
    {
        var names = new LetterNames(flow, session.Language);
        var today = Today();
        var rows = Periods.Select(period =>
        {
            var filter = Period(period.Code, today);
            var words = filter switch
            {
                { From: { } from, To: { } to } when from.Year == to.Year && from.Month == 1 && period.Code == 'y' => from.Year.ToString(CultureInfo.InvariantCulture),
                { From: { } from, To: { } to } when from.Year == to.Year && from.Month == to.Month => names.Month(from),
                { From: { } from, To: { } to } => names.Month(from) + " – " + names.Month(to),
                _ => "",
            };
            return new[] { Button(T(session, period.Key, ("period", words)), LetterPress.Data(session, LetterPress.Period, period.Code.ToString())) };
        }).ToList();
        rows.Add([Button(T(session, "letters.tg.set.words"), LetterPress.Data(session, LetterPress.Period, "w"))]);
        rows.Add([CancelButton(session)]);
        var sent = await sender.SendAsync(session.ChatId, TelegramHtml.Escape(T(session, "letters.tg.set")), new InlineKeyboardMarkup(rows),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        sessions.Save(session with { Step = LetterStep.Set, Buttons = sent?.MessageId, Question = null });
    }

    private async Task<bool> PeriodChosenAsync(LetterSession session, Message message, string code, CancellationToken cancellationToken)
    {
        if (code == "w")
        {
            await ShowChoiceAsync(message, T(session, "letters.tg.set.words"), cancellationToken).ConfigureAwait(false);
            await AskAsync(session, null, T(session, "letters.tg.filter") + "\n\n" + FilterWords(session.Language), LetterStep.Filter, null, cancellationToken).ConfigureAwait(false);
            return true;
        }
        if (code is not [var c] || Array.FindIndex(Periods, p => p.Code == c) < 0)
        {
            return false;
        }
        var chosen = message.ReplyMarkup?.InlineKeyboard.SelectMany(row => row)
            .FirstOrDefault(b => b.CallbackData == LetterPress.Data(session, LetterPress.Period, code))?.Text ?? "";
        await ShowChoiceAsync(message, chosen, cancellationToken).ConfigureAwait(false);
        await FieldsAsync(session with { Source = new ReportSet(Period(c, Today())) }, null, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The ready-made periods of a collective letter: the last whole month, the last whole quarter, this year
    /// so far, and all time.</summary>
    private static ReportFilter Period(char code, DateOnly today)
    {
        var month = new DateOnly(today.Year, today.Month, 1);
        var quarter = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1);
        return code switch
        {
            'm' => ReportFilter.All with { From = month.AddMonths(-1), To = month.AddDays(-1) },
            'q' => ReportFilter.All with { From = quarter.AddMonths(-3), To = quarter.AddDays(-1) },
            'y' => ReportFilter.All with { From = new DateOnly(today.Year, 1, 1), To = today },
            _ => ReportFilter.All,
        };
    }

    private async Task ReportNamedAsync(LetterSession session, Message message, string label, CancellationToken cancellationToken)
    {
        switch (await writer.RefusalAsync(label).ConfigureAwait(false))
        {
            case LetterOutcome.NoConsent refused:
                counts.Add(Activity.LettersRefused);
                await AskAsync(session, message.MessageId, T(session, "letters.tg.no_consent", ("label", refused.Label)), LetterStep.Report, null, cancellationToken).ConfigureAwait(false);
                return;
            case { }:
                await AskAsync(session, message.MessageId, T(session, "letters.tg.report_unknown", ("label", label)), LetterStep.Report, null, cancellationToken).ConfigureAwait(false);
                return;
        }
        await FieldsAsync(session with { Source = new OneReport(ReportLabel.Normalize(label) ?? label) }, message.MessageId, cancellationToken).ConfigureAwait(false);
    }

    private async Task FilterTypedAsync(LetterSession session, Message message, string words, CancellationToken cancellationToken)
    {
        var parsed = ReportFilterWords.ParseFilter(words, Today(), FilterVocabulary.Of(flow, communities.Keys));
        if (parsed is FilterWords.Parsed { Filter: var filter })
        {
            await FieldsAsync(session with { Source = new ReportSet(filter) }, message.MessageId, cancellationToken).ConfigureAwait(false);
            return;
        }
        var problem = parsed is FilterWords.Refused refused ? FilterWordTexts.Problem(texts, session.Language, refused) : "";
        await AskAsync(session, message.MessageId, problem + "\n\n" + T(session, "letters.tg.filter") + "\n\n" + FilterWords(session.Language),
            LetterStep.Filter, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The words a filter may use here, as <c>/stats</c> lists them.</summary>
    private string FilterWords(string language) => FilterWordTexts.Words(texts, language, FilterVocabulary.Of(flow, communities.Keys));

    /// <summary>The template and its source are known: the remembered answers fill what they can, the rest is asked.</summary>
    private async Task FieldsAsync(LetterSession session, int? replyTo, CancellationToken cancellationToken)
    {
        if (session.Template is not { } template)
        {
            return;
        }
        var remembered = await defaults.RecallAsync(session.Person).ConfigureAwait(false);
        var known = session.Fields.SetItems(remembered.Where(pair => template.Fields.Any(f => f.Name == pair.Key) && !session.Fields.ContainsKey(pair.Key)));
        await NextFieldOrPreviewAsync(session with { Fields = known }, replyTo, cancellationToken).ConfigureAwait(false);
    }

    private async Task NextFieldOrPreviewAsync(LetterSession session, int? replyTo, CancellationToken cancellationToken)
    {
        if (session.Template is not { } template)
        {
            return;
        }
        if (session.Step != LetterStep.NewValue && LetterWriter.MissingFields(template, session.Fields) is [var next, ..])
        {
            await AskAsync(session, replyTo, T(session, "letters.tg.field", ("prompt", next.Prompt)), LetterStep.Field, next.Name, cancellationToken).ConfigureAwait(false);
            return;
        }
        await PreviewAsync(session, replyTo, cancellationToken).ConfigureAwait(false);
    }

    private async Task PreviewAsync(LetterSession session, int? replyTo, CancellationToken cancellationToken)
    {
        if (await WriteAsync(session, cancellationToken).ConfigureAwait(false) is not { } letter)
        {
            return;
        }
        var html = TelegramHtml.Escape(T(session, "letters.tg.preview", ("title", letter.Template.Title))) + "\n\n" + TelegramHtml.Escape(letter.PlainText);
        var sent = await sender.SendAsync(session.ChatId, html, PreviewButtons(session), replyTo, cancellationToken).ConfigureAwait(false);
        sessions.Save(session with { Step = LetterStep.Preview, Buttons = sent?.MessageId, Question = null, Field = null });
    }

    private InlineKeyboardMarkup PreviewButtons(LetterSession session) => new(
    [
        [Button(T(session, "letters.tg.send"), LetterPress.Data(session, LetterPress.Send))],
        [Button(T(session, "letters.tg.change"), LetterPress.Data(session, LetterPress.Change))],
        [CancelButton(session)],
    ]);

    private async Task<bool> ShowFieldsAsync(LetterSession session, Message message, CancellationToken cancellationToken)
    {
        if (session.Template is not { } template)
        {
            return false;
        }
        var rows = template.Fields.Select((field, i) => new[] { Button(ShortName(field), LetterPress.Data(session, LetterPress.Field, Index(i))) }).ToList();
        rows.Add([Button("‹ " + T(session, "nav.back"), LetterPress.Data(session, LetterPress.Back))]);
        await sender.EditKeyboardAsync(message.Chat.Id, message.MessageId, new InlineKeyboardMarkup(rows), cancellationToken).ConfigureAwait(false);
        sessions.Save(session with { Step = LetterStep.Change });
        return true;
    }

    private async Task<bool> BackToPreviewAsync(LetterSession session, Message message, CancellationToken cancellationToken)
    {
        await sender.EditKeyboardAsync(message.Chat.Id, message.MessageId, PreviewButtons(session), cancellationToken).ConfigureAwait(false);
        sessions.Save(session with { Step = LetterStep.Preview });
        return true;
    }

    private async Task<bool> AskNewValueAsync(LetterSession session, Message message, int index, CancellationToken cancellationToken)
    {
        if (session.Template is not { } template || index < 0 || index >= template.Fields.Length)
        {
            return false;
        }
        var field = template.Fields[index];
        await sender.EditKeyboardAsync(message.Chat.Id, message.MessageId, null, cancellationToken).ConfigureAwait(false);
        var now = session.Fields.GetValueOrDefault(field.Name) is { Length: > 0 } value ? value : "—";
        await AskAsync(session, null, T(session, "letters.tg.new_value", ("prompt", field.Prompt), ("value", now)), LetterStep.NewValue, field.Name, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<bool> SendAsync(LetterSession session, Message message, CancellationToken cancellationToken)
    {
        await sender.EditKeyboardAsync(message.Chat.Id, message.MessageId, null, cancellationToken).ConfigureAwait(false);
        if (await WriteAsync(session, cancellationToken).ConfigureAwait(false) is not { } letter)
        {
            return true;
        }
        await sender.SendFileAsync(session.ChatId, letter.Docx, letter.FileName, T(session, "letters.tg.sent", ("title", letter.Template.Title)),
            asPhoto: false, cancellationToken).ConfigureAwait(false);
        await defaults.RememberAsync(session.Person, session.Fields).ConfigureAwait(false);
        sessions.End(session);
        counts.Add(Activity.LettersSent, letter.Template.Kind.ToString());
        return true;
    }

    private async Task<bool> CancelAsync(LetterSession session, Message message, CancellationToken cancellationToken)
    {
        sessions.End(session);
        await sender.EditKeyboardAsync(message.Chat.Id, message.MessageId, null, cancellationToken).ConfigureAwait(false);
        await sender.SendAsync(session.ChatId, TelegramHtml.Escape(T(session, "letters.tg.cancelled")), cancellationToken: cancellationToken).ConfigureAwait(false);
        counts.Add(Activity.LettersCancelled);
        return true;
    }

    /// <summary>The letter as it stands; when its report is gone (deleted by its member meanwhile) the person is told
    /// and the letter ends.</summary>
    private async Task<DraftedLetter?> WriteAsync(LetterSession session, CancellationToken cancellationToken)
    {
        if (session.Template is not { } template || session.Source is not { } source)
        {
            return null;
        }
        var outcome = await writer.WriteAsync(new LetterRequest(template.Id, template.Language, source, session.Fields), cancellationToken).ConfigureAwait(false);
        if (outcome is LetterOutcome.Drafted { Letter: var letter })
        {
            return letter;
        }
        sessions.End(session);
        var label = source is OneReport one ? one.Label : "";
        var why = outcome is LetterOutcome.NoConsent ? T(session, "letters.tg.no_consent_card") : T(session, "letters.tg.gone", ("label", label));
        await sender.SendAsync(session.ChatId, TelegramHtml.Escape(why), cancellationToken: cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>Asks for typed text. The question starts with <see cref="Mark"/> and carries Cancel; only a reply to
    /// this message (or in private, any plain message) answers it.</summary>
    private async Task AskAsync(LetterSession session, int? replyTo, string question, LetterStep step, string? field, CancellationToken cancellationToken)
    {
        var sent = await sender.SendAsync(session.ChatId, TelegramHtml.Escape(Mark + question), new InlineKeyboardMarkup([[CancelButton(session)]]),
            replyTo, cancellationToken).ConfigureAwait(false);
        sessions.Save(session with { Step = step, Field = field, Question = sent?.MessageId, Buttons = sent?.MessageId });
    }

    /// <summary>The answered buttons give way to the answer, so the chat reads as a conversation.</summary>
    private Task ShowChoiceAsync(Message message, string choice, CancellationToken cancellationToken) =>
        sender.EditAsync(message.Chat.Id, message.MessageId, TelegramHtml.Escape(message.Text ?? "") + "\n\n→ <b>" + TelegramHtml.Escape(choice) + "</b>", null, cancellationToken);

    private async Task<bool> MayDraftAsync(long userId, Chat chat, CancellationToken cancellationToken) =>
        communities.IsModerators(chat.Id) ? await access.IsModeratorAsync(userId, cancellationToken).ConfigureAwait(false)
        : chat.Type == ChatType.Private && await access.IsModeratorOrActivistAsync(userId, cancellationToken).ConfigureAwait(false);

    /// <summary>The moderators' language in a group; in private the person's own, when there are templates in it.</summary>
    private string LanguageOf(User user, Chat? chat)
    {
        if (chat?.Type != ChatType.Private)
        {
            return texts.DefaultLanguage;
        }
        var language = languages.For(pseudonyms.Of(PseudonymPurpose.Counters, MemberKey.Telegram(user.Id).Raw), user.LanguageCode);
        return writer.Templates(language).IsEmpty ? texts.DefaultLanguage : language;
    }

    private ImmutableArray<LetterTemplate> Templates(string language, bool forOneReport) =>
        writer.Templates(language, forOneReport ? LetterKind.Single : null);

    private DateOnly Today() => calendar.Today(time.GetUtcNow());

    private string T(LetterSession session, string key, params ReadOnlySpan<(string Name, string Value)> values) => texts.Get(session.Language, key, values);

    private InlineKeyboardButton CancelButton(LetterSession session) =>
        Button("✕ " + T(session, "nav.cancel"), LetterPress.Data(session, LetterPress.Cancel));

    private static InlineKeyboardButton Button(string text, string data) => InlineKeyboardButton.WithCallbackData(text, data);

    private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);

    /// <summary>A field's prompt up to its first colon or bracket ("Кому", "Подпись"): enough for a button.</summary>
    private static string ShortName(LetterField field)
    {
        var end = field.Prompt.IndexOfAny([':', '(']);
        var name = (end > 0 ? field.Prompt[..end] : field.Prompt).Trim();
        return name.Length > 40 ? name[..40].TrimEnd() + "…" : name;
    }
}
