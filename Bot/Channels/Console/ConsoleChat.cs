using System.Collections.Immutable;
using CommunityBot.Conversations;
using CommunityBot.Letters;
using CommunityBot.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommunityBot.Channels.Console;

/// <summary>
/// The terminal channel: the same reporting conversation as in Telegram, as numbered choices and typed answers.
/// It reads lines until end of input, so it can be scripted by piping answers in; an unfinished report stays
/// stored as a draft for next time. After a report is submitted it offers to draft an appeal letter from it, so that a
/// newcomer sees the whole path, from a member's story to the letter an activist sends, in one session.
/// </summary>
internal sealed partial class ConsoleChat(
    ReportIntake intake,
    TextCatalog texts,
    LetterWriter letters,
    TerminalLetters terminalLetters,
    IOptions<StorageOptions> storage,
    IHostApplicationLifetime lifetime,
    ILogger<ConsoleChat> log)
{
    /// <summary>There is one person at a terminal; their drafts are told apart from other channels' by this key.</summary>
    private static readonly MemberKey Member = new(Reports.ReportChannel.Terminal, "local");

    /// <summary>Every this many empty lines in a row, a line on how to answer is shown above the prompt.</summary>
    private const int EmptyLinesBeforeHint = 3;

    public async Task RunAsync(TextReader input, TextWriter output, string language, CancellationToken cancellationToken)
    {
        language = texts.Has(language) ? language : texts.DefaultLanguage;
        // Ctrl-C and SIGTERM reach the host, which asks its application to stop: the chat ends then as at the end of
        // input, the draft stored and the member told so, where it had waited on for a line nobody would type.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        try
        {
            await ConverseAsync(input, output, language, stop.Token);
        }
        catch (StorageFailedException)
        {
            // Nothing more can be stored: each line typed on would be refused in turn and lost. The member is told plainly
            // what is kept, and the program stops (the verb says why to whoever runs it).
            await output.WriteLineAsync(Environment.NewLine + texts.Get(language, "error.storage_terminal"));
            await output.FlushAsync(CancellationToken.None);
            throw;
        }
    }

    private async Task ConverseAsync(TextReader input, TextWriter output, string language, CancellationToken cancellationToken)
    {
        var reply = await intake.GreetAsync(Member, language, "chat.welcome_console");
        if (reply.Prompts is [{ Kind: PromptKind.Notice }])
        {
            // Nothing to resume: whoever opens the terminal came to report, so the interview starts at once.
            language = Render(reply, output);
            reply = await intake.HandleAsync(Member, language, new MemberCommand(CommandNames.Report, ""));
        }
        language = Render(reply, output);

        var emptyLines = 0;
        TerminalLine? handedBack = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            if ((handedBack ?? await TerminalInput.ReadAsync(input, cancellationToken)) is not { Text: var line, Unreadable: var unreadable })
            {
                break;
            }
            handedBack = null;
            if (line.Trim().Length == 0 && !unreadable)
            {
                // Enter alone answers nothing, but silence would look like the program hung: the prompt comes again, and
                // after a few a word on how to answer.
                if (++emptyLines % EmptyLinesBeforeHint == 0)
                {
                    await output.WriteLineAsync(texts.Get(language, "chat.empty_lines"));
                }
                await output.WriteAsync("> ");
                await output.FlushAsync(CancellationToken.None);
                continue;
            }
            emptyLines = 0;
            try
            {
                reply = unreadable
                    ? Above(await intake.HandleAsync(Member, language, new RepeatRequested()), "chat.unreadable")
                    : (MemberCommand.Parse(line) ?? TypedCommands.WithCode(line) ?? HelpAsked(line)) switch
                    {
                        { Name: CommandNames.Forget } => await ForgetAsync(language),
                        { } command => await intake.HandleAsync(Member, language, command),
                        null => await intake.HandleAsync(Member, language, new TextEntered(line)),
                    };
            }
#pragma warning disable CA1031 // One catch-all per input: the member is told, the stored draft is left as it was.
            catch (Exception ex) when (ex is not StorageFailedException)
#pragma warning restore CA1031
            {
                LogInputFailed(log, ex);
                reply = new IntakeReply([Prompt.Notice(texts.Get(language, "error.generic"))], language);
            }
            language = Render(reply, output);
            if (reply.SubmittedLabel is not { } label)
            {
                continue;
            }
            // The receipt stands on the screen with the whole conversation above it; only the member can clear that.
            await output.WriteLineAsync(Environment.NewLine + texts.Get(language, "receipt.terminal_hint"));
            var offer = await OfferLetterAsync(input, output, language, label, cancellationToken);
            if (offer.InputEnded)
            {
                break;
            }
            handedBack = offer.NotAnAnswer;
        }
        if (reply.Prompts is [.., { Kind: not PromptKind.Notice }])
        {
            // The input ended at a question: the goodbye goes below its prompt, and the answers so far are a stored draft,
            // which the member should not think lost. Before the first answer there is none to speak of: "your answers are
            // kept" would tell someone who only looked that something of theirs was stored.
            await output.WriteLineAsync();
            if (await intake.DraftHoldsAnswersAsync(Member))
            {
                await output.WriteLineAsync(texts.Get(language, "chat.draft_kept"));
            }
        }
        await output.WriteLineAsync(texts.Get(language, "chat.bye"));
        await output.FlushAsync(CancellationToken.None);
    }

    /// <summary>"help", "помощь" or "?" typed alone is how a member who does not know what to type asks, without a slash:
    /// it had been answered "pick one of the options", which does not say how.</summary>
    private static MemberCommand? HelpAsked(string line) => CommandWords.AsksHelp(line) ? new MemberCommand(CommandNames.Help, "") : null;

    /// <summary>/forget at the terminal: the unfinished draft goes; the screen is the terminal's, which the member is
    /// told to close or clear (there is no chat here for the bot to delete).</summary>
    private async Task<IntakeReply> ForgetAsync(string language)
    {
        var cancelled = await intake.ForgetAsync(Member, language);
        return new IntakeReply([Prompt.Notice(texts.Get(cancelled.Language, "forget.terminal"))], cancelled.Language);
    }

    /// <summary>Offers a letter about the report just submitted, when its member agreed to its use in appeals; on yes,
    /// runs the letter interview (which single-report template, the fields not remembered), prints the letter and writes
    /// the .docx into the data folder.</summary>
    private async Task<LetterOfferEnd> OfferLetterAsync(TextReader input, TextWriter output, string language, string label, CancellationToken ct)
    {
        var templates = letters.Templates(language, LetterKind.Single);
        // Without the member's consent to its use in appeals the report only counts among many: no letter of its own.
        if (templates.IsEmpty || await letters.RefusalAsync(label) is not null)
        {
            return LetterOfferEnd.Answered;
        }
        var offer = new Prompt(texts.Get(language, "letters.chat.offer"),
            [new PromptChoice(ChoiceIds.Yes, texts.Get(language, "yesno.yes")), new PromptChoice(ChoiceIds.No, texts.Get(language, "yesno.no"))],
            PromptKind.SingleChoice, CanGoBack: false, CanCancel: false);
        output.Write(Format(offer, language));
        await output.FlushAsync(CancellationToken.None);
        var typed = await TerminalInput.ReadAsync(input, ct);
        while (typed is { Text: var blank, Unreadable: false } && blank.Trim().Length == 0)
        {
            // Enter alone answers nothing, here as at every question.
            await output.WriteAsync("> ");
            await output.FlushAsync(CancellationToken.None);
            typed = await TerminalInput.ReadAsync(input, ct);
        }
        if (typed is null)
        {
            // The goodbye goes below the offer's prompt, not on its line.
            await output.WriteLineAsync();
            return LetterOfferEnd.EndOfInput;
        }
        // The offer never stands between a member and what they type next: anything but a yes is a no, and what answers
        // neither ("I forgot to say: ...", a command) is read as if typed after the receipt, not lost.
        // "lf" or "ytn", a yes or no typed on the other keyboard layout, is read as the report interview reads it.
        var answer = typed.Unreadable ? null : TypedChoice.Match(offer, typed.Text, texts) ?? TypedChoice.MatchFirstWord(offer, typed.Text, texts)
            ?? (TypedChoice.Reread(offer, typed.Text, texts) as Misread.Choice)?.Id;
        if (answer != ChoiceIds.Yes)
        {
            await output.WriteLineAsync(texts.Get(language, "letters.chat.skipped"));
            return answer == ChoiceIds.No ? LetterOfferEnd.Answered : new LetterOfferEnd(InputEnded: false, NotAnAnswer: typed);
        }
        var outcome = await terminalLetters.RunAsync(input, output, language, templates, new OneReport(label), template: null,
            ImmutableDictionary<string, string>.Empty, ct);
        if (outcome is TerminalLetter.Unfinished)
        {
            // Nothing of an unfinished letter is kept: whoever typed its answers is told so, and that the report stands.
            await output.WriteLineAsync(Environment.NewLine + texts.Get(language, "letters.chat.unfinished"));
            return LetterOfferEnd.EndOfInput;
        }
        if (outcome is TerminalLetter.Cancelled)
        {
            await output.WriteLineAsync(texts.Get(language, "letters.tg.cancelled"));
        }
        else if (outcome is TerminalLetter.Written { Letter: var letter })
        {
            var folder = Path.Combine(storage.Value.DataDirectory, "letters");
            Directory.CreateDirectory(folder);
            var path = Path.GetFullPath(Path.Combine(folder, letter.FileName));
            await Privacy.OwnerOnlyFiles.WriteAsync(path, letter.Docx, ct);
            await output.WriteAsync(Environment.NewLine + texts.Get(language, "letters.chat.preview") + Environment.NewLine + Environment.NewLine
                + letter.PlainText + Environment.NewLine);
            var shown = ShownPath.Of(path, storage.Value.DataDirectory, Environment.CurrentDirectory);
            await output.WriteLineAsync(texts.Get(language, shown.Place == ShownPlace.CurrentFolder ? "letters.chat.written" : "letters.chat.written_data",
                ("path", shown.Path)));
        }
        return LetterOfferEnd.Answered;
    }

    /// <summary>How the letter offer ended: with the input, or answered; or with a line that answered it neither yes nor
    /// no, handed back to be read as typed after the receipt.</summary>
    private sealed record LetterOfferEnd(bool InputEnded, TerminalLine? NotAnAnswer = null)
    {
        public static readonly LetterOfferEnd Answered = new(InputEnded: false);

        public static readonly LetterOfferEnd EndOfInput = new(InputEnded: true);
    }

    private string Render(IntakeReply reply, TextWriter output)
    {
        foreach (var prompt in reply.Prompts)
        {
            output.Write(Format(prompt, reply.Language));
        }
        output.Flush();
        return reply.Language;
    }

    private IntakeReply Above(IntakeReply reply, string key) =>
        reply with { Prompts = [Prompt.Notice(texts.Get(reply.Language, key)), .. reply.Prompts] };

    private string Format(Prompt prompt, string language) => TerminalPrompts.Format(texts, prompt, language);

    [LoggerMessage(Level = LogLevel.Error, Message = "Terminal input failed")]
    private static partial void LogInputFailed(ILogger logger, Exception exception);
}
