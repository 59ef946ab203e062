using System.Collections.Immutable;
using CommunityBot.Moderation;
using Microsoft.Extensions.Options;

namespace CommunityBot.Reports.Retention;

/// <summary>How long ended reports keep their content when the service purges them on its own (see
/// <see cref="ReportPurge"/>); unset, nothing is purged without the operator's <c>Bot purge</c>.</summary>
internal sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Reports that ended longer ago than this (<c>90d</c>, <c>6m</c>, <c>2y</c>) lose their content.</summary>
    public string? PurgeOlderThan { get; set; }

    /// <summary>Status ids separated by commas (<c>resolved,rejected</c>); empty: every status that ends a report.</summary>
    public string? Statuses { get; set; }

    /// <summary>How often the service looks for reports to purge.</summary>
    public TimeSpan Every { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The statuses named by <paramref name="words"/> (comma-separated status ids), or the first word that
    /// is not one; every status that ends a report when there are none.</summary>
    public static (ImmutableArray<ReportStatus> Statuses, string? Unknown) ParseStatuses(string? words)
    {
        var parts = (words ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            return (PurgeRule.EndedStatuses, null);
        }
        var statuses = new List<ReportStatus>(parts.Length);
        foreach (var part in parts)
        {
            if (ReportFilterWords.Status(part) is not { } status)
            {
                return ([], part);
            }
            statuses.Add(status);
        }
        return ([.. statuses.Distinct()], null);
    }

    /// <summary>The rule in force on <paramref name="today"/>, or null when no scheduled purge is set.</summary>
    public PurgeRule? Rule(DateOnly today) =>
        RetentionPeriod.Parse(PurgeOlderThan) is { } period ? new PurgeRule(period.Cutoff(today), ParseStatuses(Statuses).Statuses) : null;
}

internal sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        var problems = new List<string>();
        if (options.PurgeOlderThan is { Length: > 0 } period && RetentionPeriod.Parse(period) is null)
        {
            problems.Add($"{RetentionOptions.Section}:{nameof(RetentionOptions.PurgeOlderThan)} '{period}' is not {RetentionPeriod.Format}.");
        }
        if (RetentionOptions.ParseStatuses(options.Statuses).Unknown is { } unknown)
        {
            problems.Add($"{RetentionOptions.Section}:{nameof(RetentionOptions.Statuses)}: unknown status '{unknown}'. Known: {string.Join(", ", ReportFilterWords.StatusIds)}.");
        }
        if (options.Every <= TimeSpan.Zero)
        {
            problems.Add($"{RetentionOptions.Section}:{nameof(RetentionOptions.Every)} must be positive.");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
