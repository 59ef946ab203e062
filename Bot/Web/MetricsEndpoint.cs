using CommunityBot.Operations;
using CommunityBot.Reports;
using Microsoft.AspNetCore.Routing;
using Prometheus;

namespace CommunityBot.Web;

/// <summary>
/// <c>GET /metrics</c> (when <c>Web:Metrics</c> is on): Prometheus text with totals only — updates, reports, cards
/// owed, sends, 429s, errors — and no labels, so nothing in it can name a member, a chat or a community. Its own
/// registry: none of prometheus-net's process or runtime collectors are added.
/// </summary>
internal sealed class MetricsEndpoint : IWebEndpoints
{
    public const string Path = "/metrics";

    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();

    public MetricsEndpoint(ServiceVitals vitals, ReportCards cards)
    {
        var factory = Metrics.WithCustomRegistry(_registry);
        var updates = factory.CreateCounter("communitybot_updates_total", "Updates taken from Telegram since start.");
        var reports = factory.CreateCounter("communitybot_reports_total", "Reports stored since start.");
        var sends = factory.CreateCounter("communitybot_sends_total", "Calls Telegram took (messages, edits, files, deletions) since start.");
        var tooMany = factory.CreateCounter("communitybot_telegram_429_total", "Answers of 429 (too many requests) from Telegram since start.");
        var errors = factory.CreateCounter("communitybot_errors_total", "Failed polls and sends given up since start.");
        var owed = factory.CreateGauge("communitybot_cards_owed", "Report cards not yet posted to the moderators.");
        _registry.AddBeforeCollectCallback(async _ =>
        {
            var counts = vitals.Counts();
            updates.IncTo(counts.Updates);
            reports.IncTo(counts.Reports);
            sends.IncTo(counts.Sends);
            tooMany.IncTo(counts.TooMany);
            errors.IncTo(counts.Errors);
            owed.Set(await cards.CountOwedAsync());
        });
    }

    public void Map(IEndpointRouteBuilder endpoints) => endpoints.MapMetrics(Path, _registry);
}
