using System.Collections.Immutable;
using System.Globalization;
using CommunityBot.Privacy;

namespace CommunityBot.Conversations;

/// <summary>How the engine reads the calendar: the community's time zone and the earliest date it accepts.</summary>
internal sealed record CalendarSettings(TimeZoneInfo TimeZone, DateOnly Floor)
{
    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZone).DateTime);
}

/// <summary>
/// The conversation engine: (state, event) → (state, prompts). It does no I/O and keeps nothing between calls,
/// so any channel can drive it and any store can persist what it returns. Bad input is not an exception:
/// it is answered with a message and the same question, and nothing answered before is lost.
/// </summary>
internal sealed partial class FlowRunner(FlowBundle bundle, DateAnswerParser dates, SensitiveDataScanner scanner, CalendarSettings calendar)
{
    private const int ReviewTextPreview = 200;
    private const int PlaceNameMax = 200;

    private readonly Flow _flow = bundle.Flow;
    private readonly TextCatalog _texts = bundle.Texts;
    private readonly PlaceDirectory _places = bundle.Places;

    public Flow Flow => _flow;

    public FlowResult Start(string language, DateTimeOffset now)
    {
        var state = new ConversationState(_flow.Id, _flow.Version, language, _flow.StartStepId,
            ImmutableDictionary<string, Answer>.Empty, [], false, null, now, now);
        return Continue(state);
    }

    public FlowResult Handle(ConversationState state, ConversationEvent input, DateTimeOffset now)
    {
        state = state with { UpdatedOn = now };
        var today = calendar.Today(now);
        return input switch
        {
            StartRequested => Start(state.Language, now),
            RepeatRequested => Continue(state, today),
            CancelRequested => new FlowResult(null, [Notice(state, "cancelled")], FlowOutcome.Cancelled),
            BackRequested => Back(state, today),
            NonTextReceived => Continue(state, today, Notice(state, "error.not_text")),
            ChoiceMade choice => OnChoice(state, choice.ChoiceId, today),
            ChoicesMade choices => OnChoices(state, choices.ChoiceIds, today),
            TextEntered text => OnText(state, text.Text, today),
            _ => Continue(state, today),
        };
    }

    /// <summary>The question the member is at now, as it would be shown.</summary>
    public Prompt Ask(ConversationState state, DateTimeOffset now) => Ask(state, calendar.Today(now));

    private Step Current(ConversationState state) => _flow[state.StepId];

    private FlowResult Continue(ConversationState state, DateOnly today, params ReadOnlySpan<Prompt> before) =>
        new(state, [.. before, Ask(state, today)], FlowOutcome.Continue);

    private FlowResult Continue(ConversationState state) => Continue(state, calendar.Today(state.UpdatedOn));

    private Prompt Notice(ConversationState state, string key, params ReadOnlySpan<(string, string)> values) =>
        Prompt.Notice(_texts.Get(state.Language, key, values));

    private string Text(ConversationState state, string key, params ReadOnlySpan<(string, string)> values) =>
        _texts.Get(state.Language, key, values);

    // ---- choices -------------------------------------------------------------------------------------

