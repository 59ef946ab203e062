using System.Text;
using CommunityBot.Channels.Messenger;
using CommunityBot.Conversations;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Channels.Messenger;

public sealed class MessengerReadingAndRenderingTests
{
    private const string Page = "100000000000001";

    private static TextCatalog Texts { get; } = ShippedFlow.Load().Texts;

    private static System.Collections.Immutable.ImmutableArray<MessengerEvent> Read(string json) => MessengerEventReader.Read(Encoding.UTF8.GetBytes(json), Page);

    [Fact]
    public void ACommentsOnlyDeliveryEchoesReadsAndDeliveriesAreReadAsMetaMeansThem()
    {
        var events = Read("""
            {"object":"page","entry":[
              {"id":"100000000000001","time":1,"changes":[{"field":"group_feed","value":{"item":"comment","verb":"add","comment_id":"1_2","post_id":"1_1","from":{"id":"9"},"message":"hi"}}]},
              {"id":"100000000000001","time":2,"messaging":[
                {"sender":{"id":"100000000000001"},"recipient":{"id":"5"},"message":{"mid":"m_echo","text":"echo","is_echo":true}},
                {"sender":{"id":"5"},"recipient":{"id":"100000000000001"},"delivery":{"mids":["m_1"]}},
                {"sender":{"id":"5"},"recipient":{"id":"100000000000001"},"read":{"watermark":1}},
                {"sender":{"id":"5"},"recipient":{"id":"100000000000001"},"message":{"mid":"m_2","text":"1","quick_reply":{"payload":"abc:0"}}},
                {"sender":{"id":"5"},"recipient":{"id":"100000000000001"},"postback":{"title":"Get Started","payload":"GET_STARTED","referral":{"ref":"almaty-fb"}}},
                {"sender":{"id":"5"},"recipient":{"id":"100000000000001"},"referral":{"ref":"almaty-fb","source":"SHORTLINK"}},
                {"sender":{"id":"5"},"recipient":{"id":"100000000000001"},"reaction":{"reaction":"love","action":"react","mid":"m_3"}},
                {"sender":{"id":"5"},"recipient":{"id":"100000000000001"},"message":{"mid":"m_4","attachments":[{"type":"audio","payload":{"url":"x"}}]}}
              ]}]}
            """);

        Assert.Collection(events,
            e => Assert.Equal(new PageComment("change:1_2", "group_feed", "1_2", "1_1", "9", "hi"), e),
            e => Assert.Equal(new MemberMessage("mid:m_2", "5", "1", "abc:0", Attached.None), e),
            e => Assert.Equal(("5", "GET_STARTED", "almaty-fb"), e is MemberPostback p ? (p.Psid, p.Payload, p.Ref) : default),
            e => Assert.Equal("almaty-fb", Assert.IsType<MemberReferral>(e).Ref),
            e => Assert.IsType<MemberReaction>(e),
            e => Assert.Equal(Attached.Media, Assert.IsType<MemberMessage>(e).Attachment));
    }

    [Fact]
    public void AnythingButAPageDeliveryIsRefused()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => Read("""{"object":"user","entry":[]}"""));
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => Read("[1,2]"));
        Assert.Empty(Read("""{"object":"page"}"""));
    }

    [Fact]
    public void ShortChoicesAreQuickRepliesAndLongOnesANumberedList()
    {
        var yesNo = new Prompt("Ok?", [new PromptChoice("yes", "Да"), new PromptChoice("no", "Нет")], PromptKind.SingleChoice, CanGoBack: true, CanCancel: true);
        var rendered = Assert.Single(MessengerRenderer.Render("Ok?", yesNo, Texts, "ru"));
        Assert.Equal(["Да", "Нет", "‹ " + Texts.Get("ru", "nav.back"), "✕ " + Texts.Get("ru", "nav.cancel")], rendered.QuickReplies.Select(q => q.Title));

        var many = new Prompt("Which?", [.. Enumerable.Range(1, 20).Select(i => new PromptChoice("c" + i, "A rather long label number " + i))],
            PromptKind.SingleChoice, CanGoBack: true, CanCancel: true);
        var listed = Assert.Single(MessengerRenderer.Render("Which?", many, Texts, "ru"));
        Assert.Contains("20. A rather long label number 20", listed.Text);
        Assert.Equal(13, listed.QuickReplies.Length);
        Assert.Equal("11", listed.QuickReplies[10].Title);
        Assert.Equal(listed.QuickReplies[0].Payload[..listed.QuickReplies[0].Payload.IndexOf(':', StringComparison.Ordinal)] + ":x", listed.QuickReplies[^1].Payload);
    }

    [Fact]
    public void AShortReviewIsAButtonTemplateAndALongTextIsCutAt2000Characters()
    {
        var review = new Prompt("Check", [new PromptChoice("submit", "Send"), new PromptChoice("edit:a", "Edit")], PromptKind.Review, CanGoBack: false, CanCancel: true);
        var template = Assert.Single(MessengerRenderer.Render("Check", review, Texts, "en"));
        Assert.Equal(3, template.Buttons.Length);
        Assert.Empty(template.QuickReplies);

        var story = string.Join(" ", Enumerable.Repeat("слово", 900));
        var parts = MessengerRenderer.Render(story, review, Texts, "en");
        Assert.True(parts.Length >= 3);
        Assert.All(parts, p => Assert.True(p.Text.Length <= 2000));
        Assert.Equal(story.Replace(" ", "", StringComparison.Ordinal), string.Concat(parts.Select(p => p.Text)).Replace(" ", "", StringComparison.Ordinal)[..story.Replace(" ", "", StringComparison.Ordinal).Length]);
        Assert.All(parts.SkipLast(1), p => Assert.True(p.QuickReplies.IsEmpty && p.Buttons.IsEmpty));
        Assert.False(parts[^1].QuickReplies.IsEmpty && parts[^1].Buttons.IsEmpty);
    }

    [Theory]
    [InlineData("status 7K3Q-XM2P-4HNA-9TWE", "status")]
    [InlineData("Статус 7K3Q XM2P 4HNA 9TWE", "status")]
    [InlineData("/add 7K3Q-XM2P-4HNA-9TWE", "add")]
    [InlineData("отмена", "cancel")]
    [InlineData("Back", "back")]
    [InlineData("Артқа", "back")]
    [InlineData("Отменить", "cancel")]
    [InlineData("language en", "language")]
    public void KeywordsWorkWithAndWithoutASlash(string typed, string command) =>
        Assert.Equal(command, MessengerCommand.Parse(typed)?.Name);

    [Theory]
    [InlineData("Help me please, they refused methadone")]
    [InlineData("status of my friend is bad now")]
    [InlineData("назад в больницу не пустили")]
    public void AStoryThatBeginsWithAKeywordIsNotACommand(string typed) => Assert.Null(MessengerCommand.Parse(typed));
}
