using System.Text.Json.Nodes;

namespace CommunityBot.Tests.Support.FakeGraph;

/// <summary>A person writing to the Page: builds the webhook events Meta would deliver for what they do, delivers them
/// through the host, and reads what the bot sent back to them.</summary>
internal sealed class FakeMessengerMember(MessengerBotHost host, FakeGraphServer graph, string psid)
{
    private int _seen;

    public string Psid => psid;

    /// <summary>What the bot sent to this member since the last look.</summary>
    public IReadOnlyList<SentMessage> NewMessages()
    {
        var all = graph.SentTo(psid);
        var fresh = all.Skip(_seen).ToList();
        _seen = all.Count;
        return fresh;
    }

    /// <summary>The last message with choices the bot sent this member.</summary>
    public SentMessage LastQuestion => graph.SentTo(psid).Last(m => !m.QuickReplies.IsEmpty || !m.Buttons.IsEmpty);

    public string AllText => string.Join("\n\n", graph.SentTo(psid).Select(m => m.Text));

    public Task<IReadOnlyList<SentMessage>> TypeAsync(string text) => SendAsync(Message(new JsonObject { ["text"] = text }));

    /// <summary>Presses the quick reply (or template button) whose title is, or ends with, <paramref name="label"/>; for
    /// choices listed by number, the number of the line that names it.</summary>
    public Task<IReadOnlyList<SentMessage>> PressAsync(string label)
    {
        var question = LastQuestion;
        var (title, payload) = question.QuickReplies.Concat(question.Buttons).FirstOrDefault(q => q.Title.EndsWith(label, StringComparison.Ordinal));
        if (payload is null)
        {
            var line = question.Text.Split('\n').FirstOrDefault(l => l.Contains(". ", StringComparison.Ordinal) && l.EndsWith(label, StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"No choice '{label}' in: {question.Text}");
            var number = line[..line.IndexOf('.', StringComparison.Ordinal)];
            (title, payload) = question.QuickReplies.Concat(question.Buttons).First(q => q.Title == number);
        }
        return PressPayloadAsync(title, payload, question.Buttons.Any(b => b.Payload == payload));
    }

    /// <summary>Presses the first quick reply under the last question.</summary>
    public Task<IReadOnlyList<SentMessage>> PressFirstAsync()
    {
        var (title, payload) = LastQuestion.QuickReplies[0];
        return PressPayloadAsync(title, payload, button: false);
    }

    public Task<IReadOnlyList<SentMessage>> PressPayloadAsync(string title, string payload, bool button) => SendAsync(button
        ? Event(new JsonObject { ["postback"] = new JsonObject { ["title"] = title, ["payload"] = payload, ["mid"] = Mid() } })
        : Message(new JsonObject { ["text"] = title, ["quick_reply"] = new JsonObject { ["payload"] = payload } }));

    public Task<IReadOnlyList<SentMessage>> GetStartedAsync(string? reference = null)
    {
        var postback = new JsonObject { ["title"] = "Get Started", ["payload"] = "GET_STARTED" };
        if (reference is not null)
        {
            postback["referral"] = new JsonObject { ["ref"] = reference, ["source"] = "SHORTLINK", ["type"] = "OPEN_THREAD" };
        }
        return SendAsync(Event(new JsonObject { ["postback"] = postback }));
    }

    public Task<IReadOnlyList<SentMessage>> LikeAsync() => SendAsync(Message(new JsonObject
    {
        ["sticker_id"] = 369239263222822,
        ["attachments"] = new JsonArray(new JsonObject { ["type"] = "image", ["payload"] = new JsonObject { ["url"] = "https://example.invalid/like.png", ["sticker_id"] = 369239263222822 } }),
    }));

    /// <summary>A photo, with the words written with it when <paramref name="text"/> is given.</summary>
    public Task<IReadOnlyList<SentMessage>> SendPhotoAsync(string? text = null)
    {
        var message = new JsonObject
        {
            ["attachments"] = new JsonArray(new JsonObject { ["type"] = "image", ["payload"] = new JsonObject { ["url"] = "https://example.invalid/photo.jpg" } }),
        };
        if (text is not null)
        {
            message["text"] = text;
        }
        return SendAsync(Message(message));
    }

    public Task<IReadOnlyList<SentMessage>> SendFileAsync() => SendAsync(Message(new JsonObject
    {
        ["attachments"] = new JsonArray(new JsonObject { ["type"] = "file", ["payload"] = new JsonObject { ["url"] = "https://example.invalid/letter.pdf" } }),
    }));

    /// <summary>Changes the text of a message sent earlier, as Messenger lets a member do for 15 minutes.</summary>
    public Task<IReadOnlyList<SentMessage>> EditAsync(string text) => SendAsync(Event(new JsonObject
    {
        ["message_edit"] = new JsonObject { ["mid"] = Mid(), ["text"] = text, ["num_edit"] = 1 },
    }));

    public async Task<IReadOnlyList<SentMessage>> SendAsync(JsonObject messaging)
    {
        var status = await host.DeliverAsync([messaging]);
        if (status != 200)
        {
            throw new InvalidOperationException($"The webhook answered {status}.");
        }
        return NewMessages();
    }

    /// <summary>A message event as Meta delivers it (a fresh message id each time).</summary>
    public JsonObject Message(JsonObject message)
    {
        message["mid"] ??= Mid();
        return Event(new JsonObject { ["message"] = message });
    }

    public JsonObject Event(JsonObject body)
    {
        body["sender"] = new JsonObject { ["id"] = psid };
        body["recipient"] = new JsonObject { ["id"] = FakeGraphServer.PageId };
        body["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return body;
    }

    private static string Mid() => "m_" + Guid.NewGuid().ToString("N");
}
