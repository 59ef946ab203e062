using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CommunityBot.Conversations;

/// <summary>Reads a typed answer to a question with choices, as members type them when there are no buttons (the
/// terminal) or when they prefer typing: the choice's number as listed, its label, or yes/no in words.</summary>
internal static partial class TypedChoice
{
    /// <summary>
    /// The choices that answer a question asked as yes or no, whatever their ids: "Shall we start?" (start / not now),
    /// "Hide it?" (hide / keep as it is), and the review's "Is everything right?" (send; a no there is answered with
    /// the screen again, whose buttons say how to change an answer), and "That is long" (keep its start; a no there
    /// answers nothing and the question is asked again). A member who types "да" or "ok" means the first.
    /// </summary>
    private static readonly (string Yes, string? No)[] YesNoPairs =
        [(ChoiceIds.Yes, ChoiceIds.No), (ChoiceIds.Accept, ChoiceIds.Decline), (ChoiceIds.Mask, ChoiceIds.Keep), (ChoiceIds.Submit, null),
            (ChoiceIds.KeepStart, null)];

    /// <summary>The id of the choice <paramref name="text"/> names, or null when it names none (or several); yes and no
    /// are also understood in the words of <paramref name="texts"/>' languages. With <paramref name="byBeginning"/>, the
    /// first words of one label are enough ("police at the OST site" for "Police at the OST site, detention"); it is
    /// left off where a typed text that names nothing offered is itself an answer (a place's name). A number in words
    /// ("третий", "eighteen", "бесінші") is the choice of that number unless <paramref name="numberWords"/> is off, where
    /// such a word means something else (at a date, "третье" is a day of the month). A text that names nothing as it
    /// stands is read again with its words in the other script (<see cref="LookAlikes.Twinned"/>): "HET" typed with the
    /// Latin keyboard on is "нет". A whole label with one letter wrong names it unless <paramref name="slips"/> is off, where
    /// a name one letter away may be another one (a town).</summary>
    public static string? Match(Prompt prompt, string text, TextCatalog texts, bool byBeginning = false, bool numberWords = true, bool slips = true,
        bool sentences = true)
    {
        if (prompt.Choices.IsEmpty || text.Length == 0)
        {
            return null;
        }
        if (ChoiceNumberParser.TryParseOne(text, prompt.Choices.Length, out var index)
            || ChoiceNumberParser.TryParseRepeated(text, prompt.Choices.Length, out index))
        {
            return prompt.Choices[index - 1].Id;
        }
        var folded = Fold(text);
        return Spellings(folded).Select(spelling => MatchFolded(prompt, spelling, texts, byBeginning, numberWords)).FirstOrDefault(id => id is not null)
            ?? (slips ? ByOneSlip(prompt, folded, texts) : null)
            ?? (byBeginning && sentences ? InSentence(prompt, text, texts) : null);
    }

    /// <summary>Shorter labels are too near one another for a slip to say which was meant.</summary>
    private const int SlipMinLength = 5;

    /// <summary>A whole label typed with one letter wrong, left out or added ("болница", "Поликлинника"): the one label
    /// that near, when no other is. Not for short labels, nor for a text with a digit in it (a number is read as one).</summary>
    private static string? ByOneSlip(Prompt prompt, string folded, TextCatalog texts)
    {
        if (folded.Length < SlipMinLength || folded.Any(char.IsDigit))
        {
            return null;
        }
        var near = prompt.Choices.Where(choice => OneSlipApart(texts.Folded(choice.Label), folded)).Take(2).ToList();
        return near.Count == 1 ? near[0].Id : null;
    }

