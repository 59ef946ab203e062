using System.Buffers;
using System.Collections.Immutable;
using CommunityBot.Privacy;

namespace CommunityBot.Conversations;

/// <summary>The engine's care for the member's story wherever it arrives: at the question about it, in parts cut by the
/// app, before its question (at a choice, the date or a place), after it, or at the review. Whatever the member wrote
/// is kept or they are told what became of it; it is never taken silently for something else.</summary>
internal sealed partial class FlowRunner
{
    /// <summary>A text this long, at a question that does not ask for text, is more story rather than a wrong answer.</summary>
    private const int ContinuationMinLength = 100;

    /// <summary>Messaging apps send at most this many characters in one message (Telegram 4,096) and cut a longer one
    /// into parts; a text this long was most likely cut.</summary>
    private const int CutLength = 3_500;

    /// <summary>A story told where a date or a place is asked has at least this many words.</summary>
    private const int StoryMinWords = 6;

    /// <summary>A yes or no typed where a place is asked ("да", "не знаю") is not a place when it is this short.</summary>
    private const int YesNoMaxWords = 3;

    /// <summary>Text that answers none of the choices. A long one (or a sentence) right after a free-text question is the rest of
    /// that answer: messaging apps cut long texts into parts that arrive one after another. It is added to the
    /// story (up to its limit) instead of being thrown away as a wrong answer. A long one at the review, or at a question
    /// changed from it, adds to the story too (it is what a member who writes more there means). A long one before the story question is the story
    /// told early (members often write it at once): it waits there to be kept or rewritten, as a story that came as the
    /// first message does, and is checked for contact details when it is kept. Before all that, a short text typed with the
    /// keyboard on the other layout or in Latin letters is read as the member meant it (<see cref="AsMeant"/>).</summary>
    private FlowResult Unmatched(ConversationState state, string text, DateOnly today)
    {
        if (AsMeant(state, text, today) is { } meant)
        {
            return meant;
        }
        if (text.Length >= ContinuationMinLength && (Current(state).Kind == StepKind.Review || state.ReturnToReview) && StoryTold(state) is { } told)
        {
            return AddToStory(state, told, text, today, "review.story_added");
        }
        if (state.ReturnToReview)
        {
            return ChoiceUnknown(state, text, today);
        }
        if (text.Length < ContinuationMinLength && !IsSentence(text) && !(StoryJustTold(state) is not null && IsStoryTail(state, text, today)))
        {
            return ChoiceUnknown(state, text, today);
        }
        // Right after the story, a long text or a sentence is its next part: cut by the app, written in several messages,
        // or pasted in several lines at a terminal. One the story holds already was sent again when no answer came at once.
        if (StoryJustTold(state) is { } previous)
        {
            return Holds(state, previous, text)
                ? Continue(state, today, Notice(state, "error.choice.unknown"))
                : AddToStory(state, previous, text, today, text.Length < ContinuationMinLength ? "text.added_line" : "text.appended");
        }
        // A sentence typed before the story question ("they refused methadone at the hospital") is what happened, told
        // early: kept for its question, not thrown away as a wrong choice.
        if (StoryAhead(state) is { } story)
        {
            return KeptForStory(state, story, text, today);
        }
        return ChoiceUnknown(state, text, today);
    }

    /// <summary>A typed answer that picks no choice: when its words name several ("hospital"), the member is asked which
    /// of those, by name and number; otherwise told what to type (<see cref="TypedChoice.Unknown"/>).</summary>
    private FlowResult ChoiceUnknown(ConversationState state, string text, DateOnly today) =>
        Continue(state, today, Prompt.Notice(TypedChoice.Unknown(Ask(state, today), text, _texts, state.Language)));

    /// <summary>Adds <paramref name="text"/> to the story already answered at <paramref name="story"/>. What it holds is
    /// hidden at once: it missed the question about contact details its story had. When the whole is longer than a story
    /// may be, nothing is cut: the member is taken back to the story question, where the whole waits on "That is long"
    /// (keep its start or write it again), as a story typed there in one message does.</summary>
    /// <param name="notice">The key of what the member is told, with its <c>_masked</c> variant.</param>
    private FlowResult AddToStory(ConversationState state, Step story, string text, DateOnly today, string notice)
    {
        var earlier = state.Answers.GetValueOrDefault(story.Id) is TextAnswer told ? told.Text + "\n" : "";
        if (earlier.Length + text.Length > story.MaxLength)
        {
            // At "That is long" the review's button to change the story is not on screen: the member is told only that it was added.
            return TooLongForStory(state, story, earlier + text, today, Notice(state, notice == "review.story_added" ? "text.added_line" : notice));
        }
        var findings = story.ScanForContacts ? scanner.Scan(text) : [];
        var said = findings.IsEmpty
            ? Notice(state, notice)
            : Notice(state, notice + "_masked", ("list", KindsOf(state, findings)));
        return Continue(WithText(state, story, earlier + Hidden(state, text, findings)), today, said);
    }

