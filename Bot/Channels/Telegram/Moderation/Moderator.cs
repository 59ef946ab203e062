using CommunityBot.Moderation;

namespace CommunityBot.Channels.Telegram.Moderation;

/// <summary>A moderator as the audit log and the cards know them: by pseudonym, never by Telegram id.</summary>
internal sealed record Moderator(string Pseudonym)
{
    /// <summary>How moderators see each other on cards and in the audit: a short form of the pseudonym.</summary>
    public string Label => LabelOf(Pseudonym);

    public static string LabelOf(string pseudonym) => "M-" + pseudonym[..4].ToUpperInvariant();

    public Audited Audit(string action) => new(Pseudonym, action);
}
