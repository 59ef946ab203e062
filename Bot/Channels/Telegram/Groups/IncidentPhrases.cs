using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using CommunityBot.Conversations;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CommunityBot.Channels.Telegram.Groups;

/// <summary>Scores a group message by how much it reads like someone describing a rights violation, from the
/// weighted word patterns in <c>Flows/phrases/*.yaml</c> (the format is described at the top of those files).</summary>
/// <remarks>Every language's patterns apply to every message: groups mix languages, and a Russian sentence
/// with an English drug name is ordinary. The text is only read, never kept.</remarks>
internal sealed class IncidentPhrases
{
    /// <summary>Stems this short would match half the language as prefixes ("не" in "недавно").</summary>
    private const int ShortStemLength = 2;
    private const int DefaultGap = 2;
    private const int MaxGap = 5;
    private const int MaxItems = 6;

    private readonly ImmutableArray<Pattern> _patterns;
    /// <summary>The alternatives that can start a pattern, by their first letter, so each word of a message is
    /// tried only against the few that could begin there.</summary>
    private readonly FrozenDictionary<char, (int Pattern, Alternative Start)[]> _startsByFirstLetter;

    private IncidentPhrases(ImmutableArray<Pattern> patterns, ImmutableArray<string> languages)
    {
        _patterns = patterns;
        Languages = languages;
        _startsByFirstLetter = patterns
            .SelectMany((pattern, index) => pattern.Items[0].Alternatives.Select(start => (Pattern: index, Start: start)))
            .GroupBy(entry => entry.Start.Stems[0].Text[0])
            .ToFrozenDictionary(group => group.Key, group => group.ToArray());
    }

    /// <summary>The language files loaded, by file name (<c>ru</c>, <c>en</c>).</summary>
    public ImmutableArray<string> Languages { get; }

