using System.Collections.Immutable;
using Fluid;

namespace CommunityBot.Letters;

/// <summary>Whether a template writes about one report or about the figures of a filtered set.</summary>
internal enum LetterKind
{
    /// <summary>One report, named by its label.</summary>
    Single,

    /// <summary>Counts over the reports a filter covers.</summary>
    Aggregate,
}

/// <summary>A value the activist fills in (recipient, signatory, legal basis...), asked with <paramref name="Prompt"/>
/// in the template's language.</summary>
internal sealed record LetterField(string Name, string Prompt, bool Required);

/// <summary>The parts every letter has, in the order they are laid out.</summary>
internal enum LetterPart
{
    To,
    Date,
    Subject,
    Body,
    Signature,
}

/// <summary>One part of a template file, parsed.</summary>
/// <param name="FirstLine">The file's line number of the part's first line of text.</param>
internal sealed record TemplatePart(LetterPart Part, IFluidTemplate Template, string Source, int FirstLine);

/// <summary>An appeal-letter template in one language (file format: <c>Bot/Letters/Templates/README.md</c>).</summary>
/// <param name="Recipient">Who the letter is for, as the header says (for lists, not printed).</param>
/// <param name="Fields">Required fields first, each in the order the header lists it.</param>
/// <param name="Parts">In the order the file has them.</param>
/// <param name="Category">An aggregate template's own subject (take-home doses): the category it counts unless the
/// filter names another; null counts every category.</param>
internal sealed record LetterTemplate(
    string Id,
    string Language,
    string Title,
    string Recipient,
    LetterKind Kind,
    ImmutableArray<LetterField> Fields,
    string File,
    ImmutableArray<TemplatePart> Parts,
    string? Category = null)
{
    public IEnumerable<LetterField> RequiredFields => Fields.Where(each => each.Required);
}