    private FlowResult OnChoice(ConversationState state, string id, DateOnly today)
    {
        // Only what the current prompt offers is accepted: a stale or forged button changes nothing.
        var offered = Ask(state, today).Choices;
        if (!offered.Any(c => c.Id == id))
        {
            return Continue(state, today, Notice(state, "error.choice.unknown"));
        }
        var step = Current(state);
        switch (state.Pending)
        {
            case PendingMask mask:
                return id switch
                {
                    ChoiceIds.Mask => Accept(state, step, new TextAnswer(Hidden(state, mask.Text, mask.Findings)), today),
                    ChoiceIds.Keep => Accept(state, step, new TextAnswer(mask.Text), today),
                    _ => Continue(state with { Pending = null }, today),
                };
            case PendingTooLong tooLong:
                return id == ChoiceIds.KeepStart
                    ? AcceptText(state with { Pending = null }, step, tooLong.Text[..step.MaxLength], today)
                    : Continue(state with { Pending = null }, today);
        }

        switch (step.Kind)
        {
            case StepKind.Consent:
                return id == ChoiceIds.Accept
                    ? Accept(state, step, new YesNoAnswer(true), today)
                    : new FlowResult(null, [Notice(state, "consent.declined")], FlowOutcome.Cancelled);
            case StepKind.SingleChoice:
                return Accept(state, step, new ChoiceAnswer(id), today);
            case StepKind.YesNo:
                return Accept(state, step, new YesNoAnswer(id == ChoiceIds.Yes), today);
            case StepKind.MultipleChoice:
                return id == ChoiceIds.Done ? FinishSelection(state, step, Selection(state, step), today) : Toggle(state, step, id, today);
            case StepKind.Date:
                return id switch
                {
                    ChoiceIds.Today => AcceptDate(state, step, today, today),
                    ChoiceIds.Yesterday => AcceptDate(state, step, today.AddDays(-1), today),
                    ChoiceIds.ThisWeek => Continue(state with { Pending = new PendingDateDay() }, today),
                    ChoiceIds.Earlier => Continue(state with { Pending = new PendingDateTyped() }, today),
                    _ when id.StartsWith(ChoiceIds.DayPrefix, StringComparison.Ordinal)
                        && DateOnly.TryParseExact(id[ChoiceIds.DayPrefix.Length..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                        => AcceptDate(state, step, day, today),
                    _ => Continue(state, today, Notice(state, "error.choice.unknown")),
                };
            case StepKind.Place:
                return id == ChoiceIds.Other
                    ? Continue(state with { Pending = new PendingPlaceOther() }, today)
                    : Accept(state, step, new PlaceAnswer(id, null), today);
            case StepKind.FreeText when state.Answers.GetValueOrDefault(step.Id) is TextAnswer kept:
                // The text already there (written earlier, or the member's first message) is kept as it is.
                return AcceptText(state, step, kept.Text, today);
            case StepKind.Review:
                if (id == ChoiceIds.Submit)
                {
                    var (path, _) = Walk(state.Answers);
                    var answers = state.Answers.Where(a => path.Contains(a.Key)).ToImmutableDictionary();
                    return new FlowResult(state with { Answers = answers }, [], FlowOutcome.Completed, answers);
                }
                return StartEdit(state, id[ChoiceIds.EditPrefix.Length..], today);
            default:
                return Continue(state, today, Notice(state, "error.choice.unknown"));
        }
    }

    private FlowResult OnChoices(ConversationState state, ImmutableArray<string> ids, DateOnly today)
    {
        var step = Current(state);
        if (step.Kind != StepKind.MultipleChoice || state.Pending is not (null or PendingSelection))
        {
            return ids.Length == 1 ? OnChoice(state, ids[0], today) : Continue(state, today, Notice(state, "error.choice.unknown"));
        }
        var allowed = CurrentChoices(step, state.Answers);
        if (ids.Any(id => id != ChoiceIds.Done && !allowed.Contains(id)))
        {
            return Continue(state, today, Notice(state, "error.choice.unknown"));
        }
        var picked = ids.Where(id => id != ChoiceIds.Done).Distinct().ToImmutableArray();
        return FinishSelection(state, step, picked.IsEmpty ? Selection(state, step) : picked, today);
    }

    private static ImmutableArray<string> Selection(ConversationState state, Step step) => state.Pending switch
    {
        PendingSelection selection => selection.Selected,
        _ when state.Answers.GetValueOrDefault(step.Id) is ChoicesAnswer previous => previous.Choices,
        _ => [],
    };

    private FlowResult Toggle(ConversationState state, Step step, string id, DateOnly today)
    {
        var selected = Selection(state, step);
        // "none" ("nothing of these") excludes every other tick, and any other tick excludes it.
        selected = selected.Contains(id)
            ? selected.Remove(id)
            : id == NoneChoice ? [id] : selected.Remove(NoneChoice).Add(id);
        return Continue(state with { Pending = new PendingSelection(selected) }, today);
    }

    private const string NoneChoice = ChoiceIds.None;

    private FlowResult FinishSelection(ConversationState state, Step step, ImmutableArray<string> selected, DateOnly today)
    {
        if (selected.IsEmpty)
        {
            return Continue(state with { Pending = new PendingSelection([]) }, today, Notice(state, "error.multi.empty"));
        }
        if (selected.Contains(NoneChoice) && selected.Length > 1)
        {
            selected = selected.Remove(NoneChoice);
        }
        var order = CurrentChoices(step, state.Answers);
        return Accept(state, step, new ChoicesAnswer([.. selected.OrderBy(order.IndexOf)]), today);
    }

    // ---- text ----------------------------------------------------------------------------------------

    private FlowResult OnText(ConversationState state, string raw, DateOnly today)
    {
        var text = TrimInvisible(raw.Replace("\r\n", "\n", StringComparison.Ordinal));
        var step = Current(state);
        var prompt = Ask(state, today);

        // A number in words at a date is a day of the month ("третье"); at a place it is answered with a request for digits.
        var offered = TypedChoice.Match(prompt, text, _texts, numberWords: step.Kind is not (StepKind.Date or StepKind.Place),
            slips: step.Kind != StepKind.Place);
        if (offered is null && CommandWords.Named(text) is (CommandNames.Back or CommandNames.Cancel) and var command)
        {
            // "назад", "cancel", "артқа" typed alone, as Messenger members type commands: never an answer (a region).
            return Handle(state, command == CommandNames.Back ? new BackRequested() : new CancelRequested(), state.UpdatedOn);
        }
        if (offered is null && CommandWords.IsStop(text))
        {
            // Never an answer; /cancel would delete what they answered, so they are told how to pause instead.
            return Continue(state, today, Notice(state, "chat.stop_hint"));
        }
        if (offered is null && StoryCut(state) is { } cutStory && !IsOneYesOrNo(text) && !TriesToAnswer(step, prompt, text))
        {
            // The next part of a story the app cut, whatever its length: a short tail is not an answer to this question,
            // and at the story's own question (the member went back meanwhile) it is no new story in place of the one told.
            return cutStory.Id == step.Id ? JoinAfterBack(state, step, text, today) : AddToStory(state, cutStory, text, today, "text.appended");
        }

        switch (state.Pending)
        {
            case PendingPlaceOther:
                if (text.Length == 0)
                {
                    return Continue(state, today, Notice(state, "error.text.empty"));
                }
                return NotAPlace(state, text, today) ?? AcceptPlaceName(state, step, text, today);
            case PendingDateDay { Monday: { } monday } when offered is null && DateAnswerParser.Weekday(text) is { } weekday:
                // "Tuesday" among the days of last week is that week's Tuesday.
                return AcceptDate(state, step, monday.AddDays(((int)weekday + 6) % 7), today);
            case PendingDateTyped or PendingDateDay:
                return offered is { } dayChoice ? OnChoice(state, dayChoice, today)
                    : StoryAtDate(state, step, text, today) ?? TypedDate(state, step, text, today);
            case PendingMask or PendingTooLong:
                return OnPendingStory(state, step, prompt, text, today);
        }

        switch (step.Kind)
        {
            case StepKind.FreeText:
                return offered is { } keep ? OnChoice(state, keep, today) : AcceptText(state, step, text, today);
            case StepKind.Date:
                return offered is { } dateChoice ? OnChoice(state, dateChoice, today)
                    : StoryAtDate(state, step, text, today) ?? TypedDate(state, step, text, today);
            case StepKind.MultipleChoice:
                if (ChoiceNumberParser.TryParseMany(text, prompt.Choices.Length, out var indices))
                {
                    return OnChoices(state, [.. indices.Select(i => prompt.Choices[i - 1].Id)], today);
                }
                return TypedChoice.MatchSeveral(prompt, text, _texts) is { } ticked ? OnChoices(state, ticked, today) : Unmatched(state, text, today);
            case StepKind.Place when step.PlaceLevel == PlaceLevel.Region && offered is null
                && _places.FindTyped(text) is { } typed:
                return AcceptTypedRegion(state, step, typed, today);
            case StepKind.Place when offered is null
                && TypedChoice.MatchName(PlaceChoices(step, state.Answers).Select(p => (p.Id, p.TypedNames)), text) is { } named:
                // Members write a place as they know it, often in another language than the bot's ("Усть-Каменогорск"
                // from a Kazakh-speaking member): it is still the place of the directory, counted with the others.
                return OnChoice(state, named, today);
            case StepKind.Place when offered is null && step.PlaceLevel is PlaceLevel.Region or PlaceLevel.City
                && PlaceDirectory.Bare(text) is var bare && !bare.Contains(' ', StringComparison.Ordinal)
                && TypedChoice.Match(prompt, bare, _texts, byBeginning: true, numberWords: false, slips: false) is { } near:
                // "в Алматы", "Шымкенте", "Алматыда": one listed town or region after a preposition, or in another case,
                // is that place, not a new one counted apart from it. A facility's name typed is the member's own.
                return OnChoice(state, near, today);
            case StepKind.Place when offered is null && PlaceAsMeant(state, step, prompt, text) is { } meant:
                return OnText(state, meant, today);
            case StepKind.Place when offered is null && LooksLikeAName(text):
                // A place not in the list may simply be typed; a story or a "не знаю" typed here is not one.
                return NotAPlace(state, text, today) ?? AcceptPlaceName(state, step, text, today);
            case StepKind.Place when prompt.Choices.IsEmpty:
                // Nothing to choose from: a number or a sign is not a name, and "pick one below" would point at nothing.
                return Continue(state, today, Notice(state, "place.type_name"));
            case StepKind.Consent when offered is null && text.TrimEnd().EndsWith('?') && Words(text) <= ConsentQuestionMaxWords:
                // "Это анонимно?", "кто увидит?": what the note above the question says, pointed to, not "pick one". A
                // longer text is the member's story, kept for its question as anywhere else.
                return Continue(state, today, Notice(state, "consent.asked", ("accept", Text(state, "consent.accept"))));
            case StepKind.YesNo when offered is null
                && TypedChoice.OwnYesOrNoFirst(text, _texts.OwnYesOrNo(step.Id, yes: true), _texts.OwnYesOrNo(step.Id, yes: false), _texts) is { } own:
                return SaidWithYesOrNo(state, own.Yes ? ChoiceIds.Yes : ChoiceIds.No, own.After, today);
            case StepKind.YesNo or StepKind.Consent when offered is null && TypedChoice.YesOrNoFirst(prompt, text, _texts) is { } said:
                return SaidWithYesOrNo(state, said.Id, said.After, today);
            case StepKind.YesNo when offered is null && TypedChoice.IsUnsure(text, _texts):
                // "не знаю" is an honest answer to a yes or no: it gets a way forward, not "pick one of the options".
                return Continue(state, today, Notice(state, "yesno.unsure_hint"));
            default:
                return TypedChoice.Match(prompt, text, _texts, byBeginning: true) is { } choice
                    ? OnChoice(state, choice, today)
                    : Unmatched(state, text, today);
        }
    }

    /// <summary>Trims spaces and the invisible characters some keyboards and copied texts carry (zero-width spaces and
    /// joiners, a byte-order mark): a message of those alone is empty, not a place's name nobody can read.</summary>
    private static string TrimInvisible(string text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && Blank(text[start]))
        {
            start++;
        }
        while (end > start && Blank(text[end - 1]))
        {
            end--;
        }
        return text[start..end];

        static bool Blank(char c) => char.IsWhiteSpace(c) || c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF';
    }

    /// <summary>Whether a text typed at a place may be the place's name: not a sign or a number alone, nor numbers of a
    /// list joined by "and" ("1 и 4", "1 және 4"), which pick from the list and name nothing.</summary>
    private static bool LooksLikeAName(string text) =>
        text.Length >= 2 && text.Any(char.IsLetter) && !ChoiceNumberParser.TryParseMany(text, NumbersListedMax, out _);

    /// <summary>More than any list of places has, so that numbers too large for this one are still numbers.</summary>
    private const int NumbersListedMax = 99_999;

    /// <summary>A place typed by name. Contact details never belong in a place's name, which moderators see and letters
    /// may carry: they are hidden at once (the member is told which), without the question a story gets.</summary>
    private FlowResult AcceptPlaceName(ConversationState state, Step step, string text, DateOnly today)
    {
        if (text.Length > PlaceNameMax)
        {
            return Continue(state, today, Notice(state, "error.text.too_long", ("length", Count(text.Length)), ("max", Count(PlaceNameMax))));
        }
        if (scanner.Scan(text) is not { IsEmpty: false } findings)
        {
            return Accept(state, step, new PlaceAnswer(null, text), today);
        }
        var accepted = Accept(state, step, new PlaceAnswer(null, Hidden(state, text, findings)), today);
        return accepted with { Prompts = [Notice(state, "place.masked", ("list", KindsOf(state, findings))), .. accepted.Prompts] };
    }

    private FlowResult AcceptText(ConversationState state, Step step, string text, DateOnly today)
    {
        if (text.Length == 0)
        {
            return Continue(state, today, Notice(state, "error.text.empty"));
        }
        if (step.MinLength > 0 && !text.Any(char.IsLetter))
        {
            // Emoji, digits or signs alone, however many: "at least 20 characters" would be no help to a member who sent 30.
            return Continue(state, today, Notice(state, "error.text.no_words"));
        }
        // Counted as the letters and signs a member sees (an emoji is one, not two).
        if (step.MinLength > 0 && new StringInfo(text).LengthInTextElements < step.MinLength)
        {
            return Continue(state, today, Notice(state, "error.text.too_short", ("min", Count(step.MinLength))));
        }
        if (text.Length > step.MaxLength)
        {
            // Kept in the draft, so a long story is never lost while the member decides what to do with it.
            return Continue(state with { Pending = new PendingTooLong(text) }, today);
        }
        if (step.ScanForContacts && scanner.Scan(text) is { IsEmpty: false } findings)
        {
            return Continue(state with { Pending = new PendingMask(text, findings) }, today);
        }
        return Accept(state, step, new TextAnswer(text), today);
    }

    private FlowResult TypedDate(ConversationState state, Step step, string text, DateOnly today) =>
        dates.Parse(text, state.Language, today) switch
        {
            DateParse.Parsed parsed => AcceptDate(state, step, parsed.Date, today),
            DateParse.Week week => Continue(state with { Pending = new PendingDateDay(week.Monday) }, today),
            _ when DateAsMeant(state, text, today) is { } meant => AcceptDate(state, step, meant.Date, today),
            // Asked again as it was: the question's own choices (Earlier among them) stay offered and typeable by number.
            _ => Continue(state, today, Notice(state, "error.date.unrecognized")),
        };

    private FlowResult AcceptDate(ConversationState state, Step step, DateOnly date, DateOnly today)
    {
        if (date > today)
        {
            return Continue(state, today, Notice(state, "error.date.future"));
        }
        if (date < calendar.Floor)
        {
            return Continue(state, today, Notice(state, "error.date.too_old", ("floor", FormatDate(calendar.Floor))));
        }
        return Accept(state, step, new DateAnswer(date), today);
    }

    /// <summary>A flow started from a message that already tells the story: the text waits at the flow's first free-text
    /// question, where the member keeps it or writes it again. Nothing is checked or scanned before they get there.</summary>
    public FlowResult StartWithStory(string language, string story, DateTimeOffset now)
    {
        var started = Start(language, now);
        if (started.State is not { } state || _flow.Steps.FirstOrDefault(s => s.Kind == StepKind.FreeText) is not { } storyStep)
        {
            return started;
        }
        // Held whole as a story typed early is (up to its bound, and the member is told when that cuts it): at the story
        // question a long one gets the choice any long story gets.
        var (held, cut) = Held(state, storyStep, null, story);
        return started with { State = WithText(state, storyStep, held), Prompts = cut is null ? started.Prompts : [cut, .. started.Prompts] };
    }
}
