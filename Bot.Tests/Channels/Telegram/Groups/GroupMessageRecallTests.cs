using System.Globalization;
using CommunityBot.Channels.Telegram.Groups;

namespace CommunityBot.Tests.Channels.Telegram.Groups;

/// <summary>How well the shipped phrase lists tell incidents from ordinary chat, measured on messages written as members
/// write them (<c>Fixtures/GroupMessages</c>). The figures held are the ones the lists reach: a change to the lists that
/// misses more incidents, or nudges more ordinary chat, fails here, and one that does better raises them.</summary>
public sealed class GroupMessageRecallTests
{
    private const double DefaultThreshold = 3;
    private const int MinimumOfEachLabel = 10;

    private static readonly Lazy<IncidentPhrases> Shipped =
        new(() => IncidentPhrases.Load(Path.Combine(AppContext.BaseDirectory, "Flows", "phrases")));

    /// <summary>Per file: the incidents it must at least hold, the recall and the precision reached.</summary>
    public static TheoryData<string, int, double, double> Figures => new()
    {
        { "ru", 40, 0.86, 1.0 },
        { "kk", 40, 0.96, 1.0 },
        { "en", 40, 0.90, 1.0 },
        { "mixed", 10, 1.0, 1.0 },
    };

    [Theory]
    [MemberData(nameof(Figures))]
    public void ThePhraseListsKeepTheirRecallAndPrecisionOnMessagesAsMembersWriteThem(string file, int incidents, double recall, double precision)
    {
        var labelled = Read(file);
        var told = labelled.Where(m => m.Incident).ToList();
        var ordinary = labelled.Where(m => !m.Incident).ToList();
        Assert.True(told.Count >= incidents && ordinary.Count >= Math.Max(incidents, MinimumOfEachLabel), $"{file}: {told.Count} incidents, {ordinary.Count} ordinary");

        var missed = told.Where(m => !Nudged(m.Text)).ToList();
        var wronglyNudged = ordinary.Where(m => Nudged(m.Text)).ToList();
        var found = told.Count - missed.Count;
        var reachedRecall = (double)found / told.Count;
        var reachedPrecision = found + wronglyNudged.Count == 0 ? 0 : (double)found / (found + wronglyNudged.Count);

        var report = string.Format(CultureInfo.InvariantCulture, "{0}: recall {1:0.000} (held {2}), precision {3:0.000} (held {4})\nmissed:\n  {5}\nnudged wrongly:\n  {6}",
            file, reachedRecall, recall, reachedPrecision, precision,
            string.Join("\n  ", missed.Select(m => Shipped.Value.Score(m.Text).ToString(CultureInfo.InvariantCulture) + ": " + m.Text)),
            string.Join("\n  ", wronglyNudged.Select(m => Shipped.Value.Score(m.Text).ToString(CultureInfo.InvariantCulture) + ": " + m.Text)));
        Assert.True(reachedRecall >= recall && reachedPrecision >= precision, report);
    }

    private static bool Nudged(string text) => Shipped.Value.LooksLikeIncident(text, DefaultThreshold);

    private static List<(bool Incident, string Text)> Read(string file) =>
        [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "GroupMessages", file + ".txt"))
            .Where(line => line.StartsWith("+ ", StringComparison.Ordinal) || line.StartsWith("- ", StringComparison.Ordinal))
            .Select(line => (line[0] == '+', line[2..]))];
}
