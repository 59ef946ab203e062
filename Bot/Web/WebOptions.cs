using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Options;

namespace CommunityBot.Web;

/// <summary>The service's own small web server: health, metrics, and later the webhooks. Off unless
/// <see cref="Urls"/> is set.</summary>
internal sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>Where to listen, e.g. <c>http://127.0.0.1:8080</c> (several separated by <c>;</c>). Empty: no web
    /// server at all.</summary>
    public string? Urls { get; set; }

    /// <summary>Listen on addresses other than loopback (in a container behind its own network; otherwise put a
    /// reverse proxy with TLS in front and keep this off).</summary>
    public bool AllowRemote { get; set; }

    /// <summary>Serve <c>/metrics</c> (Prometheus text, counts only).</summary>
    public bool Metrics { get; set; }

    /// <summary>The largest request body taken; larger ones are refused with 413. Meta sends every character beyond
    /// ASCII as a 6-byte <c>\uXXXX</c> and batches several members' events in one delivery: one member's 11,000
    /// Cyrillic characters already make 66 KB, so the default leaves ample room.</summary>
    [Range(1024, 10 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    public bool Enabled => !string.IsNullOrWhiteSpace(Urls);

    public IReadOnlyList<string> UrlList =>
        [.. (Urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}

/// <summary>Each address must be http(s) and, unless <see cref="WebOptions.AllowRemote"/>, loopback only.</summary>
internal sealed class WebOptionsValidator : IValidateOptions<WebOptions>
{
    public ValidateOptionsResult Validate(string? name, WebOptions options)
    {
        var problems = new List<string>();
        foreach (var url in options.UrlList)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                problems.Add($"Web:Urls: '{url}' is not an http:// or https:// address.");
            }
            else if (!options.AllowRemote && !IsLoopback(uri.Host))
            {
                problems.Add($"Web:Urls: '{url}' is not a loopback address. Listen on 127.0.0.1 behind a reverse proxy, " +
                    "or set Web:AllowRemote to true (in a container whose network only the proxy reaches).");
            }
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