    /// <summary>Whether <paramref name="typed"/> is <paramref name="label"/> with exactly one letter changed, left out or
    /// added.</summary>
    private static bool OneSlipApart(string label, string typed)
    {
        if (Math.Abs(label.Length - typed.Length) > 1 || label == typed)
        {
            return false;
        }
        var (longer, shorter) = label.Length >= typed.Length ? (label, typed) : (typed, label);
        var at = 0;
        while (at < shorter.Length && longer[at] == shorter[at])
        {
            at++;
        }
        // Past the first difference the rest must agree: after one letter changed, or after the longer one's extra letter.
        return longer.Length == shorter.Length
            ? longer.AsSpan(at + 1).SequenceEqual(shorter.AsSpan(at + 1))
            : longer.AsSpan(at + 1).SequenceEqual(shorter.AsSpan(at));
    }

    /// <summary>The folded text as typed, then (when they differ from it) with its words in Cyrillic and in Latin.</summary>
    private static IEnumerable<string> Spellings(string folded)
    {
        yield return folded;
        if (LookAlikes.Twinned(folded, toCyrillic: true) is { } cyrillic)
        {
            // A Latin i is a Kazakh і there, which is folded like the rest.
            yield return KazakhLetters.Folded(cyrillic);
        }
        if (LookAlikes.Twinned(folded, toCyrillic: false) is { } latin)
        {
            yield return latin;
        }
    }

    private static string? MatchFolded(Prompt prompt, string folded, TextCatalog texts, bool byBeginning, bool numberWords)
    {
        var labels = prompt.Choices.Select(c => (c.Id, Label: texts.Folded(c.Label))).ToList();
        var byLabel = labels.Where(c => c.Label == folded).ToList();
        if (byLabel.Count == 1)
        {
            return byLabel[0].Id;
        }
        var byWords = labels.Where(c => texts.NamedByTypedWords(c.Label, folded)).Take(2).ToList();
        if (byWords.Count > 0)
        {
            // Everyday words several choices share ("не дали дозу") are asked about (<see cref="Candidates"/>), never
            // read as the one label they happen to begin.
            return byWords.Count == 1 ? byWords[0].Id : null;
        }
        if (numberWords && texts.NumberWords.TryGetValue(folded, out var number))
        {
            return number <= prompt.Choices.Length ? prompt.Choices[number - 1].Id : null;
        }
        var ids = prompt.Choices.Select(c => c.Id).ToHashSet();
        if (IsYesOrNo(folded, texts) && OfferedPair(ids) is { } pair)
        {
            return texts.TypedYes.Contains(folded) ? pair.Yes : pair.No;
        }
        if (ids.Contains(ChoiceIds.Submit) && texts.TypedSend.Contains(folded))
        {
            return ChoiceIds.Submit;
        }
        if (ids.Contains(ChoiceIds.None) && texts.TypedNo.Contains(folded))
        {
            // "No" to a list of what followed ("Did any of this happen?") is its "None of these".
            return ChoiceIds.None;
        }
        if (!byBeginning || byLabel.Count > 0)
        {
            return null;
        }
        // A yes, a no or an "I don't know" names no choice by its words ("no" is no "No OST in hospital"): where no pair
        // takes it, it is no answer.
        return IsYesOrNo(folded, texts) || texts.TypedUnsure.Contains(folded) ? null
            : ByWords(labels, folded) ?? ByEdit(prompt, labels, folded, texts);
    }

    /// <summary>What a member who typed <paramref name="text"/>, which picks no choice of <paramref name="prompt"/>, is told
    /// in <paramref name="language"/>, so that the next try can succeed: a number the list has not ("0", "-1", "25",
    /// "двадцать") gets the numbers it has; several numbers where one answer is asked, that one is needed; a number
    /// among words ("наверное 2"), to type the number alone; anything else, to pick an option or type its number.</summary>
    public static string Reask(Prompt prompt, string text, TextCatalog texts, string language)
    {
        var max = ("max", prompt.Choices.Length.ToString(CultureInfo.InvariantCulture));
        var folded = Fold(text);
        var numbers = ChoiceNumberParser.TryParseMany(text, AnyNumber, out var read) ? read : [];
        var key = numbers.Length switch
        {
            > 0 when numbers[^1] > prompt.Choices.Length => "error.choice.no_such_number",
            > 1 when prompt.Kind != PromptKind.MultipleChoice => "error.choice.one_number",
            0 when Spellings(folded).Any(spelling => texts.NumberWords.ContainsKey(spelling)) => "error.choice.no_such_number",
            // "первый и третий": numbers in words, several where one answer is asked.
            0 when prompt.Kind != PromptKind.MultipleChoice && folded.Split(' ').Count(texts.NumberWords.ContainsKey) > 1 => "error.choice.one_number",
            0 when text.Any(char.IsDigit) => text.Any(char.IsLetter) ? "error.choice.number_alone" : "error.choice.no_such_number",
            _ => "error.choice.unknown",
        };
        return texts.Get(language, key, max);
    }

