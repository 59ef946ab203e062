using System.ComponentModel.DataAnnotations;

namespace CommunityBot.Channels.Telegram.Moderation;

/// <summary>When new reports reach the moderators' group. A card posted the moment a report is stored would tell a
/// moderator who also reads the community group the minute it was written; instead each card waits a random time
/// between <see cref="CardDelayMin"/> and <see cref="CardDelayMax"/>, and the cards waiting go up together.</summary>
internal sealed class ModerationOptions : IValidatableObject
{
    public const string Section = "Moderation";

    /// <summary>The longest a card may be made to wait: a report is not left unseen for more than a day.</summary>
    private static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    /// <summary>The least a new report waits for its card (0 in tests and the terminal).</summary>
    public TimeSpan CardDelayMin { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The most a new report waits for its card.</summary>
    public TimeSpan CardDelayMax { get; set; } = TimeSpan.FromMinutes(60);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (CardDelayMin < TimeSpan.Zero)
        {
            yield return new ValidationResult("Moderation:CardDelayMin must not be negative.", [nameof(CardDelayMin)]);
        }
        if (CardDelayMax < CardDelayMin)
        {
            yield return new ValidationResult("Moderation:CardDelayMax must not be shorter than Moderation:CardDelayMin.", [nameof(CardDelayMax)]);
        }
        if (CardDelayMax > Longest)
        {
            yield return new ValidationResult("Moderation:CardDelayMax must be at most one day.", [nameof(CardDelayMax)]);
        }
    }
}