    /// <summary>Back at the story question with <paramref name="whole"/> waiting on "That is long". Its contact details
    /// are asked about with the start kept, as for any story; from the review, or from a question changed from it, the
    /// member returns there once the story is settled.</summary>
    private FlowResult TooLongForStory(ConversationState state, Step story, string whole, DateOnly today, Prompt said)
    {
        var answers = state.Answers.Remove(story.Id);
        var (path, stop) = Walk(answers);
        if (stop != story.Id)
        {
            // The story is not on the way the answers lead (it always is where a part can be added); kept whole all the same.
            path = state.Path;
        }
        var returning = state.ReturnToReview || Current(state).Kind == StepKind.Review;
        var (held, cut) = Held(state, story, null, whole);
        var back = state with { Answers = answers, Path = path, StepId = story.Id, ReturnToReview = returning, Pending = new PendingTooLong(held), Answered = null };
        return cut is null ? Continue(back, today, said) : Continue(back, today, said, cut);
    }

    /// <summary>A story told before its question, or while "That is long" waits, is held whole up to this many times the
    /// story's limit (a 30,000-character story is eight Telegram messages): the member then sees its true length and
    /// chooses what to keep. Only a draft's size needs the bound; the member is told when it is reached.</summary>
    private const int HeldStoryFactor = 10;

    private static int HeldMax(Step story) => story.MaxLength * HeldStoryFactor;

    /// <summary>The text kept for the story question, the member told so, and the open question asked again.</summary>
    private FlowResult KeptForStory(ConversationState state, Step story, string text, DateOnly today)
    {
        var (kept, said) = KeepForStory(state, story, text, Notice(state, "text.kept_for_story"));
        return Continue(kept, today, said.AsSpan());
    }

    /// <summary>Kept at the story question, not cut to the story's limit here: there a longer text gets the choice a long
    /// story gets (keep its start or write it again).</summary>
    /// <returns>The state with the text kept, and what the member is told beside <paramref name="notice"/> when not all of
    /// it could be.</returns>
    private (ConversationState State, ImmutableArray<Prompt> Said) KeepForStory(ConversationState state, Step story, string text, Prompt notice)
    {
        var earlier = state.Answers.GetValueOrDefault(story.Id) is TextAnswer told ? told.Text : null;
        var (held, cut) = Held(state, story, earlier, text);
        return (WithText(state, story, held), cut is { } said ? [notice, said] : [notice]);
    }

    /// <summary><paramref name="text"/> after <paramref name="earlier"/> (on a line of its own), up to what a story
    /// waiting for its question may hold; and when some of <paramref name="text"/> did not fit, the notice saying how
    /// much of it was kept.</summary>
    private (string Held, Prompt? Cut) Held(ConversationState state, Step story, string? earlier, string text)
    {
        var max = HeldMax(story);
        var joined = earlier is null ? text : earlier + "\n" + text;
        if (joined.Length <= max)
        {
            return (joined, null);
        }
        var room = max - (joined.Length - text.Length);
        return room <= 0
            ? (earlier ?? "", Notice(state, "text.held_full", ("max", Count(max))))
            : (joined[..max], Notice(state, "text.held_cut", ("kept", Count(room)), ("lost", Count(text.Length - room))));
    }

    /// <summary>Right after the story, a few words with letters that name no answer here and hold no number, no yes and
    /// no no ("И ушла.", "врач так и не пришёл"): the story's last line sent on its own rather than a try at this
    /// question, kept with the story instead of being refused. An "I don't know" is no part of a story.</summary>
    private bool IsStoryTail(ConversationState state, string text, DateOnly today) =>
        WordsInLetters(text) >= StoryTailMinWords && !text.Any(char.IsDigit) && !TypedChoice.StartsWithYesOrNo(text, _texts)
        && !TypedChoice.IsUnsure(text, _texts) && TypedChoice.Candidates(Ask(state, today), text, _texts).IsEmpty;

    private const int StoryTailMinWords = 2;

    /// <summary>A question about the note ("а модераторы меня узнают?") is a few words; more are a story.</summary>
    private const int ConsentQuestionMaxWords = 5;

