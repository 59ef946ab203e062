namespace CommunityBot.Privacy;

/// <summary>The two secrets: set them directly (environment <c>Privacy__DataKey</c>,
/// <c>Privacy__PseudonymKey</c>) or point <see cref="KeyFile"/> at a JSON file that holds them.</summary>
internal sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>Base64 of exactly 32 random bytes; encrypts free text and drafts.</summary>
    public string? DataKey { get; set; }

    /// <summary>Base64 of at least 32 random bytes; every keyed hash is derived from it.</summary>
    public string? PseudonymKey { get; set; }

    /// <summary>A JSON file <c>{"dataKey": "...", "pseudonymKey": "..."}</c> readable only by its owner.</summary>
    public string? KeyFile { get; set; }
}
