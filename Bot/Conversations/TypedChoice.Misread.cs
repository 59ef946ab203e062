namespace CommunityBot.Conversations;

/// <summary>What a typed text that names nothing at a question with choices says when read as the member meant it
/// (<see cref="TypedChoice.Reread"/>).</summary>
internal abstract record Misread
{
    private Misread()
    {
    }

    public sealed record Choice(string Id) : Misread;

    /// <summary>"назад" or "отмена" (<see cref="CommandNames.Back"/>, <see cref="CommandNames.Cancel"/>).</summary>
    public sealed record Command(string Name) : Misread;

    /// <summary>"стоп", "хватит": never an answer.</summary>
    public sealed record Stop : Misread;

    /// <summary>"не знаю".</summary>
    public sealed record Unsure : Misread;
}

internal static partial class TypedChoice
{
    /// <summary>Longer than any label: a longer text is the member's own words.</summary>
    private const int MisreadMaxLength = 100;

    /// <summary>"y" and "n" are English yes and no: a single letter read on the other layout is too easily a slip.</summary>
    private const int MisreadMinLetters = 2;

    /// <summary>What <paramref name="text"/>, which means nothing here as it stands, says typed with the keyboard on the
    /// other layout ("lf" for "да", "нуы" for "yes") or, where the question's labels are Cyrillic, written in Latin
    /// letters ("bolnica", "ya sama", "ne znayu"); null when it says nothing there either. Only a whole label, a choice's
    /// <c>.typed</c> words, a yes or no (and a "send it" at the review), "back", "cancel", "stop" or "I don't know" counts:
    /// never the first words or the stem of a label, nor a number in words. A text with a digit, or one that as it
    /// stands is a yes or no, a number in words or several labels' words, is left as it is.</summary>
    public static Misread? Reread(Prompt prompt, string text, TextCatalog texts)
    {
        var folded = Fold(text);
        if (prompt.Choices.IsEmpty || text.Length >= MisreadMaxLength || text.Any(char.IsDigit)
            || Spellings(folded).Any(spelling => IsYesOrNo(spelling, texts) || texts.TypedUnsure.Contains(spelling) || texts.NumberWords.ContainsKey(spelling))
            || CommandWords.Named(text) is not null || CommandWords.IsStop(text) || !Candidates(prompt, text, texts).IsEmpty)
        {
            return null;
        }
        var cyrillicLabels = prompt.Choices.Any(c => c.Label.Any(letter => letter is >= '\u0400' and <= '\u04FF'));
        string?[] readings =
        [
            KeyboardLayouts.OnRussianLayout(text),
            KeyboardLayouts.OnEnglishLayout(text),
            cyrillicLabels ? KeyboardLayouts.FromLatinLetters(folded, Vocabulary(prompt, texts)) : null,
        ];
        return readings.OfType<string>().Select(Fold).Where(reading => reading.Count(char.IsLetter) >= MisreadMinLetters)
            .Select(reading => Meaning(prompt, reading, texts)).FirstOrDefault(meant => meant is not null);
    }

    private static Misread? Meaning(Prompt prompt, string reading, TextCatalog texts) =>
        MatchFolded(prompt, reading, texts, byBeginning: false, numberWords: false) is { } id ? new Misread.Choice(id)
        : CommandWords.Named(reading) is (CommandNames.Back or CommandNames.Cancel) and var command ? new Misread.Command(command)
        : CommandWords.IsStop(reading) ? new Misread.Stop()
        : texts.TypedUnsure.Contains(reading) ? new Misread.Unsure()
        : null;

    /// <summary>The words a text in Latin letters may be read as here: those of the question's labels and of their
    /// <c>.typed</c> words, the yes, no, "send it" and "I don't know" words, and the command words.</summary>
    private static HashSet<string> Vocabulary(Prompt prompt, TextCatalog texts)
    {
        var labels = prompt.Choices.Select(c => texts.Folded(c.Label)).ToList();
        return
        [
            .. labels.Concat(labels.SelectMany(texts.TypedFor)).Concat(texts.TypedYes).Concat(texts.TypedNo).Concat(texts.TypedSend)
                .Concat(texts.TypedUnsure).Concat(CommandWords.Words)
                .SelectMany(words => words.Split(' ')).Where(word => word.Any(c => c is >= '\u0400' and <= '\u04FF')),
        ];
    }
}
