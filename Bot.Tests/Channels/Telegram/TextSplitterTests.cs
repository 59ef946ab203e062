using CommunityBot.Channels.Telegram;
using CsCheck;

namespace CommunityBot.Tests.Channels.Telegram;

public sealed class TextSplitterTests
{
    [Fact]
    public void AShortMessageIsLeftWhole()
    {
        Assert.Equal(["привет"], TextSplitter.Split("привет"));
    }

    [Fact]
    public void ALongMessageIsCutAtParagraphsAndEachPartFits()
    {
        var paragraph = string.Concat(Enumerable.Repeat("Слово за словом. ", 100)).Trim();
        var html = string.Join("\n\n", Enumerable.Repeat(paragraph, 6));

        var parts = TextSplitter.Split(html, 4096);

        Assert.True(parts.Count > 1);
        Assert.All(parts, p => Assert.True(TelegramHtml.VisibleLength(p) <= 4096));
        Assert.All(parts.SkipLast(1), p => Assert.EndsWith("словом.", p));
        Assert.Equal(html.Replace("\n", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal),
            string.Concat(parts).Replace("\n", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void TagsStayBalancedInEveryPart()
    {
        var html = "<b>" + TelegramHtml.Escape(string.Concat(Enumerable.Repeat("a<b & c ", 800))) + "</b>";

        var parts = TextSplitter.Split(html, 1000);

        Assert.True(parts.Count > 1);
        Assert.All(parts, p =>
        {
            Assert.StartsWith("<b>", p);
            Assert.EndsWith("</b>", p);
            Assert.True(TelegramHtml.VisibleLength(p) <= 1000);
            Assert.DoesNotContain("&am\n", p);
        });
    }

    [Fact]
    public void NoPartEndsInsideAnEntityOrASurrogatePair()
    {
        Gen.Select(Gen.Int[1, 400], Gen.Int[20, 200]).Sample((count, limit) =>
        {
            var html = TelegramHtml.Escape(string.Concat(Enumerable.Repeat("😀&<x>", count)));
            var parts = TextSplitter.Split(html, limit);
            foreach (var part in parts)
            {
                Assert.True(TelegramHtml.VisibleLength(part) <= limit);
                Assert.False(char.IsHighSurrogate(part[^1]));
                Assert.False(char.IsLowSurrogate(part[0]));
                Assert.Equal(part.Count(c => c == '&'), part.Split(';').Length - 1);
            }
            Assert.Equal(html, string.Concat(parts));
        }, iter: 200);
    }

    [Fact]
    public void EscapingKeepsMarkupCharactersAsText()
    {
        Assert.Equal("&lt;b&gt;1 &amp; 2&lt;/b&gt;", TelegramHtml.Escape("<b>1 & 2</b>"));
        Assert.Equal(8, TelegramHtml.VisibleLength(TelegramHtml.Escape("<b>1 & 2")));
    }
}