    /// <summary>What a member whose typed text picks no choice is told: when its words name several ("hospital"), which
    /// of those, by name and number; otherwise <see cref="Reask"/>.</summary>
    public static string Unknown(Prompt prompt, string text, TextCatalog texts, string language)
    {
        var candidates = Candidates(prompt, text, texts);
        return candidates.IsEmpty
            ? Reask(prompt, text, texts, language)
            : texts.Get(language, "error.choice.which_one", ("text", text.Trim()),
                ("options", string.Join("\n", candidates.Select(number => $"{number}. {prompt.Choices[number - 1].Label}"))));
    }

    /// <summary>Larger than any list, so that a number too large for this one is still read as a number.</summary>
    private const int AnyNumber = 99_999;

    /// <summary>A short answer read by its first word, as members answer a question in a sentence: "Да, скройте номер"
    /// (a yes), "hide it" or "оставить" (the first word of one label). Null when the first word names nothing here or a
    /// yes or no that no choice answers.</summary>
    public static string? MatchFirstWord(Prompt prompt, string text, TextCatalog texts)
    {
        var first = FirstWord(text);
        if (prompt.Choices.IsEmpty || first.Length == 0)
        {
            return null;
        }
        return Spellings(first).Select(spelling => MatchFirstWordFolded(prompt, spelling, texts)).FirstOrDefault(id => id is not null);
    }

    private static string? MatchFirstWordFolded(Prompt prompt, string first, TextCatalog texts)
    {
        if (IsYesOrNo(first, texts))
        {
            return OfferedPair(prompt.Choices.Select(c => c.Id).ToHashSet()) is { } pair
                ? texts.TypedYes.Contains(first) ? pair.Yes : pair.No
                : null;
        }
        var named = prompt.Choices.Where(c => FirstWordOfFolded(texts.Folded(c.Label)) == first).Take(2).ToList();
        return named.Count == 1 ? named[0].Id : null;
    }

    /// <summary>Whether the text begins with a yes or a no in any of the bot's languages ("да", "не знаю", "ok").</summary>
    public static bool StartsWithYesOrNo(string text, TextCatalog texts) => Spellings(FirstWord(text)).Any(first => IsYesOrNo(first, texts));

    private static bool IsYesOrNo(string folded, TextCatalog texts) => texts.TypedYes.Contains(folded) || texts.TypedNo.Contains(folded);

    /// <summary>The first pair of <see cref="YesNoPairs"/> offered among <paramref name="ids"/>, which a typed yes or no
    /// answers; null when none is.</summary>
    private static (string Yes, string? No)? OfferedPair(HashSet<string> ids)
    {
        foreach (var pair in YesNoPairs)
        {
            if (ids.Contains(pair.Yes) && (pair.No is null || ids.Contains(pair.No)))
            {
                return pair;
            }
        }
        return null;
    }

    /// <summary>Whether the text says only "I don't know" ("не знаю", "not sure", "білмеймін"), in any language.</summary>
    public static bool IsUnsure(string text, TextCatalog texts) => texts.TypedUnsure.Contains(Fold(text));

    /// <summary>The first word, folded: "Да, скройте" gives "да", "✅ Hide" gives "hide".</summary>
    private static string FirstWord(string text) => FirstWordOfFolded(Fold(text));

