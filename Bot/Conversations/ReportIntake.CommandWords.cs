namespace CommunityBot.Conversations;

/// <summary>Words typed after a command in the same message.</summary>
internal sealed partial class ReportIntake
{
    /// <summary>Whether the words after <paramref name="command"/> are not what the command reads: after /help, /cancel,
    /// /back or an unknown command, after /report when they are no story, after /start when they are typed words rather
    /// than a link's token, and after /language when they are a story rather than a language.</summary>
    private bool LeavesWords(MemberCommand command) => command.Name switch
    {
        // A story after /report or /start starts the report that keeps it (below).
        CommandNames.Report => !LooksLikeAStory(command.Argument),
        CommandNames.Start => !LooksLikeAStory(command.Argument) && command.Argument.Any(char.IsWhiteSpace),
        CommandNames.Language => LanguageCode(command.Argument) is null && LooksLikeAStory(command.Argument),
        CommandNames.Status or CommandNames.Add or CommandNames.Delete or CommandNames.Answer => false,
        _ => true,
    };

    /// <summary>"/help what do I do", "/cancel I want to start again", "/foo and then my story": the command is answered
    /// and the words are not lost with it. A story is read as if sent alone right after the command (it answers the
    /// question open then, or begins a report that keeps it). Fewer words are not taken for an answer (a region called
    /// "what do I do"): the member is told they were not kept, above the open question.</summary>
    private async Task<IntakeReply> WithWordsAfterAsync(MemberKey member, string language, MemberCommand command, string? community, string? marker, int? chatStart)
    {
        var words = command.Argument;
        if (!LooksLikeAStory(words))
        {
            var answered = await HandleAsync(member, language, command with { Argument = "" }, community, marker, chatStart);
            var notice = Notice(answered.Language, "chat.words_not_kept", ("command", "/" + command.Name));
            var question = 0;
            while (question < answered.Prompts.Length && answered.Prompts[question].Kind == PromptKind.Notice)
            {
                question++;
            }
            return answered with { Prompts = answered.Prompts.Insert(question, notice) };
        }
        // The update is marked handled only with the story's step: should the bot stop between the two, both come again.
        var first = await HandleAsync(member, language, command with { Argument = "" }, community, marker: null, chatStart);
        var kept = await HandleAsync(member, first.Language, new TextEntered(words), marker, chatStart);
        // The command's notices stay; the question it showed again is asked by the story's reply.
        return kept with { Prompts = [.. first.Prompts.Where(p => p.Kind == PromptKind.Notice), .. kept.Prompts] };
    }

    /// <summary>The language <paramref name="wanted"/> names, by its code ("en"), by its own name as members type it
    /// ("Русский", "қазақша", "казакша" on a Russian keyboard) or by its other names in the region's languages
    /// (<c>language.names</c>: "казахский", "қазақ тілі", "Kazakh", "на русском").</summary>
    private string? LanguageCode(string wanted)
    {
        var code = wanted.Trim().ToLowerInvariant();
        // Every text a member sends is asked whether it names a language: anything longer than a language's names is not
        // folded to find out.
        return texts.Has(code) ? code : wanted.Length <= TextCatalog.LanguageNameMaxLength ? texts.LanguageNamed(TypedChoice.Fold(wanted)) : null;
    }
}
