using System.Collections.Immutable;

namespace CommunityBot.Conversations;

/// <summary>The engine's moves through the flow: accepting an answer, going back, editing from the review, and the
/// walk that decides which questions the answers given still call for.</summary>
internal sealed partial class FlowRunner
{
    // ---- moving through the flow ---------------------------------------------------------------------

    private FlowResult Accept(ConversationState state, Step step, Answer answer, DateOnly today)
    {
        var answers = state.Answers.SetItem(step.Id, answer);
        ConversationState next;
        if (state.ReturnToReview)
        {
            // After an edit, go on only through questions the change made necessary, then back to review.
            var (path, stop) = Walk(answers);
            next = state with { Answers = answers, Path = path, StepId = stop, ReturnToReview = _flow[stop].Kind != StepKind.Review, Pending = null, Answered = step.Id };
        }
        else
        {
            next = state with { Answers = answers, Path = state.Path.Add(step.Id), StepId = NextStepId(step, answers), Pending = null, Answered = step.Id };
        }
        return Continue(next, today);
    }

    /// <summary>A region, or a town typed at the region question: the town answers the town question too, which is
    /// then not asked (after an edit from the review as well).</summary>
    private FlowResult AcceptTypedRegion(ConversationState state, Step step, TypedPlace typed, DateOnly today)
    {
        if (typed.CityId is not { } cityId || _flow.Steps.FirstOrDefault(s => s.Kind == StepKind.Place && s.PlaceLevel == PlaceLevel.City) is not { } cityStep)
        {
            return Accept(state, step, new PlaceAnswer(typed.RegionId, null), today);
        }
        var town = new PlaceAnswer(cityId, null);
        var region = Accept(state with { Answers = state.Answers.SetItem(cityStep.Id, town) }, step, new PlaceAnswer(typed.RegionId, null), today);
        return region.State is { } next && next.StepId == cityStep.Id ? Accept(next, cityStep, town, today) : region;
    }

    /// <summary>One question back, or out of a sub-question. A story long enough to have been cut by the app may still
    /// have parts on the way: when Back lands at that story's question or the one right after it, the story stays the
    /// one parts join (<see cref="ConversationState.Answered"/>), so a part arriving after the Back is never taken as a new
    /// story in its place or as an answer.</summary>
    private FlowResult Back(ConversationState state, DateOnly today)
    {
        var parts = StoryInParts(state);
        var back = BackOne(state with { Answered = null }, today);
        if (back.State is { } moved && parts is { } story && (moved.StepId == story.Id || moved.Path.LastOrDefault() == story.Id))
        {
            return back with { State = moved with { Answered = story.Id } };
        }
        return back;
    }

    private FlowResult BackOne(ConversationState state, DateOnly today)
    {
        if (PendingStory(state.Pending) is { } text)
        {
            // Back to the story question, where the story waits to be kept (and asked about again) or rewritten.
            return Continue(WithText(state with { Pending = null }, Current(state), text), today);
        }
        if (state.Pending is not null)
        {
            return Continue(state with { Pending = null }, today);
        }
        if (state.ReturnToReview)
        {
            var (path, stop) = Walk(state.Answers);
            return Continue(state with { Path = path, StepId = stop, ReturnToReview = false }, today);
        }
        if (state.Path.IsEmpty)
        {
            return Continue(state, today, Notice(state, "back.at_start"));
        }
        return Continue(state with { StepId = state.Path[^1], Path = state.Path.RemoveAt(state.Path.Count - 1) }, today);
    }

    private FlowResult StartEdit(ConversationState state, string stepId, DateOnly today)
    {
        var (path, _) = Walk(state.Answers);
        var at = path.IndexOf(stepId);
        if (at < 0)
        {
            return Continue(state, today, Notice(state, "error.choice.unknown"));
        }
        return Continue(state with { StepId = stepId, Path = path.GetRange(0, at), ReturnToReview = true, Pending = null, Answered = null }, today);
    }

    /// <summary>Follows the flow from the start through the answers given, as long as they still fit
    /// (an edit upstream can make a later answer meaningless). Returns the steps passed and where it stopped.</summary>
    internal (ImmutableList<string> Path, string Stop) Walk(ImmutableDictionary<string, Answer> answers)
    {
        var path = ImmutableList.CreateBuilder<string>();
        var step = _flow.Start;
        while (step.Kind != StepKind.Review && answers.TryGetValue(step.Id, out var answer) && Fits(step, answer, answers))
        {
            path.Add(step.Id);
            step = _flow[NextStepId(step, answers)];
        }
        return (path.ToImmutable(), step.Id);
    }

    private bool Fits(Step step, Answer answer, ImmutableDictionary<string, Answer> answers) => (step.Kind, answer) switch
    {
        (StepKind.SingleChoice, ChoiceAnswer c) => CurrentChoices(step, answers).Contains(c.Choice),
        (StepKind.MultipleChoice, ChoicesAnswer c) => c.Choices.All(CurrentChoices(step, answers).Contains),
        (StepKind.Place, PlaceAnswer p) => p.IsOther || PlaceChoices(step, answers).Any(x => x.Id == p.PlaceId),
        (StepKind.Consent or StepKind.YesNo, YesNoAnswer) => true,
        // A story over its limit waits at its question for the member to choose what to keep: never at the review.
        (StepKind.FreeText, TextAnswer t) => t.Text.Length <= step.MaxLength,
        (StepKind.Date, DateAnswer) => true,
        _ => false,
    };

    private static string NextStepId(Step step, ImmutableDictionary<string, Answer> answers) =>
        step.Next.First(t => t.When is null || Holds(t.When, answers)).Goto;

    private static bool Holds(Condition condition, ImmutableDictionary<string, Answer> answers) =>
        answers.GetValueOrDefault(condition.StepId) switch
        {
            ChoiceAnswer c => condition.AnyOf.Contains(c.Choice),
            ChoicesAnswer c => c.Choices.Any(condition.AnyOf.Contains),
            YesNoAnswer y => condition.AnyOf.Contains(y.Yes ? ChoiceIds.Yes : ChoiceIds.No),
            _ => false,
        };

    private static ImmutableArray<string> CurrentChoices(Step step, ImmutableDictionary<string, Answer> answers) =>
        step.ChoiceVariants.FirstOrDefault(v => Holds(v.When, answers))?.Choices ?? step.Choices;

    private ImmutableArray<Place> PlaceChoices(Step step, ImmutableDictionary<string, Answer> answers)
    {
        string? AnswerAt(PlaceLevel level) =>
            _flow.Steps.FirstOrDefault(s => s.Kind == StepKind.Place && s.PlaceLevel == level) is { } s
            && answers.GetValueOrDefault(s.Id) is PlaceAnswer { PlaceId: { } id } ? id : null;

        return step.PlaceLevel switch
        {
            PlaceLevel.Region => _places.Regions,
            PlaceLevel.City => _places.CitiesOf(AnswerAt(PlaceLevel.Region)),
            PlaceLevel.Facility => _places.FacilitiesOf(
                AnswerAt(PlaceLevel.Region),
                AnswerAt(PlaceLevel.City),
                step.FacilityKindStep is { } kindStep && answers.GetValueOrDefault(kindStep) is ChoiceAnswer kind ? kind.Choice : null),
            _ => [],
        };
    }
}
