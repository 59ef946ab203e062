using System.Collections.Immutable;
using System.Globalization;
using CommunityBot.Conversations;
using CommunityBot.Moderation;
using CommunityBot.Reports;

namespace CommunityBot.Letters;

/// <summary>Where a letter in the making stands.</summary>
internal enum LetterStep
{
    /// <summary>A choice: which template.</summary>
    Template,

    /// <summary>A question: which report (a label).</summary>
    Report,

    /// <summary>A choice: which reports a collective letter counts.</summary>
    Set,

    /// <summary>A question: filter words.</summary>
    Filter,

    /// <summary>A question: the value of <see cref="LetterState.Field"/>, one of the required fields still missing.</summary>
    Field,

    /// <summary>The text is shown, with Send, Change a field and Cancel.</summary>
    Preview,

    /// <summary>A choice: which field to change.</summary>
    Change,

    /// <summary>A question: the new value of <see cref="LetterState.Field"/>.</summary>
    NewValue,
}

/// <summary>
/// One letter in the making, whatever the channel. It holds what was typed (recipient, signatory...), so it lives in
/// memory only and is never written anywhere.
/// </summary>
/// <param name="Language">Of the texts and of the templates offered.</param>
internal sealed record LetterState(string Language)
{
    public LetterStep Step { get; init; } = LetterStep.Template;

    /// <summary>The templates to choose from.</summary>
    public ImmutableArray<LetterTemplate> Offered { get; init; } = [];

    public LetterTemplate? Template { get; init; }

    /// <summary>Chosen before the template when the letter was started from one report.</summary>
    public LetterSource? Source { get; init; }

    public ImmutableDictionary<string, string> Fields { get; init; } = ImmutableDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>This person's answers from their last letter: they fill the fields nobody gave, and are not asked again.</summary>
    public ImmutableDictionary<string, string> Remembered { get; init; } = ImmutableDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>The field asked now (<see cref="LetterStep.Field"/>, <see cref="LetterStep.NewValue"/>).</summary>
    public string? Field { get; init; }

    /// <summary>How many fields were typed rather than remembered (for the log).</summary>
    public int Typed { get; init; }

    /// <summary>Whether the letter is shown for a last look before it goes (it is sent into a chat); otherwise it is
    /// written as soon as every field is known, and the remembered answers it used are listed first.</summary>
    public bool Confirm { get; init; }

    /// <summary>Whether answers come as replies to the bot's messages (the questions say so).</summary>
    public bool ByReply { get; init; }

    public bool AwaitsText => Step is LetterStep.Report or LetterStep.Filter or LetterStep.Field or LetterStep.NewValue;

    /// <summary>This letter at the question asked before this one, where "back" returns to (keeping every answer typed
    /// since); null at the first question.</summary>
    public LetterState? Previous { get; init; }
}

/// <summary>What a person did: pressed or typed a choice, typed an answer, cancelled; or what the channel found out
/// about a report label the interview asked it to check.</summary>
internal abstract record LetterInput
{
    private LetterInput()
    {
    }

    public sealed record Chose(string Id) : LetterInput;

    public sealed record Typed(string Text) : LetterInput;

    public sealed record Cancel : LetterInput;

    /// <summary>To the question before this one.</summary>
    public sealed record Back : LetterInput;

    /// <summary>How to answer: told, and the question stays.</summary>
    public sealed record Help : LetterInput;

    /// <param name="Refusal">Why no letter can be about this report alone; null when one can.</param>
    public sealed record ReportChecked(string Label, LetterOutcome? Refusal) : LetterInput;
}

/// <summary>What the channel does after a turn: wait for the person, look a report up, write the letter to show or
/// to hand over, end the letter, or say that a press did not fit (nothing changed).</summary>
internal abstract record LetterNext
{
    private LetterNext()
    {
    }

    public sealed record AwaitInput : LetterNext;

    public sealed record CheckReport(string Label) : LetterNext;

    public sealed record Preview(LetterRequest Request) : LetterNext;

    public sealed record Finish(LetterRequest Request) : LetterNext;

    public sealed record Cancelled : LetterNext;

