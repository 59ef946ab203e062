using System.Text.Json;
using System.Text.Json.Serialization;
using CommunityBot.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CommunityBot.Web;

/// <summary>
/// <c>GET /healthz</c>: 200 when every channel the service runs is healthy (<see cref="IChannelHealth"/>: Telegram's
/// polls coming back, or its webhook set and delivering; Messenger's Page token taken) and the database takes a write
/// through its gate, else 503. The body is a few booleans, modes and ages in whole seconds; nothing in it names a
/// member, a chat or the bot.
/// </summary>
internal sealed class HealthEndpoint(IEnumerable<IChannelHealth> channels, Database database) : IWebEndpoints
{
    public const string Path = "/healthz";

    private static readonly TimeSpan WritePatience = TimeSpan.FromSeconds(5);

    public void Map(IEndpointRouteBuilder endpoints) => endpoints.MapGet(Path, CheckAsync);

    private async Task<IResult> CheckAsync()
    {
        var checks = channels.ToDictionary(c => c.Channel, c => c.Check(), StringComparer.Ordinal);
        var writable = await database.TakesWritesAsync(WritePatience);
        var health = new Health(
            Healthy: writable && checks.Values.All(c => c.Healthy),
            Database: writable,
            Channels: checks);
        return Results.Json(health, HealthJson.Default.Health,
            statusCode: health.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}

internal sealed record Health(bool Healthy, bool Database, IReadOnlyDictionary<string, ChannelHealth> Channels);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Health))]
internal sealed partial class HealthJson : JsonSerializerContext;
