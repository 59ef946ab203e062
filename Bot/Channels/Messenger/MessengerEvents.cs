using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CommunityBot.Channels.Messenger;

/// <summary>One event of a webhook delivery. <see cref="Key"/> says which event it is, so that one delivered again
/// changes nothing: the message id where Meta gives one, else a hash of the event as delivered. It only ever becomes a
/// keyed marker; it is never logged. Between its 200 and its handling it is kept, as JSON and encrypted, in the inbox.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "event")]
[JsonDerivedType(typeof(MemberMessage), "message")]
[JsonDerivedType(typeof(MemberPostback), "postback")]
[JsonDerivedType(typeof(MemberReferral), "referral")]
[JsonDerivedType(typeof(MemberReaction), "reaction")]
[JsonDerivedType(typeof(MemberEdit), "edit")]
[JsonDerivedType(typeof(PageComment), "comment")]
internal abstract record MessengerEvent(string Key)
{
    /// <summary>What kind of event, for logs and counts: never an id.</summary>
    [JsonIgnore]
    public abstract string Kind { get; }
}

/// <summary>What a member sent that is not text: Messenger has no stickers as such beyond the like (the thumbs-up, which
/// says "ok" or "thanks"). (Kept in the inbox by number: a new kind goes at the end.)</summary>
internal enum Attached { None, Media, Other, Location, Like }

/// <param name="Psid">The member's Page-scoped id: only ever turned into a pseudonym, and used to answer.</param>
/// <param name="QuickReply">The payload of the quick reply pressed, if the text is one.</param>
/// <param name="ReplyTo">The id of the Page's message the member replied to (<c>reply_to.mid</c>), if they did.</param>
internal sealed record MemberMessage(string Key, string Psid, string? Text, string? QuickReply, Attached Attachment, string? ReplyTo = null) : MessengerEvent(Key)
{
    public override string Kind => "message";
}

/// <summary>A button of a template, an item of the persistent menu, or "Get Started" (with the m.me link's ref, if the
/// conversation began through one).</summary>
internal sealed record MemberPostback(string Key, string Psid, string Payload, string? Ref) : MessengerEvent(Key)
{
    public override string Kind => "postback";
}

/// <summary>A member already in conversation with the Page opened an m.me link with a ref.</summary>
internal sealed record MemberReferral(string Key, string Psid, string Ref) : MessengerEvent(Key)
{
    public override string Kind => "referral";
}

/// <summary>A reaction to one of the bot's messages.</summary>
internal sealed record MemberReaction(string Key, string Psid) : MessengerEvent(Key)
{
    public override string Kind => "reaction";
}

/// <summary>A member changed the text of a message sent earlier. The new text is not read: it answered a question
/// asked before, not the one open now, so the member is asked to send it again.</summary>
internal sealed record MemberEdit(string Key, string Psid) : MessengerEvent(Key)
{
    public override string Kind => "edit";
}

/// <summary>A new comment (or post) on the Page's posts (<c>feed</c>) or in the Page's own group (<c>group_feed</c>).
/// Its text is scored and dropped; the commenter's id only ever becomes a pseudonym.</summary>
/// <param name="ReplyTo">What a private reply goes to: the comment's id, or the post's for a post.</param>
/// <param name="Thread">The post the comment is under (for the per-post cool-down).</param>
internal sealed record PageComment(string Key, string Field, string ReplyTo, string Thread, string? AuthorId, string Text) : MessengerEvent(Key)
{
    public override string Kind => Field;
}

/// <summary>Reads a webhook delivery into its events, in the order they were written. Echoes of the Page's own messages, deliveries and
/// reads are left out: they ask nothing of the bot.</summary>
internal static class MessengerEventReader
{
    /// <summary>The like's sticker ids: small, medium and large.</summary>
    private static readonly HashSet<string> LikeStickers = new(["369239263222822", "369239343222814", "369239383222810"], StringComparer.Ordinal);

