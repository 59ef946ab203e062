using System.CommandLine;
using System.Text;
using CommunityBot.Channels.Console;
using CommunityBot.Channels.Telegram;
using CommunityBot.Conversations;
using CommunityBot;
using CommunityBot.Letters;
using CommunityBot.Moderation;
using CommunityBot.Privacy;
using CommunityBot.Reports;
using CommunityBot.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

Console.OutputEncoding = Encoding.UTF8;
Console.InputEncoding = Encoding.UTF8;

var dataOption = new Option<string?>("--data") { Description = "Folder for the database, keys and logs (default ./data)" };
var langOption = new Option<string?>("--lang") { Description = "Language of the conversation: ru, kk, en" };

var chat = new Command("chat", "Try the reporting conversation in this terminal; no Telegram token needed.") { dataOption, langOption };
chat.SetAction((parse, cancellationToken) => RunChatAsync(parse.GetValue(dataOption), parse.GetValue(langOption), cancellationToken));

var fromOption = new Option<DateOnly?>("--from") { Description = "Only incidents on or after this day (yyyy-MM-dd)" };
var toOption = new Option<DateOnly?>("--to") { Description = "Only incidents on or before this day (yyyy-MM-dd)" };
var statusOption = new Option<string?>("--status") { Description = "Only reports in this status: " + string.Join(", ", ReportFilterWords.StatusIds) };
var categoryOption = new Option<string?>("--category") { Description = "Only this category (a choice id of the flow's category step, e.g. hospital)" };
var communityOption = new Option<string?>("--community") { Description = "Only reports from this community (a key under Telegram:Communities)" };
var chartOption = new Option<string?>("--chart") { Description = "Also write the chart as a PNG file here" };
var stats = new Command("stats", "Print the report statistics (counts below 3 shown as <3).")
{
    dataOption, langOption, fromOption, toOption, statusOption, categoryOption, communityOption, chartOption,
};
stats.SetAction((parse, cancellationToken) => RunStatsAsync(parse.GetValue(dataOption), parse.GetValue(langOption),
    FilterOptions(parse), parse.GetValue(chartOption), cancellationToken));

var formatArgument = new Argument<string>("format") { Description = "csv or json" };
formatArgument.AcceptOnlyFromAmong("csv", "json");
var outOption = new Option<string>("--out") { Description = "The file to write", Required = true };
var export = new Command("export", "Write the reports to a CSV or JSON file (columns: Bot/Moderation/EXPORT.md).")
{
    formatArgument, dataOption, langOption, fromOption, toOption, statusOption, categoryOption, communityOption, outOption,
};
export.SetAction((parse, cancellationToken) => RunExportAsync(parse.GetValue(dataOption), parse.GetValue(langOption), parse.GetValue(formatArgument) ?? "csv",
    FilterOptions(parse), parse.GetValue(outOption) ?? "", cancellationToken));

var templateOption = new Option<string>("--template") { Description = "The letter template's id (see Bot/Letters/Templates)", Required = true };
var reportOption = new Option<string?>("--report") { Description = "The report's label (R-XXXX), for a single-report template" };
var fieldOption = new Option<string[]>("--field") { Description = "A field's answer as NAME=VALUE (repeatable); missing required fields are asked on standard input" };
var letterOutOption = new Option<string>("--out") { Description = "The .docx file to write", Required = true };
var letter = new Command("letter", "Draft an appeal letter from a template, for one report or a filtered set; writes a .docx and prints the text.")
{
    templateOption, reportOption, dataOption, langOption, fromOption, toOption, statusOption, categoryOption, communityOption, fieldOption, letterOutOption,
};
letter.SetAction((parse, cancellationToken) => RunLetterAsync(
    parse.GetValue(dataOption),
    parse.GetValue(langOption),
    parse.GetValue(templateOption) ?? "",
    parse.GetValue(reportOption),
    FilterOptions(parse),
    parse.GetValue(fieldOption) ?? [],
    parse.GetValue(letterOutOption) ?? "",
    cancellationToken));

var root = new RootCommand("CommunityBot: anonymous reports of rights violations for OST community groups.") { chat, stats, export, letter, CommunityBot.Verbs.KeysVerb.Create(dataOption) };
root.Options.Add(dataOption);
root.SetAction((parse, cancellationToken) => RunServiceAsync(parse.GetValue(dataOption), cancellationToken));

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);

