using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace CommunityBot.Conversations;

/// <summary>A member's answer to one step. Free text lives only in <see cref="TextAnswer"/> and
/// <see cref="PlaceAnswer.OtherText"/>; stores encrypt exactly those.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$k")]
[JsonDerivedType(typeof(ChoiceAnswer), "choice")]
[JsonDerivedType(typeof(ChoicesAnswer), "choices")]
[JsonDerivedType(typeof(YesNoAnswer), "yesno")]
[JsonDerivedType(typeof(TextAnswer), "text")]
[JsonDerivedType(typeof(DateAnswer), "date")]
[JsonDerivedType(typeof(PlaceAnswer), "place")]
internal abstract record Answer;

internal sealed record ChoiceAnswer(string Choice) : Answer;

internal sealed record ChoicesAnswer(ImmutableArray<string> Choices) : Answer
{
    // Immutable arrays compare by reference; two answers with the same ticks are the same answer.
    public bool Equals(ChoicesAnswer? other) => other is not null && Choices.SequenceEqual(other.Choices);

    public override int GetHashCode() => Choices.Aggregate(17, (hash, choice) => HashCode.Combine(hash, choice));
}

internal sealed record YesNoAnswer(bool Yes) : Answer;

internal sealed record TextAnswer(string Text) : Answer;

/// <summary>The day an incident happened; never more precise than a day.</summary>
internal sealed record DateAnswer(DateOnly Date) : Answer;

/// <summary>A directory entry, or the member's own words when it was not listed.</summary>
internal sealed record PlaceAnswer(string? PlaceId, string? OtherText) : Answer
{
    public bool IsOther => PlaceId is null;
}
