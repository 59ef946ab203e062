using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommunityBot.Moderation;

internal static class ModerationServiceCollectionExtensions
{
    /// <summary>The moderators' audit log (with <see cref="Storage.StorageServiceCollectionExtensions.AddStorage"/>,
    /// which it needs).</summary>
    public static IServiceCollection AddModeration(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuditLog>();
        return services;
    }
}
