using System.CommandLine;
using System.Globalization;
using CommunityBot.Channels.Telegram;
using CommunityBot.Conversations;
using CommunityBot.Moderation;
using CommunityBot.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CommunityBot.Verbs;

/// <summary>The filter options of <c>stats</c>, <c>export</c> and <c>letter</c>. The words are looked up as the
/// moderators' <c>/stats</c> looks them up (<see cref="ReportFilterWords"/>), and a word that is not known is refused
/// with the moderators' message (<see cref="FilterWordTexts"/>): a misspelt one would otherwise match nothing and look
/// like "no reports".</summary>
internal sealed class FilterOptions
{
    private readonly Option<DateOnly?> _from = new("--from") { Description = "Only incidents on or after this day (yyyy-MM-dd)" };
    private readonly Option<DateOnly?> _to = new("--to") { Description = "Only incidents on or before this day (yyyy-MM-dd)" };
    private readonly Option<string?> _status = new("--status") { Description = "Only reports in this status: " + string.Join(", ", ReportFilterWords.StatusIds) };
    private readonly Option<string?> _category = new("--category") { Description = "Only this category (a choice id of the flow's category step, e.g. hospital)" };
    private readonly Option<string?> _community = new("--community") { Description = "Only reports from this community (a key under Telegram:Communities)" };

    /// <summary>Adds the filter options to <paramref name="command"/> and runs it with the filter read and checked: a
    /// word that is not known ends the program with <see cref="ExitCodes.Usage"/> before <paramref name="run"/> is called.</summary>
    /// <param name="run">Given the started host, the language and the filter.</param>
    public void SetAction(Command command, Option<string?> dataOption, Option<string?> languageOption,
        Func<ParseResult, IHost, string, ReportFilter, CancellationToken, Task<int>> run)
    {
        foreach (var option in new Option[] { _from, _to, _status, _category, _community })
        {
            command.Options.Add(option);
        }
        command.SetAction((parse, cancellationToken) => VerbHost.RunAsync(VerbHost.LocalBuilder(parse.GetValue(dataOption)), async host =>
        {
            var language = VerbHost.Language(host, parse.GetValue(languageOption));
            return await ReadAsync(parse, host, language) is { } filter
                ? await run(parse, host, language, filter, cancellationToken)
                : ExitCodes.Usage;
        }));
    }

    /// <summary>The filter as the options that give it (<c>--status in_review --category hospital</c>); empty for none.</summary>
    public string Describe(ReportFilter filter)
    {
        var parts = new List<string>(5);
        void Add(Option option, string? value)
        {
            if (value is not null)
            {
                parts.Add($"{option.Name} {value}");
            }
        }
        Add(_from, filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add(_to, filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add(_status, filter.Status is { } status ? ReportStatusIds.Id(status) : null);
        Add(_category, filter.Category);
        Add(_community, filter.Community);
        return string.Join(' ', parts);
    }

    /// <summary>The filter typed on the command line; null, with the reason on standard error, when a word is not known.</summary>
    private async Task<ReportFilter?> ReadAsync(ParseResult parse, IHost host, string language)
    {
        var communities = host.Services.GetRequiredService<IConfiguration>()
            .GetSection($"{TelegramOptions.Section}:{nameof(TelegramOptions.Communities)}").GetChildren()
            .Select(community => community[nameof(CommunityGroupOptions.Key)] ?? "");
        var flow = host.Services.GetRequiredService<FlowBundle>();
        var vocabulary = FilterVocabulary.Of(flow, communities);

        var (from, to) = (parse.GetValue(_from), parse.GetValue(_to));
        var statusWord = parse.GetValue(_status);
        var categoryWord = parse.GetValue(_category);
        var communityWord = parse.GetValue(_community);
        var status = statusWord is null ? null : ReportFilterWords.Status(statusWord);
        var category = categoryWord is null ? null : ReportFilterWords.Category(categoryWord, vocabulary);
        var community = communityWord is null ? null : ReportFilterWords.Community(communityWord, vocabulary);

        (string Option, FilterWords.Refused Refused)? problem =
            statusWord is not null && status is null ? (_status.Name, new(statusWord, FilterWordProblem.Unknown, 1))
            : categoryWord is not null && category is null ? (_category.Name, new(categoryWord, FilterWordProblem.Unknown, 1))
            : communityWord is not null && community is null ? (_community.Name, new(communityWord, FilterWordProblem.Unknown, 1))
            : from > to ? (_from.Name, new(ReportFilterWords.DescribePeriod(from, to), FilterWordProblem.Reversed, 1))
            : null;
        if (problem is not { } refused)
        {
            return new ReportFilter(from, to, status, category, community);
        }

        // An unknown value is not repeated: a phone number or a receipt code typed here by mistake would stay in the
        // terminal's scrollback and in whatever logs the command's output. The option names it well enough.
        var texts = flow.Texts;
        var problemText = refused.Refused.Problem == FilterWordProblem.Unknown
            ? texts.Get(language, "mod.filter.unknown_value")
            : FilterWordTexts.Problem(texts, language, refused.Refused);
        var lines = new List<string>
        {
            $"{refused.Option}: {problemText}",
            FilterWordTexts.Words(texts, language, vocabulary),
        };
        if (vocabulary.Communities.IsEmpty)
        {
            lines.Add($"Communities are the keys under {TelegramOptions.Section}:{nameof(TelegramOptions.Communities)}: none configured.");
        }
        await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, lines));
        return null;
    }
}
