using System.Globalization;
using CommunityBot.Conversations;
using CommunityBot.Moderation;

namespace CommunityBot.Channels.Telegram.Moderation;

/// <summary>
/// <c>/stats [filter words]</c>: the summary and a chart. <c>/export csv|json [filter words]</c>: a file. Both stay
/// inside the moderators' group, so counts are not suppressed here. A word that is not understood is answered by name,
/// with the usage: nothing falls back to "everything" without saying so.
/// </summary>
internal sealed class ModerationFiles(
    ReportStatistics statistics,
    StatsChart chart,
    ReportExport export,
    ExportScratch scratch,
    ChatFilterWords filterWords,
    TelegramSender sender,
    TextCatalog texts)
{
    private string Language => texts.DefaultLanguage;

    /// <param name="topic">The forum topic the command was typed in, where the answer goes (<see cref="ForumTopic.Of"/>).</param>
    public async Task SendAsync(long chatId, int? topic, MemberCommand command, CancellationToken cancellationToken)
    {
        var today = filterWords.Today;
        var vocabulary = filterWords.Vocabulary;
        var isStats = command.Name == CommandNames.Stats;
        var words = isStats
            ? ReportFilterWords.ParseFilter(command.Argument, today, vocabulary)
            : ReportFilterWords.ParseExport(command.Argument, today, vocabulary);
        if (words is not FilterWords.Parsed { Filter: var filter, Format: var format })
        {
            // The only other outcome.
            var refusal = Refusal((FilterWords.Refused)words, isStats, vocabulary);
            await sender.SendAsync(chatId, TelegramHtml.Escape(refusal), topic: topic, cancellationToken: cancellationToken);
            return;
        }

        // Whoever reads the answer sees what it covers, in words they can type again.
        var applied = ReportFilterWords.Describe(filter, vocabulary) is { Length: > 0 } described
            ? texts.Get(Language, "mod.filter.applied", ("words", described))
            : texts.Get(Language, "mod.filter.everything");
        var stamp = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (isStats)
        {
            var counts = await statistics.CountAsync(filter, cancellationToken);
            var summary = applied + "\n\n" + statistics.Summarize(counts, Language, suppressSmallCounts: false);
            await sender.SendAsync(chatId, TelegramHtml.Escape(summary), topic: topic, cancellationToken: cancellationToken);
            await sender.SendFileAsync(chatId, chart.Render(counts, Language), $"stats-{stamp}.png", applied, asPhoto: true, topic, cancellationToken);
            return;
        }
        await ExportAsync(chatId, topic, filter, format ?? ExportFormat.Csv, $"reports-{stamp}", applied, cancellationToken);
    }

    /// <summary>Writes the export to a scratch file (never all in memory) and sends that file; the file is gone
    /// afterwards, whether sending worked or not. When no report matches, the moderator is told so under the filter's
    /// name instead of getting a file of column names.</summary>
    private async Task ExportAsync(long chatId, int? topic, ReportFilter filter, ExportFormat format, string name, string caption, CancellationToken cancellationToken)
    {
        var file = scratch.Create();
        await using (file)
        {
            var written = format == ExportFormat.Json
                ? await export.WriteJsonAsync(file, filter, Language, cancellationToken)
                : await export.WriteCsvAsync(file, filter, Language, cancellationToken);
            if (written == 0)
            {
                var nothing = caption + "\n\n" + texts.Get(Language, "mod.export.empty");
                await sender.SendAsync(chatId, TelegramHtml.Escape(nothing), topic: topic, cancellationToken: cancellationToken);
                return;
            }
            await file.FlushAsync(cancellationToken);
            file.Position = 0;
            var extension = format == ExportFormat.Json ? "json" : "csv";
            await sender.SendFileAsync(chatId, file, $"{name}.{extension}", caption, asPhoto: false, topic, cancellationToken);
        }
    }

    private string Refusal(FilterWords.Refused refused, bool isStats, FilterVocabulary vocabulary) =>
        FilterWordTexts.Problem(texts, Language, refused) + "\n\n" + texts.Get(Language, isStats ? "mod.stats.usage" : "mod.export.usage")
        + "\n" + FilterWordTexts.Words(texts, Language, vocabulary);
}
