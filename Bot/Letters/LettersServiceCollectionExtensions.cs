using CommunityBot.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CommunityBot.Letters;

internal static class LettersServiceCollectionExtensions
{
    /// <summary>Appeal letters: the template catalog (loaded and checked once; a broken template throws
    /// <see cref="LetterTemplateException"/> when it is first resolved), the writer, and remembered field answers.
    /// Needs the intake, storage and moderation features.</summary>
    public static IServiceCollection AddLetters(this IServiceCollection services)
    {
        services.AddOptions<LettersOptions>()
            .BindConfiguration(LettersOptions.Section)
            .Validate(o => o.DefaultsLifetime > TimeSpan.Zero, "Letters:DefaultsLifetime must be positive")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LetterRenderer>();
        services.TryAddSingleton(sp =>
        {
            var folder = sp.GetRequiredService<IOptions<LettersOptions>>().Value.TemplatesFolder;
            string[] folders = string.IsNullOrWhiteSpace(folder)
                ? [LetterTemplateCatalog.ShippedFolder]
                : [LetterTemplateCatalog.ShippedFolder, IntakeOptions.Resolve(folder)];
            return LetterTemplateCatalog.Load(folders, sp.GetRequiredService<FlowBundle>(), sp.GetRequiredService<LetterRenderer>());
        });
        services.TryAddSingleton<LetterWriter>();
        services.TryAddSingleton<LetterDefaults>();
        services.TryAddSingleton<Channels.Console.TerminalLetters>();
        services.AddHostedService<LetterDefaultsExpiryService>();
        return services;
    }
}