CliFilter FilterOptions(ParseResult parse) => new(parse.GetValue(fromOption), parse.GetValue(toOption),
    parse.GetValue(statusOption), parse.GetValue(categoryOption), parse.GetValue(communityOption));

static async Task<int> RunChatAsync(string? data, string? language, CancellationToken cancellationToken)
{
    var builder = LocalBuilder(data);
    builder.Services.AddSingleton<ConsoleChat>();
    return await RunHostAsync(builder, async host =>
    {
        await host.Services.GetRequiredService<ConsoleChat>()
            .RunAsync(Console.In, Console.Out, language ?? DefaultLanguage(host), cancellationToken).ConfigureAwait(false);
        return 0;
    }).ConfigureAwait(false);
}

static async Task<int> RunStatsAsync(string? data, string? language, CliFilter typed, string? chartFile, CancellationToken cancellationToken)
{
    var builder = LocalBuilder(data);
    return await RunHostAsync(builder, async host =>
    {
        if (await FilterAsync(host, typed).ConfigureAwait(false) is not { } filter)
        {
            return ExitCodes.Usage;
        }
        var lang = language ?? DefaultLanguage(host);
        var statistics = host.Services.GetRequiredService<ReportStatistics>();
        var counts = await statistics.CountAsync(filter, cancellationToken).ConfigureAwait(false);
        // What the operator prints may leave the moderators' circle: small counts are suppressed.
        await Console.Out.WriteLineAsync(statistics.Summarize(counts, lang, suppressSmallCounts: true)).ConfigureAwait(false);
        if (chartFile is not null)
        {
            await OwnerOnlyFiles.WriteAsync(chartFile, host.Services.GetRequiredService<StatsChart>().Render(counts, lang, suppressSmallCounts: true), cancellationToken).ConfigureAwait(false);
        }
        return 0;
    }).ConfigureAwait(false);
}

