using System.Collections.Immutable;

namespace CommunityBot.Conversations;

/// <summary>What a channel turns a member's input into. The engine knows nothing else.</summary>
internal abstract record ConversationEvent;

/// <summary>Start (or restart) the flow from its first step.</summary>
internal sealed record StartRequested : ConversationEvent;

/// <summary>Show the current question again (after a restart, a /help, a stray input).</summary>
internal sealed record RepeatRequested : ConversationEvent;

internal sealed record TextEntered(string Text) : ConversationEvent;

/// <summary>A button press: a choice id of the current prompt (or of its sub-question).</summary>
internal sealed record ChoiceMade(string ChoiceId) : ConversationEvent;

/// <summary>Several choices at once (a typed "1, 3, 5" on a multiple-choice step).</summary>
internal sealed record ChoicesMade(ImmutableArray<string> ChoiceIds) : ConversationEvent;

internal sealed record BackRequested : ConversationEvent;

internal sealed record CancelRequested : ConversationEvent;

/// <summary>Something that is not text or a button: a sticker, photo, voice message, file, location.</summary>
internal sealed record NonTextReceived : ConversationEvent;
