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
        services.TryAddSingleton<Database>();
        services.TryAddSingleton<PeriodKeys>();
        services.TryAddSingleton<IReportCodes, RandomReportCodes>();
        services.TryAddSingleton<ReportStore>();
        services.TryAddSingleton<ReportQueue>();
        services.TryAddSingleton<StatusChanges>();
        services.TryAddSingleton<FollowUpContacts>();
        services.TryAddSingleton(sp => DraftStore.NewCache(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<DraftStore>();
        services.TryAddSingleton<UpdateMarkers>();
        services.TryAddSingleton<Backups>();
        services.TryAddSingleton<BackupRestore>();
        services.AddHostedService<BackupSocketService>();
        return services;
    }
}
