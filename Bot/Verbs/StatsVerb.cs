using System.CommandLine;
using CommunityBot.Moderation;
using CommunityBot.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityBot.Verbs;

/// <summary><c>Bot stats</c>: the counts, as the moderators' <c>/stats</c> gives them, and a chart.</summary>
internal static class StatsVerb
{
    public static Command Create(Option<string?> dataOption, Option<string?> languageOption, FilterOptions filterOptions)
    {
        var chartOption = new Option<string?>("--chart") { Description = "Also write the chart as a PNG file here" };
        var stats = new Command("stats", "Print the report statistics (counts below 3, and any they could be worked out from, not shown).") { dataOption, languageOption, chartOption };
        filterOptions.SetAction(stats, dataOption, languageOption, async (parse, host, language, filter, cancellationToken) =>
        {
            var statistics = host.Services.GetRequiredService<ReportStatistics>();
            var counts = await statistics.CountAsync(filter, cancellationToken);
            // What the operator prints may leave the moderators' circle: small counts are suppressed.
            await Console.Out.WriteLineAsync(statistics.Summarize(counts, language, suppressSmallCounts: true));
            if (parse.GetValue(chartOption) is { } chartFile)
            {
                await OwnerOnlyFiles.WriteAsync(chartFile,
                    host.Services.GetRequiredService<StatsChart>().Render(counts, language, suppressSmallCounts: true), cancellationToken);
            }
            return 0;
        });
        return stats;
    }
}
