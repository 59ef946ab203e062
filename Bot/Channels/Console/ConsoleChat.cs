using System.Text;
using CommunityBot.Conversations;
using CommunityBot.Letters;
using CommunityBot.Storage;
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
    IOptions<StorageOptions> storage,
    ILogger<ConsoleChat> log)
{
    /// <summary>There is one person at a terminal; their drafts are told apart from other channels' by this key.</summary>
    private static readonly MemberKey Member = new("console", "local");

    public async Task RunAsync(TextReader input, TextWriter output, string language, CancellationToken cancellationToken)
    {
        language = texts.Has(language) ? language : texts.DefaultLanguage;
        var reply = await intake.GreetAsync(Member, language, "chat.welcome_console").ConfigureAwait(false);
        if (reply.Prompts is [{ Kind: PromptKind.Notice }])
        {
            // Nothing to resume: whoever opens the terminal came to report, so the interview starts at once.
            language = Render(reply, output);
            reply = await intake.HandleAsync(Member, language, new MemberCommand(CommandNames.Report, "")).ConfigureAwait(false);
        }
        language = Render(reply, output);

        while (!cancellationToken.IsCancellationRequested)
        {
            var line = await input.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null)
            {
                break;
            }
            if (line.Trim().Length == 0)
            {
                continue;
            }
            try
            {
                reply = MemberCommand.Parse(line) is { } command
                    ? await intake.HandleAsync(Member, language, command).ConfigureAwait(false)
                    : await intake.HandleAsync(Member, language, new TextEntered(line)).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // One catch-all per input: the member is told, the stored draft is left as it was.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogInputFailed(log, ex);
                reply = new IntakeReply([Prompt.Notice(texts.Get(language, "error.generic"))], language);
            }
            language = Render(reply, output);
            if (reply.SubmittedLabel is { } label && !await OfferLetterAsync(input, output, language, label, cancellationToken).ConfigureAwait(false))
            {
                break;
            }
        }
        await output.WriteLineAsync(texts.Get(language, "chat.bye")).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Offers a letter about the report just submitted, when its member agreed to its use in appeals; on yes, asks which single-report template and its
    /// required fields, prints the letter and writes the .docx into the data folder.</summary>
    /// <returns>False when the input ended.</returns>
    private async Task<bool> OfferLetterAsync(TextReader input, TextWriter output, string language, string label, CancellationToken ct)
    {
        var templates = letters.Templates(language, LetterKind.Single);
        // Without the member's consent to its use in appeals the report only counts among many: no letter of its own.
        if (templates.IsEmpty || await letters.RefusalAsync(label).ConfigureAwait(false) is not null)
        {
            return true;
        }
        var offer = new Prompt(texts.Get(language, "letters.chat.offer"),
            [new PromptChoice(ChoiceIds.Yes, texts.Get(language, "yesno.yes")), new PromptChoice(ChoiceIds.No, texts.Get(language, "yesno.no"))],
            PromptKind.SingleChoice, CanGoBack: false, CanCancel: false);
        output.Write(Format(offer, language));
        await output.FlushAsync(ct).ConfigureAwait(false);
        var yes = await input.ReadLineAsync(ct).ConfigureAwait(false);
        if (yes is null)
        {
            return false;
        }
        // Anything but "yes" is a no: the offer never stands between a member and what they type next.
        if (TypedChoice.Match(offer, yes) != ChoiceIds.Yes)
        {
            await output.WriteLineAsync(texts.Get(language, "letters.chat.skipped")).ConfigureAwait(false);
            return true;
        }
        var pick = new Prompt(texts.Get(language, "letters.chat.pick"),
            [.. templates.Select(template => new PromptChoice(template.Id, template.Title))],
            PromptKind.SingleChoice, CanGoBack: false, CanCancel: false);
        if (await ChooseAsync(input, output, pick, language, ct).ConfigureAwait(false) is not { } picked)
        {
            return false;
        }
        var template = templates[picked - 1];
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in template.RequiredFields)
        {
            var question = new Prompt(field.Prompt, [], PromptKind.Text, CanGoBack: false, CanCancel: false);
            string? answer = null;
            while (string.IsNullOrWhiteSpace(answer))
            {
                output.Write(Format(question, language));
                await output.FlushAsync(ct).ConfigureAwait(false);
                answer = await input.ReadLineAsync(ct).ConfigureAwait(false);
                if (answer is null)
                {
                    return false;
                }
            }
            answers[field.Name] = answer.Trim();
        }

        var outcome = await letters.WriteAsync(new LetterRequest(template.Id, language, new OneReport(label), answers), ct).ConfigureAwait(false);
        if (outcome is LetterOutcome.Drafted { Letter: var letter })
        {
            var folder = Path.Combine(storage.Value.DataDirectory, "letters");
            Directory.CreateDirectory(folder);
            var path = Path.GetFullPath(Path.Combine(folder, letter.FileName));
            await Privacy.OwnerOnlyFiles.WriteAsync(path, letter.Docx, ct).ConfigureAwait(false);
            await output.WriteAsync(Environment.NewLine + texts.Get(language, "letters.chat.preview") + Environment.NewLine + Environment.NewLine
                + letter.PlainText + Environment.NewLine).ConfigureAwait(false);
            await output.WriteLineAsync(texts.Get(language, "letters.chat.written", ("path", path))).ConfigureAwait(false);
        }
        return true;
    }

    /// <summary>Asks until a choice is typed (its number or its label); its number, or null when the input ends.</summary>
    private async Task<int?> ChooseAsync(TextReader input, TextWriter output, Prompt prompt, string language, CancellationToken ct)
    {
        while (true)
        {
            output.Write(Format(prompt, language));
            await output.FlushAsync(ct).ConfigureAwait(false);
            var line = await input.ReadLineAsync(ct).ConfigureAwait(false);
            if (line is null)
            {
                return null;
            }
            if (TypedChoice.Match(prompt, line) is { } id)
            {
                return prompt.Choices.Select(c => c.Id).ToList().IndexOf(id) + 1;
            }
            await output.WriteLineAsync(texts.Get(language, "error.choice.unknown")).ConfigureAwait(false);
        }
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

    internal string Format(Prompt prompt, string language)
    {
        var text = new StringBuilder();
        text.AppendLine().AppendLine(prompt.Text);
        for (var i = 0; i < prompt.Choices.Length; i++)
        {
            var choice = prompt.Choices[i];
            var tick = prompt.Kind == PromptKind.MultipleChoice && choice.Id != ChoiceIds.Done
                ? (choice.Selected ? "[x] " : "[ ] ")
                : "";
            text.Append("  ").Append(i + 1).Append(". ").Append(tick).AppendLine(choice.Label);
        }
        var hint = prompt.Kind switch
        {
            PromptKind.Notice => null,
            PromptKind.MultipleChoice => "chat.hint.multi",
            PromptKind.Text when !prompt.Choices.IsEmpty => "chat.hint.text_or_choice",
            PromptKind.Text => "chat.hint.text",
            _ => "chat.hint.choice",
        };
        if (hint is not null)
        {
            var navigation = new List<string>();
            if (prompt.CanGoBack)
            {
                navigation.Add("/back — " + texts.Get(language, "nav.back"));
            }
            if (prompt.CanCancel)
            {
                navigation.Add("/cancel — " + texts.Get(language, "nav.cancel"));
            }
            text.Append('(').Append(texts.Get(language, hint));
            if (navigation.Count > 0)
            {
                text.Append("; ").Append(string.Join(", ", navigation));
            }
            text.AppendLine(")").Append("> ");
        }
        return text.ToString();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Terminal input failed")]
    private static partial void LogInputFailed(ILogger logger, Exception exception);
}
