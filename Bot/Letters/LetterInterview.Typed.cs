using CommunityBot.Conversations;

namespace CommunityBot.Letters;

/// <summary>Answers typed in the letter interview, read by the report interview's rules: whoever drafts a letter types
/// as members do, on a phone, on the wrong keyboard, without slashes.</summary>
internal sealed partial class LetterInterview
{
    /// <summary>What a typed text says at this question: a choice by its number, its label or its first words ("прошлый
    /// месяц", "send"); "/cancel", "отмена", "/back", "назад", "/help", "помощь", "?" or "стоп" typed alone, which are never an
    /// answer (a recipient's name, a report label); then, at a question with choices, what it says typed on the other
    /// keyboard layout or written in Latin letters ("lf" for да, "jnvtyf" for отмена, "otpravit";
    /// <see cref="TypedChoice.Reread"/>). Anything else is the text as typed: at a question that takes words, the answer.</summary>
    private LetterInput Read(Prompt asked, string text)
    {
        if (asked.Kind != PromptKind.Text && TypedChoice.Match(asked, text, flow.Texts, byBeginning: true) is { } id)
        {
            return new LetterInput.Chose(id);
        }
        if (Steering(text) is { } command)
        {
            return Steer(command);
        }
        // Words typed where words are asked stay as typed, as the report interview keeps a member's own.
        return asked.Kind == PromptKind.Text ? new LetterInput.Typed(text) : TypedChoice.Reread(asked, text, flow.Texts) switch
        {
            Misread.Choice { Id: var meant } => new LetterInput.Chose(meant),
            Misread.Command { Name: var name } => Steer(name),
            Misread.Stop => new LetterInput.Help(),
            _ => new LetterInput.Typed(text),
        };
    }

    /// <summary>The command a text typed alone names, with or without its slash, when it is cancel, back or help. "стоп",
    /// "хватит" or "exit" is answered as help, which says how to cancel: a letter keeps no draft to pause with.</summary>
    private static string? Steering(string text) =>
        (MemberCommand.Parse(text) is { Argument: "" } command ? command.Name
            : CommandWords.AsksHelp(text) || CommandWords.IsStop(text) ? CommandNames.Help
            : CommandWords.Named(text)) is (CommandNames.Cancel or CommandNames.Back or CommandNames.Help) and var name
            ? name
            : null;

    private static LetterInput Steer(string command) => command switch
    {
        CommandNames.Cancel => new LetterInput.Cancel(),
        CommandNames.Back => new LetterInput.Back(),
        _ => new LetterInput.Help(),
    };
}