    /// <exception cref="JsonException">The body is not a webhook delivery.</exception>
    public static ImmutableArray<MessengerEvent> Read(ReadOnlySpan<byte> body, string pageId)
    {
        using var document = JsonDocument.Parse(body.ToArray());
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || Str(root, "object") is not ("page" or "group"))
        {
            throw new JsonException("Not a Page webhook delivery.");
        }
        var events = new List<(long Written, MessengerEvent Event)>();
        var written = 0L;
        foreach (var entry in Items(root, "entry"))
        {
            foreach (var item in Items(entry, "messaging"))
            {
                // One without a time (and a comment) stays after the event before it.
                written = Prop(item, "timestamp") is { ValueKind: JsonValueKind.Number } at && at.TryGetInt64(out var ms) ? ms : written;
                if (Messaging(item, pageId) is { } e)
                {
                    events.Add((written, e));
                }
            }
            foreach (var change in Items(entry, "changes"))
            {
                if (Change(change, pageId) is { } e)
                {
                    events.Add((written, e));
                }
            }
        }
        // Meta may batch a member's events out of order: they are handled in the order they were written (a stable
        // sort, so events of the same moment keep the order they came in).
        return [.. events.OrderBy(e => e.Written).Select(e => e.Event)];
    }

    private static MessengerEvent? Messaging(JsonElement item, string pageId)
    {
        if (item.ValueKind != JsonValueKind.Object || Str(Prop(item, "sender"), "id") is not { Length: > 0 } psid || psid == pageId)
        {
            return null;
        }
        var hash = Hash(item);
        if (Prop(item, "message") is { ValueKind: JsonValueKind.Object } message)
        {
            if (message.TryGetProperty("is_echo", out var echo) && echo.ValueKind == JsonValueKind.True)
            {
                return null;
            }
            var key = Str(message, "mid") is { Length: > 0 } mid ? "mid:" + mid : hash;
            var attachment = Attached.None;
            // The thumbs-up "like" is a sticker (sent with an image attachment of its own), in three sizes as the member held
            // the button; any other sticker is answered as a sticker.
            if (Str(message, "sticker_id") is { } sticker)
            {
                attachment = LikeStickers.Contains(sticker) ? Attached.Like : Attached.Other;
            }
            var text = Str(message, "text");
            foreach (var attached in Items(message, "attachments"))
            {
                var type = Str(attached, "type");
                if (type == "fallback" && text is not null)
                {
                    // The preview of a link in the text: the text, link and all, is what the member wrote.
                    continue;
                }
                var media = type is "image" or "audio" or "video" or "file";
                attachment = type == "location" || attachment == Attached.Location ? Attached.Location
                    : attachment is Attached.Like or Attached.Other ? attachment
                    : media ? Attached.Media : Attached.Other;
            }
            return new MemberMessage(key, psid, text, Str(Prop(message, "quick_reply"), "payload"), attachment,
                Str(Prop(message, "reply_to"), "mid"));
        }
        if (Prop(item, "postback") is { ValueKind: JsonValueKind.Object } postback)
        {
            return new MemberPostback(hash, psid, Str(postback, "payload") ?? "", Str(Prop(postback, "referral"), "ref"));
        }
        if (Prop(item, "message_edit") is { ValueKind: JsonValueKind.Object })
        {
            return new MemberEdit(hash, psid);
        }
        if (Str(Prop(item, "referral"), "ref") is { Length: > 0 } reference)
        {
            return new MemberReferral(hash, psid, reference);
        }
        if (Prop(item, "reaction") is { ValueKind: JsonValueKind.Object } reaction && Str(reaction, "action") != "unreact")
        {
            return new MemberReaction(hash, psid);
        }
        return null;
    }

    private static PageComment? Change(JsonElement change, string pageId)
    {
        if (Str(change, "field") is not ("feed" or "group_feed") || Prop(change, "value") is not { ValueKind: JsonValueKind.Object } value)
        {
            return null;
        }
        if (Str(value, "verb") != "add" || Str(value, "item") is not ("comment" or "post") || Str(value, "message") is not { Length: > 0 } text)
        {
            return null;
        }
        var author = Str(Prop(value, "from"), "id");
        if (author == pageId)
        {
            return null;
        }
        var post = Str(value, "post_id") ?? "";
        var replyTo = Str(value, "comment_id") ?? post;
        if (replyTo.Length == 0)
        {
            return null;
        }
        return new PageComment("change:" + replyTo, Str(change, "field") ?? "feed", replyTo, post.Length > 0 ? post : replyTo, author, text);
    }

    private static string Hash(JsonElement item) =>
        "hash:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(item.GetRawText())));

    private static JsonElement.ArrayEnumerator Items(JsonElement parent, string name) =>
        Prop(parent, name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : default;

    private static JsonElement? Prop(JsonElement? parent, string name) =>
        parent is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(name, out var value) ? value : null;

    private static string? Str(JsonElement? parent, string name) => Prop(parent, name) switch
    {
        { ValueKind: JsonValueKind.String } s => Text(s),
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        _ => null,
    };

    /// <summary>A string as sent. Meta escapes every character as <c>\uXXXX</c>, and a text cut in the middle of an
    /// emoji holds half of it (a lone surrogate), which <see cref="JsonElement.GetString"/> refuses: that half becomes
    /// U+FFFD, so the rest of the text and the delivery's other events are read.</summary>
    private static string? Text(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return Unescape(value.GetRawText());
        }
    }

    private static string Unescape(string quoted)
    {
        var text = new StringBuilder(quoted.Length);
        for (var i = 1; i < quoted.Length - 1; i++)
        {
            var c = quoted[i];
            if (c != '\\')
            {
                text.Append(c);
                continue;
            }
            c = quoted[++i];
            if (c == 'u')
            {
                text.Append((char)int.Parse(quoted.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 4;
                continue;
            }
            text.Append(c switch { 'b' => '\b', 'f' => '\f', 'n' => '\n', 'r' => '\r', 't' => '\t', _ => c });
        }
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                text[i] = '\uFFFD';
            }
        }
        return text.ToString();
    }
}
