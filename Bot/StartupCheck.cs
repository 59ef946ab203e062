using CommunityBot.Channels.Telegram.Groups;
using CommunityBot.Conversations;
using CommunityBot.Letters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CommunityBot;

/// <summary>
/// What every host checks before it does anything, the service, the terminal verbs and the tests' hosts alike: the
/// settings' validators, the flow with its texts and places, the letter templates and, with Telegram, the phrase
/// files. Registered as the first hosted service, so that the host resolves it (and with it the flow and the
/// templates) before any other starts; a problem stops start-up as a <see cref="ConfigurationException"/>.
/// </summary>
internal sealed class StartupCheck(FlowRunner flow, LetterTemplateCatalog letters) : IHostedService
{
    /// <summary>Starts <paramref name="host"/>; settings refused by their validators come out as a
    /// <see cref="SettingsException"/>, like every other problem of the configuration.</summary>
    public static async Task StartAsync(IHost host, CancellationToken cancellationToken = default)
    {
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception e) when (SettingsException.Of(e) is { } settings)
        {
            throw settings;
        }
        catch (Web.WebAddressInUseException)
        {
            // The web server could not listen after other hosted services had started: they are stopped
            // as on Ctrl-C, so that they end quietly rather than fail one by one as the host is torn down. (A problem
            // found while the services are built, before any starts, leaves nothing to stop.)
            await host.StopAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>Everything start-up checks, without starting anything (no database opened, no Telegram call):
    /// <c>Bot check-config</c>.</summary>
    /// <exception cref="ConfigurationException">The first problem found, with its message.</exception>
    public static void Run(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
        }
        catch (Exception e) when (SettingsException.Of(e) is { } settings)
        {
            throw settings;
        }
        services.GetRequiredService<FlowRunner>();
        services.GetRequiredService<LetterTemplateCatalog>();
        services.GetService<IncidentPhrases>();
    }

    // The work is done by resolving it: the constructor's arguments are the checks.
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = (flow, letters);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
