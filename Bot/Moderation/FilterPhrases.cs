using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using CommunityBot.Conversations;
using CommunityBot.Reports;

namespace CommunityBot.Moderation;

/// <summary>
/// The moderators' own words for the filter words that are the same everywhere: "новые", "на рассмотрении", "за
/// месяц", "30 дней" for <c>new</c>, <c>in_review</c>, <c>month</c>, <c>30d</c>. They come from every language file
/// (<c>mod.filter.typed.&lt;word&gt;</c>, and each status's label as the cards show it), folded as members' typed
/// answers are, so a new language brings its own. A word of a phrase typed with a full stop or a capital still reads.
/// </summary>
internal sealed class FilterPhrases
{
    private const string TypedKey = "mod.filter.typed.";

    /// <summary>The word after a number that makes it a count of days: "30 дней" is <c>30d</c>.</summary>
    private const string Days = "days";

    /// <summary>The word before such a count that says the same ("последние 30 дней"); before anything else it is not
    /// read, since "последний месяц" is not the month the filter word means.</summary>
    private const string Last = "last";

    /// <summary>Words around filter words that add nothing to them ("за", "со статусом"); a phrase is read first, so
    /// "в работе" is still a status.</summary>
    private const string Filler = "filler";

    private static readonly ConditionalWeakTable<TextCatalog, FilterPhrases> Built = [];

    private readonly ImmutableDictionary<string, string> _canonical;

    private readonly ImmutableHashSet<string> _days;

    private readonly ImmutableHashSet<string> _last;

    private readonly ImmutableHashSet<string> _filler;

    private readonly int _longest;

    private FilterPhrases(ImmutableDictionary<string, string> canonical, ImmutableHashSet<string> days, ImmutableHashSet<string> last,
        ImmutableHashSet<string> filler)
    {
        _canonical = canonical;
        _days = days;
        _last = last;
        _filler = filler;
        _longest = canonical.Keys.Select(phrase => phrase.Split(' ').Length).DefaultIfEmpty(1).Max();
    }

    /// <summary>No words but the filters' own (the operators' command line, tests of the bare reader).</summary>
    public static FilterPhrases None { get; } = new(ImmutableDictionary<string, string>.Empty, [], [], []);

    /// <summary>The phrases of <paramref name="texts"/>, read once for each catalogue.</summary>
    public static FilterPhrases Of(TextCatalog texts) => Built.GetValue(texts, Read);

    /// <summary>The filter word <paramref name="typed"/> stands for, when it is one of the phrases.</summary>
    public string? Canonical(string typed) => _canonical.GetValueOrDefault(TypedChoice.Fold(typed));

    /// <summary>The words typed, each with its place among them (counted from 1), a phrase read as the filter word it
    /// stands for at the place of its first word.</summary>
    public IEnumerable<(string Word, int Position)> Words(string typed)
    {
        var words = typed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length;)
        {
            var (word, used) = PhraseAt(words, i);
            if (word.Length > 0)
            {
                yield return (word, i + 1);
            }
            i += used;
        }
    }

    /// <returns>The filter word read at <paramref name="start"/> (empty for a word that adds nothing) and how many of
    /// the words it took.</returns>
    private (string Word, int Used) PhraseAt(string[] words, int start)
    {
        if (CountOfDays(words, start) is { } days)
        {
            return (days, 2);
        }
        if (_last.Contains(TypedChoice.Fold(words[start])) && CountOfDays(words, start + 1) is { } lastDays)
        {
            return (lastDays, 3);
        }
        for (var count = Math.Min(_longest, words.Length - start); count >= 1; count--)
        {
            if (_canonical.GetValueOrDefault(TypedChoice.Fold(string.Join(' ', words, start, count))) is { } canonical)
            {
                return (canonical, count);
            }
        }
        return (_filler.Contains(TypedChoice.Fold(words[start])) ? "" : words[start], 1);
    }

    private string? CountOfDays(string[] words, int start) =>
        start + 1 < words.Length && words[start].All(char.IsAsciiDigit) && _days.Contains(TypedChoice.Fold(words[start + 1]))
            ? words[start] + "d"
            : null;

    private static FilterPhrases Read(TextCatalog texts)
    {
        var canonical = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var status in Enum.GetValues<ReportStatus>())
        {
            var id = ReportStatusIds.Id(status);
            foreach (var label in texts.Languages.Select(language => texts.Get(language, "mod." + ReportStatusIds.TextKey(status))))
            {
                canonical.TryAdd(TypedChoice.Fold(label), id);
            }
            Add(id);
        }
        foreach (var period in (string[])["week", "month", "quarter", "year"])
        {
            Add(period);
        }
        return new FilterPhrases(canonical.ToImmutableDictionary(StringComparer.Ordinal), texts.TypedWordsOf(TypedKey + Days),
            texts.TypedWordsOf(TypedKey + Last), texts.TypedWordsOf(TypedKey + Filler));

        void Add(string word)
        {
            foreach (var phrase in texts.TypedWordsOf(TypedKey + word).Where(phrase => phrase.Length > 0))
            {
                canonical.TryAdd(phrase, word);
            }
        }
    }

    /// <summary>A status as its label reads in <paramref name="language"/>, with the word that names it anywhere.</summary>
    public static string Listed(TextCatalog texts, string language) =>
        string.Join(", ", Enum.GetValues<ReportStatus>().Select(status =>
            string.Create(CultureInfo.InvariantCulture, $"{texts.Get(language, "mod." + ReportStatusIds.TextKey(status))} ({ReportStatusIds.Id(status)})")));
}
