using System.CommandLine;
using CommunityBot.Moderation;
using CommunityBot.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityBot.Verbs;

/// <summary><c>Bot export csv|json --out FILE</c>: the reports, as the moderators' <c>/export</c> writes them.</summary>
internal static class ExportVerb
{
    public static Command Create(Option<string?> dataOption, Option<string?> languageOption, FilterOptions filterOptions)
    {
        var formatArgument = new Argument<string>("format") { Description = "csv or json" };
        formatArgument.AcceptOnlyFromAmong("csv", "json");
        var outOption = new Option<string>("--out") { Description = "The file to write", Required = true };
        var export = new Command("export", "Write the reports to a CSV or JSON file (columns: Bot/Moderation/EXPORT.md).")
        {
            formatArgument, dataOption, languageOption, outOption,
        };
        filterOptions.SetAction(export, dataOption, languageOption, async (parse, host, language, filter, cancellationToken) =>
        {
            var reports = host.Services.GetRequiredService<ReportExport>();
            // The export holds the stories members agreed to share: readable by its owner only.
            await OwnerOnlyFiles.WriteAsync(parse.GetValue(outOption) ?? "", async (output, ct) =>
            {
                if (parse.GetValue(formatArgument) == "json")
                {
                    await reports.WriteJsonAsync(output, filter, language, ct);
                }
                else
                {
                    await reports.WriteCsvAsync(output, filter, language, ct);
                }
            }, cancellationToken);
            return 0;
        });
        return export;
    }
}
