using System.ComponentModel.DataAnnotations;

namespace CommunityBot.Channels.Telegram;

/// <summary>The Telegram channel. The token never lives in a settings file in the repository: set
/// <c>Telegram__BotToken</c> in the environment, or point <see cref="BotTokenFile"/> at a file only the service can read.</summary>
internal sealed class TelegramOptions
{
    public const string Section = "Telegram";

    public string? BotToken { get; set; }

    public string? BotTokenFile { get; set; }

    /// <summary>A local Bot API server (or the tests' fake one) instead of api.telegram.org.</summary>
    public Uri? ApiBaseUrl { get; set; }

    /// <summary>The community groups the bot serves; in any other group it says one sentence and leaves.</summary>
    public List<CommunityGroupOptions> Communities { get; set; } = [];

    /// <summary>The moderators' private group (used by moderation; never nudged).</summary>
    public long? ModeratorsChatId { get; set; }

    /// <summary>A group whose members are activists: they may draft appeal letters with <c>/letter</c> in a private
    /// chat. Membership is asked of Telegram, so no user id is configured; the bot must be in the group (an
    /// administrator, to hear at once when someone leaves). None: only moderators draft letters.</summary>
    public long? ActivistsChatId { get; set; }

    /// <summary>A member opening the private chat through a community link must belong to that group.</summary>
    public bool RequireMembership { get; set; }

    /// <summary>Telegram posts updates to the service's web server instead of being polled (off unless its Url is set).</summary>
    public Webhook.TelegramWebhookOptions Webhook { get; set; } = new();

    public NudgeOptions Nudges { get; set; } = new();

    public RateOptions Rates { get; set; } = new();

    /// <summary>How many chats are handled at the same time (each chat's updates stay in order).</summary>
    [Range(1, 1024)]
    public int ParallelChats { get; set; } = 64;

    /// <summary>How many updates of one chat may be in hand at once. Beyond it the chat's updates are dropped and
    /// the member is asked once to slow down, so that one chat sending a flood cannot hold up everyone else.</summary>
    [Range(1, 1000)]
    public int MaxUpdatesInHandPerChat { get; set; } = 20;
}

internal sealed class CommunityGroupOptions
{
    /// <summary>The group's chat id (negative; supergroups start with -100).</summary>
    public long ChatId { get; set; }

    /// <summary>A short stable name recorded on reports from this community, e.g. <c>almaty</c>.</summary>
    [Required]
    public string Key { get; set; } = "";

    /// <summary>The group's name as members know it.</summary>
    [Required]
    public string Name { get; set; } = "";

    /// <summary>The language of nudges in this group.</summary>
    public string Language { get; set; } = "ru";

    public string? Region { get; set; }

    /// <summary>The deep-link payload that opens the private chat for this community (<c>t.me/bot?start=...</c>):
    /// 1–64 of A–Z, a–z, 0–9, _ and -. Not a secret, but not guessable from the name either.</summary>
    [Required]
    public string LinkToken { get; set; } = "";
}

internal sealed class NudgeOptions
{
    /// <summary>How strongly a message must look like an incident before the bot offers the private report.</summary>
    [Range(0.5, 100)]
    public double Threshold { get; set; } = 3;

    public TimeSpan GroupCooldown { get; set; } = TimeSpan.FromMinutes(30);

    public TimeSpan MemberCooldown { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Only count the messages that would be nudged; send nothing.</summary>
    public bool DryRun { get; set; }

    /// <summary>Send the nudge as a reply to the message that earned it. Off by default: a reply shows the whole
    /// group whom the bot offered a private report to.</summary>
    public bool ReplyToMessage { get; set; }

    /// <summary>Folder of per-language phrase files (relative to the program's folder).</summary>
    public string PhrasesDirectory { get; set; } = "Flows/phrases";
}

/// <summary>Telegram's limits (about 1 message a second per chat, 20 a minute per group, 30 a second in all).</summary>
internal sealed class RateOptions
{
    [Range(1, 1000)]
    public int PerChatPerSecond { get; set; } = 1;

    [Range(1, 10000)]
    public int PerGroupPerMinute { get; set; } = 20;

    [Range(1, 10000)]
    public int GlobalPerSecond { get; set; } = 30;

    /// <summary>How many messages a member's chat may get at once (then one a second on average).</summary>
    [Range(1, 20)]
    public int PrivateBurst { get; set; } = 3;
}
