using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace CommunityBot.Channels.Telegram;

/// <summary>
/// What one <c>getUpdates</c> answer brought: the updates the poller did not know yet, built as the library builds them,
/// and how many the answer held in all. The offset stays at the lowest update still in hand, so every poll brings back
/// the updates in hand (six for each new one under load): those are recognised by their <c>update_id</c>, which Telegram
/// writes first, and stepped over as bytes instead of being built into an <see cref="Update"/> each time they come again.
/// </summary>
/// <remarks>Stepping over an update looks only for its closing brace outside strings, byte by byte: three to five times
/// faster than a JSON reader's pass over its tokens (which a vectorised search for braces and quotes did not beat, JSON
/// being dense with short strings); the update was read and checked whole when it first came. Each new update, and one
/// whose id is not first, is read whole by the library's serializer, which checks it.</remarks>
/// <param name="Unreadable">How many of the new updates the library could not build (a field of a type it does not know,
/// or a required one a Bot API emulator left out): each comes as an empty update of its id, so that it is confirmed like
/// any other instead of failing every poll after it.</param>
internal sealed record PolledUpdates(IReadOnlyList<Update> New, int Count, int Unreadable = 0)
{
    /// <summary>Reads a whole answer, <c>{"ok":true,"result":[…]}</c>.</summary>
    /// <param name="known">Whether an update id is one the poller has in hand or has handled.</param>
    /// <exception cref="JsonException">The answer is not JSON, not ok, or has no list of updates.</exception>
    public static PolledUpdates Read(ReadOnlySpan<byte> answer, Func<int, bool> known)
    {
        var reader = new Utf8JsonReader(answer);
        var origin = 0;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("The answer is not a JSON object.");
        }
        var ok = false;
        PolledUpdates? polled = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("ok"u8))
            {
                reader.Read();
                ok = reader.TokenType == JsonTokenType.True;
            }
            else if (reader.ValueTextEquals("result"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                {
                    throw new JsonException("The result is not a list of updates.");
                }
                (polled, var end) = ReadUpdates(answer, origin + (int)reader.BytesConsumed, known);
                // The reader goes on from the list's closing bracket as if it had read the list itself.
                reader = new Utf8JsonReader(answer[end..], isFinalBlock: true, reader.CurrentState);
                origin = end;
                reader.Read();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return ok && polled is not null ? polled : throw new JsonException("The answer is not ok or holds no updates.");
    }

    /// <returns>The updates and where the list's closing bracket is.</returns>
    private static (PolledUpdates Polled, int End) ReadUpdates(ReadOnlySpan<byte> answer, int at, Func<int, bool> known)
    {
        var fresh = new List<Update>();
        var count = 0;
        var unreadable = 0;
        at = PastWhitespace(answer, at);
        while (answer[at] != ']')
        {
            var length = answer[at] == '{' ? ObjectLength(answer[at..]) : -1;
            if (length < 0)
            {
                throw new JsonException("An update is not a JSON object, or is cut off.");
            }
            var json = answer.Slice(at, length);
            count++;
            if (FirstUpdateId(json) is not { } id || !known(id))
            {
                // New, or its update_id is not first (nothing Telegram does today): read whole, then recognised by its id.
                // The library's own options, so a new update is built exactly as its getUpdates builds it.
                var update = ReadUpdate(json, out var unread) ?? throw new JsonException("An update is not one, or has no id.");
                if (unread)
                {
                    unreadable++;
                }
                if (!known(update.Id))
                {
                    fresh.Add(update);
                }
            }
            at = PastWhitespace(answer, at + length);
            if (answer[at] == ',')
            {
                at = PastWhitespace(answer, at + 1);
            }
            else if (answer[at] != ']')
            {
                throw new JsonException("Updates are not separated by commas.");
            }
        }
        return (new PolledUpdates(fresh, count, unreadable), at);
    }

    /// <summary>One update as the library builds it (its own options, as its getUpdates does), a chat of a type it does
    /// not know mended (<see cref="OddlyWrittenUpdates.Mend"/>); one it cannot build but whose id can be read
    /// (<paramref name="unreadable"/>) comes as the member's text it holds, when it is one in a private chat
    /// (<see cref="OddlyWrittenUpdates.Salvage"/>), else as an empty update of that id, so that it is confirmed like any
    /// other. Null when it is no update or has no id. For polled and posted updates alike.</summary>
    internal static Update? ReadUpdate(ReadOnlySpan<byte> json, out bool unreadable)
    {
        unreadable = false;
        try
        {
            return JsonSerializer.Deserialize<Update>(json, JsonBotAPI.Options) is { } update ? OddlyWrittenUpdates.Mend(update) : null;
        }
        catch (JsonException) when (UpdateIdOf(json) is { } id)
        {
            unreadable = true;
            return OddlyWrittenUpdates.Salvage(json, id) ?? new Update { Id = id };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The update's id wherever it stands among its properties; null when it has none a number.</summary>
    private static int? UpdateIdOf(ReadOnlySpan<byte> update)
    {
        var reader = new Utf8JsonReader(update);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("update_id"u8);
                reader.Read();
                if (isId)
                {
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var id) ? id : null;
                }
                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }
        return null;
    }

    /// <summary>The update's id when it is the object's first property.</summary>
    private static int? FirstUpdateId(ReadOnlySpan<byte> update)
    {
        var reader = new Utf8JsonReader(update);
        return reader.Read() && reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("update_id"u8)
            && reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var id)
                ? id
                : null;
    }

    /// <summary>The length of the JSON object the span starts with (at its opening brace), found by counting braces outside
    /// strings; -1 when it does not end within the span.</summary>
    internal static int ObjectLength(ReadOnlySpan<byte> json)
    {
        var depth = 0;
        var inString = false;
        for (var at = 0; at < json.Length; at++)
        {
            var c = json[at];
            if (inString)
            {
                if (c == '\\')
                {
                    // An escaped character (\" or \\ among them) is stepped over with its backslash.
                    at++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && --depth == 0)
            {
                return at + 1;
            }
        }
        return -1;
    }

    /// <exception cref="JsonException">The answer ends there.</exception>
    private static int PastWhitespace(ReadOnlySpan<byte> json, int at)
    {
        while (at < json.Length && json[at] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            at++;
        }
        return at < json.Length ? at : throw new JsonException("The answer is cut off.");
    }
}
