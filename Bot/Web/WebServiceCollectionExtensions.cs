using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CommunityBot.Web;

internal static class WebServiceCollectionExtensions
{
    /// <summary>The web server (off unless <c>Web:Urls</c> is set) with <c>/healthz</c> and, when <c>Web:Metrics</c> is
    /// on, <c>/metrics</c>.</summary>
    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebOptions>()
            .BindConfiguration(WebOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebOptions>, WebOptionsValidator>());
        services.AddWebEndpoints<HealthEndpoint>();
        if (configuration.GetValue<bool>($"{WebOptions.Section}:{nameof(WebOptions.Metrics)}"))
        {
            services.AddWebEndpoints<MetricsEndpoint>();
        }
        services.TryAddSingleton<WebHostService>();
        services.AddHostedService(sp => sp.GetRequiredService<WebHostService>());
        return services;
    }

    /// <summary>The seam for a feature's endpoints (a webhook): they are mapped when the web server starts.</summary>
    public static IServiceCollection AddWebEndpoints<T>(this IServiceCollection services)
        where T : class, IWebEndpoints
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWebEndpoints, T>());
        return services;
    }
}
