namespace CommunityBot.Conversations;

/// <summary>Answers typed with the keyboard on the other layout, or in Latin letters, at a question with choices.</summary>
internal sealed partial class FlowRunner
{
    /// <summary>A text that names nothing at this question as it stands, answered as what it says typed on the other
    /// layout or read from Latin letters (<see cref="TypedChoice.Reread"/>), exactly as if the member had typed that:
    /// "ytn" is "нет", "yfpfl" goes back. Null when it says nothing there either, and the text is what it is. Never asked
    /// at a question that takes the member's own words (the story, a date, a place's name), which stay as typed.</summary>
    private FlowResult? AsMeant(ConversationState state, string text, DateOnly today) =>
        TakesOwnWords(state) ? null : TypedChoice.Reread(Ask(state, today), text, _texts) switch
        {
            Misread.Choice { Id: var id } => OnChoices(state, [id], today),
            Misread.Command { Name: var command } =>
                Handle(state, command == CommandNames.Back ? new BackRequested() : new CancelRequested(), state.UpdatedOn),
            Misread.Stop => Continue(state, today, Notice(state, "chat.stop_hint")),
            Misread.Unsure when state.Pending is PendingMask or PendingTooLong =>
                Continue(state, today, Notice(state, "text.story_waits", ("retype", Text(state, "text.retype")))),
            Misread.Unsure when Current(state).Kind == StepKind.YesNo => Continue(state, today, Notice(state, "yesno.unsure_hint")),
            Misread.Unsure => ChoiceUnknown(state, text, today),
            _ => null,
        };

    /// <summary>A date that is none as typed, read as typed with the keyboard on the other layout ("dxthf" for "вчера") or
    /// written in Latin letters ("vchera", "3 dnya nazad", Kazakh "keşe", "otken jumada"); null when no reading is a date
    /// either.</summary>
    private DateParse.Parsed? DateAsMeant(ConversationState state, string text, DateOnly today) =>
        Readings(text).Select(reading => dates.Parse(reading, state.Language, today))
            .OfType<DateParse.Parsed>()
            .FirstOrDefault();

    /// <summary>A place typed with the keyboard on the other layout ("Fkvfns" for "Алматы", "d Ifvrtynt" for "в Шымкенте")
    /// or written in Latin letters as Kazakh or Russian ("Qaragandy", "Nur-Sultan"), when that reading names a place of the
    /// directory offered here; null otherwise, and the text is a name as typed (one in Latin letters that names no place
    /// of the directory, "Bolnica", is a name too).</summary>
    private string? PlaceAsMeant(ConversationState state, Step step, Prompt prompt, string text) =>
        Readings(text).FirstOrDefault(reading => step.PlaceLevel == PlaceLevel.Region && _places.FindTyped(reading) is not null
                || TypedChoice.MatchName(PlaceChoices(step, state.Answers).Select(p => (p.Id, p.TypedNames)), reading) is not null
                || step.PlaceLevel is PlaceLevel.Region or PlaceLevel.City && PlaceDirectory.Bare(reading) is var bare
                    && !bare.Contains(' ', StringComparison.Ordinal)
                    && TypedChoice.Match(prompt, bare, _texts, byBeginning: true, numberWords: false, slips: false) is not null);

    /// <summary>What a text typed with the keyboard on the other layout, or in Latin letters as Russian or as Kazakh, may
    /// say: a date or a place is taken only when one of them names one.</summary>
    private static IEnumerable<string> Readings(string text) =>
        new[] { KeyboardLayouts.OnRussianLayout(text), KeyboardLayouts.LatinWordsAsCyrillic(text), KeyboardLayouts.LatinWordsAsCyrillic(text, asKazakh: true) }
            .OfType<string>();

    /// <summary>Whether the question open takes what the member writes as it is (the story, a date, a place's name); the
    /// story's own sub-questions ("Hide it?", "That is long") are choices.</summary>
    private bool TakesOwnWords(ConversationState state) =>
        state.Pending is not (PendingMask or PendingTooLong) && Current(state).Kind is StepKind.FreeText or StepKind.Date or StepKind.Place;
}