    /// <summary>The story answered at the question just before this one.</summary>
    private Step? StoryJustTold(ConversationState state) =>
        !state.Path.IsEmpty && _flow[state.Path[^1]] is { Kind: StepKind.FreeText } previous && state.Answers.ContainsKey(previous.Id) ? previous : null;

    private bool Holds(ConversationState state, Step story, string text) =>
        state.Answers.GetValueOrDefault(story.Id) is TextAnswer told
        && (told.Text.Contains(text.Trim(), StringComparison.Ordinal)
            // The story as kept may have its phone numbers and e-mails hidden: sent again, it is the same story.
            || (story.ScanForContacts && scanner.Scan(text.Trim()) is { IsEmpty: false } findings
                && told.Text.Contains(Hidden(state, text.Trim(), findings), StringComparison.Ordinal)));

    /// <summary>The story the member's latest answer was, when it was long enough to have been cut by the app and nothing
    /// has been answered since: the next text is its next part.</summary>
    private Step? StoryCut(ConversationState state) => state.Pending is null ? StoryInParts(state) : null;

    /// <summary>The story whose next part the next text may be: the member's latest answer, or the story waiting on "Hide
    /// it?" or "That is long", when it is long enough to have been cut by the app.</summary>
    private Step? StoryInParts(ConversationState state) =>
        PendingStory(state.Pending) is { Length: >= CutLength } && Current(state) is { Kind: StepKind.FreeText } waiting ? waiting
        : state.Answered is { } id && _flow[id] is { Kind: StepKind.FreeText } step
          && state.Answers.GetValueOrDefault(id) is TextAnswer { Text.Length: >= CutLength } ? step : null;

    /// <summary>The next part of a story the app cut, arriving at the story's own question after the member went back
    /// there: added to the story (on a line of its own), and the member told so, never put in its place. The story is
    /// shown to keep or write again; a part as long as the app sends may have a next part still, which joins it too.</summary>
    private FlowResult JoinAfterBack(ConversationState state, Step story, string text, DateOnly today)
    {
        if (text.Length >= ContinuationMinLength && Holds(state, story, text))
        {
            // Sent again: the story holds it already, and is shown below. (A few words may be in it by chance: those are added.)
            return Continue(state, today);
        }
        var earlier = state.Answers.GetValueOrDefault(story.Id) is TextAnswer told ? told.Text : null;
        var (held, cut) = Held(state, story, earlier, text);
        var joined = Notice(state, "text.joined_after_back");
        var next = held.Length > story.MaxLength
            // Longer than a story may be: "That is long" asks what to keep, as for any story in parts; later parts join it there.
            ? state with { Answers = state.Answers.Remove(story.Id), Pending = new PendingTooLong(held), Answered = null }
            : WithText(state, story, held) with { Answered = text.Length >= CutLength ? story.Id : null };
        return cut is { } said ? Continue(next, today, joined, said) : Continue(next, today, joined);
    }

    /// <summary>A lone "нет" or "ok" right after a long story answers the question; it is not the story's last part.</summary>
    private bool IsOneYesOrNo(string text) => TypedChoice.StartsWithYesOrNo(text, _texts) && Words(text) == 1;

    /// <summary>Numbers or signs without a letter ("1, 4", "0", an emoji), or a list of this question's answers ("ломка и
    /// здоровье"), try to answer it: they are not the last part of a long story the app cut, which holds words.</summary>
    private bool TriesToAnswer(Step step, Prompt prompt, string text) =>
        !text.Any(char.IsLetter) || step.Kind == StepKind.MultipleChoice && TypedChoice.MatchList(prompt, text, _texts) is not null;

