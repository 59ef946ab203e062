namespace CommunityBot.Privacy;

internal enum SensitiveKind { Phone, Email, Url, Mention }

/// <summary>A piece of free text that may identify someone: where it is and what kind it is.</summary>
internal sealed record SensitiveFinding(SensitiveKind Kind, int Start, int Length, string Text);
