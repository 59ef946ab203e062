using System.Text.Json;
using System.Text.Json.Serialization;

namespace CommunityBot.Conversations;

/// <summary>A conversation state as UTF-8 JSON, for the draft store (which encrypts it whole).</summary>
internal static class StateCodec
{
    public static byte[] Encode(ConversationState state) =>
        JsonSerializer.SerializeToUtf8Bytes(state, StateJsonContext.Default.ConversationState);

    /// <exception cref="JsonException">The bytes are not a state this version understands.</exception>
    public static ConversationState Decode(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, StateJsonContext.Default.ConversationState)
            ?? throw new JsonException("A stored conversation state is empty.");
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(ConversationState))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
