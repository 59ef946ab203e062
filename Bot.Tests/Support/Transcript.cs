using System.Collections.Immutable;
using CommunityBot.Conversations;

namespace CommunityBot.Tests.Support;

/// <summary>Drives the engine like a member would and keeps what was said, so tests read like a chat.</summary>
internal sealed class Transcript(FlowRunner runner, DateTimeOffset now)
{
    public ConversationState? State { get; private set; }

    public ImmutableArray<Prompt> Replies { get; private set; } = [];

    public FlowResult? Last { get; private set; }

    public Prompt Question => Replies[^1];

    public string StepId => State?.StepId ?? "(ended)";

    public static Transcript Start(string language, FlowRunner? runner = null, DateTimeOffset? now = null)
    {
        var transcript = new Transcript(runner ?? ShippedFlow.Runner, now ?? ShippedFlow.Now);
        transcript.Apply(transcript.Runner.Start(language, transcript.Now));
        return transcript;
    }

    public FlowRunner Runner { get; } = runner;

    public DateTimeOffset Now { get; } = now;

    public Transcript Say(string text) => Send(new TextEntered(text));

    public Transcript Press(string choiceId) => Send(new ChoiceMade(choiceId));

    /// <summary>Presses the button whose label contains <paramref name="label"/> (there must be exactly one).</summary>
    public Transcript PressLabel(string label) => Press(Question.Choices.Single(c => c.Label.Contains(label, StringComparison.OrdinalIgnoreCase)).Id);

    public Transcript Back() => Send(new BackRequested());

    public Transcript Send(ConversationEvent input)
    {
        Assert.NotNull(State);
        Apply(Runner.Handle(State, input, Now));
        return this;
    }

    public string AllText => string.Join("\n---\n", Replies.Select(r => r.Text));

    public void Apply(FlowResult result)
    {
        Last = result;
        Replies = result.Prompts;
        State = result.State;
    }
}
