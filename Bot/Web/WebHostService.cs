using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommunityBot.Web;

/// <summary>
/// Kestrel, started and stopped with the bot's host and serving only what <see cref="IWebEndpoints"/> map: no static
/// files, no fallback (an unknown path is 404), request bodies capped. Its logs go to the bot's own logger, where
/// ASP.NET Core's request lines stay below the level written (a webhook's path may one day hold a secret).
/// </summary>
internal sealed class WebHostService(IOptions<WebOptions> options, IEnumerable<IWebEndpoints> endpoints, ILoggerFactory logs) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The addresses listened on, once started (a port 0 in the settings shows here as the port taken).</summary>
    public IReadOnlyList<Uri> Addresses => _app is null ? [] : [.. _app.Urls.Select(url => new Uri(url))];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.Replace(ServiceDescriptor.Singleton(logs));
        builder.WebHost.UseUrls([.. settings.UrlList]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = settings.MaxRequestBodyBytes;
        });
        var app = builder.Build();
        foreach (var feature in endpoints)
        {
            feature.Map(app);
        }
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e) when (e.InnerException is AddressInUseException)
        {
            await app.DisposeAsync();
            throw new WebAddressInUseException(settings.UrlList.FirstOrDefault(url => e.Message.Contains(url, StringComparison.OrdinalIgnoreCase)) ?? settings.Urls ?? "", e);
        }
        _app = app;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            await app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.DisposeAsync();
        }
    }
}

/// <summary>Another program listens on an address of <c>Web:Urls</c>: said in one line, like every other setting the
/// service cannot run with.</summary>
internal sealed class WebAddressInUseException(string url, Exception inner) : ConfigurationException(
    $"The web server cannot listen on {url} ({WebOptions.Section}:{nameof(WebOptions.Urls)}): the address is already in use by another program. " +
    "Stop that program or choose another port.", inner);