    private static string FirstWordOfFolded(string folded)
    {
        var end = 0;
        while (end < folded.Length && (char.IsLetterOrDigit(folded[end]) || folded[end] == '-'))
        {
            end++;
        }
        return folded[..end];
    }

    /// <summary>The one choice a short text names by its words (<see cref="Namers"/>), or null.</summary>
    private static string? ByWords(List<(string Id, string Label)> labels, string folded) =>
        Namers(folded).Select(names => OneOf(labels, names)).FirstOrDefault(id => id is not null);

    /// <summary>
    /// The ways a short typed text may name a label, in the order they are tried: its first words ("полиция у
    /// кабинета", "1414"); up to three of its words as they stand, then in any order ("me" for "To me", "bribe" for "Money or a
    /// bribe demanded", "изменить рассказ" for "Изменить: Ваш рассказ": every word typed must be a word of the label,
    /// so a "не" typed is never left out); one word in another case than the label's, sharing all but the last two
    /// letters of the shorter and at least <see cref="StemMinLength"/> ("больница" for "…в больнице", "аурухана" for
    /// "Ауруханада…"). A way that names several labels ("hospital", "police") names none of them.
    /// </summary>
    private static IEnumerable<Func<string, bool>> Namers(string folded)
    {
        if (folded.Length < 2 || !folded.Any(char.IsLetterOrDigit))
        {
            yield break;
        }
        yield return label => label.Length > folded.Length && label.StartsWith(folded, StringComparison.Ordinal)
            && !char.IsLetterOrDigit(label[folded.Length]);
        if (!folded.Any(char.IsLetter))
        {
            // A number that is no number of the list names a label only by its beginning ("1414" for "1414 or eOtinish").
            yield break;
        }
        if (folded.Count(c => c == ' ') < ByWordsMaxWords)
        {
            yield return label => $" {label} ".Contains($" {folded} ", StringComparison.Ordinal);
            var typed = Words(folded);
            yield return label => Words(label) is var words && typed.All(words.Contains);
        }
        if (folded.Length >= StemMinLength && !folded.Contains(' ', StringComparison.Ordinal) && folded.All(char.IsLetter))
        {
            yield return label => label.Split(' ').Any(word => SameStem(word, folded));
        }
        if (InOtherCases(folded) is { } inOtherCases)
        {
            yield return inOtherCases;
        }
    }

    /// <summary>The numbers (from 1) of the choices a short typed text names when it names more than one by the same
    /// way ("hospital": "No OST in hospital" and "Refused by an ambulance or a maternity hospital"), so that the member
    /// can be asked which; empty when it names one, none, or too many to list, and for a yes, a no or an "I don't
    /// know".</summary>
    public static ImmutableArray<int> Candidates(Prompt prompt, string text, TextCatalog texts)
    {
        var folded = Fold(text);
        if (prompt.Choices.Length < 3 || IsYesOrNo(folded, texts) || texts.TypedUnsure.Contains(folded))
        {
            return [];
        }
        var labels = prompt.Choices.Select(c => texts.Folded(c.Label)).ToList();
        foreach (var names in Namers(folded).Prepend(label => texts.NamedByTypedWords(label, folded)).Append(label => !HoldsADoubt(folded, texts) && NamedInSentence(label, folded, texts)))
        {
            var named = labels.Select((label, index) => (label, index)).Where(c => names(c.label)).Select(c => c.index + 1).ToList();
            if (named.Count >= 2)
            {
                return named.Count <= MostCandidates ? [.. named] : [];
            }
        }
        return [];
    }

    /// <summary>More than this many choices named by one word are no narrower than the question itself.</summary>
    private const int MostCandidates = 5;

    private static HashSet<string> Words(string folded) => [.. WordsInOrder(folded)];

    /// <summary>The words of a folded text without the quotes and colons around them, in the order typed.</summary>
    private static IEnumerable<string> WordsInOrder(string folded) =>
        folded.Split(' ').Select(word => word.Trim(':', ';', '«', '»', '"', '(', ')')).Where(word => word.Length > 0);

    private const int StemMinLength = 5;