    private static int Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>Words with a letter in them: a phone number's groups are not words of a sentence.</summary>
    private static int WordsInLetters(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsLetter));

    /// <summary>The story already answered on the way to the review.</summary>
    private Step? StoryTold(ConversationState state)
    {
        var (path, _) = Walk(state.Answers);
        return path.Select(id => _flow[id]).FirstOrDefault(s => s.Kind == StepKind.FreeText);
    }

    /// <summary>The first free-text question not yet asked, if any.</summary>
    private Step? StoryAhead(ConversationState state) =>
        _flow.Steps.FirstOrDefault(s => s.Kind == StepKind.FreeText && s.Id != state.StepId && !state.Path.Contains(s.Id));

    /// <summary>Words enough to tell something, with letters: no label, number or "не знаю" is this long.</summary>
    private static bool IsSentence(string text) => Words(text) >= StoryMinWords && text.Count(char.IsLetter) >= StoryMinWords * 2;

    /// <summary>A message that tells what happened rather than naming a day or a place: long, in several words, with a
    /// sentence's punctuation (a facility's long official name has none of it).</summary>
    private static bool LooksLikeStory(string text) =>
        text.Length >= ContinuationMinLength
        && Words(text) >= StoryMinWords
        && HasSentenceMark(text);

    private static readonly SearchValues<char> SentenceMarks = SearchValues.Create(".,;!?…\n");

    /// <summary>Punctuation inside the text, not only at its end.</summary>
    private static bool HasSentenceMark(string text) => text.AsSpan().TrimEnd().TrimEnd(".!?…").IndexOfAny(SentenceMarks) >= 0;

    /// <summary>A shorter text typed where a place is asked is a story when it has this many words and a sentence's
    /// punctuation: the longest official names of facilities have fewer ("Республиканский научно-практический центр
    /// психиатрии, психотерапии и наркологии" has seven).</summary>
    private const int PlaceStoryMinWords = 8;

    /// <summary>More words than any place's name, punctuated or not: many members type a story without a comma or a full
    /// stop.</summary>
    private const int PlaceStoryUnmarkedMinWords = 12;

    /// <summary>A story typed where a place is asked: one with a sentence's punctuation inside it, or of
    /// <see cref="PlaceStoryMinWords"/> words with any punctuation, a full stop at its end too ("Полиция стояла у кабинета
    /// и забрала мужа в отдел."), or of <see cref="PlaceStoryUnmarkedMinWords"/> words with none.</summary>
    private static bool LooksLikeStoryAtAPlace(string text) =>
        LooksLikeStory(text)
        || WordsInLetters(text) >= PlaceStoryMinWords && text.AsSpan().TrimEnd().IndexOfAny(SentenceMarks) >= 0
        || WordsInLetters(text) >= PlaceStoryUnmarkedMinWords;

    /// <summary>A story typed at the date question waits at the story question. When a date can be read from it
    /// ("Yesterday the nurse…"), it answers the date question too, and the member is told both. Null for any other text.</summary>
    private FlowResult? StoryAtDate(ConversationState state, Step step, string text, DateOnly today)
    {
        if (state.ReturnToReview || StoryAhead(state) is not { } story)
        {
            return null;
        }
        if (!LooksLikeStory(text))
        {
            // A shorter sentence that names no day ("В больнице не дали дозу, сказали ждать") is what happened, not a
            // date to be re-asked about; one that names a day is the date's answer, however many words it takes.
            if (IsSentence(text) && (HasSentenceMark(text) || WordsInLetters(text) >= PlaceStoryMinWords) && dates.Parse(text, state.Language, today) is DateParse.Unrecognized)
            {
                return KeptForStory(state, story, text, today);
            }
            return null;
        }
        if (dates.Parse(text, state.Language, today) is DateParse.Parsed { Date: var date } && date <= today && date >= calendar.Floor)
        {
            var (keptDated, saidDated) = KeepForStory(state, story, text, Notice(state, "text.kept_for_story_dated", ("date", FormatDate(date))));
            var accepted = AcceptDate(keptDated, step, date, today);
            return accepted with { Prompts = [.. saidDated, .. accepted.Prompts] };
        }
        return KeptForStory(state, story, text, today);
    }

    /// <summary>Text typed where a place is asked that is no place: a story (kept for the story question) or a yes or no
    /// ("да", "не знаю"). Null for a name, which is taken as typed: members may name a town that is not listed.</summary>
    private FlowResult? NotAPlace(ConversationState state, string text, DateOnly today)
    {
        if (!state.ReturnToReview && LooksLikeStoryAtAPlace(text) && StoryAhead(state) is { } story)
        {
            return KeptForStory(state, story, text, today);
        }
        if ((TypedChoice.StartsWithYesOrNo(text, _texts) && Words(text) <= YesNoMaxWords) || TypedChoice.IsUnsure(text, _texts))
        {
            // Where no list is offered, "pick it from the list" would point at nothing.
            return Continue(state, today, Notice(state, PlaceChoices(Current(state), state.Answers).IsEmpty ? "place.not_a_name_no_list" : "place.not_a_name"));
        }
        if (_texts.NumberWords.ContainsKey(TypedChoice.Fold(text)))
        {
            // "один" for the first of the list: a number, not a town called so.
            return Continue(state, today, Notice(state, "place.number_word"));
        }
        if (LooksLikeADate(state, text, today))
        {
            // "12 марта" or "вчера" sent one question late: no place, and the date question has its answer already.
            return Continue(state, today, Notice(state, "place.date_typed"));
        }
        return null;
    }

    /// <summary>A short text that reads as a date: with a digit ("12 марта", "3 дня назад") or a word or two ("вчера",
    /// "last Friday"), or a week ("на прошлой неделе", read from a few fixed words only). A town's name is none of these,
    /// so a place is never refused for looking like one.</summary>
    private bool LooksLikeADate(ConversationState state, string text, DateOnly today) =>
        Words(text) <= YesNoMaxWords && dates.Parse(text, state.Language, today) switch
        {
            DateParse.Week => true,
            DateParse.Parsed => text.Any(char.IsDigit) || Words(text) <= 2,
            _ => false,
        };

    /// <summary>A typed answer while a story waits on "Hide it?" or "That is long". An offered choice, by its number, label
    /// or a yes or no, answers it; so does a short sentence that begins with one ("Да, скройте номер", "hide it"), and a short text typed on
    /// the other layout or in Latin letters that is one ("lf" for "да"). When
    /// the story waiting was long enough to have been cut by the app, any other text with a letter in it is its next part,
    /// and the question is asked again about the whole. Anything else leaves the story as it is and asks again, saying how to rewrite
    /// it: a message is never silently taken as a new story in place of the one waiting.</summary>
    private FlowResult OnPendingStory(ConversationState state, Step step, Prompt prompt, string text, DateOnly today)
    {
        if (TypedChoice.Match(prompt, text, _texts) is { } choice)
        {
            return OnChoice(state, choice, today);
        }
        var waiting = PendingStory(state.Pending) ?? "";
        if (text.Length < ContinuationMinLength)
        {
            if (TypedChoice.MatchFirstWord(prompt, text, _texts) is { } answer)
            {
                return OnChoice(state, answer, today);
            }
            if (TypedChoice.StartsWithYesOrNo(text, _texts) || TypedChoice.IsUnsure(text, _texts))
            {
                return Continue(state, today, Notice(state, "text.story_waits", ("retype", Text(state, "text.retype"))));
            }
            if (AsMeant(state, text, today) is { } meant)
            {
                return meant;
            }
        }
        // A part cut off a story holds words; a number out of range ("0", "-1") or an emoji is a try at the choices.
        if (waiting.Length >= CutLength && text.Any(char.IsLetter))
        {
            var (held, cut) = Held(state, step, waiting, text);
            var asked = AcceptText(state with { Pending = null }, step, held, today);
            return cut is null ? asked : asked with { Prompts = [cut, .. asked.Prompts] };
        }
        if (IsMoreStory(text))
        {
            // Members write a story in several messages, and the next one often comes before they read "Hide it?". It
            // joins the story and the whole is asked about again, with the contact details of the new part among them;
            // a member who wrote the story again instead is told how to write it afresh.
            var (held, cut) = Held(state, step, waiting, text);
            var asked = AcceptText(state with { Pending = null }, step, held, today);
            var added = Notice(state, "text.added_at_mask", ("retype", Text(state, "text.retype")));
            return asked with { Prompts = cut is null ? [added, .. asked.Prompts] : [added, cut, .. asked.Prompts] };
        }
        return Continue(state, today, Notice(state, "text.story_waits", ("retype", Text(state, "text.retype"))));
    }

    /// <summary>A question about the question ("что это значит", "а кто увидит номер?") is a few words or asks something;
    /// this many words with letters that ask nothing are more of the story.</summary>
    private const int StoryPartMinWords = 4;

    private static bool IsMoreStory(string text) =>
        WordsInLetters(text) >= StoryPartMinWords && !text.TrimEnd().EndsWith('?');

    /// <summary>The story a "Hide it?" or "That is long" question holds while the member decides.</summary>
    private static string? PendingStory(Pending? pending) => pending switch
    {
        PendingMask mask => mask.Text,
        PendingTooLong tooLong => tooLong.Text,
        _ => null,
    };

    private static ConversationState WithText(ConversationState state, Step step, string text) =>
        state with { Answers = state.Answers.SetItem(step.Id, new TextAnswer(text)) };

    /// <summary>The text with each finding replaced by its placeholder in the member's language.</summary>
    private string Hidden(ConversationState state, string text, ImmutableArray<SensitiveFinding> findings) =>
        findings.IsEmpty ? text : Redaction.Mask(text, findings, k => Placeholder(state, k));

    /// <summary>What was hidden, by kind ("a phone number, a link"), for telling the member.</summary>
    private string KindsOf(ConversationState state, ImmutableArray<SensitiveFinding> findings) =>
        string.Join(", ", findings.Select(f => Text(state, KindKey("mask.kind.", f.Kind))).Distinct());
}