    public sealed record Stale : LetterNext;
}

/// <param name="Prompts">To show, in order; the last one is what is asked now.</param>
/// <param name="Answered">The choice this turn took, pressed or typed.</param>
internal sealed record LetterTurn(LetterState State, ImmutableArray<Prompt> Prompts, LetterNext Next, PromptChoice? Answered = null);

/// <summary>
/// The letter interview as a pure function, like <see cref="FlowRunner"/>: state + input → state + prompts. Which
/// template, which report or which reports, then only the required fields that neither what was given nor this
/// person's remembered answers hold; then (in a chat) the text for a last look, with Send and Change a field. Every
/// choice works typed (its number or its label) as well as pressed, and cancel or back typed at any question is
/// never an answer. It does no I/O: the channel looks reports up,
/// writes the letter and remembers the answers when <see cref="LetterTurn.Next"/> says so.
/// </summary>
internal sealed partial class LetterInterview(FlowBundle flow, FilterVocabulary vocabulary)
{
    /// <summary>The longest answer to a field: a paragraph of legal basis fits, a pasted document does not.</summary>
    public const int MaxAnswer = 1000;

    /// <summary>The review's own id: a "да", "ok" or "отправь" typed under the letter shown sends it, as at the review.</summary>
    public const string Send = ChoiceIds.Submit;
    public const string Change = "change";
    public const string Back = "back";

    /// <summary>The choice of the set step that asks for filter words instead of a ready-made period.</summary>
    public const string Words = "w";

    private static readonly (string Id, string Key)[] Periods =
        [("m", "letters.tg.set.last_month"), ("q", "letters.tg.set.last_quarter"), ("y", "letters.tg.set.this_year"), ("a", "letters.tg.set.all")];

    /// <summary>A new letter: the template is chosen unless <paramref name="template"/> is given, the report or
    /// reports are asked unless <paramref name="source"/> is given; <paramref name="given"/> answers fields.</summary>
    public LetterTurn Start(LetterState state, DateOnly today, LetterTemplate? template = null, LetterSource? source = null,
        IReadOnlyDictionary<string, string>? given = null)
    {
        state = state with { Source = source, Fields = state.Fields.SetItems(given ?? ImmutableDictionary<string, string>.Empty) };
        return template is null ? Asking(state with { Step = LetterStep.Template }, today) : TemplateChosen(state, template, today);
    }

    public LetterTurn Handle(LetterState state, LetterInput input, DateOnly today)
    {
        var asked = Ask(state, today);
        var turn = (input is LetterInput.Typed { Text: var text } ? Read(asked, text.Trim()) : input) switch
        {
            LetterInput.Cancel => new LetterTurn(state, [], new LetterNext.Cancelled()),
            LetterInput.Back => Backwards(state, today),
            LetterInput.Help => Asking(state, today, Prompt.Notice(T(state, "letters.help"))),
            var read => Turn(state, asked, read, today),
        };
        var linked = Linked(state, turn.State);
        // The question asked now offers "back" when there is one before it, as linked just now.
        var prompts = turn.Prompts is [.., { Kind: not PromptKind.Notice } last] ? turn.Prompts.SetItem(turn.Prompts.Length - 1, WithBack(linked, last)) : turn.Prompts;
        return turn with { State = linked, Prompts = prompts };
    }

    private LetterTurn Turn(LetterState state, Prompt asked, LetterInput input, DateOnly today) =>
        (state.Step, input) switch
        {
            (_, LetterInput.Chose chose) when asked.Kind != PromptKind.Text && asked.Choices.FirstOrDefault(c => c.Id == chose.Id) is { } choice =>
                Chosen(state, choice, today),
            (_, LetterInput.Typed typed) when asked.Kind != PromptKind.Text =>
                Asking(state, today, Prompt.Notice(TypedChoice.Unknown(asked, typed.Text, flow.Texts, state.Language))),
            (LetterStep.Report, LetterInput.Typed typed) => new LetterTurn(state, [], new LetterNext.CheckReport(typed.Text.Trim())),
            (LetterStep.Report, LetterInput.ReportChecked checkedLabel) => ReportChecked(state, checkedLabel, today),
            (LetterStep.Filter, LetterInput.Typed typed) => FilterTyped(state, typed.Text.Trim(), today),
            (LetterStep.Field or LetterStep.NewValue, LetterInput.Typed typed) => FieldTyped(state, typed.Text.Trim(), today),
            _ => new LetterTurn(state, [], new LetterNext.Stale()),
        };

