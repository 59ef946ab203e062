using System.Collections.Immutable;
using System.Text;

namespace CommunityBot.Letters;

/// <summary>A body paragraph; a list item was a line starting with <c>- </c> in the template.</summary>
internal sealed record LetterParagraph(string Text, bool IsListItem = false);

/// <summary>A rendered letter, laid out in its parts; the .docx and the text preview are both made from this.</summary>
internal sealed record LetterText(
    ImmutableArray<string> Addressee,
    string Date,
    string Subject,
    ImmutableArray<LetterParagraph> Body,
    ImmutableArray<string> Signature)
{
    public const string ListMark = "– ";

    /// <summary>The letter as plain text: the parts one after another, a blank line between paragraphs.</summary>
    public string ToPlainText()
    {
        var text = new StringBuilder();
        foreach (var line in Addressee)
        {
            text.Append(line).Append('\n');
        }
        text.Append('\n').Append(Date).Append("\n\n").Append(Subject).Append("\n\n");
        for (var i = 0; i < Body.Length; i++)
        {
            var paragraph = Body[i];
            if (i > 0)
            {
                // List items stay together; a paragraph is set off by a blank line.
                text.Append(paragraph.IsListItem && Body[i - 1].IsListItem ? "\n" : "\n\n");
            }
            text.Append(paragraph.IsListItem ? ListMark : "").Append(paragraph.Text);
        }
        text.Append("\n\n");
        foreach (var line in Signature)
        {
            text.Append(line).Append('\n');
        }
        return text.ToString();
    }
}
