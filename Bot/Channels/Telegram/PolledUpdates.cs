using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace CommunityBot.Channels.Telegram;

/// <summary>
/// What one <c>getUpdates</c> answer brought: the updates the poller did not know yet, built as the library builds them,
/// and how many the answer held in all. The offset stays at the lowest update still in hand, so every poll brings back
/// the updates in hand (six for each new one under load): those are recognised by their <c>update_id</c>, which Telegram
/// writes first, and skipped as bytes instead of being built into an <see cref="Update"/> each time they come again.
/// </summary>
internal sealed record PolledUpdates(IReadOnlyList<Update> New, int Count)
{
    /// <summary>Reads a whole answer, <c>{"ok":true,"result":[…]}</c>.</summary>
    /// <param name="known">Whether an update id is one the poller has in hand or has handled.</param>
    /// <exception cref="JsonException">The answer is not JSON, not ok, or has no list of updates.</exception>
    public static PolledUpdates Read(ReadOnlySpan<byte> answer, Func<int, bool> known)
    {
        var reader = new Utf8JsonReader(answer);
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
                reader.Read();
                polled = ReadUpdates(ref reader, answer, known);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return ok && polled is not null ? polled : throw new JsonException("The answer is not ok or holds no updates.");
    }

    private static PolledUpdates ReadUpdates(ref Utf8JsonReader reader, ReadOnlySpan<byte> answer, Func<int, bool> known)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("The result is not a list of updates.");
        }
        var fresh = new List<Update>();
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            count++;
            var start = reader;
            var id = FirstUpdateId(ref reader);
            reader = start;
            reader.Skip();
            if (id is { } seen && known(seen))
            {
                continue;
            }
            // New, or its update_id was not first (nothing Telegram does today): read whole, then recognised by its id. The
            // library's own options, so a new update is built exactly as its getUpdates builds it.
            var update = JsonSerializer.Deserialize<Update>(answer[(int)start.TokenStartIndex..(int)reader.BytesConsumed], JsonBotAPI.Options)
                ?? throw new JsonException("An update is null.");
            if (id is null && known(update.Id))
            {
                continue;
            }
            fresh.Add(update);
        }
        return new PolledUpdates(fresh, count);
    }

    /// <summary>The update's id when it is the object's first property; the reader is left somewhere inside the update.</summary>
    private static int? FirstUpdateId(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("An update is not a JSON object.");
        }
        return reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("update_id"u8)
            && reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var id)
                ? id
                : null;
    }
}
