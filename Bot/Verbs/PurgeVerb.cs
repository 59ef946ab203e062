using CommunityBot.Reports;
using System.CommandLine;
using System.Globalization;
using CommunityBot.Conversations;
using CommunityBot.Moderation;
using CommunityBot.Reports.Retention;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityBot.Verbs;

/// <summary><c>Bot purge --older-than 2y [--status resolved,rejected] [--dry-run]</c>: erases the content of reports
/// that ended long ago and keeps what the counts need (see <see cref="ReportPurge"/>). The dry run lists what it would
/// erase on this terminal, labels included; nothing of it goes to a log.</summary>
internal static class PurgeVerb
{
    public static Command Create(Option<string?> dataOption)
    {
        var olderThanOption = new Option<string>("--older-than")
        {
            Description = "Reports that ended longer ago than this: " + RetentionPeriod.Format,
            Required = true,
        };
        var statusOption = new Option<string?>("--status")
        {
            Description = "Only reports in these statuses, separated by commas (default: every status that ends a report: "
                + string.Join(", ", PurgeRule.EndedStatuses.Select(ReportStatusIds.Id)) + ")",
        };
        var dryRunOption = new Option<bool>("--dry-run") { Description = "Print what would be erased; erase nothing" };
        var purge = new Command("purge", "Erase the content of old ended reports, keeping the counts statistics and letters need; then compact the database file.")
        {
            dataOption, olderThanOption, statusOption, dryRunOption,
        };
        purge.SetAction(async (parse, cancellationToken) =>
        {
            if (RetentionPeriod.Parse(parse.GetValue(olderThanOption)) is not { } period)
            {
                await Console.Error.WriteLineAsync($"--older-than '{parse.GetValue(olderThanOption)}' is not {RetentionPeriod.Format}.");
                return ExitCodes.Usage;
            }
            var (statuses, unknown) = RetentionOptions.ParseStatuses(parse.GetValue(statusOption));
            if (unknown is not null)
            {
                await Console.Error.WriteLineAsync($"--status '{unknown}' is not a status. Known: {string.Join(", ", ReportFilterWords.StatusIds)}.");
                return ExitCodes.Usage;
            }
            return await VerbHost.RunAsync(VerbHost.LocalBuilder(parse.GetValue(dataOption)), async host =>
            {
                var today = host.Services.GetRequiredService<CalendarSettings>().Today(host.Services.GetRequiredService<TimeProvider>().GetUtcNow());
                var rule = new PurgeRule(period.Cutoff(today), statuses);
                var reports = host.Services.GetRequiredService<ReportPurge>();
                var scope = $"that ended before {ReportDocumentsDay(rule.EndedBefore)} ({string.Join(", ", rule.Statuses.Select(ReportStatusIds.Id))})";
                if (parse.GetValue(dryRunOption))
                {
                    var candidates = await reports.FindAsync(rule);
                    await Console.Out.WriteLineAsync($"Would erase the content of {candidates.Count} report(s) {scope}:");
                    foreach (var group in candidates.GroupBy(c => c.Status).OrderBy(g => g.Key))
                    {
                        await Console.Out.WriteLineAsync($"  {ReportStatusIds.Id(group.Key)}: {group.Count()}");
                    }
                    foreach (var candidate in candidates)
                    {
                        await Console.Out.WriteLineAsync($"  {candidate.Label} {ReportStatusIds.Id(candidate.Status)}, ended {ReportDocumentsDay(candidate.EndedOn)}");
                    }
                    return 0;
                }
                var result = await reports.PurgeAsync(rule, today);
                await Console.Out.WriteLineAsync(result.Erased == 0
                    ? $"No report {scope} holds content any more; nothing was erased."
                    : $"Erased the content of {result.Erased} report(s) {scope}. The database file was compacted: {result.FileBefore} → {result.FileAfter} bytes.");
                return 0;
            });
        });
        return purge;
    }

    private static string ReportDocumentsDay(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
