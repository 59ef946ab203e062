namespace CommunityBot.Privacy;

/// <summary>The two secrets: set them directly (environment <c>Privacy__DataKey</c>,
/// <c>Privacy__PseudonymKey</c>) or point <see cref="KeyFile"/> at a JSON file that holds them, plain or sealed
/// under a passphrase.</summary>
internal sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>Base64 of exactly 32 random bytes; encrypts free text and drafts.</summary>
    public string? DataKey { get; set; }

    /// <summary>Base64 of at least 32 random bytes; every keyed hash is derived from it.</summary>
    public string? PseudonymKey { get; set; }

    /// <summary>A JSON file readable only by its owner: plain <c>{"dataKey": "...", "pseudonymKey": "..."}</c>, or
    /// sealed (see <see cref="SealedKeyFile"/>) and opened with a passphrase.</summary>
    public string? KeyFile { get; set; }

    /// <summary>An open file descriptor to read a sealed key file's passphrase from (then closed).</summary>
    public int? PassphraseFd { get; set; }

    /// <summary>A file, readable only by its owner, that holds a sealed key file's passphrase.</summary>
    public string? PassphraseFile { get; set; }

    /// <summary>The name of the systemd credential (<c>LoadCredential=</c>, <c>LoadCredentialEncrypted=</c>) that holds
    /// a sealed key file's passphrase.</summary>
    public string PassphraseCredential { get; set; } = "keys-passphrase";
}
