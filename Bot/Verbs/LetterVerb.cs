using CommunityBot.Channels.Console;
using System.CommandLine;
using CommunityBot.Conversations;
using CommunityBot.Letters;
using CommunityBot.Moderation;
using CommunityBot.Privacy;
using CommunityBot.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CommunityBot.Verbs;

/// <summary><c>Bot letter --template ID --out FILE</c>: an appeal letter from a template, for one report or a filtered
/// set; writes a .docx and prints the text.</summary>
internal static class LetterVerb
{
    public static Command Create(Option<string?> dataOption, Option<string?> languageOption, FilterOptions filterOptions)
    {
        var templateOption = new Option<string>("--template") { Description = "The letter template's id (see Bot/Letters/Templates)", Required = true };
        var reportOption = new Option<string?>("--report") { Description = "The report's label (R-XXXX), for a single-report template" };
        var fieldOption = new Option<string[]>("--field") { Description = "A field's answer as NAME=VALUE (repeatable); missing required fields are asked on standard input" };
        var outOption = new Option<string>("--out") { Description = "The .docx file to write", Required = true };
        var letter = new Command("letter", "Draft an appeal letter from a template, for one report or a filtered set; writes a .docx and prints the text.")
        {
            templateOption, reportOption, dataOption, languageOption, fieldOption, outOption,
        };
        filterOptions.SetAction(letter, dataOption, languageOption, (parse, host, language, filter, cancellationToken) =>
            WriteAsync(host, language, new Request(parse.GetValue(templateOption) ?? "", parse.GetValue(reportOption), filter,
                parse.GetValue(fieldOption) ?? [], parse.GetValue(outOption) ?? ""), cancellationToken));
        return letter;
    }

    private sealed record Request(string TemplateId, string? Label, ReportFilter Filter, string[] FieldArguments, string OutFile);

    private static async Task<int> WriteAsync(IHost host, string language, Request request, CancellationToken cancellationToken)
    {
        var (templateId, label, filter, fieldArguments, outFile) = request;
        var letters = host.Services.GetRequiredService<LetterWriter>();
        if (letters.Find(templateId, language) is not { } template)
        {
            await Console.Error.WriteLineAsync($"There is no letter template '{templateId}' in '{language}'. Templates: " +
                string.Join(", ", letters.Templates(language).Select(t => $"{t.Id} ({LetterTemplateCatalog.Kind(t.Kind)})")));
            return ExitCodes.Failed;
        }
        if ((template.Kind == LetterKind.Single) != (label is not null))
        {
            await Console.Error.WriteLineAsync(template.Kind == LetterKind.Single
                ? $"'{template.Id}' is about one report: give --report R-XXXX."
                : $"'{template.Id}' is a letter about many reports: choose them with --from, --to, --status, --category, --community, not --report.");
            return ExitCodes.Failed;
        }
        // Refused before a single field is asked: a report without its member's consent never gets a letter of its own.
        if (label is not null && await letters.RefusalAsync(label) is { } refused)
        {
            await Console.Error.WriteLineAsync(Refusal(refused));
            return ExitCodes.Failed;
        }
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var argument in fieldArguments)
        {
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !template.Fields.Any(f => f.Name == argument[..equals]))
            {
                await Console.Error.WriteLineAsync($"--field takes NAME=VALUE with one of: {string.Join(", ", template.Fields.Select(f => f.Name))}");
                return ExitCodes.Failed;
            }
            answers[argument[..equals]] = argument[(equals + 1)..];
        }

        var source = label is not null ? new OneReport(label) : (LetterSource)new ReportSet(filter);
        var outcome = await host.Services.GetRequiredService<TerminalLetters>()
            .RunAsync(Console.In, Console.Out, language, [template], source, template, answers, cancellationToken);
        var texts = host.Services.GetRequiredService<TextCatalog>();
        switch (outcome)
        {
            case TerminalLetter.Refused { Outcome: var refusal }:
                await Console.Error.WriteLineAsync(Refusal(refusal));
                return ExitCodes.Failed;
            case TerminalLetter.Cancelled:
                await Console.Out.WriteLineAsync(texts.Get(language, "letters.tg.cancelled"));
                return ExitCodes.Failed;
            case TerminalLetter.Unfinished:
                // Said below the prompt it ended at, in the interview's language. A stop (Ctrl-C, SIGTERM) ends the program
                // as the chat's does; input that ran out before the letter is a failure to whoever scripted it.
                await Console.Out.WriteLineAsync(Environment.NewLine + texts.Get(language, "letters.verb.unfinished"));
                return host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested
                    || cancellationToken.IsCancellationRequested ? 0 : ExitCodes.Failed;
        }
        if (outcome is not TerminalLetter.Written { Letter: var drafted })
        {
            return ExitCodes.Failed;
        }
        await OwnerOnlyFiles.WriteAsync(outFile, drafted.Docx, cancellationToken);
        await Console.Out.WriteLineAsync(drafted.PlainText);
        var shown = ShownPath.Of(outFile, host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory, Environment.CurrentDirectory);
        await Console.Out.WriteLineAsync(shown.Place switch
        {
            ShownPlace.CurrentFolder => $"Written: {shown.Path} (suggested name: {drafted.FileName})",
            ShownPlace.DataFolder => $"Written: {shown.Path} in the data folder (suggested name: {drafted.FileName})",
            _ => $"Written: {shown.Path} in the folder given with --out (suggested name: {drafted.FileName})",
        });
        return 0;
    }

    private static string Refusal(LetterOutcome outcome) => outcome switch
    {
        LetterOutcome.ReportNotFound notFound => $"There is no report {notFound.Label}.",
        LetterOutcome.NoConsent noConsent =>
            $"No letter can be about {noConsent.Label} alone: its member did not agree to the use of the report in appeals. " +
            "It is counted only in letters about many reports (a template of kind aggregate, with --from, --to, --category).",
        LetterOutcome.TooFewReports =>
            "No letter was written: fewer than 3 reports fit these dates and filters, and a letter about many reports needs at least 3, so that no one case can be recognised in it. Choose a longer period (--from, --to) or fewer filters.",
        _ => $"The letter could not be written: {outcome}",
    };
}
