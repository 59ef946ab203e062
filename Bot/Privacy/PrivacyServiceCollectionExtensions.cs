using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CommunityBot.Privacy;

internal static class PrivacyServiceCollectionExtensions
{
    /// <summary>Keys, field cipher and pseudonyms. Start-up fails with a message naming the setting
    /// when a key is missing, malformed, too short, its file is readable by others, or no passphrase
    /// opens a sealed key file. A plain key file is worth one warning in the log.</summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddOptions<PrivacyOptions>()
            .BindConfiguration(PrivacyOptions.Section)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PrivacyOptions>, PrivacyOptionsValidator>());
        services.TryAddSingleton(_ => PassphraseSources.Service());
        services.TryAddSingleton<KeyRingLoader>();
        services.TryAddSingleton(provider => provider.GetRequiredService<KeyRingLoader>().Load(provider.GetRequiredService<IOptions<PrivacyOptions>>().Value));
        services.TryAddSingleton<FieldCipher>();
        services.TryAddSingleton<Pseudonyms>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ActivityCounts>();
        services.AddHostedService<ActivityCountsService>();
        return services;
    }

    private sealed class PrivacyOptionsValidator(KeyRingLoader keys) : IValidateOptions<PrivacyOptions>
    {
        public ValidateOptionsResult Validate(string? name, PrivacyOptions options)
        {
            try
            {
                keys.Load(options);
                return ValidateOptionsResult.Success;
            }
            catch (InvalidOperationException e)
            {
                return ValidateOptionsResult.Fail(e.Message);
            }
        }
    }
}
