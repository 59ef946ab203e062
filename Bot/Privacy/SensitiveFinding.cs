namespace CommunityBot.Privacy;

/// <summary>What a finding is. <see cref="Code"/> is a report's receipt code: not a contact detail, but whoever reads it
/// can open, change or delete the report, so it must not reach moderators inside a text.
/// <see cref="Card"/> is a bank card number, <see cref="IdNumber"/> a personal ID number (a Kazakh IIN). New kinds go at
/// the end: a draft keeps its findings while the member decides.</summary>
internal enum SensitiveKind { Phone, Email, Url, Mention, Code, Card, IdNumber }

/// <summary>A piece of free text that may identify someone: where it is and what kind it is.</summary>
internal sealed record SensitiveFinding(SensitiveKind Kind, int Start, int Length, string Text);

internal static class SensitiveKinds
{
    /// <summary>The kind's name in text keys (<c>mask.kind.{name}</c>, <c>mask.placeholder.{name}</c>).</summary>
    public static string Key(SensitiveKind kind) => kind.ToString().ToLowerInvariant();
}
