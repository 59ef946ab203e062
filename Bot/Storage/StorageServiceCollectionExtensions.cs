using CommunityBot.Conversations;
using CommunityBot.Privacy;
using CommunityBot.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommunityBot.Storage;

internal static class StorageServiceCollectionExtensions
{
    /// <summary>The database, its gate, and the stores on top of it (with <see cref="PrivacyServiceCollectionExtensions.AddPrivacy"/>,
    /// which they need).</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddPrivacy();
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddCalendar();
        services.TryAddSingleton<Operations.ServiceVitals>();
        services.AddSingleton<Database>();
        services.AddSingleton<PeriodKeys>();
        services.AddSingleton<IReportCodes, RandomReportCodes>();
        services.AddSingleton<ReportStore>();
        services.AddSingleton<ReportQueue>();
        services.AddSingleton<StatusChanges>();
        services.AddSingleton<FollowUpContacts>();
        services.AddSingleton(sp => new DraftCache(DraftStore.CacheCapacity, DraftStore.CacheIdleLimit, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<DraftStore>();
        services.AddSingleton<UpdateMarkers>();
        services.AddSingleton<Backups>();
        services.AddSingleton<BackupRestore>();
        services.AddHostedService<BackupSocketService>();
        return services;
    }
}
