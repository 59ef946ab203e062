namespace CommunityBot.Conversations;

internal sealed partial class FlowRunner
{
    /// <summary>A yes or no said in a sentence ("Да, в прокуратуру"): the yes or no answers the question. When the next
    /// question is a list and the words after it name choices there ("в прокуратуру"), they answer that one as if typed
    /// there; otherwise it is asked as usual. A yes or no question after it is never answered so ("нет, не надо" is one
    /// answer, not two).</summary>
    private FlowResult SaidWithYesOrNo(ConversationState state, string id, string rest, DateOnly today)
    {
        var answered = OnChoice(state, id, today);
        if (answered.State is not { Pending: null } next || next.StepId == state.StepId || rest.Length == 0 || rest.Any(char.IsDigit)
            || Current(next).Kind is not (StepKind.SingleChoice or StepKind.MultipleChoice)
            || answered.Prompts is not [.., { Kind: PromptKind.SingleChoice or PromptKind.MultipleChoice } asked])
        {
            return answered;
        }
        return TypedChoice.MatchSeveral(asked, rest, _texts, numberWords: false) switch
        {
            { } ids when Current(next).Kind == StepKind.MultipleChoice => OnChoices(next, ids, today),
            [var single] => OnChoice(next, single, today),
            _ => answered,
        };
    }
}
