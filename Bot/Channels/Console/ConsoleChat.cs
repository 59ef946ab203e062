using System.Text;
using CommunityBot.Conversations;
using Microsoft.Extensions.Logging;

namespace CommunityBot.Channels.Console;

/// <summary>
/// The terminal channel: the same reporting conversation as in Telegram, as numbered choices and typed answers.
/// It reads lines until end of input, so it can be scripted by piping answers in; an unfinished report stays
/// stored as a draft for next time.
/// </summary>
internal sealed partial class ConsoleChat(ReportIntake intake, TextCatalog texts, ILogger<ConsoleChat> log)
{
    /// <summary>There is one person at a terminal; their drafts are told apart from other channels' by this key.</summary>
    private static readonly MemberKey Member = new("console", "local");

    public async Task RunAsync(TextReader input, TextWriter output, string language, CancellationToken cancellationToken)
    {
        language = texts.Has(language) ? language : texts.DefaultLanguage;
        var reply = await intake.GreetAsync(Member, language, "chat.welcome").ConfigureAwait(false);
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
        }
        await output.WriteLineAsync(texts.Get(language, "chat.bye")).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
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
