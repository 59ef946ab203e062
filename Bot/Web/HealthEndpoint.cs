using System.Text.Json;
using System.Text.Json.Serialization;
using CommunityBot.Operations;
using CommunityBot.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CommunityBot.Web;

/// <summary>
/// <c>GET /healthz</c>: 200 when Telegram's getUpdates came back lately and the database takes a write through its
/// gate, else 503. The body is a few booleans and ages in whole seconds; nothing in it names a member, a chat or the bot.
/// </summary>
internal sealed class HealthEndpoint(ServiceVitals vitals, Database database) : IWebEndpoints
{
    public const string Path = "/healthz";

    /// <summary>A poll waits up to 30 s for updates and a failed one is tried again within a minute: longer than this
    /// without one coming back means polling has stopped.</summary>
    public static readonly TimeSpan PollingStaleAfter = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan WritePatience = TimeSpan.FromSeconds(5);

    public void Map(IEndpointRouteBuilder endpoints) => endpoints.MapGet(Path, CheckAsync);

    private async Task<IResult> CheckAsync()
    {
        var sinceLastPoll = vitals.SinceLastPoll;
        var sinceContact = vitals.SinceLastContact;
        var polling = sinceLastPoll < PollingStaleAfter;
        var writable = await database.TakesWritesAsync(WritePatience);
        var health = new Health(
            Healthy: polling && writable,
            Polling: polling,
            Database: writable,
            Telegram: sinceContact < PollingStaleAfter,
            SecondsSinceLastPoll: WholeSeconds(sinceLastPoll),
            SecondsSinceTelegramContact: WholeSeconds(sinceContact));
        return Results.Json(health, HealthJson.Default.Health,
            statusCode: health.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static long? WholeSeconds(TimeSpan? age) => age is { } known ? (long)Math.Max(0, known.TotalSeconds) : null;
}

internal sealed record Health(
    bool Healthy,
    bool Polling,
    bool Database,
    bool Telegram,
    long? SecondsSinceLastPoll,
    long? SecondsSinceTelegramContact);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Health))]
internal sealed partial class HealthJson : JsonSerializerContext;
