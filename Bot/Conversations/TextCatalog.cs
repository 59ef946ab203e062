using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace CommunityBot.Conversations;

/// <summary>Every text a member sees, by language and key. One YAML file per language
/// (<c>texts/ru.yaml</c>); adding a language is adding a file.</summary>
internal sealed class TextCatalog
{
    private readonly ImmutableDictionary<string, ImmutableDictionary<string, string>> _texts;

    public TextCatalog(ImmutableDictionary<string, ImmutableDictionary<string, string>> texts, string defaultLanguage)
    {
        _texts = texts;
        DefaultLanguage = texts.ContainsKey(defaultLanguage) ? defaultLanguage : texts.Keys.Order(StringComparer.Ordinal).First();
        TypedYes = TypedWords(texts, "yesno.typed_yes");
        TypedNo = TypedWords(texts, "yesno.typed_no");
        TypedSend = TypedWords(texts, "review.typed_send");
        TypedEdit = TypedWords(texts, "review.typed_edit");
        TypedUnsure = TypedWords(texts, "yesno.typed_unsure");
        NumberWords = NumbersInWords(texts);
        _typedByLabel = TypedForLabels(texts);
        _languageNames = LanguageNames(texts);
        _ownYesNo = texts.Values.SelectMany(language => language.Keys)
            .Where(key => !key.StartsWith("yesno.", StringComparison.Ordinal) && (key.EndsWith(OwnYes, StringComparison.Ordinal) || key.EndsWith(OwnNo, StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal)
            .ToImmutableDictionary(key => key, key => TypedWords(texts, key), StringComparer.Ordinal);
        _folded = texts.Values.SelectMany(language => language.Values).Where(text => text.Length <= FoldedMaxLength).Distinct()
            .ToFrozenDictionary(text => text, TypedChoice.Fold, StringComparer.Ordinal);
    }

    /// <summary>The short texts (the buttons' labels among them) as <see cref="TypedChoice.Fold"/> gives them, folded once:
    /// every typed answer is compared with the labels of its question.</summary>
    private readonly FrozenDictionary<string, string> _folded;

    /// <summary>Longer than any label: a longer text is never compared with what a member types.</summary>
    private const int FoldedMaxLength = 120;

    /// <summary>Longer than any button's label: a longer text is a sentence, which no member types to pick a choice.</summary>
    private const int TranslatedMaxLength = 60;

    /// <summary><paramref name="label"/> as <see cref="TypedChoice.Fold"/> gives it; a text of the catalog is folded only
    /// once.</summary>
    public string Folded(string label) => _folded.TryGetValue(label, out var folded) ? folded : TypedChoice.Fold(label);

    /// <summary>Everyday words that name a choice besides its label, by the choice's folded label in every language:
    /// <c>affected.me.typed: "мне, я, меня"</c> lets "мне" answer "Со мной" (and "To me", for a member who types
    /// Russian to the English bot); and the label's own text in the other languages ("Больница" for "Аурухана").</summary>
    private readonly ImmutableDictionary<string, ImmutableHashSet<string>> _typedByLabel;

    private const string TypedSuffix = ".typed";

    /// <summary>The words <see cref="TypedChoice.Fold"/>ed that also name the choice labelled <paramref name="foldedLabel"/>.</summary>
    public ImmutableHashSet<string> TypedFor(string foldedLabel) => _typedByLabel.GetValueOrDefault(foldedLabel, []);

    /// <summary>The everyday words for what a review screen's edit button changes (<c>when.label.typed: "дату, дата"</c>
    /// for "Изменить: Когда это было"): those of the question's label the button's ends with.</summary>
    public IEnumerable<string> EditWordsFor(string foldedEditLabel) =>
        _typedByLabel.Where(pair => foldedEditLabel.EndsWith(" " + pair.Key, StringComparison.Ordinal)).SelectMany(pair => pair.Value);

    /// <summary>Whether <paramref name="folded"/> (a typed answer as <see cref="TypedChoice.Fold"/> gives it) names the
    /// choice labelled <paramref name="foldedLabel"/> by its everyday words: one of them, or several of them together
    /// ("я сам", "мне лично" for "Со мной").</summary>
    public bool NamedByTypedWords(string foldedLabel, string folded)
    {
        var words = TypedFor(foldedLabel);
        if (words.IsEmpty)
        {
            return false;
        }
        if (words.Contains(folded))
        {
            return true;
        }
        // A folded text has single spaces between its words, and one word was looked up just above.
        return folded.Contains(' ', StringComparison.Ordinal) && folded.Split(' ').All(words.Contains);
    }

    private static ImmutableDictionary<string, ImmutableHashSet<string>> TypedForLabels(
        ImmutableDictionary<string, ImmutableDictionary<string, string>> texts)
    {
        var typedKeys = texts.Values.SelectMany(language => language.Keys).Where(k => k.EndsWith(TypedSuffix, StringComparison.Ordinal)).Distinct();
        var byLabel = new Dictionary<string, ImmutableHashSet<string>>(StringComparer.Ordinal);
        foreach (var key in typedKeys)
        {
            var words = TypedWords(texts, key);
            var labelKey = key[..^TypedSuffix.Length];
            foreach (var label in texts.Values.Select(language => language.GetValueOrDefault(labelKey)).OfType<string>())
            {
                var folded = TypedChoice.Fold(label);
                byLabel[folded] = byLabel.TryGetValue(folded, out var earlier) ? earlier.Union(words) : words;
            }
        }
        foreach (var (folded, translations) in Translations(texts))
        {
            byLabel[folded] = byLabel.TryGetValue(folded, out var earlier) ? earlier.Union(translations) : translations;
        }
        return byLabel.ToImmutableDictionary(StringComparer.Ordinal);
    }

    /// <summary>Each short text (a button's label) folded, with the same key's texts of the other languages folded: members
    /// mix the region's languages, and "больница" typed to the Kazakh interview means its "Аурухана".</summary>
    private static IEnumerable<(string Folded, ImmutableHashSet<string> Translations)> Translations(
        ImmutableDictionary<string, ImmutableDictionary<string, string>> texts)
    {
        var keys = texts.Values.SelectMany(language => language.Keys).Distinct()
            .Where(key => !key.Contains("typed", StringComparison.Ordinal));
        foreach (var key in keys)
        {
            var labels = texts.Values.Select(language => language.GetValueOrDefault(key))
                .OfType<string>()
                .Where(text => text.Length <= TranslatedMaxLength && !text.Contains('{', StringComparison.Ordinal))
                .Select(TypedChoice.Fold)
                .ToImmutableHashSet();
            if (labels.Count < 2)
            {
                continue;
            }
            foreach (var label in labels)
            {
                yield return (label, labels.Remove(label));
            }
        }
    }

    private const string OwnYes = ".typed_yes";

    private const string OwnNo = ".typed_no";

    private readonly ImmutableDictionary<string, ImmutableHashSet<string>> _ownYesNo;

    /// <summary>The words that say yes (<paramref name="yes"/>) or no to one question only, in every language, folded:
    /// <c>reported.typed_yes: "жаловалась"</c> answers "Have you complained?" and nothing else.</summary>
    public ImmutableHashSet<string> OwnYesOrNo(string stepId, bool yes) => _ownYesNo.GetValueOrDefault(stepId + (yes ? OwnYes : OwnNo), []);

    public string DefaultLanguage { get; }

    /// <summary>Longer than any language's name with the spaces and marks a member may type around it.</summary>
    public const int LanguageNameMaxLength = 40;

    private readonly FrozenDictionary<string, string> _languageNames;

    /// <summary>The language a folded text names by its own name (<c>language.name</c>) or one of its names in the region's
    /// languages (<c>language.names</c>); the names are folded once. A language's own name wins over another's name for it.</summary>
    public string? LanguageNamed(string folded) => _languageNames.GetValueOrDefault(folded);

    private static FrozenDictionary<string, string> LanguageNames(ImmutableDictionary<string, ImmutableDictionary<string, string>> texts) =>
        texts.Select(language => (Code: language.Key, Name: TypedChoice.Fold(language.Value.GetValueOrDefault("language.name", ""))))
            .Concat(texts.SelectMany(language => language.Value.GetValueOrDefault("language.names", "")
                .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(name => (Code: language.Key, Name: TypedChoice.Fold(name)))))
            .Where(pair => pair.Name.Length > 0)
            .DistinctBy(pair => pair.Name)
            .ToFrozenDictionary(pair => pair.Name, pair => pair.Code, StringComparer.Ordinal);

    /// <summary>The comma-separated words of <paramref name="key"/> in every language, folded as typed answers are.</summary>
    public ImmutableHashSet<string> TypedWordsOf(string key) => TypedWords(_texts, key);

    /// <summary>The words that say yes when typed, of every language (folded as <see cref="TypedChoice"/> compares):
    /// a member may answer in their own language whatever language the bot speaks.</summary>
    public ImmutableHashSet<string> TypedYes { get; }

    /// <summary>The words that say no when typed, of every language.</summary>
    public ImmutableHashSet<string> TypedNo { get; }

    /// <summary>The words that say "I don't know", of every language: no answer to a yes or no, and no place's name.</summary>
    public ImmutableHashSet<string> TypedUnsure { get; }

    /// <summary>The number each word of <c>choice.typed_numbers</c> says, of every language: its words for 1, then (after
    /// a semicolon) its words for 2, and so on ("один, первый; два, второй"). A word two languages give different
    /// numbers says none. A number written as a word is no place's name.</summary>
    public FrozenDictionary<string, int> NumberWords { get; }

    private static FrozenDictionary<string, int> NumbersInWords(ImmutableDictionary<string, ImmutableDictionary<string, string>> texts)
    {
        var said = texts.Values
            .SelectMany(language => language.GetValueOrDefault("choice.typed_numbers", "").Split(';')
                .SelectMany((words, at) => words.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(word => (Word: TypedChoice.Fold(word), Number: at + 1))))
            .Where(w => w.Word.Length > 0)
            .Distinct()
            .GroupBy(w => w.Word, StringComparer.Ordinal);
        return said.Where(g => g.Count() == 1).ToFrozenDictionary(g => g.Key, g => g.Single().Number, StringComparer.Ordinal);
    }

    /// <summary>The words that say "send it" at the review screen, of every language.</summary>
    public ImmutableHashSet<string> TypedSend { get; }

    /// <summary>The verbs that say "change" before an answer's name at the review screen, of every language.</summary>
    public ImmutableHashSet<string> TypedEdit { get; }

    public IEnumerable<string> Languages => _texts.Keys.Order(StringComparer.Ordinal);

    public bool Has(string language) => _texts.ContainsKey(language);

    public bool Has(string language, string key) =>
        _texts.TryGetValue(language, out var texts) && texts.ContainsKey(key);

    public IEnumerable<string> KeysOf(string language) =>
        _texts.TryGetValue(language, out var texts) ? texts.Keys : [];

    /// <summary>The text in <paramref name="language"/> with <c>{name}</c> placeholders filled.</summary>
    /// <remarks>Validation guarantees every key in every language; the fallbacks only keep a member from
    /// seeing nothing should an operator's edited file slip past it.</remarks>
    public string Get(string language, string key, params ReadOnlySpan<(string Name, string Value)> values)
    {
        var text = _texts.TryGetValue(language, out var texts) && texts.TryGetValue(key, out var found)
            ? found
            : _texts[DefaultLanguage].GetValueOrDefault(key, key);
        if (values.IsEmpty)
        {
            return text;
        }
        var builder = new StringBuilder(text);
        foreach (var (name, value) in values)
        {
            builder.Replace("{" + name + "}", value);
        }
        return builder.ToString();
    }

    private static ImmutableHashSet<string> TypedWords(ImmutableDictionary<string, ImmutableDictionary<string, string>> texts, string key) =>
        [.. texts.Values.SelectMany(language => language.GetValueOrDefault(key, "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Select(TypedChoice.Fold)];

    /// <summary>Loads every <c>*.yaml</c> file of <paramref name="directory"/>; the file name is the language code.</summary>
    public static TextCatalog? Load(string directory, string defaultLanguage, List<FlowProblem> problems)
    {
        if (!Directory.Exists(directory))
        {
            problems.Add(new FlowProblem(directory, null, "the folder of language files does not exist"));
            return null;
        }
        var languages = ImmutableDictionary.CreateBuilder<string, ImmutableDictionary<string, string>>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            var language = Path.GetFileNameWithoutExtension(file);
            if (YamlNodes.Load(file, problems) is not YamlMappingNode map)
            {
                problems.Add(new FlowProblem(file, null, "a language file must be a mapping of key: text"));
                continue;
            }
            var texts = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            foreach (var (keyNode, valueNode) in map.Children)
            {
                if (keyNode is YamlScalarNode { Value: { } key } && valueNode is YamlScalarNode { Value: { } value } && value.Length > 0)
                {
                    texts[key] = value.TrimEnd();
                }
                else
                {
                    problems.Add(new FlowProblem(file, keyNode.Line(), "each entry must be key: \"non-empty text\""));
                }
            }
            languages[language] = texts.ToImmutable();
        }
        if (languages.Count == 0)
        {
            problems.Add(new FlowProblem(directory, null, "no language files (*.yaml) found"));
            return null;
        }
        if (!languages.ContainsKey(defaultLanguage))
        {
            problems.Add(new FlowProblem(directory, null, $"the default language '{defaultLanguage}' has no file"));
        }
        return new TextCatalog(languages.ToImmutable(), defaultLanguage);
    }
}