    /// <summary>The id of the one choice whose folded label <paramref name="names"/> the typed text, or null when none or
    /// several do: a guess between two labels is no answer.</summary>
    private static string? OneOf(List<(string Id, string Label)> labels, Func<string, bool> names)
    {
        var named = labels.Where(c => names(c.Label)).Take(2).ToList();
        return named.Count == 1 ? named[0].Id : null;
    }

    private static bool SameStem(string word, string typed)
    {
        var common = 0;
        while (common < word.Length && common < typed.Length && word[common] == typed[common])
        {
            common++;
        }
        return common >= Math.Max(StemMinLength, Math.Min(word.Length, typed.Length) - 2);
    }

    /// <summary>A longer text is a sentence of the member's own, not a label's words.</summary>
    private const int ByWordsMaxWords = 3;

    /// <summary>The id of the one candidate that has <paramref name="text"/> among its names (in any language), or null
    /// when none or several have. A name's note in brackets may be left out ("Алматы" names "Алматы (город)"), or be
    /// the name typed ("Ust-Kamenogorsk" names "Oskemen (Ust-Kamenogorsk)").</summary>
    public static string? MatchName(IEnumerable<(string Id, IEnumerable<string> Names)> candidates, string text)
    {
        var folded = Fold(text);
        var listed = candidates.ToList();
        return OneNamed(listed, name => Fold(name) == folded)
            ?? OneNamed(listed, name => Fold(WithoutNote(name)) == folded)
            ?? OneNamed(listed, name => Note(name) is { } note && Fold(note) == folded);
    }

    private static string? OneNamed(List<(string Id, IEnumerable<string> Names)> candidates, Func<string, bool> names)
    {
        var named = candidates.Where(c => c.Names.Any(names)).Select(c => c.Id).Distinct().Take(2).ToList();
        return named.Count == 1 ? named[0] : null;
    }

    private static string WithoutNote(string name) => name.IndexOf('(', StringComparison.Ordinal) is > 0 and var at ? name[..at] : name;

    private static string? Note(string name) =>
        name.IndexOf('(', StringComparison.Ordinal) is > 0 and var at && name.IndexOf(')', at) is > 0 and var end ? name[(at + 1)..end] : null;

    /// <summary>A label or a typed answer as compared: in lower case, without the marks a button may show before it
    /// or a member adds after it (a tick, an emoji), copied or not, without the full stop or bracket typed after a
    /// number, with commas and runs of spaces read as one space ("да начать" for "Да, начать"), each word in its one
    /// script: a phone's other keyboard gives Latin letters that look Cyrillic ("дa", "нeт", "Бoльница") and the reverse;
    /// and Kazakh letters as the Russian ones typed in their place on a Russian keyboard (<see cref="KazakhLetters"/>:
    /// "биринши" is "бірінші", "жок" is "жоқ").</summary>
    internal static string Fold(string text)
    {
        var start = 0;
        while (start < text.Length && (char.IsWhiteSpace(text[start]) || IsMark(text[start])))
        {
            start++;
        }
        var end = text.Length;
        while (end > start && (char.IsWhiteSpace(text[end - 1]) || IsTrailingMark(text[end - 1])))
        {
            end--;
        }
        var kept = new string([.. text[start..end].TrimEnd('.', '!', ')').Where(c => !char.IsControl(c) || char.IsWhiteSpace(c))]);
        return KazakhLetters.Folded(LookAlikes.FixWords(string.Join(' ', kept.Split(',').SelectMany(part => part.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
            .ToLowerInvariant().Replace('ё', 'е')));
    }

    // After a word a combining accent belongs to its letter; only the emoji's variation selectors are marks there.
    private static bool IsTrailingMark(char c) =>
        IsMark(c) && (char.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark || c is >= '\uFE00' and <= '\uFE0F');

    private static bool IsMark(char c) =>
        char.IsSurrogate(c) || char.GetUnicodeCategory(c) is UnicodeCategory.OtherSymbol or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.Format or UnicodeCategory.MathSymbol;
}
