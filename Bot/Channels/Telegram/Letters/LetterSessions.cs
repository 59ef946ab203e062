using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Security.Cryptography;
using CommunityBot.Letters;

namespace CommunityBot.Channels.Telegram.Letters;

/// <summary>
/// One person's letter in the making, in one chat. It holds what they typed (recipient, signatory...), so it lives
/// in memory only and is never written anywhere.
/// </summary>
/// <param name="Id">Random, short; carried by the buttons of this letter.</param>
/// <param name="Person">The moderator pseudonym of whoever started it: only they can go on with it.</param>
/// <param name="Language">Of the texts and of the templates offered.</param>
internal sealed record LetterSession(string Id, string Person, long ChatId, bool InPrivate, string Language, DateTimeOffset Touched)
{
    /// <summary>The forum topic the letter was asked for in, where all of it goes on; null outside topics.</summary>
    public int? Topic { get; init; }

    /// <summary>Where the interview stands; the session only adds where in the chat it is asked.</summary>
    public LetterState State { get; init; } = new(Language) { Confirm = true, ByReply = true };

    public LetterStep Step
    {
        get => State.Step;
        init => State = State with { Step = value };
    }

    /// <summary>The field asked now (<see cref="LetterStep.Field"/>, <see cref="LetterStep.NewValue"/>).</summary>
    public string? Field
    {
        get => State.Field;
        init => State = State with { Field = value };
    }

    /// <summary>The bot's question whose reply is the answer, when one is open.</summary>
    public int? Question { get; init; }

    /// <summary>The message whose buttons are the ones that count now.</summary>
    public int? Buttons { get; init; }

    public bool AwaitsText => State.AwaitsText;
}

/// <summary>
/// The letters being drafted right now, by id, in memory only. A session belongs to one person in one chat and ends
/// 30 minutes after its last step; several people can draft at once, one letter each per chat.
/// </summary>
internal sealed class LetterSessions : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    /// <summary>More than this many letters at once is not a drafting team but a flood; the next is refused.</summary>
    public const int Limit = 500;

    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, LetterSession> _open = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ITimer _sweeper;

    public LetterSessions(TimeProvider time)
    {
        _time = time;
        // A letter someone walked away from goes on time, not when the next letter starts: it names who drafts it.
        _sweeper = time.CreateTimer(_ => Sweep(), null, SweepEvery, SweepEvery);
    }

    /// <summary>How many letters are open now.</summary>
    internal int Count => _open.Count;

    public void Dispose() => _sweeper.Dispose();

    private void Sweep()
    {
        var now = _time.GetUtcNow();
        foreach (var expired in _open.Values.Where(s => Expired(s, now)))
        {
            _open.TryRemove(expired.Id, out _);
        }
    }

    /// <summary>A new letter for this person in this chat (any earlier one of theirs there ends); null when too many
    /// letters are open.</summary>
    public LetterSession? Start(string person, long chatId, bool inPrivate, string language, int? topic = null)
    {
        var now = _time.GetUtcNow();
        foreach (var old in _open.Values.Where(s => Expired(s, now) || (s.Person == person && s.ChatId == chatId)))
        {
            _open.TryRemove(old.Id, out _);
        }
        if (_open.Count >= Limit)
        {
            return null;
        }
        var session = new LetterSession(RandomNumberGenerator.GetString(Alphabet, 10), person, chatId, inPrivate, language, now) { Topic = topic };
        _open[session.Id] = session;
        return session;
    }

    /// <summary>The session, when it is open and is this person's, in this chat.</summary>
    public LetterSession? Find(string id, string person, long chatId) =>
        _open.TryGetValue(id, out var session) && Open(session) && session.Person == person && session.ChatId == chatId ? session : null;

    /// <summary>The open session that asked this question, whoever it belongs to.</summary>
    public LetterSession? AskedBy(long chatId, int messageId) =>
        _open.Values.FirstOrDefault(s => s.ChatId == chatId && s.Question == messageId && s.AwaitsText && Open(s));

    /// <summary>In a private chat, the open session: a plain message there is its answer or its choice, typed.</summary>
    public LetterSession? AwaitingText(long chatId) =>
        _open.Values.FirstOrDefault(s => s.ChatId == chatId && s.InPrivate && Open(s));

    /// <summary>This person's open letter in this chat (a new one replaces the earlier, so there is at most one).</summary>
    public LetterSession? OpenOf(string person, long chatId) =>
        _open.Values.FirstOrDefault(s => s.ChatId == chatId && s.Person == person && Open(s));

    /// <summary>The open session whose choice this message shows with its buttons, whoever it belongs to.</summary>
    public LetterSession? ChoosingBy(long chatId, int messageId) =>
        _open.Values.FirstOrDefault(s => s.ChatId == chatId && s.Buttons == messageId && !s.AwaitsText && Open(s));

    /// <summary>Keeps the session as it is now, for another 30 minutes.</summary>
    public LetterSession Save(LetterSession session)
    {
        var kept = session with { Touched = _time.GetUtcNow() };
        _open[kept.Id] = kept;
        return kept;
    }

    public void End(LetterSession session) => _open.TryRemove(session.Id, out _);

    /// <summary>Ends the letters of a private chat (its person did something else).</summary>
    /// <returns>The language of the letter that was still open there, if one was.</returns>
    public string? EndIn(long chatId)
    {
        string? ended = null;
        foreach (var session in _open.Values.Where(s => s.ChatId == chatId && s.InPrivate))
        {
            if (_open.TryRemove(session.Id, out _) && Open(session))
            {
                ended = session.Language;
            }
        }
        return ended;
    }

    private bool Open(LetterSession session)
    {
        if (!Expired(session, _time.GetUtcNow()))
        {
            return true;
        }
        _open.TryRemove(session.Id, out _);
        return false;
    }

    private static bool Expired(LetterSession session, DateTimeOffset now) => now - session.Touched >= Lifetime;
}

/// <summary>A press on a letter's button: <c>l:{session}:{action}[:{argument}]</c>, 20 bytes at most.</summary>
internal sealed record LetterPress(string Session, char Action, string Argument)
{
    public const string Prefix = "l:";
    public const char Template = 't';
    public const char Period = 'p';
    public const char Send = 's';
    public const char Change = 'c';
    public const char Field = 'f';
    public const char Back = 'b';
    public const char Cancel = 'x';

    public static string Data(LetterSession session, char action, string argument = "") =>
        Prefix + session.Id + ":" + action + (argument.Length == 0 ? "" : ":" + argument);

    /// <summary>The button of the choice at <paramref name="index"/> of what the interview asks at this step.</summary>
    public static string Data(LetterSession session, string choice, int index) => session.Step switch
    {
        LetterStep.Template => Data(session, Template, Number(index)),
        LetterStep.Set => Data(session, Period, Number(index)),
        LetterStep.Preview => Data(session, choice == LetterInterview.Send ? Send : Change),
        _ when choice == LetterInterview.Back => Data(session, Back),
        _ => Data(session, Field, Number(index)),
    };

    public static LetterPress? Parse(string? data) =>
        data is { Length: <= 64 } && data.StartsWith(Prefix, StringComparison.Ordinal) && data.Split(':') is ["l", { Length: > 0 } id, [var action], .. var rest]
            && rest.Length <= 1
            ? new LetterPress(id, action, rest is [var argument] ? argument : "")
            : null;

    /// <summary>The argument as a list index, or -1.</summary>
    public int Index => int.TryParse(Argument, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < 100 ? i : -1;

    private static string Number(int index) => index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