    /// <summary>The question asked before this one, with every answer typed so far kept; at the first question, that
    /// question again.</summary>
    private LetterTurn Backwards(LetterState state, DateOnly today) =>
        state.Previous is { } previous
            ? Asking(previous with { Fields = state.Fields, Typed = state.Typed }, today)
            : Asking(state, today);

    /// <summary>The state after a turn, linked to the question before it: a new question remembers the one it followed;
    /// the same question asked again, or one asked earlier and come back to, keeps what it had (so that "back" from the
    /// letter shown goes to the last field typed, not to the field list it was changed from).</summary>
    private static LetterState Linked(LetterState before, LetterState after)
    {
        for (var earlier = before; earlier is not null; earlier = earlier.Previous)
        {
            if (earlier.Step == after.Step && earlier.Field == after.Field)
            {
                return after with { Previous = earlier.Previous };
            }
        }
        return after with { Previous = before };
    }

    /// <summary>What is asked at this step.</summary>
    public Prompt Ask(LetterState state, DateOnly today) => WithBack(state, state.Step switch
    {
        LetterStep.Template => Choice(T(state, state.Source is OneReport ? "letters.tg.pick_for" : "letters.tg.pick",
            ("label", (state.Source as OneReport)?.Label ?? "")), [.. state.Offered.Select(t => new PromptChoice(t.Id, t.Title))]),
        LetterStep.Report => Question(T(state, "letters.tg.report")),
        LetterStep.Set => Choice(T(state, "letters.tg.set"), SetChoices(state, today)),
        LetterStep.Filter => Question(T(state, "letters.tg.filter") + "\n\n" + FilterWordTexts.Words(flow.Texts, state.Language, vocabulary)),
        LetterStep.Field when FieldAsked(state) is { } field => Question(state.ByReply ? T(state, "letters.tg.field", ("prompt", field.Prompt)) : field.Prompt),
        LetterStep.NewValue when FieldAsked(state) is { } field => Question(T(state, "letters.tg.new_value", ("prompt", field.Prompt),
            ("value", state.Fields.GetValueOrDefault(field.Name) is { Length: > 0 } value ? value : "—"))),
        LetterStep.Preview => new Prompt(T(state, "letters.tg.preview", ("title", state.Template?.Title ?? "")),
            [new PromptChoice(Send, T(state, "letters.tg.send")), new PromptChoice(Change, T(state, "letters.tg.change"))],
            PromptKind.Review, CanGoBack: false, CanCancel: true),
        LetterStep.Change => new Prompt(T(state, "letters.tg.change"),
            [.. (state.Template?.Fields ?? []).Select(f => new PromptChoice(f.Name, ShortName(f))), new PromptChoice(Back, "‹ " + T(state, "nav.back"))],
            PromptKind.SingleChoice, CanGoBack: false, CanCancel: false),
        _ => Prompt.Notice(""),
    });

