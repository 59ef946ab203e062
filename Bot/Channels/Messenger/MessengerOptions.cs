using System.ComponentModel.DataAnnotations;

namespace CommunityBot.Channels.Messenger;

/// <summary>The Facebook Messenger channel, through one Facebook Page. Its secrets (app secret, verify token, Page
/// access token) never live in a settings file in the repository: set them in the environment
/// (<c>Messenger__AppSecret</c>...) or point the <c>...File</c> settings at files only the service can read.</summary>
internal sealed class MessengerOptions
{
    public const string Section = "Messenger";

    /// <summary>The Page's numeric id, as Meta shows it under the Page's "About".</summary>
    [Required]
    [RegularExpression("^[0-9]{1,30}$", ErrorMessage = "Messenger:PageId must be the Page's numeric id.")]
    public string PageId { get; set; } = "";

    public string? AppSecret { get; set; }

    public string? AppSecretFile { get; set; }

    public string? VerifyToken { get; set; }

    public string? VerifyTokenFile { get; set; }

    public string? PageAccessToken { get; set; }

    public string? PageAccessTokenFile { get; set; }

    /// <summary>graph.facebook.com, or the tests' fake Graph API server.</summary>
    public Uri GraphApiBaseUrl { get; set; } = new("https://graph.facebook.com");

    [RegularExpression(@"^v[0-9]{1,3}\.[0-9]{1,2}$", ErrorMessage = "Messenger:GraphApiVersion must look like v21.0.")]
    public string GraphApiVersion { get; set; } = "v21.0";

    /// <summary>How often a send that Meta refused for its rate limits (codes 4, 32, 613) is tried in all.</summary>
    [Range(1, 10)]
    public int SendAttempts { get; set; } = 5;

    /// <summary>The first wait after a rate-limit refusal; each next wait is twice as long.</summary>
    public TimeSpan RateLimitBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a send that failed for a passing reason (HTTP 5xx, Graph codes 1 and 2, the network, a
    /// timeout) is tried in all. Kept small: the events of every member wait meanwhile.</summary>
    [Range(1, 5)]
    public int TemporaryFailureAttempts { get; set; } = 3;

    /// <summary>The first wait after a temporary failure; each next wait is twice as long.</summary>
    public TimeSpan TemporaryFailureBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Relay a moderator's question with Meta's <c>HUMAN_AGENT</c> message tag when the member's last message
    /// is more than 24 hours old (up to 7 days). Only with Meta's approval of the Human Agent feature for the app; the
    /// question is written by a person, which is what the tag is for. Off: such a question waits for the member's
    /// <c>status CODE</c>.</summary>
    public bool HumanAgentTag { get; set; }

    /// <summary>How many accepted events the inbox may hold before deliveries are answered 503 (Meta delivers them again
    /// later); each is kept on disk, encrypted, until handled.</summary>
    [Range(1, 1_000_000)]
    public int InboxCapacity { get; set; } = 10_000;

    /// <summary><c>m.me/&lt;page&gt;?ref=&lt;LinkToken&gt;</c> links: the community a report from Messenger belongs to.</summary>
    public List<MessengerCommunityOptions> Communities { get; set; } = [];

    /// <summary>Comments on the Page's posts (<c>feed</c>) and in the Page's own group (<c>group_feed</c>).</summary>
    public CommentListeningOptions Listening { get; set; } = new();
}

internal sealed class MessengerCommunityOptions
{
    /// <summary>The community's key, the same as under <c>Telegram:Communities</c> when it has a Telegram group.</summary>
    [Required]
    public string Key { get; set; } = "";

    /// <summary>The <c>ref</c> of the community's m.me link: 1–64 of A–Z, a–z, 0–9, _ and -.</summary>
    [Required]
    public string LinkToken { get; set; } = "";

    /// <summary>Whether this community takes reports through Messenger at all (Messenger cannot check membership).</summary>
    public bool Intake { get; set; } = true;
}

internal sealed class CommentListeningOptions
{
    /// <summary>Answer incident-sounding comments with one private reply. Off: comments are only counted.</summary>
    public bool Enabled { get; set; }

    /// <summary>Only count the comments that would get a private reply; send nothing.</summary>
    public bool DryRun { get; set; }

    /// <summary>The language of private replies (Meta does not say the commenter's).</summary>
    public string Language { get; set; } = "ru";

    [Range(0.5, 100)]
    public double Threshold { get; set; } = 3;

    /// <summary>At most one private reply per post (or group) in this time.</summary>
    public TimeSpan PostCooldown { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>At most one private reply per commenter in this time.</summary>
    public TimeSpan MemberCooldown { get; set; } = TimeSpan.FromHours(24);
}
