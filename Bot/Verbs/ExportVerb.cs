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
            var outFile = parse.GetValue(outOption) ?? "";
            // The export holds the stories members agreed to share: readable by its owner only.
            var written = await OwnerOnlyFiles.WriteUnlessDroppedAsync(outFile, async (output, ct) =>
            {
                var rows = parse.GetValue(formatArgument) == "json"
                    ? await reports.WriteJsonAsync(output, filter, language, ct)
                    : await reports.WriteCsvAsync(output, filter, language, ct);
                return rows > 0;
            }, cancellationToken);
            if (!written)
            {
                // A file of column names alone would read as an export that went wrong, or be sent on as if it held reports.
                var described = filterOptions.Describe(filter);
                var withdrawn = filter.Status is null ? " (withdrawn reports only with --status withdrawn)" : "";
                await Console.Error.WriteLineAsync((described.Length == 0 ? "There are no reports to export" : $"No report matches {described}")
                    + $"{withdrawn}: nothing was written to {outFile}.");
                return ExitCodes.NothingMatched;
            }
            return 0;
        });
        return export;
    }
}