    /// <summary>The ready-made periods of a collective letter: the last whole month, the last whole quarter, this year
    /// so far, and all time.</summary>
    public static ReportFilter Period(string id, DateOnly today)
    {
        var month = new DateOnly(today.Year, today.Month, 1);
        var quarter = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1);
        return id switch
        {
            "m" => ReportFilter.All with { From = month.AddMonths(-1), To = month.AddDays(-1) },
            "q" => ReportFilter.All with { From = quarter.AddMonths(-3), To = quarter.AddDays(-1) },
            "y" => ReportFilter.All with { From = new DateOnly(today.Year, 1, 1), To = today },
            _ => ReportFilter.All,
        };
    }

    private LetterTurn Chosen(LetterState state, PromptChoice choice, DateOnly today) => ChoiceTaken(state, choice.Id, today) with { Answered = choice };

    private LetterTurn ChoiceTaken(LetterState state, string id, DateOnly today) => state.Step switch
    {
        LetterStep.Template => TemplateChosen(state, state.Offered.First(t => t.Id == id), today),
        LetterStep.Set when id == Words => Asking(state with { Step = LetterStep.Filter }, today),
        LetterStep.Set => SourceKnown(state with { Source = new ReportSet(Period(id, today)) }, today),
        LetterStep.Preview when id == Send && Request(state) is { } request => new LetterTurn(state, [], new LetterNext.Finish(request)),
        LetterStep.Preview => Asking(state with { Step = LetterStep.Change }, today),
        LetterStep.Change when id == Back => Asking(state with { Step = LetterStep.Preview }, today),
        LetterStep.Change => Asking(state with { Step = LetterStep.NewValue, Field = id }, today),
        _ => new LetterTurn(state, [], new LetterNext.Stale()),
    };

    private LetterTurn TemplateChosen(LetterState state, LetterTemplate template, DateOnly today)
    {
        state = state with { Template = template };
        return (state.Source, template.Kind) switch
        {
            ({ }, _) => SourceKnown(state, today),
            (null, LetterKind.Single) => Asking(state with { Step = LetterStep.Report }, today),
            _ => Asking(state with { Step = LetterStep.Set }, today),
        };
    }

    private LetterTurn ReportChecked(LetterState state, LetterInput.ReportChecked report, DateOnly today) => report.Refusal switch
    {
        LetterOutcome.NoConsent refused => Again(state, today, T(state, "letters.tg.no_consent", ("label", refused.Label))),
        { } => Again(state, today, T(state, "letters.tg.report_unknown", ("label", report.Label))),
        null => SourceKnown(state with { Source = new OneReport(ReportLabel.Normalize(report.Label) ?? report.Label) }, today),
    };

    private LetterTurn FilterTyped(LetterState state, string words, DateOnly today)
    {
        var parsed = ReportFilterWords.ParseFilter(words, today, vocabulary);
        if (parsed is FilterWords.Parsed { Filter: var filter })
        {
            return SourceKnown(state with { Source = new ReportSet(filter) }, today);
        }
        var problem = parsed is FilterWords.Refused refused ? FilterWordTexts.Problem(flow.Texts, state.Language, refused) : "";
        return Again(state, today, problem + "\n\n" + Ask(state, today).Text);
    }

    private LetterTurn FieldTyped(LetterState state, string answer, DateOnly today)
    {
        if (FieldAsked(state) is not { } field)
        {
            return new LetterTurn(state, [], new LetterNext.Stale());
        }
        if (answer.Length is 0 or > MaxAnswer)
        {
            // Said as it is: an empty answer is asked for again; a long one is told its length and the limit.
            var length = ("length", answer.Length.ToString(CultureInfo.InvariantCulture));
            var max = ("max", MaxAnswer.ToString(CultureInfo.InvariantCulture));
            return (state.ByReply, answer.Length == 0) switch
            {
                (true, true) => Again(state, today, T(state, "letters.tg.field_empty", ("prompt", field.Prompt))),
                (true, false) => Again(state, today, T(state, "letters.tg.field_too_long", ("prompt", field.Prompt), length, max)),
                (false, true) => Asking(state, today, Prompt.Notice(T(state, "letters.chat.field_empty"))),
                (false, false) => Asking(state, today, Prompt.Notice(T(state, "letters.chat.field_too_long", length, max))),
            };
        }
        var answered = state with { Fields = state.Fields.SetItem(field.Name, answer), Typed = state.Typed + 1 };
        return state.Step == LetterStep.NewValue ? Done(answered, today) : NextField(answered, today);
    }

    /// <summary>The template and its source are known: the remembered answers fill what nobody gave, the rest is asked.</summary>
    private LetterTurn SourceKnown(LetterState state, DateOnly today)
    {
        var template = state.Template;
        var remembered = state.Remembered.Where(pair => template?.Fields.Any(f => f.Name == pair.Key) == true && !state.Fields.ContainsKey(pair.Key));
        return NextField(state with { Fields = state.Fields.SetItems(remembered) }, today);
    }

    private LetterTurn NextField(LetterState state, DateOnly today) =>
        state.Template is { } template && LetterWriter.MissingFields(template, state.Fields) is [var next, ..]
            ? Asking(state with { Step = LetterStep.Field, Field = next.Name }, today)
            : Done(state, today);

    private LetterTurn Done(LetterState state, DateOnly today)
    {
        if (Request(state) is not { } request)
        {
            return new LetterTurn(state, [], new LetterNext.Stale());
        }
        state = state with { Field = null };
        if (state.Confirm)
        {
            return new LetterTurn(state with { Step = LetterStep.Preview }, [Ask(state with { Step = LetterStep.Preview }, today)], new LetterNext.Preview(request));
        }
        var used = (state.Template?.Fields ?? []).Where(f => state.Remembered.TryGetValue(f.Name, out var value) && state.Fields.GetValueOrDefault(f.Name) == value)
            .Select(f => f.Prompt + " [" + state.Fields[f.Name] + "]").ToList();
        ImmutableArray<Prompt> prompts = used.Count == 0 ? [] : [Prompt.Notice(T(state, "letters.chat.remembered") + "\n" + string.Join("\n", used))];
        return new LetterTurn(state with { Step = LetterStep.Preview }, prompts, new LetterNext.Finish(request));
    }

    private static LetterRequest? Request(LetterState state) =>
        state is { Template: { } template, Source: { } source } ? new LetterRequest(template.Id, template.Language, source, state.Fields) : null;

    private LetterTurn Asking(LetterState state, DateOnly today, params ReadOnlySpan<Prompt> before) =>
        new(state, [.. before, Ask(state, today)], new LetterNext.AwaitInput());

    /// <summary>The question asked again with a reason in its place.</summary>
    private static LetterTurn Again(LetterState state, DateOnly today, string question) =>
        new(state, [WithBack(state, Question(question))], new LetterNext.AwaitInput());

    /// <summary>A question or choice after the first says that "back" goes to the one before (the preview and the field
    /// list have their own way back).</summary>
    private static Prompt WithBack(LetterState state, Prompt prompt) =>
        prompt.Kind is PromptKind.Text || state.Step is LetterStep.Template or LetterStep.Set
            ? prompt with { CanGoBack = state.Previous is not null }
            : prompt;

    private ImmutableArray<PromptChoice> SetChoices(LetterState state, DateOnly today)
    {
        var names = new LetterNames(flow, state.Language);
        var periods = Periods.Select(period =>
        {
            var words = Period(period.Id, today) switch
            {
                { From: { } from, To: { } to } when from.Year == to.Year && from.Month == 1 && period.Id == "y" => from.Year.ToString(CultureInfo.InvariantCulture),
                { From: { } from, To: { } to } when from.Year == to.Year && from.Month == to.Month => names.Month(from),
                { From: { } from, To: { } to } => names.Month(from) + " – " + names.Month(to),
                _ => "",
            };
            return new PromptChoice(period.Id, T(state, period.Key, ("period", words)));
        });
        return [.. periods, new PromptChoice(Words, T(state, "letters.tg.set.words"))];
    }

    private static LetterField? FieldAsked(LetterState state) => state.Template?.Fields.FirstOrDefault(f => f.Name == state.Field);

    private static Prompt Choice(string text, ImmutableArray<PromptChoice> choices) =>
        new(text, choices, PromptKind.SingleChoice, CanGoBack: false, CanCancel: true);

    private static Prompt Question(string text) => new(text, [], PromptKind.Text, CanGoBack: false, CanCancel: true);

    private string T(LetterState state, string key, params ReadOnlySpan<(string Name, string Value)> values) => flow.Texts.Get(state.Language, key, values);

    /// <summary>A field's prompt up to its first colon or bracket ("Кому", "Подпись"): enough for a button.</summary>
    private static string ShortName(LetterField field)
    {
        var end = field.Prompt.IndexOfAny([':', '(']);
        var name = (end > 0 ? field.Prompt[..end] : field.Prompt).Trim();
        return name.Length > 40 ? name[..40].TrimEnd() + "…" : name;
    }
}