static async Task<int> RunExportAsync(string? data, string? language, string format, CliFilter typed, string outFile, CancellationToken cancellationToken)
{
    var builder = LocalBuilder(data);
    return await RunHostAsync(builder, async host =>
    {
        if (await FilterAsync(host, typed).ConfigureAwait(false) is not { } filter)
        {
            return ExitCodes.Usage;
        }
        var lang = language ?? DefaultLanguage(host);
        var export = host.Services.GetRequiredService<ReportExport>();
        // The export holds the stories members agreed to share: readable by its owner only.
        var output = OwnerOnlyFiles.Create(outFile);
        await using (output.ConfigureAwait(false))
        {
            if (format == "json")
            {
                await export.WriteJsonAsync(output, filter, lang, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await export.WriteCsvAsync(output, filter, lang, cancellationToken).ConfigureAwait(false);
            }
        }
        return 0;
    }).ConfigureAwait(false);
}

static async Task<int> RunLetterAsync(
    string? data,
    string? language,
    string templateId,
    string? label,
    CliFilter typed,
    string[] fieldArguments,
    string outFile,
    CancellationToken cancellationToken)
{
    var builder = LocalBuilder(data);
    return await RunHostAsync(builder, async host =>
    {
        if (await FilterAsync(host, typed).ConfigureAwait(false) is not { } filter)
        {
            return ExitCodes.Usage;
        }
        var lang = language ?? DefaultLanguage(host);
        var letters = host.Services.GetRequiredService<LetterWriter>();
        if (letters.Find(templateId, lang) is not { } template)
        {
            await Console.Error.WriteLineAsync($"There is no letter template '{templateId}' in '{lang}'. Templates: " +
                string.Join(", ", letters.Templates(lang).Select(t => $"{t.Id} ({LetterTemplateCatalog.Kind(t.Kind)})"))).ConfigureAwait(false);
            return 1;
        }
        if ((template.Kind == LetterKind.Single) != (label is not null))
        {
            await Console.Error.WriteLineAsync(template.Kind == LetterKind.Single
                ? $"'{template.Id}' is about one report: give --report R-XXXX."
                : $"'{template.Id}' is a letter about many reports: choose them with --from, --to, --status, --category, --community, not --report.").ConfigureAwait(false);
            return 1;
        }
        // Refused before a single field is asked: a report without its member's consent never gets a letter of its own.
        if (label is not null && await letters.RefusalAsync(label).ConfigureAwait(false) is { } refused)
        {
            await Console.Error.WriteLineAsync(Refusal(refused)).ConfigureAwait(false);
            return 1;
        }
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var argument in fieldArguments)
        {
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !template.Fields.Any(f => f.Name == argument[..equals]))
            {
                await Console.Error.WriteLineAsync($"--field takes NAME=VALUE with one of: {string.Join(", ", template.Fields.Select(f => f.Name))}").ConfigureAwait(false);
                return 1;
            }
            answers[argument[..equals]] = argument[(equals + 1)..];
        }

        // The answers given at this terminal last time are offered again (an empty line keeps one).
        var defaults = host.Services.GetRequiredService<LetterDefaults>();
        var operatorKey = host.Services.GetRequiredService<Pseudonyms>().Of(PseudonymPurpose.Moderators, "console:local");
        var remembered = await defaults.RecallAsync(operatorKey).ConfigureAwait(false);
        foreach (var field in LetterWriter.MissingFields(template, answers))
        {
            var known = remembered.GetValueOrDefault(field.Name);
            await Console.Out.WriteAsync(field.Prompt + (known is null ? "" : $" [{known}]") + ": ").ConfigureAwait(false);
            await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            var line = await Console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(line) && known is null)
            {
                await Console.Error.WriteLineAsync($"{Environment.NewLine}The field '{field.Name}' is required.").ConfigureAwait(false);
                return 1;
            }
            answers[field.Name] = string.IsNullOrWhiteSpace(line) ? known ?? "" : line.Trim();
        }
        await Console.Out.WriteLineAsync().ConfigureAwait(false);

        var source = label is not null ? new OneReport(label) : (LetterSource)new ReportSet(filter);
        var outcome = await letters.WriteAsync(new LetterRequest(template.Id, lang, source, answers), cancellationToken).ConfigureAwait(false);
        if (outcome is not LetterOutcome.Drafted { Letter: var drafted })
        {
            await Console.Error.WriteLineAsync(Refusal(outcome)).ConfigureAwait(false);
            return 1;
        }
        await defaults.RememberAsync(operatorKey, answers).ConfigureAwait(false);
        await OwnerOnlyFiles.WriteAsync(outFile, drafted.Docx, cancellationToken).ConfigureAwait(false);
        await Console.Out.WriteLineAsync(drafted.PlainText).ConfigureAwait(false);
        await Console.Out.WriteLineAsync($"Written: {Path.GetFullPath(outFile)} (suggested name: {drafted.FileName})").ConfigureAwait(false);
        return 0;
    }).ConfigureAwait(false);
}

static string Refusal(LetterOutcome outcome) => outcome switch
{
    LetterOutcome.ReportNotFound notFound => $"There is no report {notFound.Label}.",
    LetterOutcome.NoConsent noConsent =>
        $"No letter can be about {noConsent.Label} alone: its member did not agree to the use of the report in appeals. " +
        "It is counted only in letters about many reports (a template of kind aggregate, with --from, --to, --category).",
    _ => $"The letter could not be written: {outcome}",
};

static async Task<int> RunServiceAsync(string? data, CancellationToken cancellationToken)
{
    var builder = BotHost.CreateBuilder(data, interactive: false);
    if (string.IsNullOrWhiteSpace(builder.Configuration["Telegram:BotToken"]) && string.IsNullOrWhiteSpace(builder.Configuration["Telegram:BotTokenFile"]))
    {
        await Console.Error.WriteLineAsync(
            "No Telegram token configured. Set the environment variable Telegram__BotToken or the setting Telegram:BotTokenFile." + Environment.NewLine +
            "To try the reporting conversation without Telegram: dotnet run --project Bot -- chat").ConfigureAwait(false);
        return ExitCodes.Configuration;
    }
    builder.Services.AddTelegram();
    return await RunHostAsync(builder, async host =>
    {
        // A disk that cannot be written stops the service: nothing more could be kept, and what is in hand stays
        // unconfirmed for the next start.
        var database = host.Services.GetRequiredService<Database>();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var storageLog = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CommunityBot.Storage");
        using var stopOnFailure = database.StorageFailed.Register(() =>
        {
            StorageFailureLog.Stopping(storageLog, database.Path, database.FailureReason, ExitCodes.StorageFailed);
            lifetime.StopApplication();
        });
        // Runs until Ctrl-C or SIGTERM; the polling service finishes the updates in hand before the host stops.
        await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        return database.HasFailed ? ExitCodes.StorageFailed : 0;
    }).ConfigureAwait(false);
}

