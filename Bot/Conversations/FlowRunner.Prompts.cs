using System.Collections.Immutable;
using System.Globalization;
using CommunityBot.Privacy;

namespace CommunityBot.Conversations;

/// <summary>The engine's prompts: the question each step asks, the review, and how answers read back.</summary>
internal sealed partial class FlowRunner
{
    // ---- prompts -------------------------------------------------------------------------------------

    private Prompt Ask(ConversationState state, DateOnly today)
    {
        var step = Current(state);
        var canGoBack = !state.Path.IsEmpty || state.Pending is not null || state.ReturnToReview;
        Prompt Make(string text, ImmutableArray<PromptChoice> choices, PromptKind kind) => new(text, choices, kind, canGoBack, true);
        PromptChoice Choice(string id, string key, params ReadOnlySpan<(string, string)> values) => new(id, Text(state, key, values));

        switch (state.Pending)
        {
            case PendingMask mask:
                var list = string.Join(", ", mask.Findings.Select(f => Text(state, "mask.finding", ("kind", Text(state, KindKey("mask.kind.", f.Kind))), ("text", f.Text))));
                return Make(Text(state, "mask.found", ("list", list)),
                    [Choice(ChoiceIds.Mask, "mask.mask"), Choice(ChoiceIds.Keep, "mask.keep"), Choice(ChoiceIds.Retype, "text.retype")], PromptKind.SingleChoice);
            case PendingTooLong tooLong:
                return Make(Text(state, "error.text.too_long", ("length", Count(tooLong.Text.Length)), ("max", Count(step.MaxLength))),
                    [Choice(ChoiceIds.KeepStart, "text.keep_start", ("max", Count(step.MaxLength))), Choice(ChoiceIds.Retype, "text.retype")], PromptKind.SingleChoice);
            case PendingPlaceOther:
                // The step's own prompt speaks of the list and its "Other" button, which are not shown here.
                return Make(PlaceChoices(step, state.Answers).IsEmpty
                    ? Text(state, "place.none_known") + "\n\n" + Text(state, step.TypedPromptKey)
                    : Text(state, step.TypedPromptKey), [], PromptKind.Text);
            case PendingDateDay { Monday: { } monday }:
                // Newest first, as after "this week"; the days of this week still to come are not offered.
                return Make(Text(state, "date.pick_day"), [.. Enumerable.Range(0, 7).Select(back => monday.AddDays(6 - back)).Where(day => day <= today)
                    .Select(day => DayChoice(state, day))], PromptKind.SingleChoice);
            case PendingDateDay:
                return Make(Text(state, "date.pick_day"), [.. Enumerable.Range(0, 7).Select(back => DayChoice(state, today.AddDays(-back)))], PromptKind.SingleChoice);
            case PendingDateTyped:
                return Make(Text(state, "date.type"), [Choice(ChoiceIds.Today, "date.today"), Choice(ChoiceIds.Yesterday, "date.yesterday")], PromptKind.Text);
        }

        var prompt = Text(state, step.PromptKey);
        var previous = state.Answers.GetValueOrDefault(step.Id);
        switch (step.Kind)
        {
            case StepKind.Consent:
                return Make(prompt, [Choice(ChoiceIds.Accept, "consent.accept"), Choice(ChoiceIds.Decline, "consent.decline")], PromptKind.SingleChoice);
            case StepKind.SingleChoice:
                return Make(prompt, [.. CurrentChoices(step, state.Answers).Select(c =>
                    new PromptChoice(c, Text(state, step.ChoiceKey(c)), previous is ChoiceAnswer a && a.Choice == c))], PromptKind.SingleChoice);
            case StepKind.MultipleChoice:
                var selected = Selection(state, step);
                return Make(prompt, [.. CurrentChoices(step, state.Answers).Select(c =>
                    new PromptChoice(c, Text(state, step.ChoiceKey(c)), selected.Contains(c))), Choice(ChoiceIds.Done, "nav.done")], PromptKind.MultipleChoice);
            case StepKind.YesNo:
                return Make(prompt, [
                    new PromptChoice(ChoiceIds.Yes, Text(state, "yesno.yes"), previous is YesNoAnswer { Yes: true }),
                    new PromptChoice(ChoiceIds.No, Text(state, "yesno.no"), previous is YesNoAnswer { Yes: false })], PromptKind.SingleChoice);
            case StepKind.FreeText when previous is TextAnswer written:
                // Shown at the question (an edit from review, or a story that came as the first message): keep or rewrite.
                return Make(prompt + "\n\n" + Text(state, "text.current", ("text", Preview(written.Text))),
                    [Choice(ChoiceIds.KeepText, "text.keep_current")], PromptKind.Text);
            case StepKind.FreeText:
                return Make(prompt, [], PromptKind.Text);
            case StepKind.Date:
                return Make(prompt, [Choice(ChoiceIds.Today, "date.today"), Choice(ChoiceIds.Yesterday, "date.yesterday"),
                    Choice(ChoiceIds.ThisWeek, "date.this_week"), Choice(ChoiceIds.Earlier, "date.earlier")], PromptKind.Text);
            case StepKind.Place:
                var places = PlaceChoices(step, state.Answers);
                if (places.IsEmpty)
                {
                    return Make(Text(state, "place.none_known") + "\n\n" + Text(state, step.TypedPromptKey), [], PromptKind.Text);
                }
                return Make(prompt, [.. places.Select(p => new PromptChoice(p.Id, p.Name(state.Language, _texts.DefaultLanguage),
                    previous is PlaceAnswer a && a.PlaceId == p.Id)), Choice(ChoiceIds.Other, "nav.other")], PromptKind.SingleChoice);
            case StepKind.Review:
                return Review(state, prompt, canGoBack);
            default:
                throw new InvalidOperationException($"Step kind {step.Kind} has no prompt.");
        }
    }

