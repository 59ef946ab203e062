using System.Collections.Immutable;
using CommunityBot.Conversations;
using CommunityBot.Letters;
using CommunityBot.Moderation;
using CommunityBot.Privacy;
using Microsoft.Extensions.Hosting;

namespace CommunityBot.Channels.Console;

/// <summary>What came of a letter at a terminal.</summary>
internal abstract record TerminalLetter
{
    private TerminalLetter()
    {
    }

    public sealed record Written(DraftedLetter Letter) : TerminalLetter;

    public sealed record Refused(LetterOutcome Outcome) : TerminalLetter;

    /// <summary>The input ended before the letter was written.</summary>
    public sealed record Unfinished : TerminalLetter;

    /// <summary>The person typed /cancel.</summary>
    public sealed record Cancelled : TerminalLetter;
}

/// <summary>
/// <see cref="LetterInterview"/> at a terminal, for the <c>chat</c> verb's offer and for the <c>letter</c> verb alike:
/// prompts are printed, lines are read as answers (a choice by its number or its label), and the letter is drafted as
/// soon as every field is known, the remembered answers used listed first. Whoever sits at this terminal is one
/// person, so both verbs remember their answers under one key.
/// </summary>
internal sealed class TerminalLetters(
    LetterWriter writer,
    LetterDefaults defaults,
    Pseudonyms pseudonyms,
    FlowBundle flow,
    CalendarSettings calendar,
    TimeProvider time,
    IHostApplicationLifetime lifetime)
{
    /// <summary>The terminal's operator as <see cref="LetterDefaults"/> knows them.</summary>
    private string Person => pseudonyms.Of(PseudonymPurpose.Moderators, "console:local");

    /// <summary>Runs the interview from its start to a letter: a chosen <paramref name="template"/>, or one of
    /// <paramref name="offered"/>; <paramref name="given"/> answers fields beforehand. Ctrl-C and SIGTERM reach the host,
    /// which asks its application to stop: the letter ends then as at the end of input, where it had waited on for a line
    /// nobody would type.</summary>
    public async Task<TerminalLetter> RunAsync(TextReader input, TextWriter output, string language, ImmutableArray<LetterTemplate> offered,
        LetterSource source, LetterTemplate? template, IReadOnlyDictionary<string, string> given, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var ct = stop.Token;
        // Collective letters are chosen by flags here, never by words typed at this step: no vocabulary is needed.
        var interview = new LetterInterview(flow, new FilterVocabulary([], []));
        var state = new LetterState(language) { Offered = offered, Remembered = await defaults.RecallAsync(Person) };
        var turn = interview.Start(state, Today(), template, source, given);
        while (true)
        {
            foreach (var prompt in turn.Prompts)
            {
                await output.WriteAsync(TerminalPrompts.Format(flow.Texts, prompt, language));
            }
            await output.FlushAsync(CancellationToken.None);
            switch (turn.Next)
            {
                case LetterNext.Finish { Request: var request }:
                    return await WriteAsync(request, ct);
                case LetterNext.Cancelled:
                    return new TerminalLetter.Cancelled();
                case LetterNext.CheckReport { Label: var label }:
                    turn = interview.Handle(turn.State, new LetterInput.ReportChecked(label, await writer.RefusalAsync(label)), Today());
                    continue;
            }
            var read = await TerminalInput.ReadAsync(input, ct);
            while (read is { Unreadable: true })
            {
                // Not taken as an answer: the question stays on the screen above, to be answered again.
                await output.WriteAsync(Environment.NewLine + flow.Texts.Get(language, "chat.unreadable") + Environment.NewLine + "> ");
                await output.FlushAsync(CancellationToken.None);
                read = await TerminalInput.ReadAsync(input, ct);
            }
            if (read is not { Text: var line })
            {
                return new TerminalLetter.Unfinished();
            }
            LetterInput typed = line.Trim() == TerminalPrompts.Cancel ? new LetterInput.Cancel() : new LetterInput.Typed(line);
            turn = interview.Handle(turn.State, typed, Today());
        }
    }

    /// <summary>The answers of a letter written, or of one its filter found too few reports for, are kept for the next
    /// one at this terminal.</summary>
    private async Task<TerminalLetter> WriteAsync(LetterRequest request, CancellationToken ct)
    {
        var outcome = await writer.WriteAsync(request, ct);
        if (outcome is LetterOutcome.Drafted or LetterOutcome.TooFewReports)
        {
            await defaults.RememberAsync(Person, request.Fields);
        }
        if (outcome is not LetterOutcome.Drafted { Letter: var letter })
        {
            return new TerminalLetter.Refused(outcome);
        }
        return new TerminalLetter.Written(letter);
    }

    private DateOnly Today() => calendar.Today(time.GetUtcNow());
}
