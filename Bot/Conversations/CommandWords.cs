using System.Collections.Frozen;

namespace CommunityBot.Conversations;

/// <summary>
/// Commands as members type them without a slash, in any of the bot's languages: <c>cancel</c>, <c>назад</c>,
/// <c>артқа</c>, <c>көмек</c>. Messenger, which has no command menu, reads all of them; the interview itself reads "back" and
/// "cancel" typed alone at any question, so that the word is never stored as an answer (a region called "Назад").
/// </summary>
internal static class CommandWords
{
    private static readonly FrozenDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["start"] = CommandNames.Start, ["report"] = CommandNames.Report, ["status"] = CommandNames.Status, ["add"] = CommandNames.Add,
        ["delete"] = CommandNames.Delete, ["cancel"] = CommandNames.Cancel, ["back"] = CommandNames.Back, ["help"] = CommandNames.Help,
        ["language"] = CommandNames.Language, ["forget"] = CommandNames.Forget, ["answer"] = CommandNames.Answer,
        ["начать"] = CommandNames.Start, ["сообщить"] = CommandNames.Report, ["статус"] = CommandNames.Status, ["дополнить"] = CommandNames.Add, ["добавить"] = CommandNames.Add,
        ["удалить"] = CommandNames.Delete, ["отмена"] = CommandNames.Cancel, ["отменить"] = CommandNames.Cancel, ["назад"] = CommandNames.Back,
        ["помощь"] = CommandNames.Help, ["язык"] = CommandNames.Language,
        ["артқа"] = CommandNames.Back, ["болдырмау"] = CommandNames.Cancel,
        // Kazakh as the Kazakh help names them. Not "бастау" (start): it is a word of "Иә, бастау", the answer that
        // begins the interview.
        ["хабарлау"] = CommandNames.Report, ["мәртебе"] = CommandNames.Status, ["толықтыру"] = CommandNames.Add,
        ["өшіру"] = CommandNames.Delete, ["көмек"] = CommandNames.Help, ["анықтама"] = CommandNames.Help, ["тіл"] = CommandNames.Language,
        ["ұмыту"] = CommandNames.Forget,
    }.ToFrozenDictionary(pair => AsTyped(pair.Key), pair => pair.Value, StringComparer.Ordinal);

    // What a member types who wants out for now: not /cancel (which deletes the answers), so they are told how to pause.
    private static readonly FrozenSet<string> Stops = new[] { "stop", "exit", "quit", "стоп", "хватит", "выход", "выйти", "тоқта", "тоқтату", "шығу" }
        .Select(AsTyped).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Every command and "stop" word, as they are compared (Kazakh letters folded: "артка").</summary>
    public static IEnumerable<string> Words => Names.Keys.Concat(Stops);

    /// <summary>Whether <paramref name="text"/> alone says "stop" ("стоп", "хватит", "exit", "тоқта"), in any case.</summary>
    public static bool IsStop(string text) =>
        Stops.Contains(AsTyped(text));

    /// <summary>Whether <paramref name="text"/> alone says to stop waiting for what the bot asked to be written (an
    /// addition, an answer to the moderators): "отмена", "назад", "cancel", "стоп", "болдырмау". It is never that text.</summary>
    public static bool CallsOff(string text) =>
        Named(text) is CommandNames.Cancel or CommandNames.Back || IsStop(text);

    /// <summary>The command <paramref name="word"/> names (as typed: any case, a full stop or "!" after it, letters of
    /// the other keyboard that look the same: "нaзад" with a Latin a), or null.</summary>
    public static string? Named(string word) =>
        Names.GetValueOrDefault(AsTyped(word));

    /// <summary>Whether <paramref name="text"/> alone asks for help without a slash: "help", "помощь", or only question
    /// marks, as someone types who does not know what to type.</summary>
    public static bool AsksHelp(string text) =>
        Named(text) == CommandNames.Help || text.Trim() is { Length: > 0 } typed && typed.All(c => c is '?' or '？');

    /// <summary>A word as members type it: any case, a full stop, "!" or ":" after it, letters of the other keyboard
    /// that look the same, and Kazakh letters as the Russian ones typed in their place ("артка" for "артқа").</summary>
    private static string AsTyped(string word) =>
        KazakhLetters.Folded(LookAlikes.FixWords(word.Trim().TrimEnd('.', '!', ':').ToLowerInvariant()));
}