    private Prompt Review(ConversationState state, string heading, bool canGoBack)
    {
        var (path, _) = Walk(state.Answers);
        var shown = path.Where(id => _flow[id].Kind != StepKind.Consent).ToList();
        var lines = shown.Select(id => $"• {Text(state, _flow[id].LabelKey)}: {Describe(state, _flow[id], state.Answers[id])}");
        var text = heading + "\n\n" + string.Join("\n", lines) + "\n\n" + Text(state, "review.hint");
        var choices = new List<PromptChoice> { new(ChoiceIds.Submit, Text(state, "nav.submit")) };
        choices.AddRange(shown.Select(id => new PromptChoice(ChoiceIds.EditPrefix + id, Text(state, "nav.edit", ("label", Text(state, _flow[id].LabelKey))))));
        return new Prompt(text, [.. choices], PromptKind.Review, canGoBack, true);
    }

    private static string Preview(string text) => text.Length > ReviewTextPreview ? text[..ReviewTextPreview] + "…" : text;

    /// <summary>An answer in words, as the member would recognise it (free text cut short for a summary).</summary>
    internal string Describe(ConversationState state, Step step, Answer answer) =>
        answer is TextAnswer t && t.Text.Length > ReviewTextPreview
            ? t.Text[..ReviewTextPreview] + "…"
            : Describe(state.Language, step, answer);

    /// <summary>An answer in words, in <paramref name="language"/>, free text whole.</summary>
    internal string Describe(string language, Step step, Answer answer) => answer switch
    {
        ChoiceAnswer c => _texts.Get(language, step.ChoiceKey(c.Choice)),
        ChoicesAnswer c => string.Join(", ", c.Choices.Select(x => _texts.Get(language, step.ChoiceKey(x)))),
        YesNoAnswer y => _texts.Get(language, y.Yes ? "yesno.yes" : "yesno.no"),
        DateAnswer d => FormatDate(d.Date),
        TextAnswer t => t.Text,
        PlaceAnswer { OtherText: { } other } => other,
        PlaceAnswer p => PlaceName(language, step, p.PlaceId),
        _ => _texts.Get(language, "review.empty_answer"),
    };

    private string PlaceName(string language, Step step, string? id)
    {
        var level = step.PlaceLevel switch
        {
            PlaceLevel.Region => _places.Regions.AsEnumerable(),
            PlaceLevel.City => _places.Regions.SelectMany(r => r.Children),
            _ => _places.Regions.SelectMany(r => r.Children).SelectMany(c => c.Children),
        };
        return level.FirstOrDefault(p => p.Id == id)?.Name(language, _texts.DefaultLanguage) ?? id ?? "";
    }

    /// <summary>Whether a short text the member sent as a reply to the bot's message <paramref name="quoted"/> was meant for
    /// a question already answered rather than the one open now (a messaging app lets a member reply to any earlier
    /// message, and one who does so means to correct that answer). A story-length text is not judged here: the engine
    /// keeps a story wherever it arrives.</summary>
    public bool RepliesToAnsweredQuestion(ConversationState state, string quoted, string text, DateTimeOffset now) =>
        TrimInvisible(text).Length < ContinuationMinLength
        && CommandWords.Named(text) is null
        && !quoted.Contains(Ask(state, now).Text, StringComparison.Ordinal)
        && state.Answers.Keys.Any(id => id != state.StepId && _flow.Steps.Any(s => s.Id == id)
            && _texts.Languages.Any(language => quoted.Contains(_texts.Get(language, _flow[id].PromptKey), StringComparison.Ordinal)));

    private PromptChoice DayChoice(ConversationState state, DateOnly day) =>
        new(ChoiceIds.DayPrefix + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Text(state, "date.day_button",
                ("weekday", Text(state, "date.weekday." + (day.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)day.DayOfWeek).ToString(CultureInfo.InvariantCulture))),
                ("date", day.ToString("dd.MM", CultureInfo.InvariantCulture))));

    private string Placeholder(ConversationState state, SensitiveKind kind) => Text(state, KindKey("mask.placeholder.", kind));

    private static string KindKey(string prefix, SensitiveKind kind) => prefix + SensitiveKinds.Key(kind);

    internal static string FormatDate(DateOnly date) => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
