using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CommunityBot.Reports.Retention;

internal static class RetentionServiceCollectionExtensions
{
    /// <summary>The purge of old reports' content and its settings (with the storage feature, which it needs). The
    /// schedule (<see cref="RetentionService"/>) is the service's alone: <see cref="AddRetentionSchedule"/>.</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>());
        services.TryAddSingleton<ReportPurge>();
        return services;
    }

    public static IServiceCollection AddRetentionSchedule(this IServiceCollection services)
    {
        services.AddRetention();
        services.AddHostedService<RetentionService>();
        return services;
    }
}