// Values are checked against the flow and the configured communities: a misspelt one would otherwise match nothing
// and look like "no reports". Null, with the reason on stderr, when one is not known.
static async Task<ReportFilter?> FilterAsync(IHost host, CliFilter options)
{
    var communities = host.Services.GetRequiredService<IConfiguration>()
        .GetSection($"{TelegramOptions.Section}:{nameof(TelegramOptions.Communities)}").GetChildren()
        .Select(community => community[nameof(CommunityGroupOptions.Key)] ?? "");
    var vocabulary = FilterVocabulary.Of(host.Services.GetRequiredService<FlowBundle>(), communities);
    string? problem = null;
    var status = options.Status is { } statusWord ? ReportFilterWords.Status(statusWord) : null;
    var category = options.Category is { } categoryWord ? ReportFilterWords.Category(categoryWord, vocabulary) : null;
    var community = options.Community is { } communityWord ? ReportFilterWords.Community(communityWord, vocabulary) : null;
    if (options.Status is not null && status is null)
    {
        problem = $"Unknown status '{options.Status}'. Known: {string.Join(", ", ReportFilterWords.StatusIds)}.";
    }
    else if (options.Category is not null && category is null)
    {
        problem = $"Unknown category '{options.Category}'. Known: {string.Join(", ", vocabulary.Categories)}.";
    }
    else if (options.Community is not null && community is null)
    {
        problem = $"Unknown community '{options.Community}'. Known (Telegram:Communities): "
            + (vocabulary.Communities.IsEmpty ? "none configured" : string.Join(", ", vocabulary.Communities)) + ".";
    }
    else if (options.From > options.To)
    {
        problem = "--from is after --to.";
    }
    if (problem is not null)
    {
        await Console.Error.WriteLineAsync(problem).ConfigureAwait(false);
        return null;
    }
    return new ReportFilter(options.From, options.To, status, category, community);
}

// The terminal verbs work on this machine's data folder, with a local key file when no keys are configured.
static HostApplicationBuilder LocalBuilder(string? data)
{
    var builder = BotHost.CreateBuilder(data, interactive: true);
    BotHost.UseLocalKeyFile(builder);
    return builder;
}

static string DefaultLanguage(IHost host) => host.Services.GetRequiredService<IOptions<IntakeOptions>>().Value.DefaultLanguage;

static async Task<int> RunHostAsync(HostApplicationBuilder builder, Func<IHost, Task<int>> run)
{
    try
    {
        using var host = builder.Build();
        // Resolved before anything starts, so a broken flow or letter template stops start-up with its problems listed.
        host.Services.GetRequiredService<FlowRunner>();
        host.Services.GetRequiredService<LetterTemplateCatalog>();
        await host.StartAsync().ConfigureAwait(false);
        var code = await run(host).ConfigureAwait(false);
        await host.StopAsync().ConfigureAwait(false);
        return code;
    }
    catch (Exception ex) when (ex is FlowDefinitionException or LetterTemplateException or OptionsValidationException or CommunityBot.Channels.Telegram.Groups.PhraseFileException)
    {
        await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
        return ExitCodes.Configuration;
    }
}

/// <summary>The filter options of <c>stats</c> and <c>export</c> as typed, before they are checked.</summary>
internal sealed record CliFilter(DateOnly? From, DateOnly? To, string? Status, string? Category, string? Community);

internal static class ExitCodes
{
    /// <summary>A value on the command line that is not known (the shells' usage error).</summary>
    public const int Usage = 2;

    /// <summary>EX_CONFIG from sysexits.h: the configuration is missing or wrong.</summary>
    public const int Configuration = 78;

    /// <summary>EX_IOERR from sysexits.h: the database could not be written (disk full, read-only, failing); see
    /// <see cref="StorageFailedException"/>.</summary>
    public const int StorageFailed = 74;
}
