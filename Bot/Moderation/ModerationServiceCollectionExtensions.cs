using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CommunityBot.Moderation;

internal static class ModerationServiceCollectionExtensions
{
    /// <summary>The moderators' audit log, statistics, chart and exports (with
    /// <see cref="Storage.StorageServiceCollectionExtensions.AddStorage"/>, which they need).</summary>
    public static IServiceCollection AddModeration(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuditLog>();
        services.TryAddSingleton<ReportReader>();
        services.TryAddSingleton<ReportStatistics>();
        services.TryAddSingleton<StatsChart>();
        services.TryAddSingleton<ReportExport>();
        services.TryAddSingleton<ExportScratch>();
        services.AddHostedService<ReportFactsService>();
        return services;
    }
}