    /// <summary>The sum of the weights of the patterns found in <paramref name="text"/>, each counted once.</summary>
    public double Score(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }
        var words = MessageWords.Of(Normalize(text));
        var matched = new bool[_patterns.Length];
        for (var position = 0; position < words.Count; position++)
        {
            if (!_startsByFirstLetter.TryGetValue(words[position][0], out var starts))
            {
                continue;
            }
            foreach (var (index, start) in starts)
            {
                if (!matched[index] && start.MatchesAt(words, position))
                {
                    var next = position + start.Stems.Length;
                    matched[index] = _patterns[index].RestMatchesFrom(words, next);
                }
            }
        }
        // Summed in file order, not in order of discovery, so equal texts give bit-for-bit equal scores.
        var score = 0.0;
        for (var index = 0; index < matched.Length; index++)
        {
            if (matched[index])
            {
                score += _patterns[index].Weight;
            }
        }
        return score;
    }

    /// <summary>Whether the score reaches <paramref name="threshold"/> (a score equal to it counts).</summary>
    public bool LooksLikeIncident(string text, double threshold) => Score(text) >= threshold;

    /// <summary>Loads every <c>*.yaml</c> file of <paramref name="directory"/>; the file name is the language.</summary>
    /// <exception cref="PhraseFileException">The folder is missing or empty, or a file is broken.</exception>
    public static IncidentPhrases Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new PhraseFileException(directory, null, "the folder of phrase files does not exist");
        }
        var files = Directory.EnumerateFiles(directory, "*.yaml").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new PhraseFileException(directory, null, "the folder holds no *.yaml phrase file");
        }
        var patterns = files.SelectMany(LoadFile).ToImmutableArray();
        return new IncidentPhrases(patterns, [.. files.Select(Path.GetFileNameWithoutExtension).OfType<string>()]);
    }

    private static List<Pattern> LoadFile(string file)
    {
        YamlStream stream = [];
        try
        {
            using var reader = new StreamReader(file);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new PhraseFileException(file, ex.Start.Line, "not valid YAML: " + ex.Message);
        }
        catch (IOException ex)
        {
            throw new PhraseFileException(file, null, "cannot be read: " + ex.Message);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlSequenceNode { Children.Count: > 0 } list)
        {
            var line = stream.Documents.Count == 0 ? (long?)null : stream.Documents[0].RootNode.Start.Line;
            throw new PhraseFileException(file, line, "a phrase file must be a non-empty list of { words: [...], weight: N }");
        }
        return [.. list.Children.Select(entry => ReadPattern(file, entry))];
    }

    private static Pattern ReadPattern(string file, YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            throw new PhraseFileException(file, node.Start.Line, "each entry must be { words: [...], weight: N }");
        }
        foreach (var key in map.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: "words" or "weight" or "gap" })
            {
                throw new PhraseFileException(file, key.Start.Line, $"unknown key '{key}'; an entry has words, weight and (optionally) gap");
            }
        }
        if (Child(map, "words") is not YamlSequenceNode { Children.Count: > 0 and <= MaxItems } words)
        {
            throw new PhraseFileException(file, map.Start.Line, $"words must be a list of 1 to {MaxItems} items");
        }
        var items = words.Children.Select(item => ReadItem(file, item)).ToImmutableArray();

        if (Child(map, "weight") is not YamlScalarNode { Value: { } weightText } weightNode
            || !double.TryParse(weightText, NumberStyles.Float, CultureInfo.InvariantCulture, out var weight)
            || weight == 0 || !double.IsFinite(weight))
        {
            throw new PhraseFileException(file, (Child(map, "weight") ?? map).Start.Line, "weight must be a number other than 0");
        }
        var gap = DefaultGap;
        if (Child(map, "gap") is { } gapNode
            && (gapNode is not YamlScalarNode { Value: { } gapText }
                || !int.TryParse(gapText, NumberStyles.None, CultureInfo.InvariantCulture, out gap)
                || gap > MaxGap))
        {
            throw new PhraseFileException(file, gapNode.Start.Line, $"gap must be a whole number from 0 to {MaxGap}");
        }
        return new Pattern(items, weight, gap);
    }

    private static Item ReadItem(string file, YamlNode node)
    {
        if (node is not YamlScalarNode { Value: { } text })
        {
            throw new PhraseFileException(file, node.Start.Line, "an item of words must be text such as 'не дал|не выдал'");
        }
        var alternatives = new List<Alternative>();
        foreach (var alternative in text.Split('|'))
        {
            var stems = new List<Stem>();
            foreach (var piece in alternative.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var wholeWord = piece.EndsWith('=');
                var parts = Normalize(wholeWord ? piece[..^1] : piece).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                // "из-за" reads as the two words "из за", as it does in a message.
                stems.AddRange(parts.Select((part, i) =>
                    new Stem(part, part.Length <= ShortStemLength || (wholeWord && i == parts.Length - 1))));
            }
            if (stems.Count == 0)
            {
                throw new PhraseFileException(file, node.Start.Line, $"'{text}' has an empty alternative (two '|' in a row, or only punctuation)");
            }
            alternatives.Add(new Alternative([.. stems]));
        }
        return new Item([.. alternatives]);
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    /// <summary>Lower case, ё as е, soft and hard signs dropped, look-alike letters in the word's main script, Kazakh
    /// letters as their Russian neighbours (see <see cref="KazakhLetters"/>), apostrophes dropped
    /// ("didn't" → "didnt"), anything else that is not a letter or digit a word break; one space between words.</summary>
    internal static string Normalize(string text)
    {
        string composed;
        try
        {
            composed = text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // Lone surrogates cannot be normalized; such a text is read as it is.
            composed = text;
        }
        var buffer = new char[composed.Length];
        var length = 0;
        var wordStart = 0;
        foreach (var c in composed)
        {
            if (c is 'ь' or 'Ь' or 'ъ' or 'Ъ')
            {
                // Often left out in quick typing ("болнице", "обезд"): dropped from stems and messages alike.
            }
            else if (char.IsLetterOrDigit(c))
            {
                var lower = char.ToLowerInvariant(c);
                buffer[length++] = lower == 'ё' ? 'е' : lower;
            }
            else if (IsInvisibleInWord(c))
            {
                // Stress marks, soft hyphens and zero-width joiners must not split "мета\u00ADдон" in two.
            }
            else if (length > wordStart)
            {
                LookAlikes.Fix(buffer.AsSpan(wordStart, length - wordStart));
                KazakhLetters.Fold(buffer.AsSpan(wordStart, length - wordStart));
                buffer[length++] = ' ';
                wordStart = length;
            }
        }
        if (length > wordStart)
        {
            LookAlikes.Fix(buffer.AsSpan(wordStart, length - wordStart));
            KazakhLetters.Fold(buffer.AsSpan(wordStart, length - wordStart));
        }
        else if (length > 0)
        {
            length--;
        }
        return new string(buffer, 0, length);
    }

    private static bool IsInvisibleInWord(char c) =>
        c is '\'' or '’' or '‘' or 'ʼ' or '`' or '´'
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.EnclosingMark or UnicodeCategory.Format;

    /// <summary>The words of a normalized text, as positions in it rather than as strings.</summary>
    private sealed class MessageWords(string text, List<(int Start, int Length)> words)
    {
        public int Count => words.Count;

        public ReadOnlySpan<char> this[int index] => text.AsSpan(words[index].Start, words[index].Length);

        public static MessageWords Of(string normalized)
        {
            var words = new List<(int, int)>();
            var start = 0;
            while (start < normalized.Length)
            {
                var end = normalized.IndexOf(' ', start);
                if (end < 0)
                {
                    end = normalized.Length;
                }
                words.Add((start, end - start));
                start = end + 1;
            }
            return new MessageWords(normalized, words);
        }
    }

    private sealed record Stem(string Text, bool WholeWord)
    {
        public bool Matches(ReadOnlySpan<char> word) =>
            WholeWord ? word.SequenceEqual(Text) : word.StartsWith(Text, StringComparison.Ordinal);
    }

    /// <summary>Stems that must match consecutive words.</summary>
    private sealed record Alternative(ImmutableArray<Stem> Stems)
    {
        public bool MatchesAt(MessageWords words, int position)
        {
            if (position + Stems.Length > words.Count)
            {
                return false;
            }
            for (var i = 0; i < Stems.Length; i++)
            {
                if (!Stems[i].Matches(words[position + i]))
                {
                    return false;
                }
            }
            return true;
        }
    }

    private sealed record Item(ImmutableArray<Alternative> Alternatives);

    private sealed record Pattern(ImmutableArray<Item> Items, double Weight, int Gap)
    {
        /// <summary>Whether the items after the first match, given the first ended just before <paramref name="next"/>.</summary>
        public bool RestMatchesFrom(MessageWords words, int next) => MatchesFrom(words, 1, next, next + Gap);

        /// <summary>Whether items from <paramref name="item"/> on match, the first of them starting somewhere in
        /// [<paramref name="from"/>, <paramref name="to"/>]. Depth is bounded by the item count, breadth by the gap.</summary>
        private bool MatchesFrom(MessageWords words, int item, int from, int to)
        {
            if (item == Items.Length)
            {
                return true;
            }
            for (var position = from; position <= to && position < words.Count; position++)
            {
                foreach (var alternative in Items[item].Alternatives)
                {
                    if (alternative.MatchesAt(words, position))
                    {
                        var next = position + alternative.Stems.Length;
                        if (MatchesFrom(words, item + 1, next, next + Gap))
                        {
                            return true;
                        }
                    }
                }
            }
            return false;
        }
    }
}

/// <summary>A phrase file that cannot be used; start-up stops with this message.</summary>
/// <param name="file">The file (or folder) at fault.</param>
/// <param name="line">The line in it, 1-based, where known.</param>
internal sealed class PhraseFileException(string file, long? line, string problem)
    : ConfigurationException(line is null ? $"{file}: {problem}" : $"{file}: line {line}: {problem}")
{
    public string File { get; } = file;

    public long? Line { get; } = line;
}
