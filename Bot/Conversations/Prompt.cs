using System.Collections.Immutable;

namespace CommunityBot.Conversations;

/// <summary>What the engine wants shown. A channel renders it in its own way.</summary>
internal sealed record Prompt(
    string Text,
    ImmutableArray<PromptChoice> Choices,
    PromptKind Kind,
    bool CanGoBack,
    bool CanCancel)
{
    public static Prompt Notice(string text) => new(text, [], PromptKind.Notice, false, false);
}

/// <param name="Id">Stable id sent back in <see cref="ChoiceMade"/>.</param>
/// <param name="Selected">For multiple choice: currently ticked.</param>
internal sealed record PromptChoice(string Id, string Label, bool Selected = false);

internal enum PromptKind
{
    /// <summary>Information only; nothing is asked.</summary>
    Notice,
    /// <summary>Pick one of the choices.</summary>
    SingleChoice,
    /// <summary>Tick several choices, then the choice with id <see cref="ChoiceIds.Done"/>.</summary>
    MultipleChoice,
    /// <summary>Type an answer (choices, if any, are shortcuts).</summary>
    Text,
    /// <summary>The review screen: submit or edit an answer.</summary>
    Review,
}

internal enum FlowOutcome { Continue, Completed, Cancelled }

/// <param name="State">The new state; null once the conversation is over.</param>
/// <param name="Answers">On <see cref="FlowOutcome.Completed"/>: the final answers, only of steps on the answered path.</param>
internal sealed record FlowResult(
    ConversationState? State,
    ImmutableArray<Prompt> Prompts,
    FlowOutcome Outcome,
    ImmutableDictionary<string, Answer>? Answers = null);
