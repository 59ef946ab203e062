using System.Collections.Immutable;
using CommunityBot.Privacy;
using System.Text.Json.Serialization;

namespace CommunityBot.Conversations;

/// <summary>Where one member is in a flow. Persisted (encrypted) as a draft between messages.</summary>
/// <param name="Community">The community whose link opened the conversation (its configured key), if any.</param>
/// <param name="ChatStart">Where the conversation began in the channel's chat (the message that started it), so
/// that the channel can offer to clear the whole interview from the member's chat after the receipt. Kept only with
/// the draft (encrypted, expiring), never with the report.</param>
/// <param name="Answered">The step the member's latest answer went to, until they answer another or go back (a story long
/// enough to have been cut stays it when they go back to its question or the one after it): the next part of a story the
/// app cut in parts (see <see cref="FlowRunner"/>) goes to that story, wherever it arrives.</param>
internal sealed record ConversationState(
    string FlowId,
    int FlowVersion,
    string Language,
    string StepId,
    ImmutableDictionary<string, Answer> Answers,
    ImmutableList<string> Path,
    bool ReturnToReview,
    Pending? Pending,
    DateTimeOffset StartedOn,
    DateTimeOffset UpdatedOn,
    string? Community = null,
    int? ChatStart = null,
    string? Answered = null);

/// <summary>A sub-question the current step is waiting on before its answer is final.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$p")]
[JsonDerivedType(typeof(PendingSelection), "selection")]
[JsonDerivedType(typeof(PendingDateDay), "date-day")]
[JsonDerivedType(typeof(PendingDateTyped), "date-typed")]
[JsonDerivedType(typeof(PendingPlaceOther), "place-other")]
[JsonDerivedType(typeof(PendingMask), "mask")]
[JsonDerivedType(typeof(PendingTooLong), "too-long")]
internal abstract record Pending;

/// <summary>Multiple choice: ticks so far, confirmed with "done".</summary>
internal sealed record PendingSelection(ImmutableArray<string> Selected) : Pending
{
    public bool Equals(PendingSelection? other) => other is not null && Selected.SequenceEqual(other.Selected);

    public override int GetHashCode() => Selected.Aggregate(17, (hash, choice) => HashCode.Combine(hash, choice));
}

/// <summary>Date: "this week" was chosen, and one of the last seven days is asked; or a week was typed ("last week"), and
/// one of its days is asked (<paramref name="Monday"/>: its first day).</summary>
internal sealed record PendingDateDay(DateOnly? Monday = null) : Pending;

/// <summary>Date: "earlier" was chosen; a typed date is asked.</summary>
internal sealed record PendingDateTyped : Pending;

/// <summary>Place: "not in the list" was chosen; the name is asked as text.</summary>
internal sealed record PendingPlaceOther : Pending;

/// <summary>Free text held back because contact details were found in it.</summary>
internal sealed record PendingMask(string Text, ImmutableArray<SensitiveFinding> Findings) : Pending;

/// <summary>Free text over the limit, kept so that nothing is lost while the member decides.</summary>
internal sealed record PendingTooLong(string Text) : Pending;
